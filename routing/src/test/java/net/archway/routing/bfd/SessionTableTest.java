package net.archway.routing.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;
import net.archway.routing.bfd.packet.BfdState;
import net.archway.routing.bfd.packet.ControlPacket;
import net.archway.routing.bfd.packet.ControlPacketCodec;
import net.archway.routing.bfd.packet.Diagnostic;
import net.archway.routing.bfd.packet.DropReason;
import net.archway.routing.bfd.session.FakeScheduler;
import net.archway.routing.bfd.transport.ReceivedDatagram;

/** Reception up to the session (RFC 5880 §6.8.6 discriminator rules, RFC 5881/5883 TTL rules), on a fake clock. */
class SessionTableTest {
    private static final InetAddress PEER = Prefix.parseAddress("192.0.2.2", "");
    private static final InetAddress OTHER = Prefix.parseAddress("192.0.2.9", "");
    private static final InetAddress LOCAL = Prefix.parseAddress("192.0.2.1", "");

    private final FakeScheduler clock = new FakeScheduler();
    private final SessionTable table = new SessionTable(clock, new SplittableRandom(1));
    private final List<ControlPacket> sent = new ArrayList<>();

    private SessionTable.PeerPath path(int ifindex) {
        return new SessionTable.PeerPath() {
            @Override
            public boolean send(ControlPacket packet) {
                sent.add(packet);
                return true;
            }

            @Override
            public int ifindex() {
                return ifindex;
            }

            @Override
            public int sourcePort() {
                return 49152;
            }
        };
    }

    private static final class Events implements BfdListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void up(BfdSessionKey session) {
            seen.add("up");
        }

        @Override
        public void down(BfdSessionKey session, Diagnostic diagnostic, boolean peerAdminDown) {
            seen.add("down " + diagnostic.code() + (peerAdminDown ? " admin" : ""));
        }
    }

    private SessionTable.Client add(BfdSessionSettings s, BfdListener l, int ifindex) {
        SessionTable.Client c = new SessionTable.Client(s, l);
        table.add(c, path(ifindex));
        return c;
    }

    private static ControlPacket packet(BfdState state, int my, int your) {
        return new ControlPacket(1, Diagnostic.NONE, state, false, false, false, false, false, 3, my, your, 1_000_000, 300_000, 0, null);
    }

    private void deliver(ControlPacket p, InetAddress from, int ttl, int ifindex, boolean multihop) {
        table.receive(new ReceivedDatagram(multihop, from, 50000, LOCAL, ifindex, ttl, ByteBuffer.wrap(ControlPacketCodec.encode(p))));
    }

    private BfdSessionSnapshot only() {
        return table.snapshot().get(0);
    }

    @Test
    void zeroYourDiscriminatorFindsTheSessionBySourceAndInterface() {
        add(BfdSessionSettings.singleHop(PEER, LOCAL, "eth1"), new Events(), 7);
        deliver(packet(BfdState.DOWN, 42, 0), PEER, 255, 7, false);
        assertEquals(BfdState.INIT, only().state());
        assertEquals(42, only().remoteDiscriminator());
    }

    @Test
    void discriminatorRulesOfSection688() {
        add(BfdSessionSettings.singleHop(PEER, LOCAL, "eth1"), new Events(), 7);
        long mine = only().localDiscriminator();
        deliver(packet(BfdState.UP, 42, 0), PEER, 255, 7, false);
        deliver(packet(BfdState.INIT, 42, 0), PEER, 255, 7, false);
        assertEquals(2, table.unmatchedDrops().get(DropReason.ZERO_YOUR_DISCRIMINATOR_NOT_DOWN));
        deliver(packet(BfdState.UP, 42, (int) mine + 1), PEER, 255, 7, false);
        assertEquals(1, table.unmatchedDrops().get(DropReason.UNKNOWN_YOUR_DISCRIMINATOR));
        deliver(packet(BfdState.DOWN, 42, 0), OTHER, 255, 7, false);
        assertEquals(1, table.unmatchedDrops().get(DropReason.NO_SESSION));
        deliver(packet(BfdState.DOWN, 42, (int) mine), OTHER, 255, 7, false);
        assertEquals(1, only().counters().dropped(DropReason.WRONG_PEER));
        deliver(packet(BfdState.DOWN, 42, (int) mine), PEER, 255, 8, false);
        assertEquals(1, only().counters().dropped(DropReason.WRONG_INTERFACE));
        deliver(packet(BfdState.DOWN, 42, (int) mine), PEER, 254, 7, false);
        assertEquals(1, table.unmatchedDrops().get(DropReason.TTL));
        // A multihop packet never selects a single-hop session.
        deliver(packet(BfdState.DOWN, 42, (int) mine), PEER, 255, 7, true);
        assertEquals(2, table.unmatchedDrops().get(DropReason.UNKNOWN_YOUR_DISCRIMINATOR));
        assertEquals(BfdState.DOWN, only().state());
        // Malformed packets are counted by reason, nothing else happens.
        table.receive(new ReceivedDatagram(false, PEER, 50000, LOCAL, 7, 255, ByteBuffer.wrap(new byte[10])));
        assertEquals(1, table.unmatchedDrops().get(DropReason.TRUNCATED));
        deliver(packet(BfdState.DOWN, 42, (int) mine), PEER, 255, 7, false);
        assertEquals(BfdState.INIT, only().state());
        assertEquals(1, only().counters().packetsIn());
    }

    @Test
    void multihopChecksTheMinimumTtl() {
        add(BfdSessionSettings.multihop(PEER, LOCAL).withMinimumTtl(250), new Events(), 0);
        deliver(packet(BfdState.DOWN, 42, 0), PEER, 249, 0, true);
        assertEquals(1, only().counters().dropped(DropReason.TTL));
        deliver(packet(BfdState.DOWN, 42, 0), PEER, 250, 0, true);
        assertEquals(BfdState.INIT, only().state());
    }

    @Test
    void clientsShareASessionAndHearUpAndDown() {
        Events first = new Events();
        Events second = new Events();
        SessionTable.Client a = add(BfdSessionSettings.singleHop(PEER, LOCAL, null), first, 0);
        long mine = only().localDiscriminator();
        deliver(packet(BfdState.INIT, 42, (int) mine), PEER, 255, 3, false);
        assertEquals(BfdState.UP, only().state());
        assertEquals(List.of("up"), first.seen);
        SessionTable.Client b = new SessionTable.Client(BfdSessionSettings.singleHop(PEER, LOCAL, null)
                .withTiming(Duration.ofMillis(50), 5).withAdminDown(true), second);
        assertTrue(!table.add(b, path(0)), "the same key joins the existing session");
        assertEquals(List.of("up"), second.seen, "told at once");
        assertEquals(1, table.snapshot().size());
        assertEquals(2, only().clients());
        assertEquals(3, only().multiplier(), "the smaller multiplier");
        assertEquals(BfdState.UP, only().state(), "AdminDown only when every client says so");
        deliver(packet(BfdState.ADMIN_DOWN, 42, (int) mine), PEER, 255, 3, false);
        assertEquals(List.of("up", "down 3 admin"), first.seen);
        assertEquals(List.of("up", "down 3 admin"), second.seen);
        assertNull(table.remove(a));
        assertEquals(1, only().clients());
        assertEquals(BfdState.ADMIN_DOWN, only().state(), "the remaining client wants AdminDown");
        assertNotNull(table.remove(b));
        assertEquals(0, table.snapshot().size());
        clock.advanceMillis(5_000);
        assertEquals(0, clock.pending(), "no timer left behind");
    }

    @Test
    void detectionTimeoutReachesTheListener() {
        Events e = new Events();
        add(BfdSessionSettings.singleHop(PEER, LOCAL, null).withTiming(Duration.ofMillis(50), 3), e, 0);
        long mine = only().localDiscriminator();
        deliver(packet(BfdState.INIT, 42, (int) mine), PEER, 255, 3, false);
        assertEquals(List.of("up"), e.seen);
        clock.advanceMillis(3_001);
        assertEquals(List.of("up", "down 1"), e.seen);
        assertEquals(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, only().lastDownDiagnostic());
        assertEquals(1, only().counters().downTransitions());
    }
}
