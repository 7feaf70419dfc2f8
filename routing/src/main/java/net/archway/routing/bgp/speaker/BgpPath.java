package net.archway.routing.bgp.speaker;

import net.archway.routing.bgp.message.PathAttributes;

/**
 * One path to a prefix, from one peer: the attributes as received (Adj-RIB-In, for soft
 * reconfiguration and {@code receive-protocol}), the attributes after import policy (null when
 * it was rejected, with the reason), and whether it is stale (graceful restart).
 */
final class BgpPath {
    final Peer peer;
    PathAttributes received;
    PathAttributes accepted;
    String rejectedBecause;
    Integer preference;
    boolean stale;

    BgpPath(Peer peer, PathAttributes received) {
        this.peer = peer;
        this.received = received;
    }
}
