package net.archway.cli.config;

import java.util.ArrayList;
import java.util.List;

import net.archway.cli.schema.Schema;
import net.archway.cli.schema.Statement;

/**
 * Parses the curly-brace form. Besides blocks, a statement may continue on one line into its
 * children ({@code route 10.0.0.0/8 next-hop 192.0.2.1;}, {@code multipath multiple-as;}).
 * {@code inactive:} and {@code replace:} prefix a statement; an annotation
 * ({@code /* ... *}{@code /}) belongs to the statement that follows it.
 */
public final class ConfigParser {
    private final List<Token> tokens;
    private int pos;

    private ConfigParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole configuration. */
    public static ConfigNode parse(Schema schema, String text) throws ConfigSyntaxException {
        return parsePatch(schema, text).build();
    }

    /** Parses into a mutable tree that may carry {@code replace:} marks (for {@code load replace}). */
    static Patch parsePatch(Schema schema, String text) throws ConfigSyntaxException {
        ConfigParser p = new ConfigParser(Lexer.tokenize(text, false));
        Patch root = new Patch(schema.root(), List.of());
        p.block(root, new ArrayList<>(), true);
        return root;
    }

    /** A tree being parsed; {@code replace} marks statements that replace rather than merge. */
    static final class Patch extends ConfigNode.Builder {
        boolean replace;

        Patch(Statement def, List<String> keys) {
            super(def, keys);
        }

        @Override
        Patch child(Statement d, List<String> k) {
            String id = ConfigNode.identity(d.name(), k);
            ConfigNode.Builder b = byId.get(id);
            if (b == null) {
                b = new Patch(d, k);
                byId.put(id, b);
                children.add(b);
            }
            return (Patch) b;
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private void block(Patch parent, List<Step> path, boolean top) throws ConfigSyntaxException {
        while (true) {
            Token t = peek();
            if (t.is(Token.Kind.EOF)) {
                if (!top) {
                    throw new ConfigSyntaxException(Step.editBanner(path) + " missing '}' at end of input (line "
                            + t.line() + ")", t.line(), t.column(), pos);
                }
                return;
            }
            if (t.is(Token.Kind.RBRACE)) {
                if (top) {
                    throw new ConfigSyntaxException("[edit] line " + t.line() + ": unexpected '}'", t.line(), t.column(),
                            pos);
                }
                pos++;
                return;
            }
            String annotation = null;
            if (t.is(Token.Kind.ANNOTATION)) {
                annotation = t.text();
                pos++;
                t = peek();
                if (!t.isValue()) {
                    continue; // a comment not followed by a statement (end of block) is dropped
                }
            }
            boolean inactive = false;
            boolean replace = false;
            while (t.isWord("inactive:") || t.isWord("replace:")) {
                if (t.text().equals("inactive:")) {
                    inactive = true;
                } else {
                    replace = true;
                }
                pos++;
                t = peek();
            }
            statement(parent, path, annotation, inactive, replace);
        }
    }

    private void statement(Patch parent, List<Step> path, String annotation, boolean inactive, boolean replace)
            throws ConfigSyntaxException {
        Patch cur = parent;
        List<Step> curPath = new ArrayList<>(path);
        boolean first = true;
        while (true) {
            Token t = peek();
            if (!t.isValue()) {
                throw err(curPath, "expected a statement, found " + t, t);
            }
            Statement def = PathParser.lookup(cur.def, t.text(), false, curPath, List.of(), t, pos);
            if (!def.isNameless()) {
                pos++;
            }
            List<String> keys = new ArrayList<>();
            for (Statement.Key key : def.keys()) {
                keys.add(value(key.type(), curPath, def.name()));
            }
            Patch node = cur.child(def, keys);
            switch (def.kind()) {
                case LEAF -> node.values = new ArrayList<>(List.of(value(def.type(), curPath, def.name())));
                case LEAF_LIST -> {
                    List<String> vs = new ArrayList<>();
                    if (peek().is(Token.Kind.LBRACKET)) {
                        pos++;
                        while (!peek().is(Token.Kind.RBRACKET)) {
                            if (peek().is(Token.Kind.EOF) || !peek().isValue()) {
                                throw err(curPath, "missing ']' after the values of '" + def.name() + "'", peek());
                            }
                            vs.add(value(def.type(), curPath, def.name()));
                        }
                        pos++;
                    } else {
                        vs.add(value(def.type(), curPath, def.name()));
                    }
                    for (String v : vs) {
                        if (!node.values.contains(v)) {
                            node.values.add(v);
                        }
                    }
                }
                default -> {
                }
            }
            if (first) {
                if (annotation != null) {
                    node.annotation = annotation;
                }
                node.inactive |= inactive;
                node.replace |= replace;
                first = false;
            }
            Token next = peek();
            if (next.is(Token.Kind.SEMICOLON)) {
                pos++;
                return;
            }
            if (next.is(Token.Kind.LBRACE)) {
                if (!def.hasChildren()) {
                    throw err(curPath, "'" + def.name() + "' takes a value, not a block", next);
                }
                pos++;
                curPath.add(new Step(def, keys));
                block(node, curPath, false);
                return;
            }
            if (next.isValue()) {
                if (def.hasChildren()) {
                    cur = node;
                    curPath.add(new Step(def, keys));
                }
                continue;
            }
            throw err(curPath, "missing ';' after '" + def.name() + "', found " + next, next);
        }
    }

    private String value(net.archway.cli.schema.ValueType type, List<Step> path, String owner)
            throws ConfigSyntaxException {
        Token t = peek();
        if (!t.isValue()) {
            throw err(path, "missing " + type.placeholder() + " for '" + owner + "', found " + t, t);
        }
        int[] next = new int[1];
        String v;
        try {
            v = PathParser.readValue(type, tokens, pos, tokens.size() - 1, next, path, List.of(), owner);
        } catch (ConfigSyntaxException e) {
            throw new ConfigSyntaxException(e.getMessage() + " (line " + t.line() + ")", t.line(), t.column(), pos);
        }
        pos = next[0];
        return v;
    }

    private ConfigSyntaxException err(List<Step> path, String message, Token t) {
        return new ConfigSyntaxException(Step.editBanner(path) + " line " + t.line() + ": " + message, t.line(),
                t.column(), pos);
    }
}
