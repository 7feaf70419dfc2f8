package net.archway.cli.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The line pipes ({@code | match}, {@code | except}, {@code | count}, {@code | last N}) applied to
 * output that arrives in pieces: each line passes the stages in order as it arrives, so a streamed
 * result is filtered without being held. {@code count} and {@code last} hold only their count or
 * their N lines and give them at {@link #finish}.
 */
final class LinePipes {
    private interface Stage {
        /** The line to pass on, or null to drop it. */
        String line(String l);

        /** Lines this stage gives at the end (count, last); stages after it see them. */
        default List<String> end() {
            return List.of();
        }
    }

    private final List<Stage> stages = new ArrayList<>();
    private final SessionIo.Pager out;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder batch = new StringBuilder();
    private boolean open = true;

    LinePipes(SessionIo.Pager out) {
        this.out = out;
    }

    void match(Pattern p, boolean keep) {
        stages.add(l -> !l.isEmpty() && p.matcher(l).find() == keep ? l : null);
    }

    void count() {
        stages.add(new Stage() {
            private long n;

            @Override
            public String line(String l) {
                n++;
                return null;
            }

            @Override
            public List<String> end() {
                return List.of("Count: " + n + " lines");
            }
        });
    }

    void last(int n) {
        stages.add(new Stage() {
            private final ArrayDeque<String> kept = new ArrayDeque<>();

            @Override
            public String line(String l) {
                if (n > 0) {
                    if (kept.size() == n) {
                        kept.removeFirst();
                    }
                    kept.addLast(l);
                }
                return null;
            }

            @Override
            public List<String> end() {
                return new ArrayList<>(kept);
            }
        });
    }

    /** Takes a piece of output; false once the reader has quit (the producer should stop). */
    boolean write(String piece) {
        if (!open) {
            return false;
        }
        pending.append(piece);
        int from = 0;
        int nl;
        while ((nl = pending.indexOf("\n", from)) >= 0) {
            through(0, pending.substring(from, nl));
            from = nl + 1;
        }
        pending.delete(0, from);
        return flush(false);
    }

    /** The end of the output: a last line without its line end, then what count and last kept. */
    void finish() {
        if (pending.length() > 0 && open) {
            through(0, pending.toString());
            pending.setLength(0);
        }
        for (int i = 0; i < stages.size() && open; i++) {
            for (String l : stages.get(i).end()) {
                through(i + 1, l);
            }
        }
        flush(true);
        out.finish();
    }

    private void through(int stage, String line) {
        String l = line;
        for (int i = stage; i < stages.size() && l != null; i++) {
            l = stages.get(i).line(l);
        }
        if (l != null) {
            batch.append(l).append('\n');
        }
    }

    private boolean flush(boolean always) {
        if (open && batch.length() > 0 && (always || batch.length() >= 16384)) {
            open = out.write(batch.toString());
            batch.setLength(0);
        }
        return open;
    }
}
