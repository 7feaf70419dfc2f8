package net.archway.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A session over plain streams: no prompts, no paging. Standard input of a shell without a
 * terminal (commands line by line), an exec channel, the console in scripts, tests.
 */
public final class StreamIo implements SessionIo {
    private final BufferedReader in;
    private final OutputStream out;

    public StreamIo(BufferedReader in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public synchronized void print(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public String readLine(String prompt, boolean secret) {
        if (in == null) {
            return null;
        }
        try {
            return readBounded(in);
        } catch (IOException e) {
            return null;
        }
    }

    /** One line, refusing to hold more than {@code 4 × Lexer.MAX_LINE} characters (an endless line is cut there). */
    public static String readBounded(BufferedReader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int limit = 4 * net.archway.cli.config.Lexer.MAX_LINE;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() < limit) {
                sb.append((char) c);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
