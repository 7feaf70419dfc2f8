package net.archway.cli.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import net.archway.cli.schema.Statement;

/**
 * One node of a configuration tree, immutable. A node is an instance of a {@link Statement}: a
 * container, a list entry (with its keys), a leaf (one value), a leaf-list (values) or a flag.
 * Changing a tree copies the path from the root to the change and shares everything else, so a
 * snapshot is a reference and a diff skips identical subtrees by identity.
 *
 * <p>Children are kept in print order: by their statement's position in the schema, and list
 * entries of one list in the user's order.
 */
public final class ConfigNode {
    private static final ConfigNode[] NONE = new ConfigNode[0];

    private final Statement def;
    private final List<String> keys;
    private final List<String> values;
    private final boolean inactive;
    private final String annotation;
    private final ConfigNode[] children;
    private volatile Map<String, Integer> index;

    ConfigNode(Statement def, List<String> keys, List<String> values, boolean inactive, String annotation,
               ConfigNode[] children) {
        this.def = def;
        this.keys = keys;
        this.values = values;
        this.inactive = inactive;
        this.annotation = annotation;
        this.children = children;
    }

    /** An empty tree for a schema root. */
    public static ConfigNode emptyRoot(Statement root) {
        return new ConfigNode(root, List.of(), List.of(), false, null, NONE);
    }

    static ConfigNode of(Statement def, List<String> keys) {
        return new ConfigNode(def, List.copyOf(keys), List.of(), false, null, NONE);
    }

    public Statement def() {
        return def;
    }

    public String name() {
        return def.name();
    }

    public List<String> keys() {
        return keys;
    }

    /** The value of a leaf, or null. */
    public String value() {
        return values.isEmpty() ? null : values.get(0);
    }

    public List<String> values() {
        return values;
    }

    public boolean isInactive() {
        return inactive;
    }

    /** The annotation ({@code /* ... *}{@code /} comment), or null. */
    public String annotation() {
        return annotation;
    }

    public List<ConfigNode> children() {
        return Collections.unmodifiableList(Arrays.asList(children));
    }

    public int childCount() {
        return children.length;
    }

    public boolean isEmpty() {
        return children.length == 0;
    }

    /** The identity among siblings: the statement name, followed by the keys for list entries. */
    public String id() {
        return identity(def.name(), keys);
    }

    static String identity(String name, List<String> keys) {
        if (keys.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name);
        for (String k : keys) {
            sb.append('\u0000').append(k);
        }
        return sb.toString();
    }

    public ConfigNode child(String id) {
        Integer i = index().get(id);
        return i == null ? null : children[i];
    }

    /** A child container, leaf or flag by name. */
    public ConfigNode child(String name, List<String> keys) {
        return child(identity(name, keys));
    }

    /** The value of a child leaf, or null. */
    public String leaf(String name) {
        ConfigNode c = child(name);
        return c == null ? null : c.value();
    }

    /** The entries of the list {@code name} among the children, in order. */
    public List<ConfigNode> entries(String name) {
        List<ConfigNode> out = new ArrayList<>();
        for (ConfigNode c : children) {
            if (c.def.name().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    private Map<String, Integer> index() {
        Map<String, Integer> m = index;
        if (m == null) {
            m = new HashMap<>(children.length * 2);
            for (int i = 0; i < children.length; i++) {
                m.put(children[i].id(), i);
            }
            index = m;
        }
        return m;
    }

    // ---- copies with one change ----

    public ConfigNode withValues(List<String> newValues) {
        return new ConfigNode(def, keys, List.copyOf(newValues), inactive, annotation, children);
    }

    public ConfigNode withInactive(boolean newInactive) {
        return newInactive == inactive ? this : new ConfigNode(def, keys, values, newInactive, annotation, children);
    }

    public ConfigNode withAnnotation(String newAnnotation) {
        return Objects.equals(newAnnotation, annotation) ? this
                : new ConfigNode(def, keys, values, inactive, newAnnotation, children);
    }

    public ConfigNode withKeys(List<String> newKeys) {
        return new ConfigNode(def, List.copyOf(newKeys), values, inactive, annotation, children);
    }

    ConfigNode withChildren(ConfigNode[] newChildren) {
        return new ConfigNode(def, keys, values, inactive, annotation, newChildren);
    }

    /** This node with {@code child} added (in print order) or replacing the child with its id. */
    public ConfigNode with(ConfigNode child) {
        Integer i = index().get(child.id());
        if (i != null) {
            if (children[i] == child) {
                return this;
            }
            ConfigNode[] copy = children.clone();
            copy[i] = child;
            return withChildren(copy);
        }
        int at = insertionPoint(child.def.ordinal());
        ConfigNode[] copy = new ConfigNode[children.length + 1];
        System.arraycopy(children, 0, copy, 0, at);
        copy[at] = child;
        System.arraycopy(children, at, copy, at + 1, children.length - at);
        return withChildren(copy);
    }

    /** After the last child whose statement comes before or at {@code ordinal}. */
    private int insertionPoint(int ordinal) {
        int lo = 0;
        int hi = children.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (children[mid].def.ordinal() <= ordinal) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** This node without the child with {@code id}. */
    public ConfigNode without(String id) {
        Integer i = index().get(id);
        if (i == null) {
            return this;
        }
        ConfigNode[] copy = new ConfigNode[children.length - 1];
        System.arraycopy(children, 0, copy, 0, i);
        System.arraycopy(children, i + 1, copy, i, children.length - i - 1);
        return withChildren(copy);
    }

    /** This node without every entry of the list (or the statement) {@code name}. */
    public ConfigNode withoutAll(String name) {
        List<ConfigNode> kept = new ArrayList<>();
        for (ConfigNode c : children) {
            if (!c.def.name().equals(name)) {
                kept.add(c);
            }
        }
        return kept.size() == children.length ? this : withChildren(kept.toArray(NONE));
    }

    /**
     * Moves the entry {@code id} of an ordered list before or after the entry {@code refId}.
     */
    public ConfigNode move(String id, String refId, boolean after) {
        Integer i = index().get(id);
        Integer r = index().get(refId);
        if (i == null || r == null || i.equals(r)) {
            return this;
        }
        List<ConfigNode> list = new ArrayList<>(Arrays.asList(children));
        ConfigNode moving = list.remove((int) i);
        int ref = list.indexOf(children[r]);
        list.add(after ? ref + 1 : ref, moving);
        return withChildren(list.toArray(NONE));
    }

    /** Deep structural equality (statements, keys, values, flags, annotations, order). */
    public boolean sameAs(ConfigNode other) {
        if (this == other) {
            return true;
        }
        if (other == null || def != other.def || inactive != other.inactive || !keys.equals(other.keys)
                || !values.equals(other.values) || !Objects.equals(annotation, other.annotation)
                || children.length != other.children.length) {
            return false;
        }
        for (int i = 0; i < children.length; i++) {
            if (!children[i].sameAs(other.children[i])) {
                return false;
            }
        }
        return true;
    }

    /** Number of nodes in this subtree. */
    public int size() {
        int n = 1;
        for (ConfigNode c : children) {
            n += c.size();
        }
        return n;
    }

    @Override
    public String toString() {
        // never the values: they may be secrets
        return "ConfigNode[" + def + (keys.isEmpty() ? "" : " " + String.join(" ", keys)) + ", " + children.length
                + " children]";
    }

    /** A mutable node used while parsing a whole file; {@link #build()} freezes it. */
    static class Builder {
        final Statement def;
        final List<String> keys;
        List<String> values = new ArrayList<>();
        boolean inactive;
        String annotation;
        final List<Builder> children = new ArrayList<>();
        final Map<String, Builder> byId = new HashMap<>();

        Builder(Statement def, List<String> keys) {
            this.def = def;
            this.keys = List.copyOf(keys);
        }

        Builder child(Statement d, List<String> k) {
            String id = identity(d.name(), k);
            Builder b = byId.get(id);
            if (b == null) {
                b = new Builder(d, k);
                byId.put(id, b);
                children.add(b);
            }
            return b;
        }

        ConfigNode build() {
            ConfigNode[] built = new ConfigNode[children.size()];
            for (int i = 0; i < built.length; i++) {
                built[i] = children.get(i).build();
            }
            // stable: list entries keep their order, statements go to schema order
            Arrays.sort(built, (a, b) -> Integer.compare(a.def.ordinal(), b.def.ordinal()));
            return new ConfigNode(def, keys, List.copyOf(values), inactive, annotation, built.length == 0 ? NONE : built);
        }
    }
}
