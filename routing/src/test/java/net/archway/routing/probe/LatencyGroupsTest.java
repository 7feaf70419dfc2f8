package net.archway.routing.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;
import net.archway.routing.rib.NextHop;

class LatencyGroupsTest {
    private final List<String> preferred = new ArrayList<>();
    private final LatencyGroups groups = new LatencyGroups((name, routes) -> preferred.add(routes.isEmpty() ? "none"
            : Prefix.format(routes.get(0).nextHops().get(0).gateway())));
    private static final NextHop A = NextHop.via(Prefix.parseAddress("192.168.11.18", ""));
    private static final NextHop B = NextHop.via(Prefix.parseAddress("192.168.11.22", ""));
    private static final ProbeId PA = new ProbeId("line-a", "rtt");
    private static final ProbeId PB = new ProbeId("line-b", "rtt");

    private static ProbeResults.TestStats rtt(int ms) {
        Duration d = Duration.ofMillis(ms);
        return new ProbeResults.TestStats(5, 5, d, d, d, Duration.ZERO);
    }

    @Test
    void followsTheFastestHealthyLineWithHysteresis() {
        groups.apply(List.of(new LatencyGroups.Group(Prefix.parse("10.17.11.128/26"), Map.of(A, PA, B, PB),
                Duration.ofMillis(5), 10, 2)));
        groups.testCompleted(PA, true, rtt(30));
        assertEquals(List.of("192.168.11.18"), preferred, "the only measured line");
        groups.testCompleted(PB, true, rtt(20));
        assertEquals(1, preferred.size(), "B is clearly faster, but only for one test");
        groups.testCompleted(PB, true, rtt(20));
        assertEquals(List.of("192.168.11.18", "192.168.11.22"), preferred, "two tests in a row: move to B");
        groups.testCompleted(PA, true, rtt(17));
        assertEquals(2, preferred.size(), "3 ms better is inside the margin");
        groups.testCompleted(PA, true, rtt(8));
        assertEquals(2, preferred.size(), "one clearly better round is not enough");
        groups.testCompleted(PB, true, rtt(20));
        assertEquals(2, preferred.size(), "B's own test does not count as a round for A");
        groups.testCompleted(PA, true, rtt(8));
        assertEquals(List.of("192.168.11.18", "192.168.11.22", "192.168.11.18"), preferred);
        groups.passingChanged(PA, false);
        assertEquals("192.168.11.22", preferred.get(preferred.size() - 1), "a failing member is left at once");
        groups.apply(List.of());
        assertEquals("none", preferred.get(preferred.size() - 1));
    }
}
