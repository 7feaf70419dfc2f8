package net.archway.appliance.show;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.archway.cli.op.OpResult;
import net.archway.routing.rib.RibSnapshot;

/** {@code show route summary}: per table, the Junos header line and routes per protocol. */
public record RouteSummary(String autonomousSystem, String routerId, List<Table> tables) implements OpResult {

    public record Table(String tableName, int destinationCount, int totalRouteCount, int activeRouteCount,
                        int holddownRouteCount, int hiddenRouteCount, List<ProtocolCount> protocols) {
    }

    public record ProtocolCount(String protocol, int routes, int active) {
    }

    public static RouteSummary of(RibSnapshot s, String as, String routerId) {
        List<Table> tables = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            RibSnapshot.Summary sum = s.summary(v6);
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
            sb.append('\n').append(t.tableName()).append(": ").append(t.destinationCount()).append(" destinations, ")
                    .append(t.totalRouteCount()).append(" routes (").append(t.activeRouteCount()).append(" active, ")
                    .append(t.holddownRouteCount()).append(" holddown, ").append(t.hiddenRouteCount()).append(" hidden)\n");
            for (ProtocolCount p : t.protocols()) {
                sb.append(String.format("%20s: %6d routes, %6d active%n", p.protocol(), p.routes(), p.active()));
            }
        }
        return sb.toString();
    }
}
