package net.archway.appliance.show;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.archway.cli.op.OpResult;
import net.archway.routing.bgp.speaker.BgpSpeaker;
import net.archway.routing.rib.Protocol;
import net.archway.routing.rib.Rib;

/** {@code show route summary}: per table, the Junos header line and routes per protocol. */
public record RouteSummary(String autonomousSystem, String routerId, List<Table> tables) implements OpResult {

    public record Table(String tableName, int destinationCount, int totalRouteCount, int activeRouteCount,
                        int holddownRouteCount, int hiddenRouteCount, List<ProtocolCount> protocols) {
    }

    public record ProtocolCount(String protocol, int routes, int active) {
    }

    /**
     * From the RIB's totals (counted on its thread, no snapshot of a possibly full table).
     * Protocols in Junos' order of preference (Direct, Local, Static, Aggregate, BGP).
     * @param bgpCounts the speaker's counts, see {@link TableCounts#of}: BGP's row counts every path it holds
     */
    public static RouteSummary of(List<Rib.Totals> totals, List<BgpSpeaker.PathCounts> bgpCounts, String as, String routerId) {
        List<Table> tables = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            Rib.Totals t = totals.get(v6 ? 1 : 0);
            TableCounts sum = TableCounts.of(t, v6, bgpCounts);
            Map<Protocol, Integer> routes = new TreeMap<>(Comparator.comparingInt(Protocol::defaultPreference)
                    .thenComparing(Protocol::name));
            routes.putAll(t.routesByProtocol());
            if (sum.bgpRoutes() > 0) {
                routes.put(Protocol.BGP, sum.bgpRoutes());
            }
            List<ProtocolCount> pcs = new ArrayList<>();
            routes.forEach((p, n) -> pcs.add(new ProtocolCount(p.name(), n, t.activeByProtocol().getOrDefault(p, 0))));
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
