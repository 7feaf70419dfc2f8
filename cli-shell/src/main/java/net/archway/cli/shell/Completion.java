package net.archway.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigTrees;
import net.archway.cli.config.Lexer;
import net.archway.cli.config.Step;
import net.archway.cli.config.Token;
import net.archway.cli.op.OpCommand;
import net.archway.cli.op.OpException;
import net.archway.cli.op.OpRegistry;
import net.archway.cli.op.Permission;
import net.archway.cli.schema.Statement;

/**
 * What may come next on a command line, from the schema and the command registry: for Tab,
 * space completion and {@code ?} ({@code Possible completions:}).
 */
public final class Completion {
    /** A possible next word: {@code word} is typed as is; a placeholder ({@code <address>}) is only help. */
    public record Candidate(String word, String help) {
        public boolean typeable() {
            return !word.startsWith("<") && !word.equals("|");
        }
    }

    /** The candidates for the word being typed ({@code partial}, possibly empty). */
    public record Result(String partial, List<Candidate> candidates) {
        /** The candidates whose word starts with the partial word. */
        public List<Candidate> matching() {
            List<Candidate> out = new ArrayList<>();
            for (Candidate c : candidates) {
                if (!c.typeable() || c.word().startsWith(partial)) {
                    out.add(c);
                }
            }
            return out;
        }

        /** Junos' {@code ?} listing. */
        public String listing() {
            List<Candidate> m = matching();
            if (m.isEmpty()) {
                return "No valid completions\n";
            }
            StringBuilder sb = new StringBuilder("Possible completions:\n");
            for (Candidate c : m) {
                sb.append(String.format("  %-20s %s%n", c.word(), c.help()));
            }
            return sb.toString();
        }
    }

    static final Candidate ENTER = new Candidate("<[Enter]>", "Execute this command");
    static final Candidate PIPE = new Candidate("|", "Pipe through a command");

    private Completion() {
    }

    static Map<String, String> configCommands() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("activate", "Remove the inactive tag from a statement");
        m.put("annotate", "Annotate the statement with a comment");
        m.put("commit", "Commit current set of changes");
        m.put("copy", "Copy a statement");
        m.put("deactivate", "Add the inactive tag to a statement");
        m.put("delete", "Delete a data element");
        m.put("edit", "Edit a sub-element");
        m.put("exit", "Exit from this level");
        m.put("help", "Provide help information");
        m.put("insert", "Insert a new ordered data element");
        m.put("load", "Load configuration from ASCII file or terminal");
        m.put("quit", "Quit from this level");
        m.put("rename", "Rename a statement");
        m.put("rollback", "Roll back to previous committed configuration");
        m.put("run", "Run an operational-mode command");
        m.put("set", "Set a parameter");
        m.put("show", "Show a parameter");
        m.put("status", "Show users currently editing configuration");
        m.put("top", "Exit to top level of configuration");
        m.put("up", "Exit one level of configuration");
        return m;
    }

    static Result complete(CliSession s, String line) {
        List<Token> toks;
        try {
            toks = Lexer.tokenize(line, true);
        } catch (Exception e) {
            return new Result("", List.of());
        }
        toks = toks.subList(0, toks.size() - 1);
        boolean atWordStart = line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1))
                || line.endsWith("|");
        String partial = "";
        if (!atWordStart && !toks.isEmpty() && toks.get(toks.size() - 1).isValue()) {
            partial = toks.get(toks.size() - 1).text();
            toks = toks.subList(0, toks.size() - 1);
        }
        int pipe = -1;
        for (int i = 0; i < toks.size(); i++) {
            if (toks.get(i).is(Token.Kind.PIPE)) {
                pipe = i;
            }
        }
        if (pipe >= 0) {
            return new Result(partial, pipeCandidates(words(toks.subList(pipe + 1, toks.size()))));
        }
        List<String> w = words(toks);
        List<Candidate> c = s.inConfigurationMode() ? configCandidates(s, w) : opCandidates(s, w);
        return new Result(partial, c);
    }

    private static List<String> words(List<Token> toks) {
        List<String> out = new ArrayList<>();
        for (Token t : toks) {
            out.add(t.text());
        }
        return out;
    }

    private static List<Candidate> pipeCandidates(List<String> w) {
        List<Candidate> out = new ArrayList<>();
        if (w.isEmpty()) {
            out.add(new Candidate("compare", "Compare configuration changes with prior version"));
            out.add(new Candidate("count", "Count occurrences"));
            out.add(new Candidate("display", "Show additional kinds of information"));
            out.add(new Candidate("except", "Show only text that does not match a pattern"));
            out.add(new Candidate("last", "Display end of output only"));
            out.add(new Candidate("match", "Show only text that matches a pattern"));
            out.add(new Candidate("no-more", "Don't paginate output"));
        } else if (w.size() == 1 && w.get(0).equals("display")) {
            out.add(new Candidate("json", "Show output in JSON format"));
            out.add(new Candidate("set", "Show 'set' commands that create configuration"));
        } else if (w.size() == 1 && (w.get(0).equals("match") || w.get(0).equals("except"))) {
            out.add(new Candidate("<pattern>", "Pattern to match against"));
        } else if (w.size() == 1 && w.get(0).equals("compare")) {
            out.add(ENTER);
            out.add(new Candidate("rollback", "Compare against a rollback"));
        } else {
            out.add(ENTER);
            out.add(PIPE);
        }
        return out;
    }

    static List<Candidate> opCandidates(CliSession s, List<String> w) {
        OpRegistry r = s.context().commands();
        List<Candidate> out = new ArrayList<>();
        OpRegistry.Match m;
        try {
            m = r.find(w);
        } catch (OpException e) {
            return out;
        }
        int consumed = m == null ? 0 : m.consumed();
        // longer commands may continue the words (show system → commit, users)
        List<String> resolved = resolve(r, w, s);
        if (resolved != null) {
            for (Map.Entry<String, String> e : r.nextWords(resolved, s.loginClass()).entrySet()) {
                out.add(new Candidate(e.getKey(), e.getValue()));
            }
        }
        if (m != null && (resolved == null || resolved.size() == consumed || consumed == w.size())) {
            OpCommand c = m.command();
            List<String> args = w.subList(consumed, w.size());
            if (c.words().equals(List.of("show", "configuration"))) {
                out.addAll(schemaCandidates(s.context().schema().root(), s.activeConfiguration(), args, true));
            } else {
                if (args.isEmpty()) {
                    for (Map.Entry<String, String> e : new java.util.TreeMap<>(c.arguments()).entrySet()) {
                        out.add(new Candidate(e.getKey(), e.getValue()));
                    }
                }
                out.add(0, ENTER);
                out.add(PIPE);
            }
        }
        return out;
    }

    /** The full words for typed (possibly abbreviated) command words, or null when they are no command prefix. */
    private static List<String> resolve(OpRegistry r, List<String> w, CliSession s) {
        List<String> resolved = new ArrayList<>();
        for (String word : w) {
            Map<String, String> next = r.nextWords(resolved, s.loginClass());
            if (next.containsKey(word)) {
                resolved.add(word);
                continue;
            }
            String found = null;
            for (String k : next.keySet()) {
                if (k.startsWith(word)) {
                    if (found != null) {
                        return null;
                    }
                    found = k;
                }
            }
            if (found == null) {
                return null;
            }
            resolved.add(found);
        }
        return resolved;
    }

    static List<Candidate> configCandidates(CliSession s, List<String> w) {
        List<Candidate> out = new ArrayList<>();
        if (!s.loginClass().allows(Permission.CONFIGURE)) {
            return out;
        }
        if (w.isEmpty()) {
            for (Map.Entry<String, String> e : configCommands().entrySet()) {
                out.add(new Candidate(e.getKey(), e.getValue()));
            }
            return out;
        }
        String verb = w.get(0);
        for (String c : CliSession.CONFIG_COMMANDS) {
            if (c.startsWith(verb) && !CliSession.CONFIG_COMMANDS.contains(verb)) {
                verb = c;
                break;
            }
        }
        List<String> rest = w.subList(1, w.size());
        Statement ctx = s.level().isEmpty() ? s.context().schema().root() : s.level().get(s.level().size() - 1).def();
        ConfigNode at = ConfigTrees.get(s.candidate(), s.level());
        switch (verb) {
            case "set", "delete", "edit", "deactivate", "activate", "annotate", "copy", "rename", "insert" -> {
                out.addAll(schemaCandidates(ctx, at, rest, !verb.equals("set")));
                if (verb.equals("set") || verb.equals("edit")) {
                    out.removeIf(c -> c == PIPE);
                }
            }
            case "show" -> out.addAll(schemaCandidates(ctx, at, rest, true));
            case "run" -> out.addAll(opCandidates(s, rest));
            case "load" -> {
                if (rest.isEmpty()) {
                    out.add(new Candidate("merge", "Merge contents with existing configuration"));
                    out.add(new Candidate("override", "Override existing configuration"));
                    out.add(new Candidate("replace", "Replace configuration data"));
                    out.add(new Candidate("set", "Execute set of commands on existing configuration"));
                } else if (rest.size() == 1) {
                    out.add(new Candidate("<filename>", "Filename (URL, local, remote, or floppy)"));
                    out.add(new Candidate("terminal", "Use login terminal"));
                }
            }
            case "commit" -> {
                out.add(ENTER);
                out.add(new Candidate("and-quit", "Quit configuration mode if commit succeeds"));
                out.add(new Candidate("check", "Check correctness of syntax; do not apply changes"));
                out.add(new Candidate("comment", "Message to write to commit log"));
                out.add(new Candidate("confirmed", "Automatically rollback if not confirmed"));
            }
            case "rollback" -> {
                if (rest.isEmpty()) {
                    out.add(ENTER);
                    out.add(new Candidate("<number>", "Index of rollback (0-49)"));
                }
            }
            case "exit", "quit" -> {
                if (rest.isEmpty()) {
                    out.add(ENTER);
                    out.add(new Candidate("configuration-mode", "Exit from configuration mode"));
                }
            }
            default -> out.add(ENTER);
        }
        return out;
    }

    /** The next word of a schema path typed after {@code context}; {@code node} is the configuration there, if any. */
    static List<Candidate> schemaCandidates(Statement context, ConfigNode node, List<String> words, boolean pipes) {
        Statement cur = context;
        Statement pending = null; // a list whose keys, or a leaf whose value, comes next
        int keysRead = 0;
        List<String> keys = new ArrayList<>();
        boolean done = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (done) {
                return List.of();
            }
            if (pending != null) {
                if (pending.kind() == Statement.Kind.LIST) {
                    Statement.Key k = pending.keys().get(keysRead);
                    int arity = k.type().arity(words.subList(i, Math.min(words.size(), i + 2)));
                    keys.add(arity == 2 && i + 1 < words.size() ? word + " " + words.get(i + 1) : word);
                    i += arity - 1;
                    keysRead++;
                    if (keysRead == pending.keys().size()) {
                        node = node == null ? null : node.child(new Step(pending, keys).id());
                        cur = pending;
                        pending = null;
                    }
                } else {
                    done = true; // a leaf's value
                }
                continue;
            }
            if (!cur.hasChildren()) {
                return List.of();
            }
            Statement def = cur.child(word);
            if (def == null && cur.namelessList() != null) {
                def = cur.namelessList();
                i--; // the word is its key
            }
            if (def == null) {
                for (Statement c : cur.children().values()) {
                    if (c.name().startsWith(word)) {
                        if (def != null) {
                            return List.of();
                        }
                        def = c;
                    }
                }
            }
            if (def == null) {
                return List.of();
            }
            switch (def.kind()) {
                case LIST -> {
                    pending = def;
                    keysRead = 0;
                    keys = new ArrayList<>();
                }
                case LEAF, LEAF_LIST -> pending = def;
                case FLAG -> done = true;
                case CONTAINER -> {
                    cur = def;
                    node = node == null ? null : node.child(def.name());
                }
            }
        }
        List<Candidate> out = new ArrayList<>();
        if (done) {
            out.add(ENTER);
            return out;
        }
        if (pending != null) {
            if (pending.kind() == Statement.Kind.LIST) {
                Statement.Key k = pending.keys().get(keysRead);
                if (pipes && keysRead == 0) {
                    out.add(ENTER);
                }
                out.add(new Candidate(k.type().placeholder(), pending.help()));
                if (keysRead == 0 && node != null) {
                    for (ConfigNode e : node.entries(pending.name())) {
                        out.add(new Candidate(e.keys().get(0), pending.help()));
                    }
                }
                for (Map.Entry<String, String> e : k.type().keywords().entrySet()) {
                    out.add(new Candidate(e.getKey(), e.getValue()));
                }
            } else {
                if (pipes) {
                    out.add(ENTER);
                }
                out.add(new Candidate(pending.type().placeholder(), pending.help()));
                for (Map.Entry<String, String> e : pending.type().keywords().entrySet()) {
                    out.add(new Candidate(e.getKey(), e.getValue()));
                }
            }
            return out;
        }
        out.add(ENTER);
        for (Statement c : cur.children().values()) {
            if (c.isNameless()) {
                out.add(new Candidate(c.keys().get(0).type().placeholder(), c.help()));
                if (node != null) {
                    for (ConfigNode e : node.entries(c.name())) {
                        out.add(new Candidate(e.keys().get(0), c.help()));
                    }
                }
            } else {
                out.add(new Candidate(c.name(), c.help()));
            }
        }
        if (pipes) {
            out.add(PIPE);
        }
        return out;
    }
}
