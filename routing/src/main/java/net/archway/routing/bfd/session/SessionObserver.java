package net.archway.routing.bfd.session;

import net.archway.routing.bfd.packet.BfdState;
import net.archway.routing.bfd.packet.ControlPacket;
import net.archway.routing.bfd.packet.Diagnostic;

/** Where a {@link BfdSession} sends its packets and reports its state changes; called on the session's thread. */
public interface SessionObserver {
    /** Sends one control packet to the peer; returns false when the transport could not send it. */
    boolean transmit(BfdSession session, ControlPacket packet);

    /** Called once for every state change, after the session's variables are updated. */
    void stateChanged(BfdSession session, BfdState from, BfdState to, Diagnostic diagnostic);
}
