package net.archway.routing.policy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import net.archway.routing.Prefix;

/**
 * A route as routing policy sees it, protocol-neutral: BGP, static and direct routes are all
 * matched and changed through this one view. Values a route does not carry are null (or empty).
 *
 * @param protocol        Junos protocol name: {@code bgp}, {@code static}, {@code direct}, {@code local}
 * @param neighbor        the BGP peer it came from (or goes to, on export), or null
 * @param localPreference BGP LOCAL_PREF, or null
 * @param med             BGP MULTI_EXIT_DISC (Junos "metric"), or null
 * @param asPath          the AS path, first AS first (AS_SETs flattened)
 * @param origin          0 IGP, 1 EGP, 2 incomplete
 * @param communities     RFC 1997 communities as unsigned 32-bit values
 * @param preference      the route preference it will have in the RIB (Junos {@code then preference})
 */
public record PolicyRoute(Prefix prefix, String protocol, InetAddress neighbor, InetAddress nextHop, Long localPreference,
                          Long med, List<Long> asPath, int origin, Set<Long> communities,
                          Set<LargeCommunity> largeCommunities, Integer preference) {
    public PolicyRoute {
        asPath = List.copyOf(asPath);
        communities = Set.copyOf(communities);
        largeCommunities = Set.copyOf(largeCommunities);
    }

    /** A plain route of {@code protocol} with no BGP attributes. */
    public static PolicyRoute of(Prefix prefix, String protocol) {
        return new PolicyRoute(prefix, protocol, null, null, null, null, List.of(), 0, Set.of(), Set.of(), null);
    }

    public PolicyRoute withNeighbor(InetAddress neighbor) {
        return new PolicyRoute(prefix, protocol, neighbor, nextHop, localPreference, med, asPath, origin, communities,
                largeCommunities, preference);
    }

    public PolicyRoute withAsPath(List<Long> asPath) {
        return new PolicyRoute(prefix, protocol, neighbor, nextHop, localPreference, med, asPath, origin, communities,
                largeCommunities, preference);
    }

    public PolicyRoute withCommunities(Set<Long> communities) {
        return new PolicyRoute(prefix, protocol, neighbor, nextHop, localPreference, med, asPath, origin, communities,
                largeCommunities, preference);
    }

    public PolicyRoute withLargeCommunities(Set<LargeCommunity> large) {
        return new PolicyRoute(prefix, protocol, neighbor, nextHop, localPreference, med, asPath, origin, communities,
                large, preference);
    }

    public PolicyRoute withLocalPreference(Long localPreference) {
        return new PolicyRoute(prefix, protocol, neighbor, nextHop, localPreference, med, asPath, origin, communities,
                largeCommunities, preference);
    }

    public PolicyRoute withMed(Long med) {
        return new PolicyRoute(prefix, protocol, neighbor, nextHop, localPreference, med, asPath, origin, communities,
                largeCommunities, preference);
    }

    public PolicyRoute withNextHop(InetAddress nextHop) {
        return new PolicyRoute(prefix, protocol, neighbor, nextHop, localPreference, med, asPath, origin, communities,
                largeCommunities, preference);
    }

    public PolicyRoute withPreference(Integer preference) {
        return new PolicyRoute(prefix, protocol, neighbor, nextHop, localPreference, med, asPath, origin, communities,
                largeCommunities, preference);
    }
}
