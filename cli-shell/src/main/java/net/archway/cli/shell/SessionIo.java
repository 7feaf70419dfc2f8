package net.archway.cli.shell;

/**
 * How a session talks to its user: an interactive terminal (SSH with a PTY, pages long output),
 * or plain streams (exec channel, piped standard input, tests).
 */
public interface SessionIo {
    /** Writes text as is. */
    void print(String text);

    /** Writes long output: on a terminal, page by page with {@code ---(more)---} unless {@code noMore}. */
    default void page(String text, boolean noMore) {
        print(text);
    }

    /**
     * Long output that arrives in pieces (a streamed result): on a terminal the pages run on
     * across pieces. {@link Pager#write} returns false once the user has quit (or the client
     * went away): the producer stops there.
     */
    default Pager pager(boolean noMore) {
        return text -> {
            try {
                print(text);
                return true;
            } catch (java.io.UncheckedIOException e) {
                return false;
            }
        };
    }

    /** See {@link #pager}. */
    interface Pager {
        boolean write(String text);

        /** Called once after the last piece. */
        default void finish() {
        }
    }

    /** Whether a person is at a terminal (prompts, carets under the prompt, paging). */
    boolean interactive();

    /**
     * Reads one line (for {@code load terminal} and password prompts); null at end of input.
     * {@code secret}: do not echo.
     */
    String readLine(String prompt, boolean secret);
}
