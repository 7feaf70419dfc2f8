package net.archway.cli.schema;

import java.util.List;

/**
 * Assembles a {@link Schema} from fragments: top-level statements, or statements added under
 * an existing container (a subsystem adding {@code protocols bfd} to {@code protocols}).
 */
public final class SchemaBuilder {
    private final Statement root = Statement.container("", "configuration");

    SchemaBuilder() {
    }

    /** Adds top-level statements ({@code system}, {@code interfaces}, ...). */
    public SchemaBuilder add(Statement... statements) {
        root.add(statements);
        return this;
    }

    /**
     * Adds statements under the container at {@code path} (statement names), creating missing
     * containers with the given help.
     */
    public SchemaBuilder addUnder(List<String> path, Statement... statements) {
        Statement at = root;
        for (String name : path) {
            Statement next = at.child(name);
            if (next == null) {
                next = Statement.container(name, name);
                at.add(next);
            }
            at = next;
        }
        at.add(statements);
        return this;
    }

    public Schema build() {
        return new Schema(root);
    }
}
