package net.archway.cli.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code show | compare}: the difference between two trees in the Junos layout, a
 * {@code [edit ...]} header for each place that changed, then the removed ({@code -}) and added
 * ({@code +}) statements in curly form indented as under that header. Identical subtrees are
 * skipped by identity, so comparing a candidate with the configuration it was made from costs
 * the size of the change.
 */
public final class ConfigDiff {
    private ConfigDiff() {
    }

    public static String diff(ConfigNode from, ConfigNode to, boolean showSecrets) {
        return diff(from, to, List.of(), showSecrets);
    }

    /** The difference between two subtrees found at {@code path} (which names the banners). */
    public static String diff(ConfigNode from, ConfigNode to, List<Step> path, boolean showSecrets) {
        StringBuilder sb = new StringBuilder();
        diff(from, to, new ArrayList<>(path), sb, showSecrets);
        return sb.toString();
    }

    private static void diff(ConfigNode from, ConfigNode to, List<Step> path, StringBuilder sb, boolean secrets) {
        if (from == to) {
            return;
        }
        StringBuilder here = new StringBuilder();
        List<ConfigNode> recurse = new ArrayList<>();
        List<ConfigNode> recurseFrom = new ArrayList<>();
        Map<String, ConfigNode> toById = new HashMap<>();
        for (ConfigNode c : to.children()) {
            toById.put(c.id(), c);
        }
        for (ConfigNode c : from.children()) {
            ConfigNode t = toById.get(c.id());
            if (t == null) {
                lines('-', c, here, secrets);
            }
        }
        for (ConfigNode t : to.children()) {
            ConfigNode f = from.child(t.id());
            if (f == null) {
                lines('+', t, here, secrets);
            } else if (f != t) {
                boolean attrsDiffer = f.isInactive() != t.isInactive()
                        || !java.util.Objects.equals(f.annotation(), t.annotation());
                if (!t.def().hasChildren() || attrsDiffer) {
                    if (!f.sameAs(t)) {
                        lines('-', f, here, secrets);
                        lines('+', t, here, secrets);
                    }
                } else {
                    recurseFrom.add(f);
                    recurse.add(t);
                }
            }
        }
        if (here.length() > 0) {
            sb.append(Step.editBanner(path)).append('\n').append(here);
        }
        for (int i = 0; i < recurse.size(); i++) {
            ConfigNode t = recurse.get(i);
            path.add(new Step(t.def(), t.keys()));
            diff(recurseFrom.get(i), t, path, sb, secrets);
            path.remove(path.size() - 1);
        }
    }

    private static void lines(char sign, ConfigNode n, StringBuilder out, boolean secrets) {
        StringBuilder sb = new StringBuilder();
        ConfigPrinter.statement(n, "", sb, secrets);
        for (String line : sb.toString().split("\n")) {
            out.append(sign).append("  ").append(line).append('\n');
        }
    }
}
