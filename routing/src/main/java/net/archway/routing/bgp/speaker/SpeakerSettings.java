package net.archway.routing.bgp.speaker;

import java.util.List;

/**
 * {@code protocols bgp} as the speaker runs it.
 *
 * @param localAs            {@code routing-options autonomous-system}
 * @param routerId           BGP identifier (an IPv4 address as an int)
 * @param clusterId          route-reflector cluster id (0: not a reflector)
 * @param ebgpImportRequiresPolicy RFC 8212: routes from an external peer without an import policy are rejected
 * @param ebgpExportRequiresPolicy RFC 8212: nothing is advertised to an external peer without an export policy
 */
public record SpeakerSettings(long localAs, int routerId, int clusterId, boolean ebgpImportRequiresPolicy,
                              boolean ebgpExportRequiresPolicy, List<NeighborSettings> neighbors) {
    public static final SpeakerSettings NONE = new SpeakerSettings(0, 0, 0, true, true, List.of());

    public SpeakerSettings {
        neighbors = List.copyOf(neighbors);
    }
}
