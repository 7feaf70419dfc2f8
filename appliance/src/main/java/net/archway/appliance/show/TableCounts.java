package net.archway.appliance.show;

import java.util.List;

import net.archway.routing.rib.Protocol;
import net.archway.routing.rib.Rib;
import net.archway.routing.bgp.speaker.BgpSpeaker;
import net.archway.routing.rib.RibSnapshot;

/**
 * A routing table's header counts as Junos prints them ("inet.0: D destinations, R routes (A active,
 * H holddown, X hidden)"). The RIB holds one route per protocol and prefix; the BGP speaker keeps every
 * other path, inactive or rejected by import policy, so its table-wide counts are added here: a route
 * import policy hid is counted as hidden wherever the header is shown.
 */
record TableCounts(String table, int destinations, int routes, int active, int holddown, int hidden, int bgpRoutes) {

    /** @param bgpCounts the speaker's counts for IPv4 (index 0) and IPv6 (index 1); empty without BGP */
    static TableCounts of(RibSnapshot snapshot, boolean ipv6, List<BgpSpeaker.PathCounts> bgpCounts) {
        int bgpInRib = 0;
        for (RibSnapshot.Destination d : snapshot.destinations()) {
            if (d.prefix().isIpv6() == ipv6) {
                for (RibSnapshot.Route r : d.routes()) {
                    bgpInRib += r.route().protocol() == Protocol.BGP ? 1 : 0;
                }
            }
        }
        return of(snapshot.summary(ipv6), bgpInRib, ipv6, bgpCounts);
    }

    /** The same from the RIB's own totals (no snapshot): for tables too large to copy. */
    static TableCounts of(Rib.Totals totals, boolean ipv6, List<BgpSpeaker.PathCounts> bgpCounts) {
        return of(totals.summary(), totals.routesByProtocol().getOrDefault(Protocol.BGP, 0), ipv6, bgpCounts);
    }

    private static TableCounts of(RibSnapshot.Summary s, int bgpInRib, boolean ipv6, List<BgpSpeaker.PathCounts> bgpCounts) {
        if (bgpCounts.size() != 2) {
            return new TableCounts(s.table(), s.destinations(), s.routes(), s.active(), s.holddown(), s.hidden(), bgpInRib);
        }
        BgpSpeaker.PathCounts c = bgpCounts.get(ipv6 ? 1 : 0);
        int bgpPaths = (int) c.paths();
        return new TableCounts(s.table(), s.destinations() + (int) c.destinationsWithoutRoute(),
                s.routes() - bgpInRib + bgpPaths, s.active(), s.holddown(), s.hidden() + (int) c.hidden(), bgpPaths);
    }

    void appendHeader(StringBuilder sb) {
        appendHeader(sb, table, destinations, routes, active, holddown, hidden);
    }

    static void appendHeader(StringBuilder sb, String table, int destinations, int routes, int active, int holddown,
                             int hidden) {
        sb.append('\n').append(table).append(": ").append(destinations).append(" destinations, ").append(routes)
                .append(" routes (").append(active).append(" active, ").append(holddown).append(" holddown, ")
                .append(hidden).append(" hidden)\n");
    }
}
