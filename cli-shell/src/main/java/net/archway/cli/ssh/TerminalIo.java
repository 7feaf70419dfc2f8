package net.archway.cli.ssh;

import java.io.IOException;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

import net.archway.cli.shell.SessionIo;

/** A session on a terminal (SSH with a PTY): JLine line editing, paging with {@code ---(more)---}. */
final class TerminalIo implements SessionIo {
    private static final String MORE = "---(more)---";
    private final Terminal terminal;
    private LineReader reader;

    TerminalIo(Terminal terminal) {
        this.terminal = terminal;
    }

    void reader(LineReader r) {
        this.reader = r;
    }

    @Override
    public synchronized void print(String text) {
        terminal.writer().print(text);
        terminal.writer().flush();
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public void page(String text, boolean noMore) {
        Pager p = pager(noMore);
        p.write(text);
        p.finish();
    }

    /**
     * Pages that run on across pieces: the whole output is never held. Raw mode is entered for the
     * first {@code ---(more)---} and left at {@link Pager#finish}.
     */
    @Override
    public Pager pager(boolean noMore) {
        if (noMore) {
            return SessionIo.super.pager(true);
        }
        int height = Math.max(terminal.getRows(), 2);
        int width = Math.max(terminal.getColumns(), 20);
        int room = height - 1;
        return new Pager() {
            private int used;
            private Attributes saved;
            private boolean quit;

            @Override
            public boolean write(String text) {
                if (quit) {
                    return false;
                }
                int from = 0;
                try {
                    while (from < text.length()) {
                        int nl = text.indexOf('\n', from);
                        String line = text.substring(from, nl < 0 ? text.length() : nl);
                        from = nl < 0 ? text.length() : nl + 1;
                        int r = Math.max(1, (line.length() + width - 1) / width);
                        if (used + r > room) {
                            if (saved == null) {
                                saved = terminal.enterRawMode();
                            }
                            terminal.writer().print(MORE);
                            terminal.writer().flush();
                            int key = terminal.reader().read();
                            terminal.writer().print("\r" + " ".repeat(MORE.length()) + "\r");
                            if (key < 0 || key == 'q' || key == 'Q' || key == 3) {
                                terminal.writer().flush();
                                quit = true;
                                return false;
                            }
                            used = key == '\r' || key == '\n' ? room - 1 : 0;
                        }
                        terminal.writer().print(nl < 0 ? line : line + "\r\n"); // a last line without its end stays so
                        used += r;
                    }
                    terminal.writer().flush();
                    return true;
                } catch (IOException e) {
                    quit = true; // the connection went away
                    return false;
                }
            }

            @Override
            public void finish() {
                if (saved != null) {
                    terminal.setAttributes(saved);
                    saved = null;
                }
            }
        };
    }

    @Override
    public String readLine(String prompt, boolean secret) {
        try {
            return secret ? reader.readLine(prompt + " ", (char) 0) : reader.readLine(prompt);
        } catch (EndOfFileException | UserInterruptException e) {
            return null;
        }
    }
}
