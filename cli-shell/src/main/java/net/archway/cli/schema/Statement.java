package net.archway.cli.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One statement of the configuration language: a container ({@code protocols}), a keyed list
 * ({@code neighbor 192.0.2.1}, {@code term t1}), a leaf with a typed value ({@code peer-as 65000}),
 * a leaf-list ({@code members [ a b ]}) or a flag ({@code passive}).
 *
 * <p>Statements are built once (by the module that owns them) and then frozen; the printer uses
 * a statement's position among its siblings ({@link #ordinal()}) as the print order.
 */
public final class Statement {
    public enum Kind { CONTAINER, LIST, LEAF, LEAF_LIST, FLAG }

    /** A key of a list: its name (for JSON and help) and its type. */
    public record Key(String name, ValueType type) {
    }

    private final Kind kind;
    private final String name;
    private final String help;
    private final ValueType type;
    private final List<Key> keys;
    private final Map<String, Statement> children = new LinkedHashMap<>();
    private boolean mandatory;
    private boolean ordered;
    private boolean oneLine;
    private boolean nameless;
    private Statement namelessList;
    private int ordinal;
    private Statement parent;
    private boolean frozen;

    private Statement(Kind kind, String name, String help, ValueType type, List<Key> keys) {
        this.kind = kind;
        this.name = name;
        this.help = help;
        this.type = type;
        this.keys = List.copyOf(keys);
    }

    // ---- construction ----

    public static Statement container(String name, String help, Statement... children) {
        return new Statement(Kind.CONTAINER, name, help, null, List.of()).add(children);
    }

    public static Statement list(String name, String help, Key key, Statement... children) {
        return new Statement(Kind.LIST, name, help, null, List.of(key)).add(children);
    }

    /** A list with a composite key: {@code route-filter 10.0.0.0/8 upto /24}. */
    public static Statement list(String name, String help, List<Key> keys, Statement... children) {
        return new Statement(Kind.LIST, name, help, null, keys).add(children);
    }

    public static Statement leaf(String name, String help, ValueType type) {
        return new Statement(Kind.LEAF, name, help, type, List.of());
    }

    public static Statement leafList(String name, String help, ValueType type) {
        return new Statement(Kind.LEAF_LIST, name, help, type, List.of());
    }

    public static Statement flag(String name, String help) {
        return new Statement(Kind.FLAG, name, help, null, List.of());
    }

    public static Key key(String name, ValueType type) {
        return new Key(name, type);
    }

    /** Adds children (containers and lists only); order of addition is print order. */
    public Statement add(Statement... more) {
        if (frozen) {
            throw new IllegalStateException("statement '" + name + "' is frozen");
        }
        if (more.length > 0 && kind != Kind.CONTAINER && kind != Kind.LIST) {
            throw new IllegalArgumentException(kind + " '" + name + "' cannot have children");
        }
        for (Statement s : more) {
            if (children.containsKey(s.name)) {
                throw new IllegalArgumentException("'" + s.name + "' defined twice under '" + name + "'");
            }
            if (s.parent != null) {
                throw new IllegalArgumentException("'" + s.name + "' already belongs to '" + s.parent.name + "'");
            }
            if (s.nameless) {
                if (namelessList != null) {
                    throw new IllegalArgumentException("two nameless lists under '" + name + "'");
                }
                namelessList = s;
            }
            s.parent = this;
            s.ordinal = children.size();
            children.put(s.name, s);
        }
        return this;
    }

    /** Adds children, from a list (for groups of statements shared by several parents). */
    public Statement add(List<Statement> more) {
        return add(more.toArray(new Statement[0]));
    }

    /** Must be present whenever its parent is (checked at commit). */
    public Statement mandatory() {
        this.mandatory = true;
        return this;
    }

    /** A list whose entries keep the user's order ({@code insert} moves them), as policy terms. */
    public Statement ordered() {
        this.ordered = true;
        return this;
    }

    /**
     * A list entry with a single leaf prints on one line: {@code route 10.0.0.0/8 next-hop 192.0.2.1;}.
     */
    public Statement oneLine() {
        this.oneLine = true;
        return this;
    }

    /**
     * A list written by its key alone, without its name: {@code interfaces { ge-0/0/0 { ... } }}
     * (JSON still uses the name: {@code "interface": [...]}). Call before adding to a parent.
     */
    public Statement nameless() {
        if (kind != Kind.LIST || keys.size() != 1) {
            throw new IllegalArgumentException("only a list with one key can be nameless");
        }
        this.nameless = true;
        return this;
    }

    public boolean isNameless() {
        return nameless;
    }

    /** The nameless list among the children, or null. */
    public Statement namelessList() {
        return namelessList;
    }

    void freeze() {
        if (!frozen) {
            frozen = true;
            for (Statement c : children.values()) {
                c.freeze();
            }
        }
    }

    // ---- reading ----

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String help() {
        return help;
    }

    /** The value type of a leaf or leaf-list; null for others. */
    public ValueType type() {
        return type;
    }

    public List<Key> keys() {
        return keys;
    }

    public Statement child(String childName) {
        return children.get(childName);
    }

    public Map<String, Statement> children() {
        return Collections.unmodifiableMap(children);
    }

    public boolean isMandatory() {
        return mandatory;
    }

    public boolean isOrdered() {
        return ordered;
    }

    public boolean isOneLine() {
        return oneLine;
    }

    /** Position among the parent's children; the print order. */
    public int ordinal() {
        return ordinal;
    }

    public Statement parent() {
        return parent;
    }

    public boolean hasChildren() {
        return kind == Kind.CONTAINER || kind == Kind.LIST;
    }

    /** The schema path from the root, e.g. [protocols, bgp, group]. */
    public List<String> schemaPath() {
        List<String> path = new ArrayList<>();
        for (Statement s = this; s != null && s.parent != null; s = s.parent) {
            path.add(0, s.name);
        }
        return path;
    }

    @Override
    public String toString() {
        return kind + " " + String.join(" ", schemaPath());
    }
}
