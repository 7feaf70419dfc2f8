package net.archway.routing.bgp.speaker;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.PathAttributes;

/**
 * The BGP decision, Junos' order: local preference (higher), AS-path length (shorter; an AS_SET
 * counts one), origin (IGP < EGP < incomplete), MED (lower; only between paths from the same
 * neighbouring AS, a missing MED is 0), external over internal, IGP cost to the next hop (lower),
 * then — past the multipath point — router ID (or ORIGINATOR_ID), cluster-list length, peer
 * address.
 *
 * <p>MED compared pair by pair is not transitive (A beats B on MED, B beats C and C beats A on
 * later steps when C is from another AS), so a sort would make the winner depend on the order the
 * paths arrived in. {@link #contenders} first applies the steps up to MED as eliminations over
 * all paths, as RFC 4271 §9.1.2.2 describes them and Junos applies them; among the survivors
 * {@link #compare} is a total order.
 */
final class BestPath {
    static final long DEFAULT_LOCAL_PREF = 100;

    private BestPath() {
    }

    /** What the comparison needs of a path (its post-import attributes, where it came from, the next hop's cost). */
    record Candidate(PathAttributes attributes, boolean external, long igpCost, int routerId, InetAddress peer) {
    }

    /**
     * The paths left after RFC 4271 §9.1.2.2 (a)-(c) and this decision's first steps, applied to the
     * whole set: the highest local preference, then the shortest AS path, then the lowest origin,
     * then, within each neighbouring AS, the lowest MED. Keeps the order of {@code paths}.
     */
    static <T> List<T> contenders(List<T> paths, Function<T, Candidate> candidateOf) {
        if (paths.size() < 2) {
            return new ArrayList<>(paths);
        }
        List<Candidate> cs = new ArrayList<>(paths.size());
        long bestPref = Long.MIN_VALUE;
        int shortest = Integer.MAX_VALUE;
        int lowestOrigin = Integer.MAX_VALUE;
        for (T p : paths) {
            Candidate c = candidateOf.apply(p);
            cs.add(c);
            bestPref = Math.max(bestPref, localPref(c));
        }
        for (Candidate c : cs) {
            if (localPref(c) == bestPref) {
                shortest = Math.min(shortest, c.attributes().asPath().length());
            }
        }
        Map<Long, Long> lowestMed = new HashMap<>();
        for (Candidate c : cs) {
            if (localPref(c) == bestPref && c.attributes().asPath().length() == shortest) {
                lowestOrigin = Math.min(lowestOrigin, c.attributes().origin().code());
            }
        }
        for (Candidate c : cs) {
            if (survivesOrigin(c, bestPref, shortest, lowestOrigin)) {
                lowestMed.merge(c.attributes().asPath().firstAs(), med(c), Math::min);
            }
        }
        List<T> out = new ArrayList<>(paths.size());
        for (int i = 0; i < cs.size(); i++) {
            Candidate c = cs.get(i);
            if (survivesOrigin(c, bestPref, shortest, lowestOrigin)
                    && med(c) == lowestMed.get(c.attributes().asPath().firstAs())) {
                out.add(paths.get(i));
            }
        }
        return out;
    }

    private static boolean survivesOrigin(Candidate c, long bestPref, int shortest, int lowestOrigin) {
        return localPref(c) == bestPref && c.attributes().asPath().length() == shortest
                && c.attributes().origin().code() == lowestOrigin;
    }

    /** Negative when {@code a} is better; compares only up to the multipath point when {@code untilMultipath}. */
    static int compare(Candidate a, Candidate b, boolean untilMultipath, boolean multipleAs) {
        int c = Long.compare(localPref(b), localPref(a));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.attributes().asPath().length(), b.attributes().asPath().length());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.attributes().origin().code(), b.attributes().origin().code());
        if (c != 0) {
            return c;
        }
        if (a.attributes().asPath().firstAs() == b.attributes().asPath().firstAs()) {
            c = Long.compare(med(a), med(b));
            if (c != 0) {
                return c;
            }
        }
        c = Boolean.compare(b.external(), a.external());
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.igpCost(), b.igpCost());
        if (c != 0) {
            return c;
        }
        if (untilMultipath) {
            // equal so far: multipath also needs the same neighbouring AS unless multiple-as
            return multipleAs || a.attributes().asPath().firstAs() == b.attributes().asPath().firstAs() ? 0
                    : Long.compare(a.attributes().asPath().firstAs(), b.attributes().asPath().firstAs());
        }
        c = Integer.compareUnsigned(id(a), id(b));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.attributes().clusterList().size(), b.attributes().clusterList().size());
        if (c != 0) {
            return c;
        }
        return Arrays.compare(Prefix.host(a.peer()).address().getAddress(), Prefix.host(b.peer()).address().getAddress());
    }

    static long localPref(Candidate c) {
        return c.attributes().hasLocalPref() ? c.attributes().localPref() : DEFAULT_LOCAL_PREF;
    }

    private static long med(Candidate c) {
        return c.attributes().hasMultiExitDisc() ? c.attributes().multiExitDisc() : 0;
    }

    private static int id(Candidate c) {
        return c.attributes().hasOriginatorId() ? c.attributes().originatorId() : c.routerId();
    }
}
