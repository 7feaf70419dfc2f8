package net.archway.routing.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import net.archway.routing.Prefix;
import net.archway.routing.bfd.packet.BfdState;
import net.archway.routing.bfd.packet.Diagnostic;

/** The checks every peer implementation goes through. */
final class InteropChecks {
    private InteropChecks() {
    }

    static final Duration BRING_UP = Duration.ofSeconds(15);

    /** Comes up, both sides agree, intervals negotiated as configured. */
    static void comesUp(Bfd bfd, BfdClient client, BfdTestbed.Recorder rec, PeerDaemon peer, Duration interval, int mult) {
        BfdSessionKey key = client.settings().key();
        String local = Prefix.format(client.settings().localAddress());
        BfdTestbed.await(rec::isUp, BRING_UP, "Archway's session " + key + " Up");
        BfdTestbed.await(() -> peer.state(local).equals("up"), BRING_UP, "the peer's session to " + local + " up");
        BfdTestbed.await(() -> !bfd.session(key).orElseThrow().pollSequence(), Duration.ofSeconds(5), "poll sequence done");
        BfdSessionSnapshot s = bfd.session(key).orElseThrow();
        assertEquals(BfdState.UP, s.state());
        assertEquals(BfdState.UP, s.remoteState());
        assertTrue(s.remoteDiscriminator() != 0);
        assertEquals(interval, s.transmitInterval());
        assertEquals(interval.multipliedBy(mult), s.detectionTime());
        System.out.printf("BFD %s with %s: Up, tx %d ms, detection %d ms, %d packets in, %d out%n", key, peer.getClass().getSimpleName(),
                s.transmitInterval().toMillis(), s.detectionTime().toMillis(), s.counters().packetsIn(), s.counters().packetsOut());
    }

    /** The link stops forwarding silently: Archway's session goes Down (time printed), then comes back. */
    static void detectsSilentFailureAndRecovers(BfdTestbed bed, Bfd bfd, BfdClient client, BfdTestbed.Recorder rec, PeerDaemon peer) {
        BfdSessionKey key = client.settings().key();
        Duration detection = bfd.session(key).orElseThrow().detectionTime();
        int before = rec.events.size();
        long cut = System.nanoTime();
        bed.cutLink();
        try {
            BfdTestbed.await(() -> rec.events.size() > before && !rec.isUp(), detection.multipliedBy(3).plusSeconds(3),
                    "Archway's session " + key + " Down after the link was cut");
            BfdTestbed.Recorder.Event down = rec.last();
            System.out.printf("BFD %s with %s: Down %.1f ms after the link was cut (detection time %d ms), diagnostic %s%n",
                    key, peer.getClass().getSimpleName(), (down.nanos() - cut) / 1e6, detection.toMillis(), down.diagnostic());
            assertEquals(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, down.diagnostic());
            assertFalse(down.peerAdminDown());
            BfdSessionSnapshot s = bfd.session(key).orElseThrow();
            assertEquals(BfdState.DOWN, s.state());
            assertEquals(0, s.remoteDiscriminator());
            assertEquals(1_000, s.desiredMinTx().toMillis());
        } finally {
            bed.restoreLink();
        }
        BfdTestbed.await(rec::isUp, BRING_UP, "Archway's session " + key + " Up again once the link forwards");
    }

    /** Archway's admin down reaches the peer, and re-enabling brings the session back. */
    static void adminDownSeenByPeer(Bfd bfd, BfdClient client, BfdTestbed.Recorder rec, PeerDaemon peer) {
        String local = Prefix.format(client.settings().localAddress());
        client.update(client.settings().withAdminDown(true));
        assertEquals(BfdState.ADMIN_DOWN, bfd.session(client.settings().key()).orElseThrow().state());
        assertEquals(Diagnostic.ADMINISTRATIVELY_DOWN, rec.last().diagnostic());
        BfdTestbed.await(() -> peer.state(local).equals("down"), Duration.ofSeconds(5), "the peer sees its session to " + local + " down");
        client.update(client.settings().withAdminDown(false));
        BfdTestbed.await(rec::isUp, BRING_UP, "Up again after admin up");
        BfdTestbed.await(() -> peer.state(local).equals("up"), BRING_UP, "the peer's session up again");
    }
}
