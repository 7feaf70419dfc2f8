package net.archway.routing.bfd;

import java.time.Duration;

import net.archway.routing.bfd.packet.BfdState;
import net.archway.routing.bfd.packet.Diagnostic;
import net.archway.routing.bfd.session.SessionCounters;

/**
 * One session as {@code show bfd session [detail]} shows it, taken at one instant on the BFD
 * event loop. Intervals as negotiated (RFC 5880 §6.8.2-§6.8.4).
 *
 * @param key                   peer, local address, interface, hop mode
 * @param state                 bfd.SessionState
 * @param remoteState           bfd.RemoteSessionState
 * @param localDiscriminator    bfd.LocalDiscr
 * @param remoteDiscriminator   bfd.RemoteDiscr (0 until the peer is heard)
 * @param localDiagnostic       bfd.LocalDiag, as sent
 * @param lastDownDiagnostic    why the session last left Up
 * @param multiplier            local detect multiplier
 * @param remoteMultiplier      the peer's, 0 until heard
 * @param desiredMinTx          bfd.DesiredMinTxInterval as advertised (1 s while not Up)
 * @param requiredMinRx         bfd.RequiredMinRxInterval as advertised
 * @param remoteDesiredMinTx    the peer's Desired Min TX Interval
 * @param remoteRequiredMinRx   bfd.RemoteMinRxInterval
 * @param transmitInterval      the negotiated interval between periodic packets, before jitter (zero: none sent)
 * @param detectionTime         the detection time (zero: not detecting)
 * @param pollSequence          a Poll Sequence is outstanding
 * @param ifindex               the interface the session is tied to, 0 for none
 * @param sourcePort            the UDP source port of its packets
 * @param clients               how many clients share it
 * @param sinceLastChange       time in the current state
 * @param counters              packets in and out, drops by reason, transitions, transmit gaps
 */
public record BfdSessionSnapshot(BfdSessionKey key, BfdState state, BfdState remoteState,
                                 long localDiscriminator, long remoteDiscriminator,
                                 Diagnostic localDiagnostic, Diagnostic lastDownDiagnostic,
                                 int multiplier, int remoteMultiplier,
                                 Duration desiredMinTx, Duration requiredMinRx,
                                 Duration remoteDesiredMinTx, Duration remoteRequiredMinRx,
                                 Duration transmitInterval, Duration detectionTime,
                                 boolean pollSequence, int ifindex, int sourcePort, int clients,
                                 Duration sinceLastChange, SessionCounters counters) {
}
