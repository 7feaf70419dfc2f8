package net.archway.routing.bgp.speaker;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.session.PeerSettings;

/**
 * One neighbour as the speaker runs it: the session's settings and what the speaker does with
 * its routes.
 *
 * @param group              the group it belongs to (for show)
 * @param importPolicies     the import chain (neighbour's own, else the group's, else bgp's)
 * @param exportPolicies     the export chain
 * @param localPreference    LOCAL_PREF put on routes sent to this (internal) peer, or null to keep theirs
 * @param multipath          load-share over equally good paths from this group's peers
 * @param multipleAs         ... also when they come from different neighbouring ASs
 * @param prefixLimits       per family
 * @param routeReflectorClient this internal peer is a route-reflector client (its group has {@code cluster})
 * @param staleRoutesTime    graceful restart: how long the peer's stale routes wait for its End-of-RIB once it is back
 */
public record NeighborSettings(PeerSettings peer, String group, List<String> importPolicies, List<String> exportPolicies,
                               Long localPreference, boolean multipath, boolean multipleAs,
                               Map<Family, PrefixLimit> prefixLimits, boolean routeReflectorClient, Duration staleRoutesTime) {
    /** Junos' default {@code stale-routes-time}. */
    public static final Duration DEFAULT_STALE_ROUTES_TIME = Duration.ofSeconds(300);

    public NeighborSettings(PeerSettings peer, String group, List<String> importPolicies, List<String> exportPolicies,
                            Long localPreference, boolean multipath, boolean multipleAs,
                            Map<Family, PrefixLimit> prefixLimits, boolean routeReflectorClient) {
        this(peer, group, importPolicies, exportPolicies, localPreference, multipath, multipleAs, prefixLimits,
                routeReflectorClient, DEFAULT_STALE_ROUTES_TIME);
    }

    public NeighborSettings {
        importPolicies = List.copyOf(importPolicies);
        exportPolicies = List.copyOf(exportPolicies);
        prefixLimits = Map.copyOf(prefixLimits);
    }

    public InetAddress address() {
        return peer.peerAddress();
    }

    public boolean internal() {
        return peer.internal();
    }

    /** {@code prefix-limit maximum N [teardown PERCENT]}: tear the session down past {@code maximum} accepted prefixes. */
    public record PrefixLimit(long maximum, boolean teardown, Duration idleTimeout) {
    }

    public static NeighborSettings of(PeerSettings peer) {
        return new NeighborSettings(peer, null, List.of(), List.of(), null, false, false, Map.of(), false);
    }
}
