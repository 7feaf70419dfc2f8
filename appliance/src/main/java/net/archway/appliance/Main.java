package net.archway.appliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;

/**
 * The {@code archway} command: {@code java -jar appliance/target/archway.jar COMMAND}.
 * Exit status 0 on success, 2 on a usage error.
 */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return EXIT_USAGE;
        }
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
            default:
                err.println("archway: unknown command '" + args[0] + "'");
                err.print(usage());
                return EXIT_USAGE;
        }
    }

    static String usage() {
        return """
                Usage: java -jar archway.jar COMMAND

                Commands:
                  version    print Archway's version and the platform it runs on
                  --help     print this help
                """;
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
