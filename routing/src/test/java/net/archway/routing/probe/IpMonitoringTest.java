package net.archway.routing.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;
import net.archway.routing.rib.NextHop;
import net.archway.routing.staticroute.StaticRoute;
import net.archway.routing.testing.FakeScheduler;

class IpMonitoringTest {
    private final FakeScheduler scheduler = new FakeScheduler();
    private final List<String> actions = new ArrayList<>();
    private final IpMonitoring monitoring = new IpMonitoring(scheduler, scheduler.clock(),
            (policy, routes) -> actions.add(scheduler.elapsed().toSeconds() + "s " + policy + (routes.isEmpty() ? " out" : " in")));
    private static final ProbeId PRIMARY = new ProbeId("tunnel", "primary");
    private static final StaticRoute BACKUP = StaticRoute.via(Prefix.parse("0.0.0.0/0"), NextHop.interfaceOnly("st0.2"));

    private void probe(boolean passing) {
        scheduler.execute(() -> monitoring.probeChanged(PRIMARY, passing));
        scheduler.runPending();
    }

    @Test
    void failsAtOnceAndRecoversAfterTheHoldDown() {
        monitoring.apply(List.of(new IpMonitoring.Policy("vpn", List.of(PRIMARY), List.of(BACKUP), Duration.ofSeconds(30))));
        scheduler.runPending();
        probe(false);
        assertEquals(List.of("0s vpn in"), actions);
        scheduler.advance(Duration.ofSeconds(5));
        probe(true);
        scheduler.advance(Duration.ofSeconds(29));
        assertEquals(List.of("0s vpn in"), actions, "still holding down");
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of("0s vpn in", "35s vpn out"), actions);
    }

    @Test
    void aFlapDuringTheHoldDownKeepsTheFailover() {
        monitoring.apply(List.of(new IpMonitoring.Policy("vpn", List.of(PRIMARY), List.of(BACKUP), Duration.ofSeconds(30))));
        scheduler.runPending();
        probe(false);
        probe(true);
        scheduler.advance(Duration.ofSeconds(10));
        probe(false);
        probe(true);
        scheduler.advance(Duration.ofSeconds(25));
        assertEquals(List.of("0s vpn in"), actions, "the flap restarted the hold-down and never took the routes out twice");
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(List.of("0s vpn in", "40s vpn out"), actions);
        var status = monitoring.status();
        scheduler.runPending();
        assertEquals(IpMonitoring.State.PASS, status.join().get(0).state());
        assertEquals(1, status.join().get(0).failovers());
    }

    @Test
    void removingAFailedPolicyTakesItsRoutesOut() {
        monitoring.apply(List.of(new IpMonitoring.Policy("vpn", List.of(PRIMARY), List.of(BACKUP), Duration.ZERO)));
        scheduler.runPending();
        probe(false);
        monitoring.apply(List.of());
        scheduler.runPending();
        assertEquals(List.of("0s vpn in", "0s vpn out"), actions);
    }

    @Test
    void latencySelectionWithHysteresis() {
        LatencySelector<String> s = new LatencySelector<>(List.of("line-a", "line-b"), Duration.ofMillis(5), 10, 3);
        var ok = (java.util.function.BiFunction<Integer, Integer, Map<String, LatencySelector.Measurement>>) (a, b) -> Map.of(
                "line-a", new LatencySelector.Measurement(a != null, a == null ? null : Duration.ofMillis(a)),
                "line-b", new LatencySelector.Measurement(b != null, b == null ? null : Duration.ofMillis(b)));
        assertEquals("line-a", s.evaluate(ok.apply(20, 30)));
        assertEquals("line-a", s.evaluate(ok.apply(20, 18)), "2 ms better is within the margin");
        assertEquals("line-a", s.evaluate(ok.apply(30, 18)), "clearly better, round 1 of 3");
        assertEquals("line-a", s.evaluate(ok.apply(30, 18)));
        assertEquals("line-b", s.evaluate(ok.apply(30, 18)), "better for three rounds: move");
        assertEquals("line-b", s.evaluate(ok.apply(10, 18)), "a single good round does not move back");
        assertEquals("line-a", s.evaluate(ok.apply(10, null)), "a failed member is left at once");
        assertEquals(null, s.evaluate(ok.apply(null, null)));
    }
}
