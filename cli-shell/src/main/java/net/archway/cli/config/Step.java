package net.archway.cli.config;

import java.util.List;

import net.archway.cli.schema.Statement;

/** One step of a path into a configuration tree: a statement, with its keys when it is a list entry. */
public record Step(Statement def, List<String> keys) {
    public Step {
        keys = List.copyOf(keys);
    }

    public String id() {
        return ConfigNode.identity(def.name(), keys);
    }

    /** The words of this step as typed: {@code group cloud}. */
    public String words() {
        StringBuilder sb = new StringBuilder(def.isNameless() && !keys.isEmpty() ? "" : def.name());
        for (String k : keys) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(ConfigPrinter.quote(k, def.keys().isEmpty() ? null : def.keys().get(0).type()));
        }
        return sb.toString();
    }

    /** {@code [edit protocols bgp group cloud]} for a path, {@code [edit]} for the root. */
    public static String editBanner(List<Step> path) {
        if (path.isEmpty()) {
            return "[edit]";
        }
        StringBuilder sb = new StringBuilder("[edit");
        for (Step s : path) {
            sb.append(' ').append(s.words());
        }
        return sb.append(']').toString();
    }

    /** The path as words, {@code protocols bgp group cloud}. */
    public static String words(List<Step> path) {
        StringBuilder sb = new StringBuilder();
        for (Step s : path) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(s.words());
        }
        return sb.toString();
    }
}
