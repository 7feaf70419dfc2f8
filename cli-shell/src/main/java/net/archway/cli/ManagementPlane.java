package net.archway.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.archway.cli.commit.CommitEngine;
import net.archway.cli.commit.CommitHistory;
import net.archway.cli.commit.CommitProbe;
import net.archway.cli.commit.ConfigDatabase;
import net.archway.cli.commit.Scheduler;
import net.archway.cli.commit.Subsystem;
import net.archway.cli.config.ConfigCheck;
import net.archway.cli.config.ConfigError;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigSyntaxException;
import net.archway.cli.config.ConfigText;
import net.archway.cli.config.ConfigValidator;
import net.archway.cli.op.LoginClass;
import net.archway.cli.op.OpCommand;
import net.archway.cli.op.OpRegistry;
import net.archway.cli.schema.Schema;
import net.archway.cli.shell.BuiltinCommands;
import net.archway.cli.shell.CliContext;
import net.archway.cli.shell.CliSession;
import net.archway.cli.shell.SessionRegistry;
import net.archway.cli.shell.StreamIo;
import net.archway.cli.ssh.CliServer;
import net.archway.cli.ssh.LoginSchema;
import net.archway.cli.ssh.Logins;

/**
 * The whole management plane, as the appliance starts it: the schema, the subsystems and their
 * checks, the operational commands, the state directory and the clock → commit engine, SSH
 * server and console.
 *
 * <pre>{@code
 * ManagementPlane mp = ManagementPlane.builder(ArchwaySchema.build())
 *         .stateDirectory(Path.of("/var/lib/archway"))
 *         .subsystem(interfaces).subsystem(routing)
 *         .check(bgpChecks).command(showRoute)
 *         .ssh("0.0.0.0", 22)
 *         .build();
 * mp.start();
 * }</pre>
 */
public final class ManagementPlane implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ManagementPlane.class.getName());

    private final CliContext context;
    private final Path stateDirectory;
    private final String sshHost;
    private final int sshPort;
    private CliServer server;
    private net.archway.cli.ssh.LocalCli.Server localCli;

    private ManagementPlane(Builder b) throws IOException {
        this.stateDirectory = b.stateDirectory;
        this.sshHost = b.sshHost;
        this.sshPort = b.sshPort;
        List<ConfigCheck> checks = new ArrayList<>(b.checks);
        checks.add(0, LoginSchema.check());
        ConfigValidator validator = new ConfigValidator(b.schema, checks);
        CommitHistory history = new CommitHistory(b.stateDirectory, b.probe);
        CommitEngine engine = new CommitEngine(b.schema, validator, b.subsystems, history, b.scheduler, b.probe);
        OpRegistry ops = new OpRegistry();
        SessionRegistry sessions = new SessionRegistry();
        context = new CliContext(b.schema, engine, new ConfigDatabase(engine), ops, sessions, b.version);
        BuiltinCommands.register(ops, context);
        for (OpCommand c : b.commands) {
            ops.register(c);
        }
        for (OpCommand c : b.replacements) {
            ops.replace(c);
        }
        engine.onBroadcast(sessions::broadcast);
    }

    public static Builder builder(Schema schema) {
        return new Builder(schema);
    }

    /**
     * Loads and applies the active configuration, then starts the SSH server (unless the port
     * is negative). Returns the errors of applying the active configuration (empty when fine).
     */
    public List<String> start() throws IOException {
        List<String> errors = context.engine().start();
        for (String e : errors) {
            LOG.log(System.Logger.Level.ERROR, "applying the active configuration: {0}", e);
        }
        // (with nothing committed yet, the first-boot configuration is still to come)
        if (context.engine().activeRecord() != null && !Logins.anyUser(context.engine().active())) {
            LOG.log(System.Logger.Level.WARNING, Logins.NO_USERS);
        }
        if (sshPort >= 0) {
            server = new CliServer(context, stateDirectory, sshHost, sshPort);
            server.start();
        }
        if (stateDirectory != null) {
            localCli = new net.archway.cli.ssh.LocalCli.Server(context, stateDirectory);
            localCli.start();
        }
        return errors;
    }

    /** The SSH port listened on, or -1. */
    public int sshPort() {
        return server == null ? -1 : server.port();
    }

    public CommitEngine engine() {
        return context.engine();
    }

    public CliContext context() {
        return context;
    }

    /**
     * A console session as {@code root} (super-user) over plain streams: commands line by line,
     * as over SSH without a terminal. Returns 0 when every command succeeded. The way to add the
     * first user.
     */
    public int console(InputStream in, OutputStream out) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StreamIo io = new StreamIo(reader, out);
        SessionRegistry.Login login = context.sessions().add("root", "console", "console",
                context.engine().scheduler().now(), m -> io.print("\nBroadcast message: " + m + "\n"));
        CliSession session = new CliSession(context, "root", LoginClass.SUPER_USER, io, login);
        int status = 0;
        try {
            String line;
            while (!session.closed() && (line = StreamIo.readBounded(reader)) != null) {
                if (session.execute(line) != 0) {
                    status = 1;
                }
            }
        } catch (IOException e) {
            status = 1;
        } finally {
            session.close();
            context.sessions().remove(login);
        }
        return status;
    }

    /**
     * Checks a configuration file offline (any of the three forms): parse, then validate with
     * the schema's rules and {@code checks}. Returns the errors, each with its [edit ...] place;
     * empty when the file could be committed (subsystems' staging is not run).
     */
    public static List<String> checkConfig(Schema schema, List<ConfigCheck> checks, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of("error: cannot read " + file + ": " + e.getMessage());
        }
        ConfigNode tree;
        try {
            tree = ConfigText.parse(schema, text, ConfigText.detect(text));
        } catch (ConfigSyntaxException e) {
            return List.of(file + ": " + e.getMessage());
        }
        List<ConfigCheck> all = new ArrayList<>(checks);
        all.add(0, LoginSchema.check());
        List<String> out = new ArrayList<>();
        for (ConfigError e : new ConfigValidator(schema, all).validate(tree)) {
            out.add(e.toString());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (localCli != null) {
            localCli.close();
            localCli = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Everything the management plane is made of. */
    public static final class Builder {
        private final Schema schema;
        private final List<Subsystem> subsystems = new ArrayList<>();
        private final List<ConfigCheck> checks = new ArrayList<>();
        private final List<OpCommand> commands = new ArrayList<>();
        private final List<OpCommand> replacements = new ArrayList<>();
        private Path stateDirectory = Path.of("/var/lib/archway");
        private Scheduler scheduler;
        private CommitProbe probe = CommitProbe.NONE;
        private String version = "unknown";
        private String sshHost = "0.0.0.0";
        private int sshPort = 22;

        private Builder(Schema schema) {
            this.schema = schema;
        }

        /** Subsystems stage and apply in the order they are added. */
        public Builder subsystem(Subsystem s) {
            subsystems.add(s);
            return this;
        }

        public Builder check(ConfigCheck c) {
            checks.add(c);
            return this;
        }

        public Builder command(OpCommand c) {
            commands.add(c);
            return this;
        }

        /** Replaces a built-in or earlier command with the same words (applied after all others). */
        public Builder replaceCommand(OpCommand c) {
            replacements.add(c);
            return this;
        }

        public Builder stateDirectory(Path p) {
            stateDirectory = p;
            return this;
        }

        public Builder scheduler(Scheduler s) {
            scheduler = s;
            return this;
        }

        public Builder probe(CommitProbe p) {
            probe = p;
            return this;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        /** Where SSH listens; a negative port starts no server. */
        public Builder ssh(String host, int port) {
            sshHost = host;
            sshPort = port;
            return this;
        }

        public ManagementPlane build() throws IOException {
            if (scheduler == null) {
                scheduler = Scheduler.system();
            }
            return new ManagementPlane(this);
        }
    }
}
