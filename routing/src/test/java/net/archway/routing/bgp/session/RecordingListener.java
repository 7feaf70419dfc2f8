package net.archway.routing.bgp.session;

import java.util.ArrayList;
import java.util.List;

import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.UpdateMessage;

/** Keeps everything a session tells its upper layer. */
final class RecordingListener implements SessionListener {
    final List<NegotiatedSession> established = new ArrayList<>();
    final List<UpdateMessage> updates = new ArrayList<>();
    final List<Family> refreshRequests = new ArrayList<>();
    final List<String> demarcations = new ArrayList<>();
    final List<SessionDown> downs = new ArrayList<>();
    final List<String> states = new ArrayList<>();

    @Override
    public void established(BgpSession session, NegotiatedSession negotiated) {
        established.add(negotiated);
    }

    @Override
    public void updateReceived(BgpSession session, UpdateMessage update) {
        updates.add(update);
    }

    @Override
    public void routeRefreshRequested(BgpSession session, Family family) {
        refreshRequests.add(family);
    }

    @Override
    public void routeRefreshDemarcation(BgpSession session, Family family, boolean begin) {
        demarcations.add((begin ? "BoRR " : "EoRR ") + family);
    }

    @Override
    public void down(BgpSession session, SessionDown down) {
        downs.add(down);
    }

    @Override
    public void stateChanged(BgpSession session, SessionState from, SessionState to) {
        states.add(to.toString());
    }

    SessionDown lastDown() {
        return downs.get(downs.size() - 1);
    }
}
