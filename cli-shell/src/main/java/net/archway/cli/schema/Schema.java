package net.archway.cli.schema;

import java.util.List;

/**
 * A whole configuration language: the root container, assembled from the fragments each
 * subsystem contributes ({@link SchemaBuilder}). Frozen once built.
 */
public final class Schema {
    private final Statement root;

    Schema(Statement root) {
        this.root = root;
        root.freeze();
    }

    public Statement root() {
        return root;
    }

    /** The statement at a schema path (statement names only, no keys), or null. */
    public Statement find(List<String> names) {
        Statement s = root;
        for (String n : names) {
            s = s.child(n);
            if (s == null) {
                return null;
            }
        }
        return s;
    }

    public static SchemaBuilder builder() {
        return new SchemaBuilder();
    }
}
