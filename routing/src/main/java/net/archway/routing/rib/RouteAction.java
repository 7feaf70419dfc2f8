package net.archway.routing.rib;

import java.util.List;

/** What a route does with traffic: forward through next hops, or drop it silently or with an ICMP error. */
public sealed interface RouteAction {

    record Forward(List<NextHop> nextHops) implements RouteAction {
        public Forward {
            nextHops = List.copyOf(nextHops);
            if (nextHops.isEmpty()) {
                throw new IllegalArgumentException("a forwarding route needs at least one next hop");
            }
        }
    }

    /** Junos {@code discard}: drop silently (a kernel blackhole route). */
    record Discard() implements RouteAction {
    }

    /** Junos {@code reject}: drop and send ICMP unreachable (a kernel unreachable route). */
    record Reject() implements RouteAction {
    }

    RouteAction DISCARD = new Discard();
    RouteAction REJECT = new Reject();

    static RouteAction forward(NextHop... hops) {
        return new Forward(List.of(hops));
    }
}
