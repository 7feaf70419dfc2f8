package net.archway.routing.bfd;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Archway's BFD against BIRD 2's bfd protocol (Debian's bird2), single-hop, in throwaway namespaces. */
class BirdBfdIT {

    private static String body(String neighbor, String local, int intervalMs, int mult) {
        return "  interface \"peer0\" { interval " + intervalMs + " ms; multiplier " + mult + "; };\n"
                + "  neighbor " + neighbor + " dev \"peer0\" local " + local + ";\n";
    }

    @ParameterizedTest(name = "{0} ms x {1}")
    @CsvSource({"300, 3", "50, 3"})
    void comesUpDetectsSilentFailureAndRecovers(int intervalMs, int mult) {
        try (BfdTestbed bed = new BfdTestbed("bird")) {
            PeerDaemon.Bird bird = bed.started(new PeerDaemon.Bird(bed, body("10.90.0.1", "10.90.0.2", intervalMs, mult)));
            Bfd bfd = bed.startArchway();
            BfdTestbed.Recorder rec = new BfdTestbed.Recorder();
            Duration interval = Duration.ofMillis(intervalMs);
            BfdClient c = bfd.add(BfdSessionSettings.singleHop(BfdTestbed.PEER4, BfdTestbed.ARCHWAY4, "arch0").withTiming(interval, mult), rec);
            InteropChecks.comesUp(bfd, c, rec, bird, interval, mult);
            InteropChecks.detectsSilentFailureAndRecovers(bed, bfd, c, rec, bird);
            InteropChecks.adminDownSeenByPeer(bfd, c, rec, bird);
        }
    }

    @Test
    void ipv6AndPeerTimerChange() {
        try (BfdTestbed bed = new BfdTestbed("bird6")) {
            PeerDaemon.Bird bird = bed.started(new PeerDaemon.Bird(bed, body("fd00:90::1", "fd00:90::2", 300, 3)));
            Bfd bfd = bed.startArchway();
            BfdTestbed.Recorder rec = new BfdTestbed.Recorder();
            BfdClient c = bfd.add(BfdSessionSettings.singleHop(BfdTestbed.PEER6, BfdTestbed.ARCHWAY6, "arch0")
                    .withTiming(Duration.ofMillis(100), 3), rec);
            InteropChecks.comesUp(bfd, c, rec, bird, Duration.ofMillis(300), 3);
            // BIRD speeds up to 100 ms through its own Poll: Archway answers with Final and follows.
            bird.reconfigure(body("fd00:90::1", "fd00:90::2", 100, 3));
            BfdTestbed.await(() -> bfd.session(c.settings().key()).orElseThrow().transmitInterval().toMillis() == 100,
                    Duration.ofSeconds(5), "Archway at 100 ms after BIRD's change");
            BfdTestbed.await(() -> bfd.session(c.settings().key()).orElseThrow().detectionTime().toMillis() == 300,
                    Duration.ofSeconds(5), "detection time 3 x 100 ms");
            InteropChecks.detectsSilentFailureAndRecovers(bed, bfd, c, rec, bird);
        }
    }
}
