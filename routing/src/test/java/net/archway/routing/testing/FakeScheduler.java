package net.archway.routing.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A single-threaded scheduler on virtual time: nothing runs until the test calls
 * {@link #runPending()} or {@link #advance(Duration)}, and then everything due runs in time
 * order on the test's thread. {@link #clock()} reads the same virtual time.
 */
public final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private long now;
    private long order;
    private final Instant epoch;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.due, b.due);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private boolean shutdown;

    public FakeScheduler(Instant epoch) {
        this.epoch = epoch;
    }

    public FakeScheduler() {
        this(Instant.parse("2026-11-22T02:00:00Z"));
    }

    private final class Task<V> implements ScheduledFuture<V> {
        final Callable<V> body;
        final long seq = order++;
        long due;
        final long period;
        boolean cancelled;
        boolean done;
        V value;

        Task(Callable<V> body, long due, long period) {
            this.body = body;
            this.due = due;
            this.period = period;
        }

        public long getDelay(TimeUnit unit) {
            return unit.convert(due - now, TimeUnit.NANOSECONDS);
        }

        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }


        public boolean cancel(boolean mayInterrupt) {
            boolean was = !done && !cancelled;
            cancelled = true;
            queue.remove(this);
            return was;
        }

        public boolean isCancelled() {
            return cancelled;
        }

        public boolean isDone() {
            return done || cancelled;
        }

        public V get() {
            return value;
        }

        public V get(long timeout, TimeUnit unit) {
            return value;
        }

        void run() throws Exception {
            value = body.call();
            if (period > 0 && !cancelled) {
                due += period;
                queue.add(this);
            } else {
                done = true;
            }
        }
    }

    public Clock clock() {
        return new Clock() {
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return epoch.plusNanos(now);
            }
        };
    }

    public Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /** Runs everything due now (and what that schedules for now). */
    public void runPending() {
        advance(Duration.ZERO);
    }

    /** Moves time forward, running every task due on the way, in order. */
    public void advance(Duration d) {
        long until = now + d.toNanos();
        while (!queue.isEmpty() && queue.peek().due <= until) {
            Task<?> t = queue.poll();
            now = Math.max(now, t.due);
            try {
                t.run();
            } catch (Exception e) {
                throw new AssertionError("a scheduled task failed", e);
            }
        }
        now = until;
    }

    @Override
    public void execute(Runnable command) {
        queue.add(new Task<>(() -> {
            command.run();
            return null;
        }, now, 0));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task<Object> t = new Task<>(() -> {
            command.run();
            return null;
        }, now + unit.toNanos(delay), 0);
        queue.add(t);
        return t;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task<V> t = new Task<>(callable, now + unit.toNanos(delay), 0);
        queue.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        Task<Object> t = new Task<>(() -> {
            command.run();
            return null;
        }, now + unit.toNanos(initialDelay), unit.toNanos(period));
        queue.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        queue.clear();
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }
}
