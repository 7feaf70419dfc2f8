package net.archway.routing.bgp.speaker;

import net.archway.routing.bgp.message.PathAttributes;

/**
 * One path to a prefix, from one peer: the attributes as received (Adj-RIB-In, for soft
 * reconfiguration and {@code receive-protocol}), the attributes after import policy (null when
 * it was rejected, with the reason), whether it is stale (graceful restart), and when it came.
 */
final class BgpPath {
    final Peer peer;
    PathAttributes received;
    PathAttributes accepted;
    String rejectedBecause;
    Integer preference;
    boolean stale;
    /** When it was last received, in seconds since the speaker started (fits the object's padding). */
    int receivedAt;

    BgpPath(Peer peer, PathAttributes received, int receivedAt) {
        this.peer = peer;
        this.received = received;
        this.receivedAt = receivedAt;
    }
}
