package net.archway.cli.shell;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.archway.cli.commit.CommitRecord;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigSyntaxException;
import net.archway.cli.config.ConfigTrees;
import net.archway.cli.config.Lexer;
import net.archway.cli.config.PathParser;
import net.archway.cli.config.Token;
import net.archway.cli.op.OpCommand;
import net.archway.cli.op.OpException;
import net.archway.cli.op.OpRegistry;
import net.archway.cli.op.OpResult;
import net.archway.cli.op.Permission;

/**
 * The operational commands cli-shell provides itself: {@code show configuration},
 * {@code show system commit}, {@code show system users}, {@code show version}, {@code help};
 * {@code configure}, {@code exit} and {@code quit} are handled by the session but registered
 * here for help and completion.
 */
public final class BuiltinCommands {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    static final OpCommand.Handler SESSION = (c, a) -> {
        throw new OpException("handled by the session");
    };

    private BuiltinCommands() {
    }

    public static void register(OpRegistry r, CliContext ctx) {
        r.describe("show", "Show system information");
        r.describe("show system", "Show system information");
        r.register(new OpCommand(List.of("configure"), "Manipulate software configuration information",
                Permission.CONFIGURE, Map.of("private", "Work in private database: other users' changes are not seen",
                "exclusive", "Obtain exclusive lock (other users cannot make changes)"), SESSION));
        r.register(new OpCommand(List.of("exit"), "Exit the management session", Permission.VIEW, Map.of(), SESSION));
        r.register(new OpCommand(List.of("quit"), "Exit the management session", Permission.VIEW, Map.of(), SESSION));
        r.register(new OpCommand(List.of("help"), "Provide help information", Permission.VIEW, Map.of(),
                (c, a) -> OpResult.text(help(r, c.loginClass()))));
        r.register(new OpCommand(List.of("show", "configuration"), "Show current configuration", Permission.VIEW,
                Map.of(), (c, args) -> showConfiguration(ctx, c.activeConfiguration(), args,
                c.loginClass().allows(Permission.SECRET))));
        r.register(OpCommand.of("show system commit", "Show pending commit and history of commits", Permission.VIEW,
                (c, a) -> commitHistory(ctx)));
        r.register(OpCommand.of("show system users", "Show users who are currently logged in", Permission.VIEW,
                (c, a) -> users(ctx)));
        r.register(OpCommand.of("show version", "Show software process revision levels", Permission.VIEW,
                (c, a) -> new Version(ctx.hostName(), "archway", ctx.version(),
                        System.getProperty("java.version"), System.getProperty("os.name") + " "
                        + System.getProperty("os.version") + " " + System.getProperty("os.arch"))));
    }

    static String help(OpRegistry r, net.archway.cli.op.LoginClass cls) {
        StringBuilder sb = new StringBuilder("Operational mode commands (Tab or '?' complete and explain any word):\n");
        for (Map.Entry<String, String> e : r.nextWords(List.of(), cls).entrySet()) {
            sb.append(String.format("  %-20s %s%n", e.getKey(), e.getValue()));
        }
        sb.append("""
                Pipes: | match REGEX, | except REGEX, | count, | last N, | no-more, | display set,
                       | display json, | compare [rollback N]
                """);
        return sb.toString();
    }

    static ConfigView showConfiguration(CliContext ctx, ConfigNode root, List<String> args, boolean secrets)
            throws OpException {
        if (args.isEmpty()) {
            return new ConfigView(root, List.of(), root, secrets);
        }
        try {
            List<Token> toks = Lexer.tokenize(String.join(" ", quoteAll(args)), true);
            var p = PathParser.parse(ctx.schema().root(), toks, 0, toks.size() - 1, PathParser.Mode.TARGET, true,
                    List.of());
            return new ConfigView(root, p.steps(), ConfigTrees.get(root, p.steps()), secrets);
        } catch (ConfigSyntaxException e) {
            throw new OpException(e.getMessage());
        }
    }

    static List<String> quoteAll(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add(net.archway.cli.config.ConfigPrinter.quote(w, null));
        }
        return out;
    }

    /** {@code show system commit}. */
    public record CommitHistoryView(List<Commit> commits) implements OpResult {
        /** One commit of the history; {@code rollback} is the number to give {@code rollback}. */
        public record Commit(int rollback, String time, String user, String via, String comment,
                             Integer confirmMinutes, boolean pending) {
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (Commit c : commits) {
                sb.append(String.format("%-3d %s by %s via %s", c.rollback, c.time, c.user, c.via));
                if (c.confirmMinutes != null) {
                    sb.append(" commit confirmed, rollback in ").append(c.confirmMinutes).append("mins");
                }
                sb.append('\n');
                if (c.comment != null) {
                    sb.append("    ").append(c.comment).append('\n');
                }
            }
            return sb.toString();
        }
    }

    static CommitHistoryView commitHistory(CliContext ctx) throws OpException {
        try {
            List<CommitRecord> records = ctx.engine().records();
            Instant pendingBy = ctx.engine().confirmDeadline();
            List<CommitHistoryView.Commit> out = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                CommitRecord r = records.get(i);
                out.add(new CommitHistoryView.Commit(i, TIME.format(r.time()), r.user(), r.via(), r.comment(),
                        r.confirmMinutes(), i == 0 && pendingBy != null));
            }
            return new CommitHistoryView(out);
        } catch (IOException e) {
            throw new OpException("error: cannot read the commit history: " + e.getMessage());
        }
    }

    /** {@code show system users}. */
    public record UsersView(String time, int count, List<User> users) implements OpResult {
        public record User(String user, String tty, String from, String loginTime, String idle, String what) {
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append(time).append(", ").append(count).append(count == 1 ? " user\n" : " users\n");
            sb.append(String.format("%-10s %-8s %-24s %-20s %-6s %s%n", "USER", "TTY", "FROM", "LOGIN@", "IDLE", "WHAT"));
            for (User u : users) {
                sb.append(String.format("%-10s %-8s %-24s %-20s %-6s %s%n", u.user, u.tty, u.from, u.loginTime, u.idle,
                        u.what));
            }
            return sb.toString();
        }
    }

    static UsersView users(CliContext ctx) {
        Instant now = ctx.engine().scheduler().now();
        List<UsersView.User> out = new ArrayList<>();
        for (SessionRegistry.Login l : ctx.sessions().all()) {
            Duration idle = Duration.between(l.lastActivity(), now);
            String idleText = idle.toMinutes() < 1 ? "-" : idle.toHours() + ":" + String.format("%02d", idle.toMinutesPart());
            out.add(new UsersView.User(l.user(), l.tty(), l.from(), TIME.format(l.since()), idleText, l.what()));
        }
        return new UsersView(TIME.format(now), out.size(), out);
    }

    /** {@code show version}. */
    public record Version(String hostname, String model, String archway, String java, String kernel)
            implements OpResult {
        @Override
        public String text() {
            return "Hostname: " + hostname + "\nModel: " + model + "\nArchway: " + archway + "\nJava: " + java
                    + "\nKernel: " + kernel + "\n";
        }
    }
}
