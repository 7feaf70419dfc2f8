package net.archway.cli.config;

import java.util.ArrayList;
import java.util.List;

import net.archway.cli.schema.Schema;

/**
 * The three text forms of a configuration, in and out: curly braces, {@code set} lines and
 * JSON; and the merge/replace/override operations of {@code load}.
 */
public final class ConfigText {
    public enum Format { CURLY, SET, JSON }

    private ConfigText() {
    }

    /** Guesses the form of a file: JSON starts with '{', set files with a command word. */
    public static Format detect(String text) {
        String t = text.stripLeading();
        while (t.startsWith("#")) {
            int nl = t.indexOf('\n');
            t = nl < 0 ? "" : t.substring(nl + 1).stripLeading();
        }
        if (t.startsWith("{")) {
            return Format.JSON;
        }
        for (String w : List.of("set ", "delete ", "deactivate ", "activate ", "annotate ", "insert ", "rename ",
                "copy ", "edit ", "top", "up")) {
            if (t.startsWith(w)) {
                return Format.SET;
            }
        }
        return Format.CURLY;
    }

    public static ConfigNode parse(Schema schema, String text, Format format) throws ConfigSyntaxException {
        return switch (format) {
            case CURLY -> ConfigParser.parse(schema, text);
            case JSON -> ConfigJson.parse(schema, text);
            case SET -> applySet(schema, ConfigNode.emptyRoot(schema.root()), text);
        };
    }

    public static String print(ConfigNode root, Format format, boolean showSecrets) {
        return switch (format) {
            case CURLY -> ConfigPrinter.curly(root, showSecrets);
            case SET -> ConfigPrinter.setLines(root, List.of(), showSecrets);
            case JSON -> ConfigJson.print(root, showSecrets);
        };
    }

    /** {@code load merge}: curly or JSON text merged into {@code base} (honours {@code replace:} tags). */
    public static ConfigNode merge(Schema schema, ConfigNode base, String text) throws ConfigSyntaxException {
        if (detect(text) == Format.JSON) {
            ConfigNode parsed = ConfigJson.parse(schema, text);
            return ConfigTrees.merge(base, toPatch(parsed));
        }
        return ConfigTrees.merge(base, ConfigParser.parsePatch(schema, text));
    }

    private static ConfigParser.Patch toPatch(ConfigNode n) {
        ConfigParser.Patch p = new ConfigParser.Patch(n.def(), n.keys());
        p.values = new ArrayList<>(n.values());
        p.inactive = n.isInactive();
        p.annotation = n.annotation();
        for (ConfigNode c : n.children()) {
            ConfigParser.Patch cp = toPatch(c);
            p.children.add(cp);
            p.byId.put(c.id(), cp);
        }
        return p;
    }

    /**
     * {@code load set}: applies {@code set}, {@code delete}, {@code activate}, {@code deactivate},
     * {@code annotate}, {@code edit}, {@code up} and {@code top} lines to {@code base}. The first
     * error stops it, naming the line.
     */
    public static ConfigNode applySet(Schema schema, ConfigNode base, String text) throws ConfigSyntaxException {
        ConfigNode root = base;
        List<Step> level = new ArrayList<>();
        // consecutive set lines are gathered into one patch and merged at once (set is a merge):
        // 10,000 routes under one list cost one pass, not 10,000 copies of it
        ConfigParser.Patch patch = null;
        String[] lines = text.split("\n", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln];
            List<Token> toks;
            try {
                toks = Lexer.tokenize(line, false);
            } catch (ConfigSyntaxException e) {
                throw new ConfigSyntaxException("line " + (ln + 1) + ": " + e.getMessage(), ln + 1, e.column(), -1);
            }
            if (toks.size() == 1) {
                continue;
            }
            try {
                if (toks.get(0).isWord("set")) {
                    var context = level.isEmpty() ? schema.root() : level.get(level.size() - 1).def();
                    var p = PathParser.parse(context, toks, 1, toks.size() - 1, PathParser.Mode.SET, false, level);
                    if (patch == null) {
                        patch = new ConfigParser.Patch(schema.root(), List.of());
                    }
                    addToPatch(patch, concat(level, p.steps()), p.values());
                    continue;
                }
                if (patch != null) {
                    root = ConfigTrees.merge(root, patch);
                    patch = null;
                }
                root = applyLine(schema, root, level, toks);
            } catch (ConfigSyntaxException e) {
                throw new ConfigSyntaxException("line " + (ln + 1) + ": " + e.getMessage(), ln + 1, e.column(), -1);
            } catch (ConfigEditException e) {
                throw new ConfigSyntaxException("line " + (ln + 1) + ": " + e.getMessage(), ln + 1, 0, -1);
            }
        }
        return patch == null ? root : ConfigTrees.merge(root, patch);
    }

    private static void addToPatch(ConfigParser.Patch patch, List<Step> path, List<String> values) {
        ConfigParser.Patch cur = patch;
        for (Step s : path) {
            cur = cur.child(s.def(), s.keys());
        }
        var kind = path.get(path.size() - 1).def().kind();
        if (kind == net.archway.cli.schema.Statement.Kind.LEAF) {
            cur.values = new ArrayList<>(values);
        } else if (kind == net.archway.cli.schema.Statement.Kind.LEAF_LIST) {
            for (String v : values) {
                if (!cur.values.contains(v)) {
                    cur.values.add(v);
                }
            }
        }
    }

    private static ConfigNode applyLine(Schema schema, ConfigNode root, List<Step> level, List<Token> toks)
            throws ConfigSyntaxException, ConfigEditException {
        Token verb = toks.get(0);
        int end = toks.size() - 1;
        var context = level.isEmpty() ? schema.root() : level.get(level.size() - 1).def();
        switch (verb.kind() == Token.Kind.WORD ? verb.text() : "") {
            case "set" -> {
                var p = PathParser.parse(context, toks, 1, end, PathParser.Mode.SET, false, level);
                return ConfigTrees.set(root, concat(level, p.steps()), p.values());
            }
            case "delete" -> {
                var p = PathParser.parse(context, toks, 1, end, PathParser.Mode.TARGET, false, level);
                return ConfigTrees.delete(root, concat(level, p.steps()), p.values());
            }
            case "deactivate", "activate" -> {
                var p = PathParser.parse(context, toks, 1, end, PathParser.Mode.TARGET, false, level);
                return ConfigTrees.setInactive(root, concat(level, p.steps()), verb.text().equals("deactivate"));
            }
            case "annotate" -> {
                if (end < 3 || !toks.get(end - 1).isValue()) {
                    throw new ConfigSyntaxException("annotate needs a statement and a \"comment\"");
                }
                var p = PathParser.parse(context, toks, 1, end - 1, PathParser.Mode.TARGET, false, level);
                return ConfigTrees.annotate(root, concat(level, p.steps()), toks.get(end - 1).text());
            }
            case "edit" -> {
                var p = PathParser.parse(context, toks, 1, end, PathParser.Mode.EDIT, false, level);
                level.addAll(p.steps());
                return ConfigTrees.set(root, new ArrayList<>(level), List.of());
            }
            case "top" -> {
                level.clear();
                return root;
            }
            case "up" -> {
                if (!level.isEmpty()) {
                    level.remove(level.size() - 1);
                }
                return root;
            }
            default -> throw new ConfigSyntaxException("unknown command " + verb
                    + ": expected set, delete, activate, deactivate, annotate, edit, up or top");
        }
    }

    static List<Step> concat(List<Step> a, List<Step> b) {
        List<Step> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }
}
