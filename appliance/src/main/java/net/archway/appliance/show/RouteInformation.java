package net.archway.appliance.show;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.archway.cli.op.OpResult;
import net.archway.routing.Prefix;
import net.archway.routing.bgp.speaker.BgpRouteDetail;
import net.archway.routing.bgp.speaker.BgpSpeaker;
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
        return of(snapshot, q, Map.of(), List.of());
    }

    /**
     * @param bgpPaths  every BGP path of the prefixes the query selects (from the speaker): they
     *                  replace the RIB's one BGP route, so that inactive and rejected paths show
     *                  under their destination as in Junos
     * @param bgpCounts the speaker's table-wide counts (IPv4, IPv6) for the header; empty without BGP
     */
    public static RouteInformation of(RibSnapshot snapshot, Query q, Map<Prefix, List<BgpSpeaker.RouteView>> bgpPaths,
                                      List<BgpSpeaker.PathCounts> bgpCounts) {
        Prefix bestMatch = bestMatch(snapshot, q);
        List<Table> tables = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            if (!shows(q, v6)) {
                continue;
            }
            List<Destination> dests = destinations(snapshot, q, bestMatch, v6, bgpPaths, bgpPaths.keySet());
            TableCounts c = TableCounts.of(snapshot, v6, bgpCounts);
            if (q.prefix() != null && dests.isEmpty() && c.routes() == 0) {
                continue;
            }
            tables.add(new Table(tableName(v6), c.destinations(), c.routes(), c.active(), c.holddown(), c.hidden(), dests));
        }
        return new RouteInformation(tables);
    }

    static String tableName(boolean v6) {
        return v6 ? "inet6.0" : "inet.0";
    }

    /** Whether the query looks at this family's table at all. */
    static boolean shows(Query q, boolean v6) {
        return (q.table() == null || q.table().equals(tableName(v6))) && (q.prefix() == null || q.prefix().isIpv6() == v6);
    }

    /**
     * The destinations of one family the query selects, in prefix order: the RIB's, with BGP
     * prefixes it does not hold (every path hidden) merged in from {@code bgpPrefixes}.
     */
    static List<Destination> destinations(RibSnapshot snapshot, Query q, Prefix bestMatch, boolean v6,
                                          Map<Prefix, List<BgpSpeaker.RouteView>> bgpPaths, Iterable<Prefix> bgpPrefixes) {
        TreeMap<Prefix, RibSnapshot.Destination> merged = new TreeMap<>();
        for (RibSnapshot.Destination d : snapshot.destinations()) {
            if (d.prefix().isIpv6() == v6 && selected(d.prefix(), q, bestMatch)) {
                merged.put(d.prefix(), d);
            }
        }
        for (Prefix p : bgpPrefixes) {
            if (p.isIpv6() == v6 && selected(p, q, bestMatch)) {
                merged.putIfAbsent(p, new RibSnapshot.Destination(p, List.of()));
            }
        }
        List<Destination> dests = new ArrayList<>();
        for (RibSnapshot.Destination d : merged.values()) {
            List<BgpSpeaker.RouteView> paths = bgpPaths.get(d.prefix());
            List<Route> routes = new ArrayList<>();
            RibSnapshot.Route ribBgp = null;
            for (RibSnapshot.Route r : d.routes()) {
                if (paths != null && r.route().protocol() == Protocol.BGP) {
                    ribBgp = r;
                    continue;
                }
                if (r.hidden() != q.hidden()) {
                    continue;
                }
                if (q.protocol() != null && !r.route().protocol().name().equalsIgnoreCase(q.protocol())) {
                    continue;
                }
                routes.add(route(r, snapshot));
            }
            if (paths != null && (q.protocol() == null || q.protocol().equalsIgnoreCase("bgp"))) {
                for (BgpSpeaker.RouteView p : paths) {
                    boolean hidden = p.rejectedBecause() != null;
                    if (hidden == q.hidden()) {
                        routes.add(bgpRoute(p, ribBgp, snapshot));
                    }
                }
            }
            if (!routes.isEmpty()) {
                dests.add(new Destination(d.prefix().toString(), routes));
            }
        }
        return dests;
    }

    /** For a host address: the longest prefix with an active route covering it, found once. */
    static Prefix bestMatch(RibSnapshot snapshot, Query q) {
        if (q.prefix() == null || q.exact() || q.prefix().length() != (q.prefix().isIpv4() ? 32 : 128)) {
            return null;
        }
        Prefix best = null;
        for (RibSnapshot.Destination d : snapshot.destinations()) {
            if (d.active() != null && d.prefix().contains(q.prefix()) && (best == null || d.prefix().length() > best.length())) {
                best = d.prefix();
            }
        }
        return best;
    }

    /**
     * Junos: {@code show route 10.0.0.0/8} lists that prefix and everything inside it;
     * {@code exact} only that prefix; a host address lists the best match covering it.
     */
    static boolean selected(Prefix p, Query q, Prefix bestMatch) {
        if (q.prefix() == null) {
            return true;
        }
        if (q.exact()) {
            return p.equals(q.prefix());
        }
        boolean host = q.prefix().length() == (q.prefix().isIpv4() ? 32 : 128);
        if (host && !p.equals(q.prefix())) {
            return p.equals(bestMatch);
        }
        return q.prefix().contains(p);
    }

    /** One BGP path: active when it is in the RIB's active BGP route; hidden with the reason it is unusable. */
    private static Route bgpRoute(BgpSpeaker.RouteView p, RibSnapshot.Route ribBgp, RibSnapshot snapshot) {
        boolean active = p.active() && ribBgp != null && ribBgp.active();
        Duration age = Duration.between(p.active() && ribBgp != null ? ribBgp.since()
                : p.receivedAt() != null ? p.receivedAt() : snapshot.taken(), snapshot.taken());
        var a = p.attributes();
        String nh = a.nextHop() == null ? null : Prefix.format(a.nextHop().address());
        List<Hop> hops = new ArrayList<>();
        if (p.active() && ribBgp != null && !ribBgp.hops().isEmpty()) {
            for (ForwardingHop h : ribBgp.hops()) {
                hops.add(new Hop(active, h.gateway() == null ? null : Prefix.format(h.gateway()), h.interfaceName(), null));
            }
        } else if (nh != null) {
            hops.add(new Hop(false, nh, null, null));
        }
        BgpRouteDetail d = BgpRouteDetail.of(a, p.peer(), p.external(), 1);
        List<String> detail = new ArrayList<>(d.lines());
        if (p.rejectedBecause() != null) {
            detail.add("Hidden reason: " + p.rejectedBecause());
        } else if (p.stale()) {
            detail.add("Stale: the peer is restarting");
        }
        return new Route(active, p.rejectedBecause() != null, "BGP", p.preference(), JunosTime.age(age), age.getSeconds(),
                0, d.routeLine(), detail, hops);
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

    static final String LEGEND = "+ = Active Route, - = Last Active, * = Both\n\n";

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            TableCounts.appendHeader(sb, t.tableName(), t.destinationCount(), t.totalRouteCount(), t.activeRouteCount(),
                    t.holddownRouteCount(), t.hiddenRouteCount());
            if (!t.destinations().isEmpty()) {
                sb.append(LEGEND);
            }
            appendDestinations(sb, t.destinations());
        }
        return sb.toString();
    }

    /** Destinations in Junos' text layout. */
    static void appendDestinations(StringBuilder sb, List<Destination> destinations) {
        for (Destination d : destinations) {
            boolean first = true;
            for (Route r : d.routes()) {
                String head = (r.active() ? "*" : " ") + "[" + r.protocol() + "/" + r.preference() + "] " + r.age()
                        + (r.attributes() == null ? "" : ", " + r.attributes());
                if (first) {
                    if (d.destination().length() >= 19) {
                        sb.append(d.destination()).append('\n').append(" ".repeat(19)).append(head).append('\n');
                    } else {
                        TextColumns.padRight(sb, d.destination(), 19).append(head).append('\n');
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
                        sb.append(" ".repeat(23)).append(h.kind()).append(h.via() == null ? "" : " via " + h.via()).append('\n');
                    } else {
                        sb.append(" ".repeat(20)).append(h.selected() ? "> " : "  ")
                                .append(h.to() == null ? "via " + h.via() : "to " + h.to() + (h.via() == null ? "" : " via " + h.via()))
                                .append('\n');
                    }
                }
            }
        }
    }
}
