package net.archway.cli.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import net.archway.cli.schema.Statement;

/**
 * Edits of immutable configuration trees: each returns a new root sharing every untouched
 * subtree with the old one.
 */
public final class ConfigTrees {
    private ConfigTrees() {
    }

    /** The node at {@code path}, or null. A list step without keys is not a node: null. */
    public static ConfigNode get(ConfigNode root, List<Step> path) {
        ConfigNode n = root;
        for (Step s : path) {
            n = n.child(s.id());
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** {@code set}: creates the path; sets a leaf's value; adds to a leaf-list. */
    public static ConfigNode set(ConfigNode root, List<Step> path, List<String> values) throws ConfigEditException {
        Statement last = path.get(path.size() - 1).def();
        return update(root, path, 0, n -> {
            if (last.kind() == Statement.Kind.LEAF) {
                return n.withValues(values);
            }
            if (last.kind() == Statement.Kind.LEAF_LIST) {
                List<String> vs = new ArrayList<>(n.values());
                for (String v : values) {
                    if (!vs.contains(v)) {
                        vs.add(v);
                    }
                }
                return n.withValues(vs);
            }
            return n;
        }, true);
    }

    /**
     * {@code delete}: removes the node (with its subtree), one value of a leaf-list, or every
     * entry of a list when the last step has no keys.
     */
    public static ConfigNode delete(ConfigNode root, List<Step> path, List<String> values) throws ConfigEditException {
        Step last = path.get(path.size() - 1);
        List<Step> parent = path.subList(0, path.size() - 1);
        if (last.def().kind() == Statement.Kind.LIST && last.keys().isEmpty()) {
            ConfigNode p = get(root, parent);
            if (p == null || p.entries(last.def().name()).isEmpty()) {
                throw notFound(path);
            }
            return update(root, parent, 0, n -> n.withoutAll(last.def().name()), false);
        }
        if (get(root, path) == null) {
            throw notFound(path);
        }
        if (last.def().kind() == Statement.Kind.LEAF_LIST && !values.isEmpty()) {
            ConfigNode n = get(root, path);
            List<String> vs = new ArrayList<>(n.values());
            if (!vs.removeAll(values)) {
                throw notFound(path);
            }
            List<String> remaining = vs;
            return update(root, path, 0, x -> remaining.isEmpty() ? null : x.withValues(remaining), false);
        }
        if (last.def().kind() == Statement.Kind.LEAF && !values.isEmpty() && !values.get(0).equals(get(root, path).value())) {
            throw notFound(path);
        }
        return update(root, path, 0, n -> null, false);
    }

    /** {@code deactivate} / {@code activate}. */
    public static ConfigNode setInactive(ConfigNode root, List<Step> path, boolean inactive) throws ConfigEditException {
        return update(root, path, 0, n -> n.withInactive(inactive), false);
    }

    /** {@code annotate}; an empty text removes the annotation. */
    public static ConfigNode annotate(ConfigNode root, List<Step> path, String text) throws ConfigEditException {
        return update(root, path, 0, n -> n.withAnnotation(text.isEmpty() ? null : text), false);
    }

    /** {@code rename} a list entry to new keys. */
    public static ConfigNode rename(ConfigNode root, List<Step> path, List<String> newKeys) throws ConfigEditException {
        ConfigNode n = requireEntry(root, path);
        List<Step> parent = path.subList(0, path.size() - 1);
        ConfigNode p = get(root, parent);
        if (p.child(ConfigNode.identity(n.name(), newKeys)) != null) {
            throw new ConfigEditException("statement already exists: " + Step.words(parent) + " " + n.name() + " "
                    + String.join(" ", newKeys));
        }
        return update(root, parent, 0, x -> {
            ConfigNode renamed = n.withKeys(newKeys);
            ConfigNode added = x.with(renamed);
            // keep the entry's place in the list
            return added.move(renamed.id(), n.id(), false).without(n.id());
        }, false);
    }

    /** {@code copy} a list entry to new keys. */
    public static ConfigNode copy(ConfigNode root, List<Step> path, List<String> newKeys) throws ConfigEditException {
        ConfigNode n = requireEntry(root, path);
        List<Step> parent = path.subList(0, path.size() - 1);
        ConfigNode p = get(root, parent);
        if (p.child(ConfigNode.identity(n.name(), newKeys)) != null) {
            throw new ConfigEditException("statement already exists: " + n.name() + " " + String.join(" ", newKeys));
        }
        return update(root, parent, 0, x -> x.with(n.withKeys(newKeys)), false);
    }

    /** {@code insert} an entry of an ordered list before or after another. */
    public static ConfigNode insert(ConfigNode root, List<Step> path, List<String> refKeys, boolean after)
            throws ConfigEditException {
        ConfigNode n = requireEntry(root, path);
        if (!n.def().isOrdered()) {
            throw new ConfigEditException("'" + n.name() + "' entries are not ordered: insert applies to ordered lists "
                    + "(policy-statement term)");
        }
        List<Step> parent = path.subList(0, path.size() - 1);
        String refId = ConfigNode.identity(n.name(), refKeys);
        if (get(root, parent).child(refId) == null) {
            throw new ConfigEditException("statement not found: " + n.name() + " " + String.join(" ", refKeys));
        }
        return update(root, parent, 0, x -> x.move(n.id(), refId, after), false);
    }

    private static ConfigNode requireEntry(ConfigNode root, List<Step> path) throws ConfigEditException {
        ConfigNode n = get(root, path);
        if (n == null) {
            throw notFound(path);
        }
        if (n.def().kind() != Statement.Kind.LIST) {
            throw new ConfigEditException("'" + n.name() + "' is not a named entry: only list entries (group, "
                    + "neighbor, term...) can be renamed, copied or inserted");
        }
        return n;
    }

    private static ConfigEditException notFound(List<Step> path) {
        return new ConfigEditException("statement not found: " + Step.words(path));
    }

    /** Applies {@code fn} at the end of {@code path}; {@code fn} returning null deletes the node. */
    public static ConfigNode update(ConfigNode node, List<Step> path, int i, UnaryOperator<ConfigNode> fn,
                                    boolean create) throws ConfigEditException {
        if (i == path.size()) {
            return fn.apply(node);
        }
        Step s = path.get(i);
        ConfigNode child = node.child(s.id());
        if (child == null) {
            if (!create) {
                throw notFound(path.subList(0, i + 1));
            }
            child = ConfigNode.of(s.def(), s.keys());
        }
        ConfigNode updated = update(child, path, i + 1, fn, create);
        return updated == null ? node.without(child.id()) : node.with(updated);
    }

    /**
     * {@code load merge}: the patch's statements are added to or replace the base's; a statement
     * marked {@code replace:} replaces the base's statement whole.
     */
    static ConfigNode merge(ConfigNode base, ConfigParser.Patch patch) {
        ConfigNode result = base;
        if (patch.annotation != null) {
            result = result.withAnnotation(patch.annotation);
        }
        if (patch.inactive) {
            result = result.withInactive(true);
        }
        if (!patch.values.isEmpty()) {
            if (base.def().kind() == Statement.Kind.LEAF_LIST && !patch.replace) {
                List<String> vs = new ArrayList<>(base.values());
                for (String v : patch.values) {
                    if (!vs.contains(v)) {
                        vs.add(v);
                    }
                }
                result = result.withValues(vs);
            } else {
                result = result.withValues(patch.values);
            }
        }
        // one pass over the children (a file may add 10,000 routes to one list)
        List<ConfigNode> children = new ArrayList<>(result.children());
        java.util.Map<String, Integer> at = new java.util.HashMap<>();
        for (int i = 0; i < children.size(); i++) {
            at.put(children.get(i).id(), i);
        }
        boolean added = false;
        for (ConfigNode.Builder b : patch.children) {
            ConfigParser.Patch p = (ConfigParser.Patch) b;
            Integer i = at.get(ConfigNode.identity(p.def.name(), p.keys));
            if (i == null) {
                at.put(ConfigNode.identity(p.def.name(), p.keys), children.size());
                children.add(p.build());
                added = true;
            } else {
                children.set(i, p.replace ? p.build() : merge(children.get(i), p));
            }
        }
        if (added) {
            children.sort((a, b) -> Integer.compare(a.def().ordinal(), b.def().ordinal()));
        }
        return patch.children.isEmpty() ? result : result.withChildren(children.toArray(new ConfigNode[0]));
    }

    /** The tree without inactive statements: what subsystems see and validation checks. */
    public static ConfigNode effective(ConfigNode node) {
        boolean changed = false;
        List<ConfigNode> kept = new ArrayList<>(node.childCount());
        for (ConfigNode c : node.children()) {
            if (c.isInactive()) {
                changed = true;
                continue;
            }
            ConfigNode e = c.def().hasChildren() ? effective(c) : c;
            changed |= e != c;
            kept.add(e);
        }
        return changed ? node.withChildren(kept.toArray(new ConfigNode[0])) : node;
    }

    /**
     * Three-way merge for {@code configure private}: the changes from {@code base} to
     * {@code mine} applied onto {@code theirs} (the configuration committed meanwhile). Subtrees
     * {@code mine} did not touch are still {@code base}'s by identity and are taken from
     * {@code theirs}; where both changed, {@code mine} wins.
     */
    public static ConfigNode rebase(ConfigNode base, ConfigNode mine, ConfigNode theirs) {
        if (mine == base) {
            return theirs;
        }
        if (theirs == base || theirs == null || base == null) {
            return mine;
        }
        if (!mine.def().hasChildren()) {
            return mine;
        }
        ConfigNode result = theirs;
        if (!mine.values().equals(base.values())) {
            result = result.withValues(mine.values());
        }
        if (mine.isInactive() != base.isInactive()) {
            result = result.withInactive(mine.isInactive());
        }
        if (!java.util.Objects.equals(mine.annotation(), base.annotation())) {
            result = result.withAnnotation(mine.annotation());
        }
        for (ConfigNode b : base.children()) {
            if (mine.child(b.id()) == null) {
                result = result.without(b.id());
            }
        }
        for (ConfigNode m : mine.children()) {
            ConfigNode b = base.child(m.id());
            if (m == b) {
                continue;
            }
            ConfigNode t = result.child(m.id());
            result = result.with(b == null || t == null ? m : rebase(b, m, t));
        }
        return result;
    }
}
