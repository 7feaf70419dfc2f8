package net.archway.routing.bgp.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.AsPath;
import net.archway.routing.bgp.message.ClusterList;
import net.archway.routing.bgp.message.Origin;
import net.archway.routing.bgp.message.PathAttributes;

/** The decision steps one at a time, each deciding only when the ones before tie. */
class BestPathTest {
    private static InetAddress ip(String s) {
        return Prefix.parseAddress(s, s);
    }

    private static PathAttributes.Builder path(long... asns) {
        AsPath p = AsPath.EMPTY;
        for (int i = asns.length - 1; i >= 0; i--) {
            p = p.prepend(asns[i], 1);
        }
        return PathAttributes.builder().origin(Origin.IGP).asPath(p);
    }

    private static BestPath.Candidate c(PathAttributes.Builder a, boolean external, long cost, int id, String peer) {
        return new BestPath.Candidate(a.build(), external, cost, id, ip(peer));
    }

    private static BestPath.Candidate ext(PathAttributes.Builder a) {
        return c(a, true, 0, 1, "10.0.0.1");
    }

    private static void better(BestPath.Candidate a, BestPath.Candidate b) {
        assertTrue(BestPath.compare(a, b, false, false) < 0, "the first should win");
        assertTrue(BestPath.compare(b, a, false, false) > 0, "the comparison should be antisymmetric");
    }

    @Test
    void localPreferenceFirstThenPathLengthThenOrigin() {
        better(ext(path(1, 2, 3).localPref(200)), ext(path(1).localPref(100)));
        better(ext(path(1, 2)), ext(path(1, 2, 3)));
        better(ext(path(1)), ext(path(2).localPref(99)));
        better(ext(path(1).origin(Origin.EGP)), ext(path(2).origin(Origin.INCOMPLETE)));
        better(ext(path(1).origin(Origin.IGP)), ext(path(2).origin(Origin.EGP)));
    }

    @Test
    void medComparesOnlyBetweenPathsFromTheSameNeighbouringAs() {
        better(ext(path(1, 9).multiExitDisc(10)), ext(path(1, 8).multiExitDisc(20)));
        better(ext(path(1, 9)), ext(path(1, 8).multiExitDisc(5)));
        // different neighbouring AS: MED ignored, falls to the router ID
        BestPath.Candidate high = c(path(1).multiExitDisc(500), true, 0, 1, "10.0.0.1");
        BestPath.Candidate low = c(path(2).multiExitDisc(5), true, 0, 2, "10.0.0.2");
        better(high, low);
    }

    @Test
    void theWinnerDoesNotDependOnTheOrderPathsArrivedIn() {
        // pairwise, MED is not transitive: p2 beats p1 on MED (same AS 1), p1 beats p3 and p3
        // beats p2 on the router ID (AS 2, MED not compared). Eliminating p1 first (RFC 4271
        // §9.1.2.2 (c), as Junos does) leaves p2 and p3: p3 wins, whatever the order.
        BestPath.Candidate p1 = c(path(1, 7).multiExitDisc(20), true, 0, 1, "10.0.0.1");
        BestPath.Candidate p2 = c(path(1, 7).multiExitDisc(10), true, 0, 3, "10.0.0.3");
        BestPath.Candidate p3 = c(path(2, 7).multiExitDisc(0), true, 0, 2, "10.0.0.2");
        for (List<BestPath.Candidate> order : List.of(List.of(p1, p2, p3), List.of(p1, p3, p2), List.of(p2, p1, p3),
                List.of(p2, p3, p1), List.of(p3, p1, p2), List.of(p3, p2, p1))) {
            List<BestPath.Candidate> left = BestPath.contenders(order, Function.identity());
            assertEquals(2, left.size(), "p1 loses to p2 on MED before anything else is compared");
            left.sort((a, b) -> BestPath.compare(a, b, false, false));
            assertEquals(p3, left.get(0), "the winner for arrival order " + names(order, p1, p2, p3));
        }
    }

    @Test
    void eliminationsGoLocalPreferencePathLengthOriginThenMedPerNeighbouringAs() {
        BestPath.Candidate lowPref = ext(path(1).localPref(50));
        BestPath.Candidate longer = ext(path(1, 2, 3));
        BestPath.Candidate incomplete = ext(path(3, 4).origin(Origin.INCOMPLETE));
        BestPath.Candidate as1HighMed = ext(path(1, 5).multiExitDisc(30));
        BestPath.Candidate as1LowMed = ext(path(1, 6).multiExitDisc(3));
        BestPath.Candidate as2HighMed = ext(path(2, 5).multiExitDisc(300));
        BestPath.Candidate as1SameMed = ext(path(1, 9).multiExitDisc(3));
        List<BestPath.Candidate> left = BestPath.contenders(
                List.of(lowPref, longer, incomplete, as1HighMed, as1LowMed, as2HighMed, as1SameMed), Function.identity());
        assertEquals(List.of(as1LowMed, as2HighMed, as1SameMed), left);
        assertEquals(List.of(lowPref), BestPath.contenders(List.of(lowPref), Function.identity()));
    }

    private static String names(List<BestPath.Candidate> order, BestPath.Candidate... named) {
        List<String> out = new ArrayList<>();
        for (BestPath.Candidate c : order) {
            out.add("p" + (List.of(named).indexOf(c) + 1));
        }
        return String.join(",", out);
    }

    @Test
    void externalBeforeInternalThenIgpCostThenRouterIdClusterListAndPeer() {
        better(c(path(1), true, 50, 9, "10.0.0.9"), c(path(2), false, 0, 1, "10.0.0.1"));
        better(c(path(1), false, 10, 9, "10.0.0.9"), c(path(2), false, 20, 1, "10.0.0.1"));
        better(c(path(1), false, 0, 1, "10.0.0.9"), c(path(1), false, 0, 2, "10.0.0.1"));
        // ORIGINATOR_ID stands for the router ID of reflected paths
        better(c(path(1).originatorId(1), false, 0, 7, "10.0.0.9"), c(path(1), false, 0, 2, "10.0.0.1"));
        better(c(path(1).originatorId(1), false, 0, 7, "10.0.0.9"),
                c(path(1).originatorId(1).clusterList(ClusterList.EMPTY.prepend(5)), false, 0, 7, "10.0.0.1"));
        better(c(path(1), false, 0, 1, "10.0.0.1"), c(path(1), false, 0, 1, "10.0.0.2"));
    }

    @Test
    void multipathStopsBeforeTheTieBreakers() {
        BestPath.Candidate a = c(path(1), true, 0, 1, "10.0.0.1");
        BestPath.Candidate b = c(path(1), true, 0, 2, "10.0.0.2");
        BestPath.Candidate other = c(path(2), true, 0, 3, "10.0.0.3");
        assertEquals(0, BestPath.compare(a, b, true, false));
        assertTrue(BestPath.compare(a, other, true, false) != 0, "another neighbouring AS needs multiple-as");
        assertEquals(0, BestPath.compare(a, other, true, true));
        assertTrue(BestPath.compare(a, c(path(1, 2), true, 0, 1, "10.0.0.4"), true, true) < 0, "a longer path is never equal");
    }
}
