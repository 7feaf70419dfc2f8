package net.archway.routing.rib;

import net.archway.routing.Prefix;

/**
 * A candidate route a protocol gives the RIB. A protocol may offer several for one prefix,
 * told apart by {@code instance} (a static route's qualified next hop at another preference,
 * say); the pair (protocol, instance) names the offer.
 *
 * @param preference   lower wins across protocols (Junos route preference)
 * @param metric       lower wins between routes of equal preference
 * @param resolve      whether a gateway that is not on a connected subnet may be resolved
 *                     through another route (BGP: yes; static: only with {@code resolve})
 * @param attributes   the protocol's own data for {@code show route detail}, or null
 */
public record RibRoute(Prefix prefix, Protocol protocol, int instance, int preference, long metric,
                       RouteAction action, boolean resolve, Object attributes) {

    public RibRoute {
        if (preference < 0) {
            throw new IllegalArgumentException("preference " + preference + " is negative");
        }
    }

    /** An offer at the protocol's default preference, instance 0, metric 0, no recursion. */
    public static RibRoute of(Prefix prefix, Protocol protocol, RouteAction action) {
        return new RibRoute(prefix, protocol, 0, protocol.defaultPreference(), 0, action, false, null);
    }

    public RibRoute withPreference(int preference) {
        return new RibRoute(prefix, protocol, instance, preference, metric, action, resolve, attributes);
    }

    public RibRoute withInstance(int instance) {
        return new RibRoute(prefix, protocol, instance, preference, metric, action, resolve, attributes);
    }

    public RibRoute withMetric(long metric) {
        return new RibRoute(prefix, protocol, instance, preference, metric, action, resolve, attributes);
    }

    public RibRoute withResolve(boolean resolve) {
        return new RibRoute(prefix, protocol, instance, preference, metric, action, resolve, attributes);
    }

    public RibRoute withAttributes(Object attributes) {
        return new RibRoute(prefix, protocol, instance, preference, metric, action, resolve, attributes);
    }
}
