package net.archway.routing.bfd.session;

/**
 * The clock and timers a {@link BfdSession} runs on: the BFD event loop in service, a fake clock
 * in unit tests. Tasks run on the session's own thread, never concurrently with its other calls.
 */
public interface BfdScheduler {
    /** Monotonic time in nanoseconds. */
    long nanoTime();

    /** Runs {@code task} once, {@code delayNanos} from now (at once for zero or less). */
    Timer schedule(Runnable task, long delayNanos);

    /** A scheduled task that can be cancelled before it runs. */
    interface Timer {
        void cancel();
    }
}
