package net.archway.routing.bgp.speaker;

import java.net.InetAddress;
import java.util.Arrays;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.PathAttributes;

/**
 * The BGP decision, Junos' order: local preference (higher), AS-path length (shorter; an AS_SET
 * counts one), origin (IGP < EGP < incomplete), MED (lower; only between paths from the same
 * neighbouring AS, a missing MED is 0), external over internal, IGP cost to the next hop (lower),
 * then — past the multipath point — router ID (or ORIGINATOR_ID), cluster-list length, peer
 * address.
 */
final class BestPath {
    static final long DEFAULT_LOCAL_PREF = 100;

    private BestPath() {
    }

    /** What the comparison needs of a path (its post-import attributes, where it came from, the next hop's cost). */
    record Candidate(PathAttributes attributes, boolean external, long igpCost, int routerId, InetAddress peer) {
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
