package net.archway.appliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import net.archway.appliance.daemon.Daemon;
import net.archway.appliance.daemon.DaemonLogging;
import net.archway.appliance.lab.Lab;
import net.archway.appliance.schema.ArchwaySchema;
import net.archway.cli.ManagementPlane;
import net.archway.netlink.NetlinkException;

/**
 * The {@code archway} command: {@code java -jar appliance/target/archway.jar COMMAND}.
 * Exit status 0 on success, 1 on failure, 2 on a usage error.
 */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** Runs a command; a negative status means the command keeps running (the daemon). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return EXIT_USAGE;
        }
        try {
            switch (args[0]) {
                case "version":
                case "--version":
                    out.println("Archway " + version());
                    out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                            + "), " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"));
                    return EXIT_OK;
                case "help":
                case "--help":
                case "-h":
                    out.print(usage());
                    return EXIT_OK;
                case "check-config":
                    return checkConfig(args, out, err);
                case "run":
                    return runDaemon(args, err);
                case "cli":
                    return localCli(args, out, err);
                case "lab":
                    return Lab.command(List.of(args).subList(1, args.length), out, err);
                default:
                    err.println("archway: unknown command '" + args[0] + "'");
                    err.print(usage());
                    return EXIT_USAGE;
            }
        } catch (UsageException e) {
            err.println("archway " + args[0] + ": " + e.getMessage());
            err.print(usage());
            return EXIT_USAGE;
        }
    }

    /** A command line that cannot be run as written. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static String usage() {
        return """
                Usage: java -jar archway.jar COMMAND

                Commands:
                  run --config FILE --state-dir DIR [--netns NAME] [--ssh-host ADDRESS] [--ssh-port PORT]
                             run the router in the foreground; on first boot FILE becomes commit 0,
                             later the last committed configuration in DIR is used
                  cli [--state-dir DIR]
                             the CLI of the router running on this machine (DIR: /var/lib/archway), as
                             root with super-user rights, whatever [edit system login] says; needs read
                             access to DIR (root)
                  check-config FILE
                             check a configuration file offline (exit 0, or the errors and exit 1)
                  lab up|status|down
                             a two-router site-to-cloud lab in network namespaces
                  version    print Archway's version and the platform it runs on
                  --help     print this help
                """;
    }

    private static String option(String[] args, String name, boolean required) throws UsageException {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                return args[i + 1];
            }
        }
        if (required) {
            throw new UsageException(name + " is required");
        }
        return null;
    }

    private static void onlyOptions(String[] args, List<String> known) throws UsageException {
        for (int i = 1; i < args.length; i += 2) {
            if (!known.contains(args[i])) {
                throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
    }

    /** {@code archway cli [--state-dir DIR]}: the CLI of the daemon running on this box, as root. */
    private static int localCli(String[] args, PrintStream out, PrintStream err) throws UsageException {
        onlyOptions(args, List.of("--state-dir"));
        String state = option(args, "--state-dir", false);
        // the SSH client's own INFO lines are not for the person at the console
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
        try {
            return net.archway.cli.ssh.LocalCli.client(Path.of(state == null ? "/var/lib/archway" : state), System.in, out,
                    err, System.console() != null);
        } catch (IOException | RuntimeException e) {
            err.println("archway cli: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static int checkConfig(String[] args, PrintStream out, PrintStream err) throws UsageException {
        if (args.length != 2) {
            throw new UsageException("give exactly one FILE");
        }
        Path file = Path.of(args[1]);
        if (!Files.isReadable(file)) {
            err.println("archway check-config: cannot read " + file);
            return EXIT_FAILED;
        }
        List<String> errors = ManagementPlane.checkConfig(ArchwaySchema.build(), ArchwaySchema.checks(), file);
        if (errors.isEmpty()) {
            out.println("configuration check succeeds");
            return EXIT_OK;
        }
        errors.forEach(err::println);
        err.println("error: configuration check-out failed");
        return EXIT_FAILED;
    }

    private static int runDaemon(String[] args, PrintStream err) throws UsageException {
        onlyOptions(args, List.of("--config", "--state-dir", "--netns", "--ssh-host", "--ssh-port"));
        Path config = option(args, "--config", false) == null ? null : Path.of(option(args, "--config", false));
        Path state = Path.of(option(args, "--state-dir", true));
        String port = option(args, "--ssh-port", false);
        Integer sshPort = null;
        if (port != null) {
            try {
                sshPort = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new UsageException("--ssh-port must be a number");
            }
        }
        if (config != null && !Files.isReadable(config)) {
            err.println("archway run: cannot read " + config);
            return EXIT_FAILED;
        }
        Daemon daemon;
        try {
            DaemonLogging.setUp(state);
            daemon = new Daemon(new Daemon.Options(config, state, option(args, "--netns", false),
                    option(args, "--ssh-host", false), sshPort));
            List<String> errors = daemon.start();
            errors.forEach(e -> err.println("archway run: applying the configuration: " + e));
        } catch (IOException | NetlinkException | IllegalStateException e) {
            err.println("archway run: " + e.getMessage());
            return EXIT_FAILED;
        }
        CountDownLatch stop = new CountDownLatch(1);
        for (String signal : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stop.countDown());
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        daemon.close();
        return EXIT_OK;
    }

    /** The project version, from the build. */
    public static String version() {
        try (InputStream in = Main.class.getResourceAsStream("build.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
