package net.archway.cli.commit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The clock and timers of the management plane; tests use a fake one. */
public interface Scheduler {
    Instant now();

    /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    interface Cancellable {
        void cancel();
    }

    /** The real clock and one daemon timer thread. */
    static Scheduler system() {
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "archway-cli-timer");
            t.setDaemon(true);
            return t;
        });
        return new Scheduler() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> f = exec.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }
        };
    }
}
