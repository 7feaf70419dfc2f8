package net.archway.appliance.show;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.archway.cli.op.OpResult;
import net.archway.routing.Prefix;
import net.archway.routing.rib.ForwardingHop;
import net.archway.routing.rib.NextHop;
import net.archway.routing.rib.Protocol;
import net.archway.routing.rib.RibSnapshot;
import net.archway.routing.rib.RouteAction;
import net.archway.routing.rib.RouteDetail;

/**
 * {@code show route ...}: tables, destinations and their routes, built from a RIB snapshot first
 * and rendered to Junos text (or JSON) second.
 */
public record RouteInformation(List<Table> tables) implements OpResult {

    public record Table(String tableName, int destinationCount, int totalRouteCount, int activeRouteCount,
                        int holddownRouteCount, int hiddenRouteCount, List<Destination> destinations) {
    }

    public record Destination(String destination, List<Route> routes) {
    }

    /**
     * @param active       the * of Junos: this route forwards
     * @param hidden       no next hop of it is usable
     * @param attributes   extra words for the route line ({@code localpref 100}), or null
     * @param detail       further lines under the route line ({@code AS path: 65000 I}), possibly empty
     */
    public record Route(boolean active, boolean hidden, String protocol, int preference, String age, long ageSeconds,
                        long metric, String attributes, List<String> detail, List<Hop> nextHops) {
    }

    /**
     * A next hop line: {@code > to 192.0.2.1 via eth1}; {@code kind} is {@code Local}, {@code Discard}
     * or {@code Reject} for routes without a gateway to show, else null.
     */
    public record Hop(boolean selected, String to, String via, String kind) {
    }

    /** What to show: a prefix (with or without more specifics), a table, a protocol, hidden routes. */
    public record Query(Prefix prefix, boolean exact, String table, String protocol, boolean hidden) {
        public static final Query ALL = new Query(null, false, null, null, false);
    }

    public static RouteInformation of(RibSnapshot snapshot, Query q) {
        List<Table> tables = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            String name = v6 ? "inet6.0" : "inet.0";
            if (q.table() != null && !q.table().equals(name)) {
                continue;
            }
            if (q.prefix() != null && q.prefix().isIpv6() != v6) {
                continue;
            }
            RibSnapshot.Summary s = snapshot.summary(v6);
            List<Destination> dests = new ArrayList<>();
            for (RibSnapshot.Destination d : snapshot.destinations()) {
                if (d.prefix().isIpv6() != v6 || !selected(d.prefix(), q, snapshot)) {
                    continue;
                }
                List<Route> routes = new ArrayList<>();
                for (RibSnapshot.Route r : d.routes()) {
                    if (r.hidden() != q.hidden()) {
                        continue;
                    }
                    if (q.protocol() != null && !r.route().protocol().name().equalsIgnoreCase(q.protocol())) {
                        continue;
                    }
                    routes.add(route(r, snapshot));
                }
                if (!routes.isEmpty()) {
                    dests.add(new Destination(d.prefix().toString(), routes));
                }
            }
            if (q.prefix() != null && dests.isEmpty() && s.routes() == 0) {
                continue;
            }
            tables.add(new Table(name, s.destinations(), s.routes(), s.active(), s.holddown(), s.hidden(), dests));
        }
        return new RouteInformation(tables);
    }

    /**
     * Junos: {@code show route 10.0.0.0/8} lists that prefix and everything inside it;
     * {@code exact} only that prefix; a host address lists the best match covering it.
     */
    private static boolean selected(Prefix p, Query q, RibSnapshot snapshot) {
        if (q.prefix() == null) {
            return true;
        }
        if (q.exact()) {
            return p.equals(q.prefix());
        }
        boolean host = q.prefix().length() == (q.prefix().isIpv4() ? 32 : 128);
        if (host && !p.equals(q.prefix())) {
            Prefix best = null;
            for (RibSnapshot.Destination d : snapshot.destinations()) {
                if (d.active() != null && d.prefix().contains(q.prefix()) && (best == null || d.prefix().length() > best.length())) {
                    best = d.prefix();
                }
            }
            return p.equals(best);
        }
        return q.prefix().contains(p);
    }

    private static Route route(RibSnapshot.Route r, RibSnapshot snapshot) {
        Duration age = Duration.between(r.since(), snapshot.taken());
        List<Hop> hops = new ArrayList<>();
        RouteAction a = r.route().action();
        if (a instanceof RouteAction.Discard) {
            hops.add(new Hop(false, null, null, "Discard"));
        } else if (a instanceof RouteAction.Reject) {
            hops.add(new Hop(false, null, null, "Reject"));
        } else if (r.route().protocol() == Protocol.LOCAL) {
            hops.add(new Hop(false, null, r.hops().isEmpty() ? null : r.hops().get(0).interfaceName(), "Local"));
        } else if (!r.hops().isEmpty()) {
            for (ForwardingHop h : r.hops()) {
                hops.add(new Hop(r.active(), h.gateway() == null ? null : Prefix.format(h.gateway()), h.interfaceName(), null));
            }
        } else if (a instanceof RouteAction.Forward f) {
            for (NextHop h : f.nextHops()) {
                hops.add(new Hop(false, h.gateway() == null ? null : Prefix.format(h.gateway()), h.interfaceName(), null));
            }
        }
        String attrs = r.route().metric() != 0 ? "metric " + r.route().metric() : null;
        List<String> detail = new ArrayList<>();
        if (r.route().attributes() instanceof RouteDetail rd) {
            if (rd.routeLine() != null) {
                attrs = attrs == null ? rd.routeLine() : attrs + ", " + rd.routeLine();
            }
            detail.addAll(rd.lines());
        }
        return new Route(r.active(), r.hidden(), r.route().protocol().name(), r.route().preference(), JunosTime.age(age),
                age.getSeconds(), r.route().metric(), attrs, detail, hops);
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            sb.append('\n').append(t.tableName()).append(": ").append(t.destinationCount()).append(" destinations, ")
                    .append(t.totalRouteCount()).append(" routes (").append(t.activeRouteCount()).append(" active, ")
                    .append(t.holddownRouteCount()).append(" holddown, ").append(t.hiddenRouteCount()).append(" hidden)\n");
            if (!t.destinations().isEmpty()) {
                sb.append("+ = Active Route, - = Last Active, * = Both\n\n");
            }
            for (Destination d : t.destinations()) {
                boolean first = true;
                for (Route r : d.routes()) {
                    String head = (r.active() ? "*" : " ") + "[" + r.protocol() + "/" + r.preference() + "] " + r.age()
                            + (r.attributes() == null ? "" : ", " + r.attributes());
                    if (first) {
                        if (d.destination().length() >= 19) {
                            sb.append(d.destination()).append('\n').append(" ".repeat(19)).append(head).append('\n');
                        } else {
                            sb.append(String.format("%-19s", d.destination())).append(head).append('\n');
                        }
                        first = false;
                    } else {
                        sb.append(" ".repeat(19)).append(head).append('\n');
                    }
                    for (String line : r.detail()) {
                        sb.append(" ".repeat(22)).append(line).append('\n');
                    }
                    for (Hop h : r.nextHops()) {
                        if (h.kind() != null) {
                            sb.append(" ".repeat(23)).append(h.kind()).append(h.via() == null ? "" : " via " + h.via())
                                    .append('\n');
                        } else {
                            sb.append(" ".repeat(20)).append(h.selected() ? "> " : "  ")
                                    .append(h.to() == null ? "via " + h.via() : "to " + h.to() + (h.via() == null ? "" : " via " + h.via()))
                                    .append('\n');
                        }
                    }
                }
            }
        }
        return sb.toString();
    }
}
