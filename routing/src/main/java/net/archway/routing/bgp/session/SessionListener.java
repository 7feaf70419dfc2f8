package net.archway.routing.bgp.session;

import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.UpdateMessage;

/**
 * What the upper layer (Adj-RIB-In, the RIB, the CLI) hears from a session. Every call comes on
 * the session's event loop, the one that also sends keepalives: return quickly and hand work to
 * another thread (the RIB's queue); never block.
 */
public interface SessionListener {

    /** The session reached Established. */
    void established(BgpSession session, NegotiatedSession negotiated);

    /**
     * An UPDATE arrived, decoded and already handled per RFC 7606: withdrawn prefixes include
     * those of a treat-as-withdraw, discarded attributes are gone. End-of-RIB markers come here too.
     */
    void updateReceived(BgpSession session, UpdateMessage update);

    /**
     * The peer asked for our routes of a family again (RFC 2918). Under enhanced route refresh,
     * answer with {@link BgpSession#sendRouteRefreshDemarcation} before and after the routes.
     */
    void routeRefreshRequested(BgpSession session, Family family);

    /**
     * The session left Established, or gave up before reaching it. {@code down.wasEstablished()}
     * says whether the peer's routes must go (or turn stale under graceful restart).
     */
    void down(BgpSession session, SessionDown down);

    /**
     * The peer began (BoRR) or ended (EoRR) re-sending a family (RFC 7313 §4): routes not
     * re-sent between the two are stale and go.
     */
    default void routeRefreshDemarcation(BgpSession session, Family family, boolean begin) {
    }

    /** The FSM state changed (for logs and {@code show}). */
    default void stateChanged(BgpSession session, SessionState from, SessionState to) {
    }

    /** The connection's send buffer went over (false) or back under (true) its high-water mark. */
    default void writabilityChanged(BgpSession session, boolean writable) {
    }
}
