package net.archway.routing.bgp.speaker;

import java.util.List;

/**
 * {@code protocols bgp} as the speaker runs it.
 *
 * @param localAs            {@code routing-options autonomous-system}
 * @param routerId           BGP identifier (an IPv4 address as an int)
 * @param clusterId          route-reflector cluster id (0: not a reflector)
 * @param ebgpRequiresPolicy RFC 8212: an external peer without import (export) policy gets no routes accepted (sent)
 */
public record SpeakerSettings(long localAs, int routerId, int clusterId, boolean ebgpRequiresPolicy,
                              List<NeighborSettings> neighbors) {
    public static final SpeakerSettings NONE = new SpeakerSettings(0, 0, 0, true, List.of());

    public SpeakerSettings {
        neighbors = List.copyOf(neighbors);
    }
}
