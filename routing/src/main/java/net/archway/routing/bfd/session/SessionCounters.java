package net.archway.routing.bfd.session;

import java.util.Map;

import net.archway.routing.bfd.packet.Diagnostic;
import net.archway.routing.bfd.packet.DropReason;

/**
 * A session's counters at one instant.
 *
 * @param packetsIn            control packets accepted
 * @param packetsOut           control packets sent
 * @param sendFailures         packets the transport could not send
 * @param drops                packets discarded after they were matched to this session, by reason
 * @param upTransitions        times the session reached Up
 * @param downTransitions      times it left Up
 * @param lastStateChangeNanos when the state last changed (scheduler time)
 * @param lastDownDiagnostic   why it last left Up
 * @param txGaps               where periodic transmissions fell relative to the interval
 */
public record SessionCounters(long packetsIn, long packetsOut, long sendFailures, Map<DropReason, Long> drops,
                              long upTransitions, long downTransitions, long lastStateChangeNanos,
                              Diagnostic lastDownDiagnostic, TxGaps txGaps) {
    public SessionCounters {
        drops = Map.copyOf(drops);
    }

    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }
}
