package net.archway.cli.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.archway.cli.schema.InvalidValueException;
import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;

/**
 * Reads a path of statements, keys and a value from tokens, walking the schema: the argument
 * of {@code set}, {@code delete}, {@code edit}, {@code show}, {@code deactivate} and the lines of
 * {@code load set}. In command lines, a unique prefix of a statement name is accepted.
 */
public final class PathParser {
    /** What the path is for. */
    public enum Mode {
        /** {@code set}: a leaf needs its value, a list its keys; everything must be consumed. */
        SET,
        /** {@code delete}, {@code show}, {@code deactivate}...: the last list may lack keys, a leaf its value. */
        TARGET,
        /** {@code edit}: must end at a container or a list entry. */
        EDIT
    }

    /** A parsed path: the steps, the value(s) for a leaf or leaf-list, and where parsing stopped. */
    public record Parsed(List<Step> steps, List<String> values, int end) {
        public Step last() {
            return steps.isEmpty() ? null : steps.get(steps.size() - 1);
        }
    }

    private PathParser() {
    }

    /**
     * Parses {@code tokens[from, to)} starting at the statement {@code context} (the root or the
     * current edit level). {@code abbreviations}: accept unique prefixes of statement names.
     */
    public static Parsed parse(Statement context, List<Token> tokens, int from, int to, Mode mode,
                               boolean abbreviations, List<Step> contextPath) throws ConfigSyntaxException {
        List<Step> steps = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Statement cur = context;
        int i = from;
        while (i < to) {
            Token t = tokens.get(i);
            if (!t.isValue()) {
                throw error(contextPath, steps, "syntax error, unexpected " + t, t, i);
            }
            if (!cur.hasChildren()) {
                throw error(contextPath, steps, "syntax error: '" + cur.name() + "' takes nothing more, found " + t, t, i);
            }
            Statement def = lookup(cur, t.text(), abbreviations, contextPath, steps, t, i);
            if (!def.isNameless()) {
                i++;
            }
            List<String> keys = new ArrayList<>();
            if (def.kind() == Statement.Kind.LIST) {
                for (Statement.Key key : def.keys()) {
                    if (i >= to) {
                        if (keys.isEmpty() && mode != Mode.SET && mode != Mode.EDIT) {
                            break; // the whole list
                        }
                        Token last = tokens.get(Math.min(i, tokens.size() - 1));
                        throw error(contextPath, steps, "missing " + key.type().placeholder() + " (" + key.name()
                                + ") for '" + def.name() + "'", last, i);
                    }
                    int[] next = new int[1];
                    keys.add(readValue(key.type(), tokens, i, to, next, contextPath, steps, def.name()));
                    i = next[0];
                }
                steps.add(new Step(def, keys));
                cur = def;
                continue;
            }
            steps.add(new Step(def, keys));
            if (def.kind() == Statement.Kind.LEAF) {
                if (i >= to) {
                    if (mode == Mode.SET) {
                        Token last = tokens.get(Math.min(i, tokens.size() - 1));
                        throw error(contextPath, steps.subList(0, steps.size() - 1), "missing "
                                + def.type().placeholder() + " for '" + def.name() + "'", last, i);
                    }
                } else {
                    int[] next = new int[1];
                    values.add(readValue(def.type(), tokens, i, to, next, contextPath, steps, def.name()));
                    i = next[0];
                }
                break;
            }
            if (def.kind() == Statement.Kind.LEAF_LIST) {
                if (i >= to) {
                    if (mode == Mode.SET) {
                        Token last = tokens.get(Math.min(i, tokens.size() - 1));
                        throw error(contextPath, steps.subList(0, steps.size() - 1), "missing "
                                + def.type().placeholder() + " for '" + def.name() + "'", last, i);
                    }
                } else if (tokens.get(i).is(Token.Kind.LBRACKET)) {
                    i++;
                    while (i < to && !tokens.get(i).is(Token.Kind.RBRACKET)) {
                        int[] next = new int[1];
                        values.add(readValue(def.type(), tokens, i, to, next, contextPath, steps, def.name()));
                        i = next[0];
                    }
                    if (i >= to) {
                        throw error(contextPath, steps, "missing ']'", tokens.get(Math.min(i, tokens.size() - 1)), i);
                    }
                    i++;
                } else {
                    int[] next = new int[1];
                    values.add(readValue(def.type(), tokens, i, to, next, contextPath, steps, def.name()));
                    i = next[0];
                }
                break;
            }
            if (def.kind() == Statement.Kind.FLAG) {
                break;
            }
            cur = def;
        }
        if (mode == Mode.SET && i < to) {
            Token t = tokens.get(i);
            throw error(contextPath, steps, "syntax error, unexpected " + t + " after '"
                    + steps.get(steps.size() - 1).def().name() + "'", t, i);
        }
        if (mode == Mode.EDIT) {
            if (i < to) {
                throw error(contextPath, steps, "syntax error, unexpected " + tokens.get(i), tokens.get(i), i);
            }
            Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (last != null && !last.def().hasChildren()) {
                throw error(contextPath, steps, "'" + last.def().name() + "' is not a container: use set",
                        tokens.get(i - 1), i - 1);
            }
        }
        return new Parsed(steps, values, i);
    }

    static Statement lookup(Statement cur, String word, boolean abbreviations, List<Step> contextPath,
                            List<Step> steps, Token t, int index) throws ConfigSyntaxException {
        Statement def = cur.child(word);
        if (def != null) {
            return def;
        }
        Statement nameless = cur.namelessList();
        if (nameless != null) {
            try {
                nameless.keys().get(0).type().canonical(word);
                return nameless;
            } catch (net.archway.cli.schema.InvalidValueException e) {
                // not a key: try the names
            }
        }
        if (abbreviations) {
            Statement found = null;
            List<String> matches = new ArrayList<>();
            for (Map.Entry<String, Statement> e : cur.children().entrySet()) {
                if (e.getKey().startsWith(word)) {
                    matches.add(e.getKey());
                    found = e.getValue();
                }
            }
            if (matches.size() == 1) {
                return found;
            }
            if (matches.size() > 1) {
                throw error(contextPath, steps, "'" + ValueType.printable(word) + "' is ambiguous: "
                        + String.join(", ", matches), t, index);
            }
        }
        throw error(contextPath, steps, "syntax error: unknown statement '" + ValueType.printable(word) + "'"
                + (cur.name().isEmpty() ? "" : " in '" + cur.name() + "'"), t, index);
    }

    static String readValue(ValueType type, List<Token> tokens, int i, int to, int[] next, List<Step> contextPath,
                            List<Step> steps, String owner) throws ConfigSyntaxException {
        Token t = tokens.get(i);
        if (!t.isValue()) {
            throw error(contextPath, steps, "missing " + type.placeholder() + " for '" + owner + "', found " + t, t, i);
        }
        List<String> words = new ArrayList<>();
        for (int k = i; k < to && tokens.get(k).isValue(); k++) {
            words.add(tokens.get(k).text());
            if (words.size() == 2) {
                break;
            }
        }
        int arity = t.is(Token.Kind.STRING) ? 1 : type.arity(words);
        if (i + arity > to || arity > words.size()) {
            throw error(contextPath, steps, "'" + ValueType.printable(t.text()) + "' needs an argument", t, i);
        }
        String raw = arity == 1 ? t.text() : String.join(" ", words.subList(0, arity));
        try {
            String v = type.canonical(raw);
            next[0] = i + arity;
            return v;
        } catch (InvalidValueException e) {
            throw error(contextPath, steps, owner + ": " + e.getMessage(), t, i);
        }
    }

    static ConfigSyntaxException error(List<Step> contextPath, List<Step> steps, String message, Token t, int index) {
        List<Step> where = new ArrayList<>(contextPath);
        where.addAll(steps);
        return new ConfigSyntaxException(Step.editBanner(where) + " " + message, t.line(), t.column(), index);
    }
}
