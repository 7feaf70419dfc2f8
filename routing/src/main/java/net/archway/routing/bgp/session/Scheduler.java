package net.archway.routing.bgp.session;

/**
 * The single thread a session runs on, with its clock and timers: a Netty event loop in
 * production, a manual clock in tests (no sleeps; time moves when the test says so).
 */
public interface Scheduler {

    /** A monotonic clock in nanoseconds. */
    long nanoTime();

    /** Runs a task on the thread, after those already queued. */
    void execute(Runnable task);

    /** True when called on the thread. */
    boolean inEventLoop();

    /** Runs a task on the thread after a delay. */
    Timer schedule(Runnable task, long delayNanos);

    /** A scheduled task. */
    interface Timer {
        /** Cancels it if it has not run; harmless otherwise. */
        void cancel();
    }
}
