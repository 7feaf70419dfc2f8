package net.archway.cli.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.apache.commons.codec.digest.Sha2Crypt;

import net.archway.cli.commit.CommitException;
import net.archway.cli.commit.CommitRecord;
import net.archway.cli.commit.CommitRequest;
import net.archway.cli.commit.ConfigDatabase;
import net.archway.cli.config.ConfigDiff;
import net.archway.cli.config.ConfigEditException;
import net.archway.cli.config.ConfigJson;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigSyntaxException;
import net.archway.cli.config.ConfigText;
import net.archway.cli.config.ConfigTrees;
import net.archway.cli.config.Lexer;
import net.archway.cli.config.PathParser;
import net.archway.cli.config.Step;
import net.archway.cli.config.Token;
import net.archway.cli.op.LoginClass;
import net.archway.cli.op.OpContext;
import net.archway.cli.op.OpException;
import net.archway.cli.op.OpRegistry;
import net.archway.cli.op.OpResult;
import net.archway.cli.op.Permission;
import net.archway.cli.op.StreamedResult;
import net.archway.cli.schema.Statement;

/**
 * One user's CLI session, whatever carries it (SSH shell or exec, console, tests): operational
 * and configuration mode, every command of both, pipes, and the errors with a caret under the
 * offending word. {@link #execute} runs one line and returns 0 on success, 1 on failure.
 */
public final class CliSession implements OpContext {
    static final List<String> CONFIG_COMMANDS = List.of("activate", "annotate", "commit", "copy", "deactivate",
            "delete", "edit", "exit", "help", "insert", "load", "quit", "rename", "rollback", "run", "set", "show",
            "status", "top", "up");

    private final CliContext ctx;
    private final String user;
    private final LoginClass loginClass;
    private final SessionIo io;
    private final SessionRegistry.Login login;
    private ConfigDatabase.Editor editor;
    private final List<Step> level = new ArrayList<>();
    private boolean closed;

    /** A failure to report: message, and the character offset in the line for a caret (-1: none). */
    static final class CliError extends Exception {
        final int offset;

        CliError(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        CliError(String message) {
            this(message, -1);
        }
    }

    public CliSession(CliContext ctx, String user, LoginClass loginClass, SessionIo io, SessionRegistry.Login login) {
        this.ctx = ctx;
        this.user = user;
        this.loginClass = loginClass;
        this.io = io;
        this.login = login;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public LoginClass loginClass() {
        return loginClass;
    }

    @Override
    public ConfigNode activeConfiguration() {
        return ctx.engine().active();
    }

    public boolean closed() {
        return closed;
    }

    public boolean inConfigurationMode() {
        return editor != null;
    }

    CliContext context() {
        return ctx;
    }

    List<Step> level() {
        return level;
    }

    ConfigNode candidate() {
        return editor == null ? ctx.engine().active() : ctx.database().candidate(editor);
    }

    /** The prompt: {@code user@host> } or, in configuration mode, {@code [edit ...]} and {@code user@host# }. */
    public String prompt() {
        String p = user + "@" + ctx.hostName();
        return editor == null ? p + "> " : Step.editBanner(level) + "\n" + p + "# ";
    }

    /** The prompt's last line (what precedes the typed text on the screen). */
    public String promptLastLine() {
        String p = prompt();
        return p.substring(p.lastIndexOf('\n') + 1);
    }

    /** Leaves configuration mode and the session. */
    public void close() {
        if (editor != null) {
            ctx.database().leave(editor);
            editor = null;
        }
        closed = true;
    }

    /** Runs one command line; 0 on success, 1 on failure (the error was printed). */
    public int execute(String line) {
        if (login != null) {
            login.lastActivity = ctx.engine().scheduler().now();
        }
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return 0;
        }
        try {
            List<Token> tokens;
            try {
                tokens = Lexer.tokenize(line, true);
            } catch (ConfigSyntaxException e) {
                throw new CliError(e.getMessage(), e.column() > 0 ? e.column() - 1 : -1);
            }
            int pipeAt = indexOfPipe(tokens);
            List<Token> cmd = tokens.subList(0, pipeAt < 0 ? tokens.size() - 1 : pipeAt);
            List<List<Token>> pipes = splitPipes(tokens, pipeAt);
            if (editor == null) {
                operational(cmd, pipes, line);
            } else {
                configuration(cmd, pipes, line);
            }
            return 0;
        } catch (CliError e) {
            report(line, e);
            return 1;
        }
    }

    private void report(String line, CliError e) {
        StringBuilder sb = new StringBuilder();
        if (e.offset >= 0) {
            if (io.interactive()) {
                sb.append(" ".repeat(promptLastLine().length() + e.offset)).append("^\n");
            } else {
                sb.append(line.strip().length() > 200 ? line.substring(0, Math.min(line.length(), e.offset + 20)) : line)
                        .append('\n').append(" ".repeat(Math.min(e.offset, 220))).append("^\n");
            }
        }
        String msg = e.getMessage();
        sb.append(msg.endsWith("\n") ? msg : msg + "\n");
        io.print(sb.toString());
    }

    private static int indexOfPipe(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is(Token.Kind.PIPE)) {
                return i;
            }
        }
        return -1;
    }

    private static List<List<Token>> splitPipes(List<Token> tokens, int pipeAt) {
        List<List<Token>> out = new ArrayList<>();
        if (pipeAt < 0) {
            return out;
        }
        List<Token> cur = new ArrayList<>();
        for (int i = pipeAt + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is(Token.Kind.PIPE) || t.is(Token.Kind.EOF)) {
                out.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        return out;
    }

    private static List<String> words(List<Token> toks) {
        List<String> out = new ArrayList<>();
        for (Token t : toks) {
            out.add(t.text());
        }
        return out;
    }

    private void require(Permission p, String what) throws CliError {
        if (!loginClass.allows(p)) {
            throw new CliError("error: permission denied: '" + what + "' needs the " + p.name().toLowerCase(Locale.ROOT)
                    + " permission; user " + user + " is in class " + loginClass.keyword());
        }
    }

    // ---- operational mode ----

    private void operational(List<Token> cmd, List<List<Token>> pipes, String line) throws CliError {
        for (Token t : cmd) {
            if (!t.isValue()) {
                throw new CliError("syntax error, unexpected " + t, t.offset());
            }
        }
        List<String> w = words(cmd);
        OpRegistry.Match m;
        try {
            m = ctx.commands().find(w);
        } catch (OpException e) {
            throw new CliError("error: " + e.getMessage(), cmd.get(0).offset());
        }
        if (m == null) {
            throw new CliError("syntax error: unknown command '" + net.archway.cli.schema.ValueType.printable(w.get(0))
                    + "' (type ? for the commands)", cmd.get(0).offset());
        }
        String name = String.join(" ", m.command().words());
        require(m.command().permission(), name);
        List<String> args = w.subList(m.consumed(), w.size());
        switch (name) {
            case "configure" -> {
                noPipes(pipes);
                configure(args, m.consumed() < cmd.size() ? cmd.get(m.consumed()).offset() : -1);
                return;
            }
            case "exit", "quit" -> {
                noPipes(pipes);
                close();
                return;
            }
            default -> {
            }
        }
        if (!m.command().arguments().isEmpty() && !args.isEmpty()) {
            // commands with declared keywords accept them by unique prefix
            List<String> expanded = new ArrayList<>();
            for (String a : args) {
                expanded.add(expandKeyword(a, m.command().arguments().keySet()));
            }
            args = expanded;
        } else if (m.command().arguments().isEmpty() && !args.isEmpty() && !name.equals("show configuration")) {
            throw new CliError("syntax error: '" + name + "' takes no argument", cmd.get(m.consumed()).offset());
        }
        OpResult result;
        try {
            result = m.command().handler().run(this, args);
        } catch (OpException e) {
            String msg = e.getMessage();
            throw new CliError(msg.startsWith("error:") || msg.startsWith("[edit") ? msg : "error: " + msg);
        } catch (RuntimeException e) {
            throw new CliError("error: '" + name + "' failed: " + e);
        }
        output(result, pipes);
    }

    private static String expandKeyword(String a, java.util.Set<String> keywords) {
        if (keywords.contains(a)) {
            return a;
        }
        String found = null;
        for (String k : keywords) {
            if (k.startsWith(a) && !k.startsWith("<")) {
                if (found != null) {
                    return a;
                }
                found = k;
            }
        }
        return found == null ? a : found;
    }

    private void noPipes(List<List<Token>> pipes) throws CliError {
        if (!pipes.isEmpty()) {
            throw new CliError("error: this command takes no pipe");
        }
    }

    private void configure(List<String> args, int offset) throws CliError {
        ConfigDatabase.Mode mode = ConfigDatabase.Mode.SHARED;
        if (args.size() == 1 && args.get(0).equals("private")) {
            mode = ConfigDatabase.Mode.PRIVATE;
        } else if (args.size() == 1 && args.get(0).equals("exclusive")) {
            mode = ConfigDatabase.Mode.EXCLUSIVE;
        } else if (!args.isEmpty()) {
            throw new CliError("syntax error: configure [private | exclusive]", offset);
        }
        StringBuilder out = new StringBuilder();
        List<ConfigDatabase.Editor> others = ctx.database().editors();
        try {
            editor = ctx.database().enter(login == null ? System.identityHashCode(this) : login.id(), user, mode);
        } catch (CommitException e) {
            throw new CliError(String.join("\n", e.errors()));
        }
        if (login != null) {
            login.what = "cli (configure" + (mode == ConfigDatabase.Mode.SHARED ? "" : " " + mode.name().toLowerCase(
                    Locale.ROOT)) + ")";
        }
        if (!others.isEmpty()) {
            out.append("Users currently editing the configuration:\n");
            for (ConfigDatabase.Editor e : others) {
                out.append("  ").append(e.user()).append(" since ").append(BuiltinCommands.TIME.format(e.since()))
                        .append(" (").append(e.mode().name().toLowerCase(Locale.ROOT)).append(")\n");
            }
        }
        if (mode != ConfigDatabase.Mode.PRIVATE && ctx.database().sharedModified()) {
            out.append("The configuration has been changed but not committed\n");
        }
        if (mode == ConfigDatabase.Mode.PRIVATE) {
            out.append("warning: uncommitted changes will be discarded on exit\n");
        }
        if (mode == ConfigDatabase.Mode.EXCLUSIVE) {
            out.append("warning: uncommitted changes will be discarded on exit\n");
        }
        out.append("Entering configuration mode\n");
        level.clear();
        io.print(out.toString());
    }

    private void leaveConfiguration() {
        String warning = ctx.database().leave(editor);
        editor = null;
        level.clear();
        if (login != null) {
            login.what = "cli";
        }
        io.print((warning == null ? "" : warning + "\n") + "Exiting configuration mode\n");
    }

    // ---- output and pipes ----

    private void output(OpResult result, List<List<Token>> pipes) throws CliError {
        if (result instanceof StreamedResult streamed) {
            outputStreamed(streamed, pipes);
            return;
        }
        String text = result.text();
        boolean noMore = false;
        for (List<Token> pipe : pipes) {
            String verb = pipeVerb(pipe);
            List<String> args = words(pipe.subList(1, pipe.size()));
            switch (verb) {
                case "display" -> {
                    String what = args.size() == 1 ? expandKeyword(args.get(0), java.util.Set.of("set", "json")) : "";
                    if (what.equals("json")) {
                        try {
                            text = ConfigJson.MAPPER.writeValueAsString(result.json()) + "\n";
                        } catch (JsonProcessingException e) {
                            throw new CliError("error: cannot render JSON: " + e.getOriginalMessage());
                        }
                    } else if (what.equals("set")) {
                        if (result.setForm() == null) {
                            throw new CliError("error: '| display set' applies to configuration only");
                        }
                        text = result.setForm();
                    } else {
                        throw new CliError("syntax error: | display (set | json)", pipe.get(0).offset());
                    }
                }
                case "compare" -> {
                    if (!(result instanceof ConfigView view)) {
                        throw new CliError("error: '| compare' applies to configuration only");
                    }
                    text = compare(view, args, pipe.get(0).offset());
                }
                case "match", "except" -> {
                    Pattern p = pipePattern(verb, args, pipe);
                    StringBuilder sb = new StringBuilder();
                    for (String l : text.split("\n")) {
                        if (!l.isEmpty() && p.matcher(l).find() == verb.equals("match")) {
                            sb.append(l).append('\n');
                        }
                    }
                    text = sb.toString();
                }
                case "count" -> text = "Count: " + (text.isEmpty() ? 0 : text.split("\n").length) + " lines\n";
                case "last" -> {
                    int n = lastCount(args, pipe);
                    String[] lines = text.split("\n");
                    StringBuilder sb = new StringBuilder();
                    for (int i = Math.max(0, lines.length - n); i < lines.length; i++) {
                        if (!lines[i].isEmpty() || i < lines.length - 1) {
                            sb.append(lines[i]).append('\n');
                        }
                    }
                    text = text.isEmpty() ? "" : sb.toString();
                }
                case "no-more" -> noMore = true;
                default -> throw new CliError("syntax error: unknown pipe '" + pipe.get(0).text()
                        + "': match, except, count, last, no-more, display, compare", pipe.get(0).offset());
            }
        }
        io.page(text, noMore);
    }

    /**
     * A streamed result through the same pipes, line by line as the pieces arrive: never held
     * whole. {@code | display json} must come first (the pipes after it filter the JSON text);
     * {@code display set} and {@code compare} apply to configuration only.
     */
    private void outputStreamed(StreamedResult result, List<List<Token>> pipes) throws CliError {
        boolean json = false;
        boolean noMore = false;
        List<java.util.function.Consumer<LinePipes>> stages = new ArrayList<>();
        for (int i = 0; i < pipes.size(); i++) {
            List<Token> pipe = pipes.get(i);
            String verb = pipeVerb(pipe);
            List<String> args = words(pipe.subList(1, pipe.size()));
            switch (verb) {
                case "display" -> {
                    String what = args.size() == 1 ? expandKeyword(args.get(0), java.util.Set.of("set", "json")) : "";
                    if (what.equals("set")) {
                        throw new CliError("error: '| display set' applies to configuration only");
                    }
                    if (!what.equals("json")) {
                        throw new CliError("syntax error: | display (set | json)", pipe.get(0).offset());
                    }
                    if (i != 0) {
                        throw new CliError("error: '| display json' comes first on this command's output", pipe.get(0).offset());
                    }
                    json = true;
                }
                case "compare" -> throw new CliError("error: '| compare' applies to configuration only");
                case "match", "except" -> {
                    Pattern p = pipePattern(verb, args, pipe);
                    boolean keep = verb.equals("match");
                    stages.add(lp -> lp.match(p, keep));
                }
                case "count" -> stages.add(LinePipes::count);
                case "last" -> {
                    int n = lastCount(args, pipe);
                    stages.add(lp -> lp.last(n));
                }
                case "no-more" -> noMore = true;
                default -> throw new CliError("syntax error: unknown pipe '" + pipe.get(0).text()
                        + "': match, except, count, last, no-more, display, compare", pipe.get(0).offset());
            }
        }
        LinePipes lines = new LinePipes(io.pager(noMore));
        stages.forEach(s -> s.accept(lines));
        try {
            writeStreamed(result, json, lines);
        } finally {
            lines.finish(); // what count and last kept, and the terminal back from the pager's raw mode
        }
    }

    private static void writeStreamed(StreamedResult result, boolean json, LinePipes lines) throws CliError {
        try {
            if (json) {
                try (java.io.Writer w = new java.io.Writer() {
                    @Override
                    public void write(char[] cbuf, int off, int len) throws IOException {
                        if (!lines.write(new String(cbuf, off, len))) {
                            throw new StoppedByReader();
                        }
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                }; com.fasterxml.jackson.core.JsonGenerator g = ConfigJson.MAPPER.getFactory().createGenerator(w)) {
                    g.useDefaultPrettyPrinter();
                    result.writeJson(g);
                    g.writeRaw('\n');
                } catch (StoppedByReader e) {
                    // the reader quit the pager
                }
            } else {
                result.writeText(lines::write);
            }
        } catch (IOException e) {
            throw new CliError("error: cannot render JSON: " + e.getMessage());
        } catch (OpException e) {
            String msg = e.getMessage();
            throw new CliError(msg.startsWith("error:") ? msg : "error: " + msg);
        }
    }

    /** The pipe's verb, abbreviations expanded. */
    private static String pipeVerb(List<Token> pipe) throws CliError {
        if (pipe.isEmpty()) {
            throw new CliError("syntax error: missing command after '|'");
        }
        return expandKeyword(pipe.get(0).text(), java.util.Set.of("match", "except", "count", "last", "no-more", "display",
                "compare"));
    }

    /** The regular expression of {@code | match RE} or {@code | except RE}. */
    private static Pattern pipePattern(String verb, List<String> args, List<Token> pipe) throws CliError {
        if (args.size() != 1) {
            throw new CliError("syntax error: | " + verb + " REGEX (quote it when it has spaces or |)", pipe.get(0).offset());
        }
        try {
            return Pattern.compile(args.get(0), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new CliError("error: bad regular expression: " + e.getDescription(), pipe.get(1).offset());
        }
    }

    /** N of {@code | last [N]} (10 without). */
    private static int lastCount(List<String> args, List<Token> pipe) throws CliError {
        try {
            return args.isEmpty() ? 10 : Integer.parseInt(args.get(0));
        } catch (NumberFormatException e) {
            throw new CliError("syntax error: | last N", pipe.get(1).offset());
        }
    }

    /** Thrown through Jackson's writer when the reader has quit the pager. */
    private static final class StoppedByReader extends IOException {
        StoppedByReader() {
            super("stopped by the reader", null);
        }
    }

    /** {@code | compare [rollback N]}: from the active configuration (or rollback N) to the shown one. */
    private String compare(ConfigView view, List<String> args, int offset) throws CliError {
        ConfigNode from;
        if (args.isEmpty()) {
            from = editor == null ? rollbackTree(1) : ctx.engine().active();
        } else if (args.size() == 2 && args.get(0).equals("rollback")) {
            try {
                from = rollbackTree(Integer.parseInt(args.get(1)));
            } catch (NumberFormatException e) {
                throw new CliError("syntax error: | compare rollback N (0-49)", offset);
            }
        } else {
            throw new CliError("syntax error: | compare [rollback N]", offset);
        }
        boolean secrets = loginClass.allows(Permission.SECRET);
        List<Step> path = view.path();
        if (path.isEmpty()) {
            return ConfigDiff.diff(from, view.node(), secrets);
        }
        ConfigNode a = ConfigTrees.get(from, path);
        ConfigNode b = view.node();
        Step last = path.get(path.size() - 1);
        if (!last.def().hasChildren()) {
            // a leaf: its line, old and new, under its parent's banner
            ConfigNode parentA = ConfigNode.emptyRoot(ctx.schema().root());
            ConfigNode parentB = parentA;
            parentA = a == null ? parentA : parentA.with(a);
            parentB = b == null ? parentB : parentB.with(b);
            return ConfigDiff.diff(parentA, parentB, path.subList(0, path.size() - 1), secrets);
        }
        ConfigNode empty = ConfigNode.emptyRoot(last.def()).withKeys(last.keys());
        return ConfigDiff.diff(a == null ? empty : a, b == null ? empty : b, path, secrets);
    }

    private ConfigNode rollbackTree(int n) throws CliError {
        try {
            return ctx.engine().rollback(n);
        } catch (CommitException e) {
            throw new CliError(String.join("\n", e.errors()));
        }
    }

    // ---- configuration mode ----

    private Statement levelStatement() {
        return level.isEmpty() ? ctx.schema().root() : level.get(level.size() - 1).def();
    }

    private List<Step> full(List<Step> steps) {
        List<Step> out = new ArrayList<>(level);
        out.addAll(steps);
        return out;
    }

    private PathParser.Parsed path(List<Token> toks, int from, int to, PathParser.Mode mode) throws CliError {
        try {
            return PathParser.parse(levelStatement(), toks, from, to, mode, true, level);
        } catch (ConfigSyntaxException e) {
            int idx = e.tokenIndex();
            int offset = idx >= 0 && idx < toks.size() ? toks.get(idx).offset()
                    : toks.isEmpty() ? -1 : toks.get(toks.size() - 1).end();
            throw new CliError(e.getMessage(), offset);
        }
    }

    private void modify(ConfigDatabase.Edit edit) throws CliError {
        try {
            ctx.database().modify(editor, edit);
        } catch (ConfigEditException e) {
            throw new CliError("warning: " + e.getMessage());
        } catch (CommitException e) {
            throw new CliError(String.join("\n", e.errors()));
        }
    }

    private void configuration(List<Token> cmd, List<List<Token>> pipes, String line) throws CliError {
        Token verbTok = cmd.get(0);
        if (!verbTok.isValue()) {
            throw new CliError("syntax error, unexpected " + verbTok, verbTok.offset());
        }
        String verb = expandConfigVerb(verbTok);
        int n = cmd.size();
        if (!verb.equals("show") && !verb.equals("run") && !pipes.isEmpty()) {
            throw new CliError("error: '" + verb + "' takes no pipe");
        }
        require(Permission.CONFIGURE, verb);
        switch (verb) {
            case "set" -> {
                if (n == 1) {
                    throw new CliError("syntax error: set STATEMENT VALUE", verbTok.end());
                }
                if (cmd.get(n - 1).isWord("plain-text-password")) {
                    setPassword(cmd);
                    return;
                }
                PathParser.Parsed p = path(cmd, 1, n, PathParser.Mode.SET);
                List<Step> target = full(p.steps());
                modify(c -> ConfigTrees.set(c, target, p.values()));
            }
            case "delete" -> {
                if (n == 1) {
                    List<Step> here = new ArrayList<>(level);
                    if (here.isEmpty()) {
                        modify(c -> ConfigNode.emptyRoot(ctx.schema().root()));
                    } else {
                        modify(c -> ConfigTrees.delete(c, here, List.of()));
                    }
                    return;
                }
                PathParser.Parsed p = path(cmd, 1, n, PathParser.Mode.TARGET);
                List<Step> target = full(p.steps());
                modify(c -> ConfigTrees.delete(c, target, p.values()));
            }
            case "deactivate", "activate" -> {
                if (n == 1) {
                    throw new CliError("syntax error: " + verb + " STATEMENT", verbTok.end());
                }
                PathParser.Parsed p = path(cmd, 1, n, PathParser.Mode.TARGET);
                requireNode(p);
                List<Step> target = full(p.steps());
                modify(c -> ConfigTrees.setInactive(c, target, verb.equals("deactivate")));
            }
            case "annotate" -> {
                if (n < 3 || !cmd.get(n - 1).isValue()) {
                    throw new CliError("syntax error: annotate STATEMENT \"COMMENT\"", verbTok.end());
                }
                String text = cmd.get(n - 1).text();
                if (text.contains("*/")) {
                    throw new CliError("error: a comment cannot contain '*/'", cmd.get(n - 1).offset());
                }
                PathParser.Parsed p = path(cmd, 1, n - 1, PathParser.Mode.TARGET);
                requireNode(p);
                List<Step> target = full(p.steps());
                modify(c -> ConfigTrees.annotate(c, target, text));
            }
            case "edit" -> {
                if (n == 1) {
                    throw new CliError("syntax error: edit STATEMENT", verbTok.end());
                }
                PathParser.Parsed p = path(cmd, 1, n, PathParser.Mode.EDIT);
                level.addAll(p.steps());
            }
            case "up" -> {
                int k = 1;
                if (n == 2) {
                    try {
                        k = Integer.parseInt(cmd.get(1).text());
                    } catch (NumberFormatException e) {
                        throw new CliError("syntax error: up [N]", cmd.get(1).offset());
                    }
                }
                if (level.isEmpty()) {
                    io.print("Warning: Already at top of the hierarchy.\n");
                }
                for (int i = 0; i < k && !level.isEmpty(); i++) {
                    level.remove(level.size() - 1);
                }
            }
            case "top" -> level.clear();
            case "exit", "quit" -> {
                boolean all = n == 2 && cmd.get(1).text().equals("configuration-mode");
                if (n > 2 || n == 2 && !all) {
                    throw new CliError("syntax error: exit [configuration-mode]", cmd.get(1).offset());
                }
                if (!all && !level.isEmpty()) {
                    level.remove(level.size() - 1);
                } else {
                    leaveConfiguration();
                }
            }
            case "show" -> show(cmd, pipes);
            case "copy", "rename" -> copyOrRename(cmd, verb);
            case "insert" -> insert(cmd);
            case "run" -> {
                if (n == 1) {
                    throw new CliError("syntax error: run COMMAND", verbTok.end());
                }
                operational(cmd.subList(1, n), pipes, line);
            }
            case "status" -> status();
            case "load" -> load(cmd);
            case "commit" -> commit(cmd);
            case "rollback" -> {
                int k = 0;
                if (n == 2) {
                    try {
                        k = Integer.parseInt(cmd.get(1).text());
                    } catch (NumberFormatException e) {
                        throw new CliError("syntax error: rollback [0-49]", cmd.get(1).offset());
                    }
                } else if (n > 2) {
                    throw new CliError("syntax error: rollback [0-49]", cmd.get(2).offset());
                }
                ConfigNode target = rollbackTree(k);
                modify(c -> target);
                io.print("load complete\n");
            }
            case "help" -> {
                StringBuilder sb = new StringBuilder("Configuration mode commands:\n");
                for (var e : Completion.configCommands().entrySet()) {
                    sb.append(String.format("  %-20s %s%n", e.getKey(), e.getValue()));
                }
                io.print(sb.toString());
            }
            default -> throw new CliError("syntax error: unknown command '" + verbTok.text() + "'", verbTok.offset());
        }
    }

    private String expandConfigVerb(Token t) throws CliError {
        if (CONFIG_COMMANDS.contains(t.text())) {
            return t.text();
        }
        List<String> m = new ArrayList<>();
        for (String c : CONFIG_COMMANDS) {
            if (c.startsWith(t.text())) {
                m.add(c);
            }
        }
        if (m.size() == 1) {
            return m.get(0);
        }
        if (m.size() > 1) {
            throw new CliError("error: '" + t.text() + "' is ambiguous: " + String.join(", ", m), t.offset());
        }
        throw new CliError("syntax error: unknown command '" + net.archway.cli.schema.ValueType.printable(t.text())
                + "' (type ? for the commands)", t.offset());
    }

    private void requireNode(PathParser.Parsed p) throws CliError {
        if (ConfigTrees.get(candidate(), full(p.steps())) == null) {
            throw new CliError("warning: statement not found: " + Step.words(full(p.steps())));
        }
    }

    private void setPassword(List<Token> cmd) throws CliError {
        int n = cmd.size();
        PathParser.Parsed p = path(cmd, 1, n, PathParser.Mode.TARGET);
        List<Step> target = full(p.steps());
        Step parent = target.size() > 1 ? target.get(target.size() - 2) : null;
        if (parent == null || !parent.def().name().equals("authentication")
                && !parent.def().name().equals("root-authentication")) {
            throw new CliError("syntax error: plain-text-password belongs under authentication or root-authentication");
        }
        String pw = io.readLine("New password:", true);
        String again = pw == null ? null : io.readLine("Retype new password:", true);
        if (pw == null || again == null || !pw.equals(again)) {
            throw new CliError("error: passwords do not match");
        }
        if (pw.length() < 6) {
            throw new CliError("error: a password needs at least 6 characters");
        }
        String hash = Sha2Crypt.sha512Crypt(pw.getBytes(StandardCharsets.UTF_8));
        List<Step> hashPath = new ArrayList<>(target.subList(0, target.size() - 1));
        hashPath.add(new Step(parent.def().child("encrypted-password"), List.of()));
        modify(c -> ConfigTrees.set(c, hashPath, List.of(hash)));
    }

    private void show(List<Token> cmd, List<List<Token>> pipes) throws CliError {
        PathParser.Parsed p = cmd.size() > 1 ? path(cmd, 1, cmd.size(), PathParser.Mode.TARGET)
                : new PathParser.Parsed(List.of(), List.of(), 1);
        List<Step> target = full(p.steps());
        ConfigNode root = candidate();
        ConfigNode node = target.isEmpty() ? root : ConfigTrees.get(root, target);
        output(new ConfigView(root, target, node, loginClass.allows(Permission.SECRET)), pipes);
    }

    private void copyOrRename(List<Token> cmd, String verb) throws CliError {
        int to = -1;
        for (int i = 1; i < cmd.size(); i++) {
            if (cmd.get(i).isWord("to")) {
                to = i;
            }
        }
        if (to < 2 || to == cmd.size() - 1) {
            throw new CliError("syntax error: " + verb + " STATEMENT to NEW-NAME", cmd.get(0).end());
        }
        PathParser.Parsed p = path(cmd, 1, to, PathParser.Mode.TARGET);
        List<Step> target = full(p.steps());
        List<String> keys = newKeys(p.last(), cmd, to + 1);
        modify(c -> verb.equals("copy") ? ConfigTrees.copy(c, target, keys) : ConfigTrees.rename(c, target, keys));
    }

    /** The keys after {@code to}/{@code before}/{@code after}: {@code group b} or just {@code b}. */
    private List<String> newKeys(Step last, List<Token> cmd, int from) throws CliError {
        if (last == null || last.def().kind() != Statement.Kind.LIST || last.keys().isEmpty()) {
            throw new CliError("error: only named entries (group, neighbor, term...) can be copied, renamed or inserted");
        }
        int i = from;
        if (cmd.get(i).isWord(last.def().name()) && cmd.size() - i > last.def().keys().size()) {
            i++;
        }
        List<String> keys = new ArrayList<>();
        for (Statement.Key k : last.def().keys()) {
            if (i >= cmd.size()) {
                throw new CliError("syntax error: missing " + k.type().placeholder(), cmd.get(cmd.size() - 1).end());
            }
            try {
                keys.add(k.type().canonical(cmd.get(i).text()));
            } catch (net.archway.cli.schema.InvalidValueException e) {
                throw new CliError("error: " + e.getMessage(), cmd.get(i).offset());
            }
            i++;
        }
        if (i < cmd.size()) {
            throw new CliError("syntax error, unexpected " + cmd.get(i), cmd.get(i).offset());
        }
        return keys;
    }

    private void insert(List<Token> cmd) throws CliError {
        int at = -1;
        for (int i = 1; i < cmd.size(); i++) {
            if (cmd.get(i).isWord("before") || cmd.get(i).isWord("after")) {
                at = i;
            }
        }
        if (at < 2 || at == cmd.size() - 1) {
            throw new CliError("syntax error: insert STATEMENT (before | after) NAME", cmd.get(0).end());
        }
        PathParser.Parsed p = path(cmd, 1, at, PathParser.Mode.TARGET);
        List<Step> target = full(p.steps());
        List<String> keys = newKeys(p.last(), cmd, at + 1);
        boolean after = cmd.get(at).text().equals("after");
        modify(c -> ConfigTrees.insert(c, target, keys, after));
    }

    private void status() {
        StringBuilder sb = new StringBuilder("Users currently editing the configuration:\n");
        for (ConfigDatabase.Editor e : ctx.database().editors()) {
            sb.append(String.format("  %-10s since %s (%s)%s%n", e.user(), BuiltinCommands.TIME.format(e.since()),
                    e.mode().name().toLowerCase(Locale.ROOT), e == editor ? " [this session]" : ""));
        }
        io.print(sb.toString());
    }

    private void load(List<Token> cmd) throws CliError {
        if (cmd.size() != 3) {
            throw new CliError("syntax error: load (merge | override | replace | set) (terminal | FILE)",
                    cmd.get(0).end());
        }
        String how = cmd.get(1).text();
        if (!List.of("merge", "override", "replace", "set").contains(how)) {
            throw new CliError("syntax error: load (merge | override | replace | set)", cmd.get(1).offset());
        }
        String source = cmd.get(2).text();
        String text;
        if (source.equals("terminal")) {
            io.print("[Type ^D at a new line to end input]\n");
            StringBuilder sb = new StringBuilder();
            String l;
            while ((l = io.readLine("", false)) != null && !l.equals("\u0004") && !l.equals("^D")) {
                sb.append(l).append('\n');
            }
            text = sb.toString();
        } else {
            try {
                text = Files.readString(Path.of(source), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new CliError("error: could not read " + source + ": " + e.getMessage(), cmd.get(2).offset());
            }
        }
        ConfigNode before = candidate();
        ConfigNode after;
        try {
            after = switch (how) {
                case "override" -> ConfigText.parse(ctx.schema(), text, ConfigText.detect(text));
                case "set" -> ConfigText.applySet(ctx.schema(), before, text);
                default -> ConfigText.merge(ctx.schema(), before, text);
            };
        } catch (ConfigSyntaxException e) {
            throw new CliError("error: " + e.getMessage() + "\nerror: load failed: nothing was changed");
        }
        modify(c -> after);
        io.print("load complete\n");
    }

    private void commit(List<Token> cmd) throws CliError {
        boolean check = false;
        boolean andQuit = false;
        Integer confirmed = null;
        String comment = null;
        for (int i = 1; i < cmd.size(); i++) {
            Token t = cmd.get(i);
            String w = expandKeyword(t.text(), java.util.Set.of("check", "confirmed", "comment", "and-quit"));
            switch (w) {
                case "check" -> check = true;
                case "and-quit" -> andQuit = true;
                case "confirmed" -> {
                    confirmed = 10;
                    if (i + 1 < cmd.size() && cmd.get(i + 1).text().matches("\\d{1,5}")) {
                        confirmed = Integer.parseInt(cmd.get(++i).text());
                        if (confirmed < 1 || confirmed > 65535) {
                            throw new CliError("error: commit confirmed: minutes 1..65535", cmd.get(i).offset());
                        }
                    }
                }
                case "comment" -> {
                    if (i + 1 >= cmd.size()) {
                        throw new CliError("syntax error: commit comment \"TEXT\"", t.end());
                    }
                    comment = cmd.get(++i).text();
                }
                default -> throw new CliError("syntax error: commit [check | confirmed [MINUTES] | comment \"TEXT\" "
                        + "| and-quit]", t.offset());
            }
        }
        try {
            if (check) {
                ctx.database().check(editor);
                io.print("configuration check succeeds\n");
                return;
            }
            CommitRecord r = ctx.database().commit(editor, new CommitRequest(user, "cli", comment, confirmed));
            StringBuilder sb = new StringBuilder();
            if (confirmed != null) {
                sb.append("commit confirmed will be automatically rolled back in ").append(confirmed)
                        .append(" minutes unless confirmed\n");
            }
            sb.append("commit complete\n");
            io.print(sb.toString());
            if (r == null) {
                throw new CliError("error: commit failed");
            }
        } catch (CommitException e) {
            throw new CliError(String.join("\n", e.errors()));
        }
        if (andQuit) {
            leaveConfiguration();
        }
    }

    /** Completion and help for the text before the cursor. */
    public Completion.Result complete(String lineBeforeCursor) {
        return Completion.complete(this, lineBeforeCursor);
    }
}
