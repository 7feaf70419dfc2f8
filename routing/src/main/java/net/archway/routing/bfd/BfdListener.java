package net.archway.routing.bfd;

import net.archway.routing.bfd.packet.Diagnostic;

/**
 * A client's view of its session. Called on the BFD event loop: return at once (hand the news to
 * your own queue); a listener that blocks delays every BFD packet. Exceptions are logged and
 * ignored.
 */
public interface BfdListener {
    /** The session reached Up (also called at once when a client joins a session that is Up). */
    void up(BfdSessionKey session);

    /**
     * The session left Up.
     *
     * @param diagnostic    why (RFC 5880 bfd.LocalDiag): Control Detection Time Expired, Neighbor
     *                      Signaled Session Down, Administratively Down
     * @param peerAdminDown the peer said AdminDown: RFC 5882 §3.2 asks clients not to treat this as
     *                      a forwarding failure
     */
    void down(BfdSessionKey session, Diagnostic diagnostic, boolean peerAdminDown);
}
