package net.archway.routing.bgp.session;

import java.time.Instant;

/**
 * A session as {@code show bgp neighbor} reports it: read from any thread, never blocks.
 *
 * @param settings what the session runs with
 * @param state the FSM state (of the most advanced connection)
 * @param since when it entered that state
 * @param negotiated what the OPENs settled, while Established; else null
 * @param lastDown the last time it went down, or null
 * @param lastError the last error met while trying (a refused connection, a failed connect), or null
 * @param messagesReceived messages received, all types
 * @param messagesSent messages sent, all types
 * @param updatesReceived UPDATEs received
 * @param updatesSent UPDATEs sent
 * @param establishedTransitions how many times it reached Established
 * @param connectRetryCounter the ConnectRetryCounter of RFC 4271 §8
 */
public record SessionSnapshot(PeerSettings settings, SessionState state, Instant since, NegotiatedSession negotiated,
        SessionDown lastDown, String lastError, long messagesReceived, long messagesSent, long updatesReceived, long updatesSent,
        long establishedTransitions, long connectRetryCounter) {
}
