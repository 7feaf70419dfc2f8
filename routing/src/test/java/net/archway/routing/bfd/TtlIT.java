package net.archway.routing.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import net.archway.netlink.socket.NetworkNamespace;
import net.archway.routing.bfd.packet.BfdState;
import net.archway.routing.bfd.packet.ControlPacket;
import net.archway.routing.bfd.packet.ControlPacketCodec;
import net.archway.routing.bfd.packet.Diagnostic;
import net.archway.routing.bfd.packet.DropReason;
import net.archway.routing.bfd.transport.TtlSender;

/**
 * RFC 5881 §5 and RFC 5883 §5 on the real kernel: packets sent with a chosen TTL / hop limit
 * from the peer namespace reach Archway's sockets, which read the TTL from recvmsg's control
 * messages and discard what is below 255 (single-hop) or below the minimum (multihop).
 */
class TtlIT {
    private static final byte[] DOWN = ControlPacketCodec.encode(new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN,
            false, false, false, false, false, 3, 0x5eed, 0, 1_000_000, 300_000, 0, null));

    private static void sendFromPeer(BfdTestbed bed, InetAddress from, InetAddress to, int port, int ttl) {
        NetworkNamespace.callIn(bed.peer.name(), () -> {
            TtlSender.send(from, 50_000, to, port, ttl, DOWN);
            return null;
        });
    }

    private static long drops(Bfd bfd, BfdSessionKey key, DropReason r) {
        return bfd.session(key).orElseThrow().counters().dropped(r);
    }

    @Test
    void singleHopAcceptsOnlyTtl255() {
        for (boolean v6 : new boolean[] {false, true}) {
            try (BfdTestbed bed = new BfdTestbed("ttl")) {
                Bfd bfd = bed.startArchway();
                InetAddress peer = v6 ? BfdTestbed.PEER6 : BfdTestbed.PEER4;
                InetAddress local = v6 ? BfdTestbed.ARCHWAY6 : BfdTestbed.ARCHWAY4;
                BfdClient c = bfd.add(BfdSessionSettings.singleHop(peer, local, "arch0"), new BfdTestbed.Recorder());
                BfdSessionKey key = c.settings().key();
                for (int ttl : new int[] {254, 64, 1}) {
                    sendFromPeer(bed, peer, local, 3784, ttl);
                }
                BfdTestbed.await(() -> bfd.unmatchedDrops().getOrDefault(DropReason.TTL, 0L) == 3, Duration.ofSeconds(3),
                        "three packets dropped for their TTL");
                assertEquals(BfdState.DOWN, bfd.session(key).orElseThrow().state());
                assertEquals(0, bfd.session(key).orElseThrow().remoteDiscriminator());
                sendFromPeer(bed, peer, local, 3784, 255);
                BfdTestbed.await(() -> bfd.session(key).orElseThrow().state() == BfdState.INIT, Duration.ofSeconds(3),
                        "the TTL 255 packet accepted: Down -> Init");
                assertEquals(0x5eed, bfd.session(key).orElseThrow().remoteDiscriminator());
                System.out.printf("BFD TTL check (%s): %s%n", v6 ? "IPv6" : "IPv4", bfd.unmatchedDrops());
            }
        }
    }

    @Test
    void multihopAcceptsFromTheMinimumTtl() {
        try (BfdTestbed bed = new BfdTestbed("ttlmh")) {
            Bfd bfd = bed.startArchway();
            BfdClient c = bfd.add(BfdSessionSettings.multihop(BfdTestbed.PEER4, BfdTestbed.ARCHWAY4).withMinimumTtl(250),
                    new BfdTestbed.Recorder());
            BfdSessionKey key = c.settings().key();
            sendFromPeer(bed, BfdTestbed.PEER4, BfdTestbed.ARCHWAY4, 4784, 249);
            BfdTestbed.await(() -> drops(bfd, key, DropReason.TTL) == 1, Duration.ofSeconds(3), "TTL 249 dropped");
            assertEquals(BfdState.DOWN, bfd.session(key).orElseThrow().state());
            sendFromPeer(bed, BfdTestbed.PEER4, BfdTestbed.ARCHWAY4, 4784, 250);
            BfdTestbed.await(() -> bfd.session(key).orElseThrow().state() == BfdState.INIT, Duration.ofSeconds(3), "TTL 250 accepted");
        }
    }

    @Test
    void twoArchwayInstancesMultihopAndSingleHop() {
        try (BfdTestbed bed = new BfdTestbed("pair")) {
            Bfd a = bed.startArchway();
            Bfd b = bed.started(Bfd.start(bed.peerScope, "bfd-peer"));
            BfdTestbed.Recorder ra = new BfdTestbed.Recorder();
            BfdTestbed.Recorder rb = new BfdTestbed.Recorder();
            Duration fast = Duration.ofMillis(50);
            a.add(BfdSessionSettings.multihop(BfdTestbed.PEER4, BfdTestbed.ARCHWAY4).withTiming(fast, 3), ra);
            b.add(BfdSessionSettings.multihop(BfdTestbed.ARCHWAY4, BfdTestbed.PEER4).withTiming(fast, 3), rb);
            BfdTestbed.Recorder sa = new BfdTestbed.Recorder();
            BfdTestbed.Recorder shared = new BfdTestbed.Recorder();
            BfdClient s1 = a.add(BfdSessionSettings.singleHop(BfdTestbed.PEER6, BfdTestbed.ARCHWAY6, "arch0"), sa);
            b.add(BfdSessionSettings.singleHop(BfdTestbed.ARCHWAY6, BfdTestbed.PEER6, "peer0"), new BfdTestbed.Recorder());
            BfdTestbed.await(() -> ra.isUp() && rb.isUp() && sa.isUp(), Duration.ofSeconds(10), "multihop and single-hop sessions Up");
            // A second client of the same session is told at once that it is Up, and shares it.
            AtomicReference<BfdClient> second = new AtomicReference<>(a.add(BfdSessionSettings.singleHop(BfdTestbed.PEER6,
                    BfdTestbed.ARCHWAY6, "arch0").withTiming(fast, 3), shared));
            BfdTestbed.await(shared::isUp, Duration.ofSeconds(1), "the second client told Up");
            assertEquals(2, a.sessions().size());
            assertEquals(2, a.session(s1.settings().key()).orElseThrow().clients());
            // The shared session runs at the fastest client's timing.
            assertEquals(3, a.session(s1.settings().key()).orElseThrow().multiplier());
            BfdTestbed.await(() -> a.session(s1.settings().key()).orElseThrow().desiredMinTx().toMillis() == 50,
                    Duration.ofSeconds(3), "shared session at 50 ms");
            second.get().close();
            assertEquals(1, a.session(s1.settings().key()).orElseThrow().clients());
            s1.close();
            assertEquals(1, a.sessions().size());
            assertEquals(true, a.sessions().get(0).key().multihop());
        }
    }
}
