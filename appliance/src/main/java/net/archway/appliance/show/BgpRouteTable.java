package net.archway.appliance.show;

import java.util.ArrayList;
import java.util.List;

import net.archway.cli.op.OpResult;
import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.speaker.BgpRouteDetail;
import net.archway.routing.bgp.speaker.BgpSpeaker;
import net.archway.routing.rib.RibSnapshot;

/**
 * {@code show route receive-protocol bgp ADDRESS [hidden]} and {@code show route
 * advertising-protocol bgp ADDRESS} in the Junos layout: per table, a line per prefix with next
 * hop, MED, local preference and AS path. A hidden route carries the reason it was rejected
 * (Archway prints it under the route: the question is always "why was my route filtered?").
 */
public record BgpRouteTable(List<Table> tables) implements OpResult {

    public record Table(String tableName, int destinationCount, int totalRouteCount, int activeRouteCount,
                        int holddownRouteCount, int hiddenRouteCount, List<Route> routes) {
    }

    /** {@code nextHop} is "Self" for routes we advertise with our own address. */
    public record Route(boolean active, String prefix, String nextHop, Long med, Long localPreference, String asPath,
                        List<String> communities, String reason) {
    }

    /** @param bgpCounts the speaker's counts for the table headers, see {@link TableCounts#of} */
    public static BgpRouteTable received(List<BgpSpeaker.RouteView> views, RibSnapshot snapshot,
                                         List<BgpSpeaker.PathCounts> bgpCounts) {
        return of(views, snapshot, bgpCounts, false, null);
    }

    /** @param selfAddresses the addresses a next hop shows as "Self" for */
    public static BgpRouteTable advertised(List<BgpSpeaker.RouteView> views, RibSnapshot snapshot,
                                           List<BgpSpeaker.PathCounts> bgpCounts, List<String> selfAddresses) {
        return of(views, snapshot, bgpCounts, true, selfAddresses);
    }

    private static BgpRouteTable of(List<BgpSpeaker.RouteView> views, RibSnapshot snapshot,
                                    List<BgpSpeaker.PathCounts> bgpCounts, boolean advertised,
                                    List<String> self) {
        List<Table> tables = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            List<Route> routes = new ArrayList<>();
            for (BgpSpeaker.RouteView v : views) {
                if (v.prefix().isIpv6() != v6) {
                    continue;
                }
                PathAttributes a = v.attributes();
                String nh = a.nextHop() == null ? null : Prefix.format(a.nextHop().address());
                if (advertised && self != null && self.contains(nh)) {
                    nh = "Self";
                }
                List<String> communities = new ArrayList<>();
                for (int i = 0; i < a.communities().size(); i++) {
                    int c = a.communities().get(i);
                    communities.add((c >>> 16) + ":" + (c & 0xffff));
                }
                for (int i = 0; i < a.largeCommunities().size(); i++) {
                    communities.add("large:" + a.largeCommunities().globalAdministrator(i) + ":"
                            + a.largeCommunities().localData1(i) + ":" + a.largeCommunities().localData2(i));
                }
                routes.add(new Route(v.active() || advertised, v.prefix().toString(), nh,
                        a.hasMultiExitDisc() ? a.multiExitDisc() : null, a.hasLocalPref() ? a.localPref() : null,
                        BgpRouteDetail.asPathText(a), communities, v.rejectedBecause()));
            }
            if (!routes.isEmpty() || !v6) {
                TableCounts c = TableCounts.of(snapshot, v6, bgpCounts);
                tables.add(new Table(c.table(), c.destinations(), c.routes(), c.active(), c.holddown(), c.hidden(), routes));
            }
        }
        return new BgpRouteTable(tables);
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            TableCounts.appendHeader(sb, t.tableName(), t.destinationCount(), t.totalRouteCount(), t.activeRouteCount(),
                    t.holddownRouteCount(), t.hiddenRouteCount());
            if (t.routes().isEmpty()) {
                continue;
            }
            sb.append("  Prefix                  Nexthop              MED     Lclpref    AS path\n");
            for (Route r : t.routes()) {
                String prefix = r.prefix();
                String line = String.format("%s %-23s %-20s %-7s %-10s %s", r.active() ? "*" : " ", prefix,
                        r.nextHop() == null ? "" : r.nextHop(), r.med() == null ? "" : r.med().toString(),
                        r.localPreference() == null ? "" : r.localPreference().toString(), r.asPath());
                sb.append(line.stripTrailing()).append('\n');
                if (r.reason() != null) {
                    sb.append("     Hidden: ").append(r.reason()).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
