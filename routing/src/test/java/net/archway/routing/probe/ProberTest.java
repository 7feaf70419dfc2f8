package net.archway.routing.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;
import net.archway.routing.testing.FakeScheduler;

/** The probe engine on virtual time, with a scripted transport. */
class ProberTest {
    private final FakeScheduler scheduler = new FakeScheduler();
    private final List<String> events = new ArrayList<>();
    private IntFunction<Duration> script = seq -> Duration.ofMillis(12);

    private final ProbeTransport transport = new ProbeTransport() {
        public CompletableFuture<Duration> send(ProbeSettings s, int seq) {
            return CompletableFuture.completedFuture(script.apply(seq));
        }

        public void close() {
        }
    };

    private final Prober prober = new Prober(scheduler, transport, scheduler.clock(),
            (id, passing) -> events.add(scheduler.elapsed().toMillis() + "ms " + id.test() + (passing ? " pass" : " fail")));

    /** Results are made on the prober's (virtual) thread: run it, then read. */
    private List<ProbeResults> results(Prober p) {
        CompletableFuture<List<ProbeResults>> f = p.results();
        scheduler.runPending();
        return f.join();
    }

    private static final InetAddress TARGET = Prefix.parseAddress("169.254.0.2", "");
    private static final ProbeId ID = new ProbeId("tunnel", "primary");

    @Test
    void failsAfterSuccessiveLossesAndPassesOnTheNextReply() {
        prober.apply(List.of(ProbeSettings.icmp(ID, TARGET, Duration.ofMillis(200), 3)));
        scheduler.advance(Duration.ofSeconds(1));
        assertTrue(events.isEmpty());

        script = seq -> null; // the path goes silent after the probe at 1.0 s
        scheduler.advance(Duration.ofMillis(1000));
        assertEquals(List.of("1600ms primary fail"), events, "three probes lost: 1.2, 1.4, 1.6 s");

        script = seq -> Duration.ofMillis(15);
        scheduler.advance(Duration.ofMillis(200));
        assertEquals(List.of("1600ms primary fail", "2200ms primary pass"), events);
    }

    @Test
    void slowRepliesCountAsLostWithAnRttThreshold() {
        prober.apply(List.of(new ProbeSettings(ID, ProbeSettings.Type.ICMP_PING, TARGET, 0, null, null,
                Duration.ofSeconds(1), 5, Duration.ofSeconds(1), new ProbeSettings.Thresholds(2, 0, Duration.ofMillis(50)))));
        script = seq -> Duration.ofMillis(80);
        scheduler.advance(Duration.ofMillis(1500));
        assertEquals(List.of("1000ms primary fail"), events);
        ProbeResults r = results(prober).get(0);
        assertFalse(r.passing());
        assertEquals(Duration.ofMillis(80), r.lastRtt(), "the reply is shown even though it was too slow");
    }

    @Test
    void totalLossIsCountedPerTestAndStatisticsAreKept() {
        prober.apply(List.of(new ProbeSettings(ID, ProbeSettings.Type.ICMP_PING, TARGET, 0, null, null,
                Duration.ofSeconds(1), 4, Duration.ofSeconds(1), new ProbeSettings.Thresholds(0, 2, null))));
        script = seq -> seq % 2 == 0 ? null : Duration.ofMillis(10L * seq);
        scheduler.advance(Duration.ofMillis(3500));
        assertEquals(List.of("3000ms primary fail"), events, "two of four lost at the end of the first test");
        ProbeResults r = results(prober).get(0);
        assertEquals(4, r.lastTest().sent());
        assertEquals(2, r.lastTest().received());
        assertEquals(50.0, r.lastTest().lossPercent());
        assertEquals(Duration.ofMillis(10), r.lastTest().minRtt());
        assertEquals(Duration.ofMillis(30), r.lastTest().maxRtt());
        assertEquals(Duration.ofMillis(20), r.lastTest().averageRtt());
        assertEquals(4, r.totalSent());
    }

    @Test
    void transportErrorsAreLossesWithAReason() {
        script = seq -> {
            throw new IllegalStateException("interface st0.1 does not exist");
        };
        ProbeTransport failing = new ProbeTransport() {
            public CompletableFuture<Duration> send(ProbeSettings s, int seq) {
                return CompletableFuture.failedFuture(new IllegalStateException("interface st0.1 does not exist"));
            }

            public void close() {
            }
        };
        Prober p = new Prober(scheduler, failing, scheduler.clock(), (id, passing) -> events.add(passing ? "pass" : "fail"));
        p.apply(List.of(ProbeSettings.icmp(ID, TARGET, Duration.ofSeconds(1), 1)));
        scheduler.advance(Duration.ofMillis(10));
        assertEquals(List.of("fail"), events);
        assertEquals("interface st0.1 does not exist", results(p).get(0).lastError());
    }

    @Test
    void reconfigurationRestartsOnlyChangedProbes() {
        ProbeSettings a = ProbeSettings.icmp(ID, TARGET, Duration.ofSeconds(1), 3);
        ProbeSettings b = ProbeSettings.icmp(new ProbeId("tunnel", "backup"), TARGET, Duration.ofSeconds(1), 3);
        prober.apply(List.of(a, b));
        scheduler.advance(Duration.ofMillis(2500));
        prober.apply(List.of(a));
        scheduler.runPending();
        List<ProbeResults> r = results(prober);
        assertEquals(1, r.size());
        assertEquals(3, r.get(0).totalSent(), "the unchanged probe kept going");
        prober.apply(List.of());
        scheduler.advance(Duration.ofSeconds(5));
        assertTrue(results(prober).isEmpty());
    }
}
