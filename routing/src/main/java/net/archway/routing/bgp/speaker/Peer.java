package net.archway.routing.bgp.speaker;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.message.UpdateMessage;
import net.archway.routing.bgp.session.BgpSession;
import net.archway.routing.bgp.session.NegotiatedSession;
import net.archway.routing.bgp.session.SessionDown;
import net.archway.routing.bgp.session.SessionListener;
import net.archway.routing.bgp.session.SessionState;

/**
 * One neighbour's state in the speaker: its session, its Adj-RIB-Out, what waits to be sent,
 * counters and graceful-restart bookkeeping. Session events arrive on the session's event loop
 * and are handed to the speaker's thread at once; every field is touched on that thread only.
 */
final class Peer implements SessionListener {
    /** A pending withdrawal in {@link #pendingOut}. */
    static final PathAttributes WITHDRAW = PathAttributes.builder().build();

    final BgpSpeaker speaker;
    NeighborSettings settings;
    BgpSession session;
    NegotiatedSession negotiated;
    boolean established;
    final Map<Prefix, PathAttributes> adjRibOut = new HashMap<>();
    final Map<Prefix, PathAttributes> pendingOut = new LinkedHashMap<>();
    boolean writable = true;
    long accepted;
    long acceptedV4;
    long acceptedV6;
    /** Paths from this peer in the Loc-RIB (Adj-RIB-In), and those in their destination's active (multipath) set: kept as they change, so show bgp summary never walks the table. */
    long receivedV4;
    long receivedV6;
    long activeV4;
    long activeV6;
    long flaps;
    Instant since = Instant.now();
    SessionState state = SessionState.IDLE;
    SessionDown lastDown;
    boolean staleRoutes;
    ScheduledFuture<?> staleTimer;
    final Set<Family> endOfRibReceived = new HashSet<>();
    boolean bfdUp = true;
    boolean prefixLimitHit;

    Peer(BgpSpeaker speaker, NeighborSettings settings) {
        this.speaker = speaker;
        this.settings = settings;
    }

    // ---- session events: straight to the speaker's thread ----

    @Override
    public void established(BgpSession s, NegotiatedSession n) {
        speaker.post(() -> speaker.peerEstablished(this, s, n));
    }

    @Override
    public void updateReceived(BgpSession s, UpdateMessage update) {
        speaker.received(this, s, update);
    }

    @Override
    public void routeRefreshRequested(BgpSession s, Family family) {
        speaker.post(() -> speaker.refreshRequested(this, s, family));
    }

    @Override
    public void down(BgpSession s, SessionDown down) {
        speaker.post(() -> speaker.peerDown(this, s, down));
    }

    @Override
    public void routeRefreshDemarcation(BgpSession s, Family family, boolean begin) {
        speaker.post(() -> speaker.demarcation(this, s, family, begin));
    }

    @Override
    public void stateChanged(BgpSession s, SessionState from, SessionState to) {
        speaker.post(() -> {
            if (s == session) {
                state = to;
                since = Instant.now();
            }
        });
    }

    @Override
    public void writabilityChanged(BgpSession s, boolean w) {
        speaker.post(() -> {
            if (s == session) {
                writable = w;
                if (w) {
                    speaker.flush(this);
                }
            }
        });
    }

    void countAccepted(Prefix prefix, int delta) {
        accepted += delta;
        if (prefix.isIpv6()) {
            acceptedV6 += delta;
        } else {
            acceptedV4 += delta;
        }
    }

    void countReceived(Prefix prefix, int delta) {
        if (prefix.isIpv6()) {
            receivedV6 += delta;
        } else {
            receivedV4 += delta;
        }
    }

    void countActive(Prefix prefix, int delta) {
        if (prefix.isIpv6()) {
            activeV6 += delta;
        } else {
            activeV4 += delta;
        }
    }

    long acceptedIn(Family family) {
        return family.equals(Family.IPV4_UNICAST) ? acceptedV4 : family.equals(Family.IPV6_UNICAST) ? acceptedV6 : 0;
    }

    Set<Family> families() {
        return negotiated == null ? Set.of() : negotiated.families();
    }
}
