package net.archway.routing.policy;

import java.net.InetAddress;
import java.util.List;

/**
 * One {@code term NAME { from {...} then {...} }} of a policy statement. Every condition present
 * in {@code from} must hold; within one condition any listed value will do. An empty
 * {@code from} matches every route.
 */
public record Term(String name, From from, Then then) {

    /**
     * @param prefixLists  {@code prefix-list NAME}: the route's prefix is in one of them, exactly
     * @param routeFilters {@code route-filter ...}: Junos longest-match rule
     * @param protocols    {@code protocol bgp|static|direct|local}
     * @param communities  {@code community NAME}: the route carries every member of one of them
     * @param asPaths      {@code as-path NAME}: the route's AS path matches one of them
     * @param neighbors    {@code neighbor ADDRESS}
     * @param family       {@code family inet|inet6}, or null for both
     */
    public record From(List<String> prefixLists, List<RouteFilter> routeFilters, List<String> protocols,
                       List<String> communities, List<String> asPaths, List<InetAddress> neighbors, String family) {
        public static final From ANY = new From(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

        public From(List<String> prefixLists, List<RouteFilter> routeFilters, List<String> protocols,
                    List<String> communities, List<String> asPaths, List<InetAddress> neighbors) {
            this(prefixLists, routeFilters, protocols, communities, asPaths, neighbors, null);
        }

        public From {
            if (family != null && !family.equals("inet") && !family.equals("inet6")) {
                throw new IllegalArgumentException("family " + family + ": inet or inet6");
            }
            prefixLists = List.copyOf(prefixLists);
            routeFilters = List.copyOf(routeFilters);
            protocols = List.copyOf(protocols);
            communities = List.copyOf(communities);
            asPaths = List.copyOf(asPaths);
            neighbors = List.copyOf(neighbors);
        }
    }

    /** Junos flow control after a term's actions. */
    public enum Flow {
        ACCEPT, REJECT, NEXT_TERM, NEXT_POLICY
    }

    /**
     * The actions of a term. {@code flow} null means none was written: evaluation goes on with
     * the next term, keeping the changes.
     */
    public record Then(Flow flow, Long localPreference, Long metric, List<Long> asPathPrepend, List<String> communityAdd,
                       List<String> communityDelete, List<String> communitySet, boolean nextHopSelf, InetAddress nextHop,
                       Integer preference, boolean nextHopPeer) {
        public static final Then NOTHING = new Then(null, null, null, List.of(), List.of(), List.of(), List.of(), false,
                null, null, false);
        public static final Then ACCEPT = NOTHING.withFlow(Flow.ACCEPT);
        public static final Then REJECT = NOTHING.withFlow(Flow.REJECT);

        public Then {
            asPathPrepend = List.copyOf(asPathPrepend);
            communityAdd = List.copyOf(communityAdd);
            communityDelete = List.copyOf(communityDelete);
            communitySet = List.copyOf(communitySet);
        }

        public Then withFlow(Flow flow) {
            return new Then(flow, localPreference, metric, asPathPrepend, communityAdd, communityDelete, communitySet,
                    nextHopSelf, nextHop, preference, nextHopPeer);
        }

        public Then withLocalPreference(long v) {
            return new Then(flow, v, metric, asPathPrepend, communityAdd, communityDelete, communitySet, nextHopSelf,
                    nextHop, preference, nextHopPeer);
        }

        public Then withMetric(long v) {
            return new Then(flow, localPreference, v, asPathPrepend, communityAdd, communityDelete, communitySet,
                    nextHopSelf, nextHop, preference, nextHopPeer);
        }

        public Then withPrepend(List<Long> asns) {
            return new Then(flow, localPreference, metric, asns, communityAdd, communityDelete, communitySet, nextHopSelf,
                    nextHop, preference, nextHopPeer);
        }

        public Then withCommunities(List<String> add, List<String> delete, List<String> set) {
            return new Then(flow, localPreference, metric, asPathPrepend, add, delete, set, nextHopSelf, nextHop, preference, nextHopPeer);
        }

        public Then(Flow flow, Long localPreference, Long metric, List<Long> asPathPrepend, List<String> communityAdd,
                    List<String> communityDelete, List<String> communitySet, boolean nextHopSelf, InetAddress nextHop,
                    Integer preference) {
            this(flow, localPreference, metric, asPathPrepend, communityAdd, communityDelete, communitySet, nextHopSelf,
                    nextHop, preference, false);
        }

        /** {@code then next-hop peer-address}: the neighbour's own address. */
        public Then withNextHopPeer() {
            return new Then(flow, localPreference, metric, asPathPrepend, communityAdd, communityDelete, communitySet,
                    nextHopSelf, nextHop, preference, true);
        }

        public Then withNextHop(InetAddress address) {
            return new Then(flow, localPreference, metric, asPathPrepend, communityAdd, communityDelete, communitySet,
                    nextHopSelf, address, preference, nextHopPeer);
        }

        public Then withPreference(int value) {
            return new Then(flow, localPreference, metric, asPathPrepend, communityAdd, communityDelete, communitySet,
                    nextHopSelf, nextHop, value, nextHopPeer);
        }

        public Then withNextHopSelf() {
            return new Then(flow, localPreference, metric, asPathPrepend, communityAdd, communityDelete, communitySet, true,
                    nextHop, preference, nextHopPeer);
        }
    }
}
