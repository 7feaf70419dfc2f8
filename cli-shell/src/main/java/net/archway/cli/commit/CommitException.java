package net.archway.cli.commit;

import java.util.List;

/** A commit that did not happen; {@link #errors()} are the lines to show, each with its place. */
public final class CommitException extends Exception {
    private final List<String> errors;

    public CommitException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
