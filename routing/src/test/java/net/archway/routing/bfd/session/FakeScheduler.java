package net.archway.routing.bfd.session;

import java.util.PriorityQueue;

/** A clock that moves only when a test says so, and the timers on it: time is deterministic, no sleeps. */
public final class FakeScheduler implements BfdScheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now = 1_000_000_000L;
    private long sequence;

    private final class Task implements Comparable<Task>, Timer {
        final long at;
        final long seq = sequence++;
        final Runnable body;
        boolean cancelled;

        Task(long at, Runnable body) {
            this.at = at;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + Math.max(0, delayNanos), task);
        queue.add(t);
        return t;
    }

    /** Runs every task due within {@code nanos}, in time order, and leaves the clock there. */
    public void advance(long nanos) {
        long target = now + nanos;
        while (!queue.isEmpty() && queue.peek().at <= target) {
            Task t = queue.poll();
            if (t.cancelled) {
                continue;
            }
            now = t.at;
            t.body.run();
        }
        now = target;
    }

    public void advanceMillis(long millis) {
        advance(millis * 1_000_000L);
    }

    /** Advances in small steps until {@code condition} holds; fails after {@code limitMillis}. Returns the time taken in ns. */
    public long advanceUntil(java.util.function.BooleanSupplier condition, long limitMillis, String what) {
        long start = now;
        while (!condition.getAsBoolean()) {
            if (now - start > limitMillis * 1_000_000L) {
                throw new AssertionError("not within " + limitMillis + " ms (fake time): " + what);
            }
            advance(100_000);
        }
        return now - start;
    }

    /** Pending tasks that are not cancelled. */
    public long pending() {
        return queue.stream().filter(t -> !t.cancelled).count();
    }
}
