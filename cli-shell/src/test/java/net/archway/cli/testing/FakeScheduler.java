package net.archway.cli.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.archway.cli.commit.Scheduler;

/** A clock that moves only when told, running the timers that fall due. */
public final class FakeScheduler implements Scheduler {
    private Instant now;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task {
        final Instant at;
        final Runnable run;
        boolean cancelled;

        Task(Instant at, Runnable run) {
            this.at = at;
            this.run = run;
        }
    }

    public FakeScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), task);
        tasks.add(t);
        return () -> {
            synchronized (FakeScheduler.this) {
                t.cancelled = true;
            }
        };
    }

    /** Moves the clock forward, running due tasks in time order (outside the lock). */
    public void advance(Duration d) {
        Instant target;
        synchronized (this) {
            target = now.plus(d);
        }
        while (true) {
            Task next = null;
            synchronized (this) {
                for (Task t : tasks) {
                    if (!t.cancelled && !t.at.isAfter(target) && (next == null || t.at.isBefore(next.at))) {
                        next = t;
                    }
                }
                if (next == null) {
                    now = target;
                    tasks.removeIf(t -> t.cancelled);
                    return;
                }
                tasks.remove(next);
                now = next.at;
            }
            next.run.run();
        }
    }

    /** Timers not yet run nor cancelled. */
    public synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }
}
