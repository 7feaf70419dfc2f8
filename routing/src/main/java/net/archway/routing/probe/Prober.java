package net.archway.routing.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the RPM probes: one probe every probe-interval per test, results kept per test, and a
 * listener told when a probe starts failing (a threshold crossed) or passes again (a reply
 * within thresholds). All work runs on the given single-threaded scheduler; tests give it a
 * fake clock.
 */
public final class Prober implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Prober.class.getName());

    /** Hears a probe change between passing and failing; called on the prober's thread. */
    public interface Listener {
        void passingChanged(ProbeId probe, boolean passing);

        /** A test (probe-count probes) ended with these statistics; latency selection reads them. */
        default void testCompleted(ProbeId probe, boolean passing, ProbeResults.TestStats stats) {
        }
    }

    private final ScheduledExecutorService scheduler;
    private final ProbeTransport transport;
    private final Clock clock;
    private final Listener listener;
    private final Map<ProbeId, Running> running = new HashMap<>();

    /** One probe's state; touched only on the scheduler thread. */
    private final class Running {
        final ProbeSettings settings;
        ScheduledFuture<?> next;
        int sequence;
        boolean passing = true;
        Instant lastChange;
        Instant lastProbe;
        Duration lastRtt;
        int successiveLost;
        long totalSent;
        long totalReceived;
        int failures;
        String lastError;
        final List<Duration> test = new ArrayList<>();
        int testSent;
        ProbeResults.TestStats lastTest = ProbeResults.TestStats.EMPTY;
        boolean stopped;

        Running(ProbeSettings settings) {
            this.settings = settings;
            this.lastChange = clock.instant();
        }
    }

    public Prober(ScheduledExecutorService scheduler, ProbeTransport transport, Clock clock, Listener listener) {
        this.scheduler = Objects.requireNonNull(scheduler);
        this.transport = Objects.requireNonNull(transport);
        this.clock = Objects.requireNonNull(clock);
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * Makes {@code probes} the running set: new ones start, removed ones stop, changed ones
     * restart with fresh results; unchanged ones go on untouched.
     */
    public void apply(Collection<ProbeSettings> probes) {
        List<ProbeSettings> wanted = List.copyOf(probes);
        scheduler.execute(() -> {
            Map<ProbeId, ProbeSettings> byId = new HashMap<>();
            for (ProbeSettings s : wanted) {
                byId.put(s.id(), s);
            }
            for (ProbeId id : new ArrayList<>(running.keySet())) {
                ProbeSettings s = byId.get(id);
                if (s == null || !s.equals(running.get(id).settings)) {
                    stop(running.remove(id));
                }
            }
            for (ProbeSettings s : wanted) {
                if (!running.containsKey(s.id())) {
                    Running r = new Running(s);
                    running.put(s.id(), r);
                    schedule(r, Duration.ZERO);
                }
            }
        });
    }

    private void stop(Running r) {
        r.stopped = true;
        if (r.next != null) {
            r.next.cancel(false);
        }
    }

    private void schedule(Running r, Duration delay) {
        r.next = scheduler.schedule(() -> probe(r), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void probe(Running r) {
        if (r.stopped) {
            return;
        }
        int seq = ++r.sequence & 0xffff;
        r.lastProbe = clock.instant();
        r.totalSent++;
        r.testSent++;
        schedule(r, r.settings.probeInterval());
        transport.send(r.settings, seq).whenComplete((rtt, error) -> scheduler.execute(() -> {
            if (!r.stopped) {
                result(r, rtt, error);
            }
        }));
    }

    private void result(Running r, Duration rtt, Throwable error) {
        ProbeSettings.Thresholds t = r.settings.thresholds();
        boolean replied = error == null && rtt != null && (t.rtt() == null || rtt.compareTo(t.rtt()) <= 0);
        r.lastError = error == null ? null : String.valueOf(error.getCause() != null ? error.getCause().getMessage()
                : error.getMessage());
        r.lastRtt = error == null ? rtt : null;
        if (rtt != null && error == null) {
            r.totalReceived++;
            r.test.add(rtt);
        }
        r.successiveLost = replied ? 0 : r.successiveLost + 1;
        boolean failed = t.successiveLoss() > 0 && r.successiveLost >= t.successiveLoss();
        if (r.testSent >= r.settings.probeCount()) {
            ProbeResults.TestStats stats = stats(r.testSent, r.test);
            r.lastTest = stats;
            failed |= t.totalLoss() > 0 && stats.sent() - stats.received() >= t.totalLoss();
            r.testSent = 0;
            r.test.clear();
        }
        if (failed && r.passing) {
            setPassing(r, false);
        } else if (replied && !r.passing && !failed) {
            setPassing(r, true);
        }
        if (r.testSent == 0) {
            try {
                listener.testCompleted(r.settings.id(), r.passing, r.lastTest);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "probe listener failed for " + r.settings.id(), e);
            }
        }
    }

    private void setPassing(Running r, boolean passing) {
        r.passing = passing;
        r.lastChange = clock.instant();
        if (!passing) {
            r.failures++;
        }
        LOG.log(System.Logger.Level.INFO, r.settings.id() + (passing ? " passes again" : " failed: "
                + r.successiveLost + " probes lost in a row" + (r.lastError != null ? " (" + r.lastError + ")" : "")));
        try {
            listener.passingChanged(r.settings.id(), passing);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "probe listener failed for " + r.settings.id(), e);
        }
    }

    static ProbeResults.TestStats stats(int sent, List<Duration> rtts) {
        if (rtts.isEmpty()) {
            return new ProbeResults.TestStats(sent, 0, null, null, null, null);
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        long jitter = 0;
        for (int i = 0; i < rtts.size(); i++) {
            long n = rtts.get(i).toNanos();
            min = Math.min(min, n);
            max = Math.max(max, n);
            sum += n;
            if (i > 0) {
                jitter += Math.abs(n - rtts.get(i - 1).toNanos());
            }
        }
        return new ProbeResults.TestStats(sent, rtts.size(), Duration.ofNanos(min), Duration.ofNanos(max),
                Duration.ofNanos(sum / rtts.size()), rtts.size() > 1 ? Duration.ofNanos(jitter / (rtts.size() - 1)) : Duration.ZERO);
    }

    /** The results of every probe, in name order, made on the prober's thread. */
    public java.util.concurrent.CompletableFuture<List<ProbeResults>> results() {
        java.util.concurrent.CompletableFuture<List<ProbeResults>> f = new java.util.concurrent.CompletableFuture<>();
        scheduler.execute(() -> {
            List<ProbeResults> out = new ArrayList<>();
            for (Running r : running.values()) {
                out.add(new ProbeResults(r.settings, r.passing, r.lastChange, r.lastProbe, r.lastRtt, r.successiveLost,
                        stats(r.testSent, r.test), r.lastTest, r.totalSent, r.totalReceived, r.failures, r.lastError));
            }
            out.sort((a, b) -> a.settings().id().compareTo(b.settings().id()));
            f.complete(out);
        });
        return f;
    }

    @Override
    public void close() {
        scheduler.execute(() -> {
            running.values().forEach(this::stop);
            running.clear();
        });
    }
}
