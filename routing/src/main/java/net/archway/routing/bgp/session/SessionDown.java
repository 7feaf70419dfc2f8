package net.archway.routing.bgp.session;

import java.time.Instant;

import net.archway.routing.bgp.message.NotificationMessage;

/**
 * Why a session went down, for the upper layer (flush or keep the peer's routes) and for
 * {@code show bgp neighbor} ("Last error").
 *
 * @param cause the kind of event
 * @param text a sentence for the operator: what happened and, where it helps, what to do
 * @param sent the NOTIFICATION this speaker sent, or null
 * @param received the NOTIFICATION the peer sent, or null
 * @param wasEstablished the session had been Established: the peer's routes are gone (or
 *        stale, under graceful restart)
 * @param gracefulRestart the peer's routes may be kept as stale: both sides advertised
 *        graceful restart and the session ended without a NOTIFICATION (RFC 4724 §4.2), or
 *        with one under RFC 8538
 * @param at when
 */
public record SessionDown(Cause cause, String text, NotificationMessage sent, NotificationMessage received, boolean wasEstablished,
        boolean gracefulRestart, Instant at) {

    /** What brought the session down. */
    public enum Cause {
        /** Stopped by the operator (ManualStop). */
        ADMINISTRATIVE_STOP,
        /** Reset by the operator or the upper layer; it starts again. */
        ADMINISTRATIVE_RESET,
        /** The upper layer's prefix limit (Cease/Maximum Number of Prefixes Reached). */
        PREFIX_LIMIT,
        /** The upper layer stopped it for another reason (AutomaticStop, e.g. BFD down). */
        AUTOMATIC_STOP,
        HOLD_TIMER_EXPIRED,
        /** The peer sent a NOTIFICATION. */
        NOTIFICATION_RECEIVED,
        /** This speaker found an error and sent a NOTIFICATION. */
        PROTOCOL_ERROR,
        /** The TCP connection closed or failed. */
        CONNECTION_LOST,
        /** The TCP MD5 key could not be put on a socket: the session will not run unauthenticated. */
        MD5_KEY_NOT_INSTALLED,
        /** The transport could not serve the session (for example the listening socket). */
        TRANSPORT_FAILURE,
        /** The peer opened a new connection while Established, having restarted (RFC 4724 §4.2). */
        PEER_RESTARTED
    }

    @Override
    public String toString() {
        return text;
    }
}
