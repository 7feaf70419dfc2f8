package net.archway.routing.rib;

import java.time.Instant;
import java.util.List;

import net.archway.routing.Prefix;

/**
 * An immutable copy of the RIB at {@code taken}, destinations in prefix order (IPv4 first):
 * what {@code show route} renders. Junos words: a destination has routes; one is active (*);
 * a route with no usable next hop is hidden.
 */
public record RibSnapshot(Instant taken, List<Destination> destinations) {

    public RibSnapshot {
        destinations = List.copyOf(destinations);
    }

    /** One candidate route as the RIB sees it. {@code hops} are the resolved forwarding hops. */
    public record Route(RibRoute route, boolean active, boolean usable, List<ForwardingHop> hops, Instant since) {
        public Route {
            hops = List.copyOf(hops);
        }

        public boolean hidden() {
            return !usable;
        }
    }

    public record Destination(Prefix prefix, List<Route> routes) {
        public Destination {
            routes = List.copyOf(routes);
        }

        /** The active route, or null when none is usable. */
        public Route active() {
            for (Route r : routes) {
                if (r.active()) {
                    return r;
                }
            }
            return null;
        }
    }

    /** Junos' table name: inet.0 or inet6.0. */
    public static String tableName(Prefix p) {
        return p.isIpv4() ? "inet.0" : "inet6.0";
    }

    /** Counts for {@code show route summary} and the table header line. */
    public record Summary(String table, int destinations, int routes, int active, int holddown, int hidden) {
    }

    public Summary summary(boolean ipv6) {
        int dests = 0;
        int routes = 0;
        int active = 0;
        int hidden = 0;
        for (Destination d : destinations) {
            if (d.prefix().isIpv6() != ipv6) {
                continue;
            }
            dests++;
            for (Route r : d.routes()) {
                routes++;
                if (r.active()) {
                    active++;
                }
                if (r.hidden()) {
                    hidden++;
                }
            }
        }
        return new Summary(ipv6 ? "inet6.0" : "inet.0", dests, routes, active, 0, hidden);
    }
}
