package net.archway.appliance.interop;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import net.archway.routing.bgp.interop.Bird;

/**
 * The Archway daemon against BIRD 2 (bgp protocols a and b for line A and B, its own bfd
 * protocol for item 4), judged by {@code birdc}.
 */
class BirdDaemonIT extends DaemonInterop {
    private Bird bird;

    @Override
    void startPeer(PeerOptions o) {
        String config = """
                router id 192.0.2.2;
                protocol device {}
                protocol direct { ipv4; interface "p*"; }
                protocol static { ipv4; route 10.101.0.0/24 blackhole; route 10.101.9.0/24 blackhole; }
                @BFDPROTO@
                template bgp t {
                    local as 65001;
                    hold time 30;
                    # after an error (BFD down is one) BIRD waits 60 s by default before it
                    # takes or makes connections again; short here so line A comes back in the test
                    error wait time 2, 10;
                    connect delay time 1;
                    graceful restart on;
                    @BFD@
                    ipv4 { import all; export where source = RTS_STATIC; };
                }
                protocol bgp a from t { neighbor 192.0.2.1 as 65002; @MD5@ }
                protocol bgp b from t { neighbor 192.0.2.5 as 65002; }
                """.replace("@BFDPROTO@", o.bfd()
                ? "protocol bfd { interface \"p*\" { min rx interval 300 ms; min tx interval 300 ms; multiplier 3; }; }" : "")
                .replace("@BFD@", o.bfd() ? "bfd on;" : "")
                .replace("@MD5@", o.md5A() == null ? "" : "password \"" + o.md5A() + "\";");
        bird = new Bird(peerNs, config);
        Bird.await("BIRD's control socket", () -> java.nio.file.Files.exists(bird.dir.resolve("bird.ctl")));
    }

    @Override
    void stopPeer() {
        if (bird != null) {
            bird.close();
        }
    }

    private static String protocolOf(String archwayAddress) {
        return archwayAddress.equals(ARCHWAY_A) ? "a" : "b";
    }

    @Override
    boolean peerEstablished(String a) {
        return bird.established(protocolOf(a));
    }

    /** The "since" column of {@code show protocols}: when the protocol last changed state. */
    @Override
    String peerSessionStamp(String a) {
        for (String line : bird.birdc("show protocols " + protocolOf(a)).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].equals(protocolOf(a))) {
                return f[3] + " " + f[4];
            }
        }
        return "";
    }

    private static final Pattern FIRST = Pattern.compile("unicast \\[(\\S+) ([^\\]]+)\\]");

    @Override
    PeerRoute peerRoute(String prefix) {
        String r = bird.route(prefix);
        if (r == null) {
            return null;
        }
        Set<String> communities = new HashSet<>();
        String c = Bird.attribute(r, "community");
        if (c != null) {
            Matcher m = Pattern.compile("\\((\\d+),\\s*(\\d+)\\)").matcher(c);
            while (m.find()) {
                communities.add(m.group(1) + ":" + m.group(2));
            }
        }
        String med = Bird.attribute(r, "med");
        Matcher first = FIRST.matcher(r);
        String stamp = first.find() ? first.group(1) + " " + first.group(2) : r;
        return new PeerRoute(med == null ? -1 : Long.parseLong(med), Bird.attribute(r, "as_path"), communities,
                r.contains("stale"), stamp);
    }

    @Override
    String peerLog() {
        return bird == null ? "" : bird.log();
    }

    @Test
    void policiesFilterAndModifyBothWaysAndChangeSoftly() throws Exception {
        policies();
    }

    @Test
    void md5WrongKeyStaysDownWithTheReasonRightKeyComesUp() throws Exception {
        md5();
    }

    @Test
    void gracefulRestartOfTheDaemonKeepsRoutesOnBothSides() throws Exception {
        gracefulRestart();
    }

    @Test
    void bfdTakesLineADownAndTheKernelRouteMovesToLineB() throws Exception {
        bfd();
    }
}
