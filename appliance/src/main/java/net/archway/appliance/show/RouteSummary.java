package net.archway.appliance.show;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.archway.cli.op.OpResult;
import net.archway.routing.bgp.speaker.BgpSpeaker;
import net.archway.routing.rib.Protocol;
import net.archway.routing.rib.RibSnapshot;

/** {@code show route summary}: per table, the Junos header line and routes per protocol. */
public record RouteSummary(String autonomousSystem, String routerId, List<Table> tables) implements OpResult {

    public record Table(String tableName, int destinationCount, int totalRouteCount, int activeRouteCount,
                        int holddownRouteCount, int hiddenRouteCount, List<ProtocolCount> protocols) {
    }

    public record ProtocolCount(String protocol, int routes, int active) {
    }

    /** @param bgpCounts the speaker's counts, see {@link TableCounts#of}: BGP's row counts every path it holds */
    public static RouteSummary of(RibSnapshot s, List<BgpSpeaker.PathCounts> bgpCounts, String as, String routerId) {
        List<Table> tables = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            TableCounts sum = TableCounts.of(s, v6, bgpCounts);
            Map<String, int[]> counts = new LinkedHashMap<>();
            for (RibSnapshot.Destination d : s.destinations()) {
                if (d.prefix().isIpv6() != v6) {
                    continue;
                }
                for (RibSnapshot.Route r : d.routes()) {
                    int[] c = counts.computeIfAbsent(r.route().protocol().name(), k -> new int[2]);
                    c[0]++;
                    if (r.active()) {
                        c[1]++;
                    }
                }
            }
            List<ProtocolCount> pcs = new ArrayList<>();
            if (sum.bgpRoutes() > 0) {
                counts.computeIfAbsent(Protocol.BGP.name(), k -> new int[2])[0] = sum.bgpRoutes();
            }
            counts.forEach((k, v) -> pcs.add(new ProtocolCount(k, v[0], v[1])));
            tables.add(new Table(sum.table(), sum.destinations(), sum.routes(), sum.active(), sum.holddown(), sum.hidden(),
                    pcs));
        }
        return new RouteSummary(as, routerId, tables);
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (autonomousSystem != null) {
            sb.append("Autonomous system number: ").append(autonomousSystem).append('\n');
        }
        if (routerId != null) {
            sb.append("Router ID: ").append(routerId).append('\n');
        }
        for (Table t : tables) {
            TableCounts.appendHeader(sb, t.tableName(), t.destinationCount(), t.totalRouteCount(), t.activeRouteCount(),
                    t.holddownRouteCount(), t.hiddenRouteCount());
            for (ProtocolCount p : t.protocols()) {
                sb.append(String.format("%20s: %6d routes, %6d active%n", p.protocol(), p.routes(), p.active()));
            }
        }
        return sb.toString();
    }
}
