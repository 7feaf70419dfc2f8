package net.archway.cli.config;

import java.util.List;

import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;

/**
 * Prints a configuration tree as curly braces (Junos {@code show}) or as {@code set} lines
 * ({@code | display set}). With {@code showSecrets} false, secret values are replaced by
 * {@code /* SECRET-DATA *}{@code /} (for users whose class may not see them).
 */
public final class ConfigPrinter {
    public static final String INDENT = "    ";

    private ConfigPrinter() {
    }

    // ---- curly braces ----

    /** The children of {@code node}, in curly-brace form. */
    public static String curly(ConfigNode node, boolean showSecrets) {
        StringBuilder sb = new StringBuilder();
        for (ConfigNode c : node.children()) {
            statement(c, "", sb, showSecrets);
        }
        return sb.toString();
    }

    /** One statement and its subtree, in curly-brace form, each line starting with {@code indent}. */
    public static void statement(ConfigNode n, String indent, StringBuilder sb, boolean showSecrets) {
        if (n.annotation() != null) {
            sb.append(indent).append("/* ").append(n.annotation()).append(" */\n");
        }
        sb.append(indent);
        if (n.isInactive()) {
            sb.append("inactive: ");
        }
        Statement def = n.def();
        switch (def.kind()) {
            case LEAF, LEAF_LIST, FLAG -> {
                sb.append(inline(n, showSecrets)).append(';');
                if (def.type() != null && def.type().secret() && showSecrets) {
                    sb.append(" ## SECRET-DATA");
                }
                sb.append('\n');
            }
            default -> {
                sb.append(head(n));
                if (n.isEmpty()) {
                    sb.append(";\n");
                } else if (def.isOneLine() && n.childCount() == 1 && fitsOneLine(n.children().get(0))) {
                    ConfigNode only = n.children().get(0);
                    sb.append(' ').append(inline(only, showSecrets)).append(';');
                    if (only.def().type() != null && only.def().type().secret() && showSecrets) {
                        sb.append(" ## SECRET-DATA");
                    }
                    sb.append('\n');
                } else {
                    sb.append(" {\n");
                    String inner = indent + INDENT;
                    for (ConfigNode c : n.children()) {
                        statement(c, inner, sb, showSecrets);
                    }
                    sb.append(indent).append("}\n");
                }
            }
        }
    }

    private static boolean fitsOneLine(ConfigNode c) {
        return c.annotation() == null && !c.isInactive() && !c.def().hasChildren();
    }

    /** {@code neighbor 192.0.2.1}: a statement's name and keys. */
    public static String head(ConfigNode n) {
        StringBuilder sb = new StringBuilder(n.def().isNameless() ? "" : n.name());
        List<Statement.Key> keyDefs = n.def().keys();
        for (int i = 0; i < n.keys().size(); i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(n.keys().get(i), i < keyDefs.size() ? keyDefs.get(i).type() : null));
        }
        return sb.toString();
    }

    /** A leaf, leaf-list or flag without its semicolon: {@code peer-as 65000}, {@code members [ a b ]}. */
    static String inline(ConfigNode n, boolean showSecrets) {
        Statement def = n.def();
        if (def.kind() == Statement.Kind.FLAG) {
            return n.name();
        }
        if (def.type().secret() && !showSecrets) {
            return n.name() + " /* SECRET-DATA */";
        }
        List<String> vs = n.values();
        if (def.kind() == Statement.Kind.LEAF_LIST && vs.size() != 1) {
            StringBuilder sb = new StringBuilder(n.name()).append(" [");
            for (String v : vs) {
                sb.append(' ').append(quote(v, def.type()));
            }
            return sb.append(" ]").toString();
        }
        return n.name() + " " + quote(vs.get(0), def.type());
    }

    /** A value as it is written: bare when it is one plain word, otherwise in double quotes. */
    public static String quote(String v, ValueType type) {
        if (type != null && type.multiToken()) {
            return v;
        }
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c == '"' || c == '\\' || c == ';' || c == '{' || c == '}' || c == '[' || c == ']'
                    || c == '#' || c == '|' || c == '\'' || c == '*' && i > 0 && v.charAt(i - 1) == '/') {
                plain = false;
            }
        }
        if (plain && (type != null && type.secret() || v.equals("inactive:"))) {
            plain = false;
        }
        if (plain) {
            return v;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    // ---- set lines ----

    /** {@code set} lines (then {@code deactivate} and {@code annotate} lines) for the subtree of {@code node}. */
    public static String setLines(ConfigNode node, List<Step> prefix, boolean showSecrets) {
        StringBuilder sb = new StringBuilder();
        String p = prefix.isEmpty() ? "" : Step.words(prefix) + " ";
        for (ConfigNode c : node.children()) {
            setLines(c, p, sb, showSecrets);
        }
        return sb.toString();
    }

    private static void setLines(ConfigNode n, String prefix, StringBuilder sb, boolean showSecrets) {
        String path = prefix + head(n);
        Statement def = n.def();
        switch (def.kind()) {
            case LEAF -> sb.append("set ").append(prefix).append(inline(n, showSecrets)).append('\n');
            case LEAF_LIST -> {
                for (String v : n.values()) {
                    sb.append("set ").append(path).append(' ')
                            .append(def.type().secret() && !showSecrets ? "/* SECRET-DATA */" : quote(v, def.type()))
                            .append('\n');
                }
            }
            case FLAG -> sb.append("set ").append(path).append('\n');
            default -> {
                if (n.isEmpty()) {
                    sb.append("set ").append(path).append('\n');
                }
                for (ConfigNode c : n.children()) {
                    setLines(c, path + " ", sb, showSecrets);
                }
            }
        }
        if (n.isInactive()) {
            sb.append("deactivate ").append(path).append('\n');
        }
        if (n.annotation() != null) {
            sb.append("annotate ").append(path).append(' ').append(quote(n.annotation(), null)).append('\n');
        }
    }
}
