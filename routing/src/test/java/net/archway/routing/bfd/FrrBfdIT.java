package net.archway.routing.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import net.archway.routing.bfd.packet.Diagnostic;

/** Archway's BFD against FRR's bfdd (Debian's frr), single-hop, in throwaway namespaces. */
class FrrBfdIT {

    private static String peer(String address, String local, int intervalMs, int mult) {
        return " peer " + address + " local-address " + local + "\n  receive-interval " + intervalMs
                + "\n  transmit-interval " + intervalMs + "\n  detect-multiplier " + mult + "\n !\n";
    }

    @ParameterizedTest(name = "{0} ms x {1}")
    @CsvSource({"300, 3", "50, 3"})
    void comesUpDetectsSilentFailureAndRecovers(int intervalMs, int mult) {
        try (BfdTestbed bed = new BfdTestbed("frr")) {
            PeerDaemon.Frr frr = bed.started(new PeerDaemon.Frr(bed, peer("10.90.0.1", "10.90.0.2", intervalMs, mult)));
            Bfd bfd = bed.startArchway();
            BfdTestbed.Recorder rec = new BfdTestbed.Recorder();
            Duration interval = Duration.ofMillis(intervalMs);
            BfdClient c = bfd.add(BfdSessionSettings.singleHop(BfdTestbed.PEER4, BfdTestbed.ARCHWAY4, "arch0").withTiming(interval, mult), rec);
            InteropChecks.comesUp(bfd, c, rec, frr, interval, mult);
            InteropChecks.detectsSilentFailureAndRecovers(bed, bfd, c, rec, frr);
            InteropChecks.adminDownSeenByPeer(bfd, c, rec, frr);
        }
    }

    @Test
    void ipv6TimerChangeAndPeerShutdown() {
        try (BfdTestbed bed = new BfdTestbed("frr6")) {
            PeerDaemon.Frr frr = bed.started(new PeerDaemon.Frr(bed, peer("fd00:90::1", "fd00:90::2", 300, 3)));
            Bfd bfd = bed.startArchway();
            BfdTestbed.Recorder rec = new BfdTestbed.Recorder();
            BfdClient c = bfd.add(BfdSessionSettings.singleHop(BfdTestbed.PEER6, BfdTestbed.ARCHWAY6, "arch0"), rec);
            InteropChecks.comesUp(bfd, c, rec, frr, Duration.ofMillis(300), 3);
            // Archway speeds up: FRR follows through Poll/Final and reports the new remote timers.
            c.update(c.settings().withTiming(Duration.ofMillis(100), 3));
            BfdTestbed.await(() -> frr.peer("fd00:90::1").path("remote-transmit-interval").asInt() == 100, Duration.ofSeconds(5),
                    "FRR sees Archway's 100 ms");
            BfdTestbed.await(() -> !bfd.session(c.settings().key()).orElseThrow().pollSequence(), Duration.ofSeconds(5), "Final");
            // FRR still asks for 300 ms: Archway sends at 300 and detects over 3 × 300.
            assertEquals(Duration.ofMillis(300), bfd.session(c.settings().key()).orElseThrow().transmitInterval());
            // FRR's shutdown: Archway goes Down, told that the peer is administratively down (RFC 5882 §3.2).
            frr.configure("peer fd00:90::1 local-address fd00:90::2", "shutdown");
            BfdTestbed.await(() -> !rec.isUp(), Duration.ofSeconds(5), "Down after FRR's shutdown");
            assertEquals(Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN, rec.last().diagnostic());
            assertTrue(rec.last().peerAdminDown());
            frr.configure("peer fd00:90::1 local-address fd00:90::2", "no shutdown");
            BfdTestbed.await(rec::isUp, InteropChecks.BRING_UP, "Up after FRR's no shutdown");
        }
    }
}
