package net.archway.routing.bgp.session;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A scheduler whose clock moves only when the test says so: tasks queued with
 * {@link #execute} run on {@link #runPending}, timers when {@link #advance} passes their time.
 * The test thread is the event loop. No sleeps anywhere.
 */
final class ManualScheduler implements Scheduler {
    private long now = 1_000_000_000L;
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));

    private final class Task implements Timer {
        final long at;
        final long seq = sequence++;
        final Runnable body;
        boolean cancelled;

        Task(long at, Runnable body) {
            this.at = at;
            this.body = body;
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
    public void execute(Runnable task) {
        tasks.add(new Task(now, task));
    }

    @Override
    public boolean inEventLoop() {
        return true;
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + Math.max(0, delayNanos), task);
        tasks.add(t);
        return t;
    }

    /** Runs everything due now, including what those tasks queue for now. */
    void runPending() {
        advanceTo(now);
    }

    void advance(Duration d) {
        advanceTo(now + d.toNanos());
    }

    private void advanceTo(long target) {
        while (!tasks.isEmpty() && tasks.peek().at <= target) {
            Task t = tasks.poll();
            now = Math.max(now, t.at);
            if (!t.cancelled) {
                t.body.run();
            }
        }
        now = target;
    }

    /** Timers still pending (not cancelled). */
    int pendingTimers() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }
}
