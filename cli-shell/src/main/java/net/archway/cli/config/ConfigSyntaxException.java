package net.archway.cli.config;

/**
 * Input that is not valid configuration: the message says what was wrong and where
 * ({@code [edit protocols bgp] line 3: ...}); {@link #line()}, {@link #column()} and
 * {@link #tokenIndex()} locate it for carets.
 */
public final class ConfigSyntaxException extends Exception {
    private final int line;
    private final int column;
    private final int tokenIndex;

    public ConfigSyntaxException(String message, int line, int column, int tokenIndex) {
        super(message);
        this.line = line;
        this.column = column;
        this.tokenIndex = tokenIndex;
    }

    public ConfigSyntaxException(String message) {
        this(message, 0, 0, -1);
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** Index of the offending token in a command line, or -1. */
    public int tokenIndex() {
        return tokenIndex;
    }
}
