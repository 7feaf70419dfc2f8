package net.archway.appliance.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.appliance.bench.FullTableBenchmark;
import net.archway.netlink.testing.TestNamespace;
import net.archway.routing.bgp.bench.TableFeeder;
import net.archway.routing.bgp.interop.Frr;
import net.archway.routing.bgp.message.NextHop;

/**
 * Issue 5: keepalives and BFD never wait for the RIB. The daemon, run as the README says for a
 * full table (ZGC, 4 GB of heap kept near 1.5 GB, two concurrent GC threads), learns 1,000,000 IPv4 and 200,000 IPv6 prefixes from a feeder
 * and re-advertises the IPv4 ones to FRR, whose session has a 3 s hold time (keepalives every
 * second) and BFD at 300 ms x 3. While that runs: {@code show route | count} renders the whole
 * table, an import policy change is committed and applied to the whole table with
 * {@code clear bgp neighbor ... soft-inbound}, and a plain commit follows. FRR, which enforces
 * both timers, must see no session drop and no BFD down; Archway must count no flap.
 *
 * Namespaces: feeder (eth0 10.77.1.1, fd00:77:1::1) - router (eth1 10.77.1.2, fd00:77:1::2;
 * eth2 192.0.2.1) - FRR (p1 192.0.2.2). Archway AS 65000, feeder 65001, FRR 65002.
 */
class FullTableTimersIT {
    static final int IPV4 = 1_000_000;
    static final int IPV6 = 200_000;
    static final String FEEDER4 = "10.77.1.1";
    static final String FRR = "192.0.2.2";
    /** Learning, rendering and re-advertising a full table on a shared 2-core machine: generous, but bounded. */
    static final Duration BOUND = Duration.ofSeconds(300);
    private static final Pattern ACTIVE = Pattern.compile("inet6?\\.0: (\\d+)/");
    private static final Pattern FLAPS = Pattern.compile("Number of flaps: (\\d+)");

    private TestNamespace feederNs;
    private TestNamespace routerNs;
    private TestNamespace peerNs;
    private Frr frr;
    private RouterUnderTest router;
    private TableFeeder.Session feed;

    static String config() {
        return """
                system {
                    host-name r1;
                    login { user admin { class super-user; authentication { ssh-ed25519 "@KEY@"; } } }
                    services { ssh { port 22; } }
                }
                interfaces {
                    eth1 { unit 0 { family { inet { address 10.77.1.2/30; } inet6 { address fd00:77:1::2/64; } } } }
                    eth2 { unit 0 { family { inet { address 192.0.2.1/30; } } } }
                }
                routing-options { router-id 192.0.2.1; autonomous-system 65000; }
                protocols {
                    bgp {
                        group feeder {
                            type external; peer-as 65001; passive;
                            family { inet { unicast; } inet6 { unicast; } }
                            import from-feeder; export none;
                            neighbor 10.77.1.1;
                        }
                        group frr {
                            type external; peer-as 65002; hold-time 3;
                            bfd-liveness-detection { minimum-interval 300; multiplier 3; }
                            import none; export to-frr;
                            neighbor 192.0.2.2;
                        }
                    }
                }
                policy-options {
                    policy-statement from-feeder { term all { then accept; } }
                    policy-statement none { then reject; }
                    policy-statement to-frr { term b { from protocol bgp; then accept; } term rest { then reject; } }
                }
                """;
    }

    @Test
    void holdTimersAndBfdSurviveShowRouteAPolicyChangeAndACommitOverAFullTable() throws Exception {
        TableFeeder.Table table = TableFeeder.Table.generate(IPV4, IPV6, 65001, 1);
        TableFeeder.Encoded wire = TableFeeder.encode(table, NextHop.of(InetAddress.getByName(FEEDER4)),
                NextHop.of(InetAddress.getByName("fd00:77:1::1")));
        String probe = table.ipv4().get(0).prefixes().get(0).toString();

        feederNs = TestNamespace.create("ftf");
        routerNs = TestNamespace.create("ftr");
        peerNs = TestNamespace.create("ftp");
        FullTableBenchmark.link(feederNs, "eth0", FEEDER4, "fd00:77:1::1", routerNs, "eth1", "10.77.1.2", "fd00:77:1::2");
        routerNs.ip("link", "add", "eth2", "type", "veth", "peer", "name", "p1", "netns", peerNs.name());
        peerNs.ip("addr", "add", FRR + "/30", "dev", "p1");
        peerNs.ip("link", "set", "p1", "up");
        peerNs.ip("link", "set", "lo", "up");
        // FRR enforces both timers on Archway: hold 3 s (keepalive 1 s), BFD 300 ms x 3 (bfdd's
        // default, the interval Archway's configuration asks for); it keeps
        // the table out of its kernel (bgp no-rib) and sends nothing back
        frr = new Frr(peerNs, """
                bgp no-rib
                route-map NOTHING deny 10
                !
                router bgp 65002
                 bgp router-id 192.0.2.2
                 no bgp ebgp-requires-policy
                 neighbor 192.0.2.1 remote-as 65000
                 neighbor 192.0.2.1 timers 1 3
                 neighbor 192.0.2.1 bfd
                 address-family ipv4 unicast
                  neighbor 192.0.2.1 route-map NOTHING out
                 exit-address-family
                !
                """, true);
        // as the README runs a full table; -Xlog:gc puts ZGC's allocation stalls in the console for the diagnostics
        router = new RouterUnderTest(routerNs, config()).start(List.of("-XX:+UseZGC", "-Xmx4g", "-XX:SoftMaxHeapSize=1536m", "-XX:ConcGCThreads=2", "-Xlog:gc"));

        await("FRR's session and BFD with Archway up", () -> frrEstablished() && "up".equals(frrBfd().path("status").asText()));
        JsonNode before = frr.neighbor("192.0.2.1");
        long bfdDownBefore = frrBfdCounters().path("session-down").asLong(-1);
        // FRR's bgpd resets BFD once when it first registers the session: that flap is before the test
        Map<String, String> flapsBefore = Map.of(FRR, flaps(FRR), FEEDER4, "0");

        feed = TableFeeder.Session.open(FullTableBenchmark.connect(feederNs, "10.77.1.2", Duration.ofSeconds(60)), 65001, 0x0a4d0101,
                Duration.ofSeconds(60));
        feed.send(wire);
        await("Archway to hold all " + wire.prefixes() + " prefixes", () -> archwayActive() >= wire.prefixes());

        // a show route over the whole table: rendered in the daemon, counted there
        long t0 = System.nanoTime();
        TestNamespace.Result count = router.exec("show route | count", BOUND);
        System.out.printf("show route | count over the full table: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(0, count.exit(), count.output());
        Matcher m = Pattern.compile("Count: (\\d+) lines").matcher(count.output());
        assertTrue(m.find(), count.output());
        assertTrue(Long.parseLong(m.group(1)) >= wire.prefixes(), "show route rendered every route: " + count.output());

        // an import policy change applied to the whole table by the commit, then once more by
        // clear ... soft-inbound, without dropping the session
        t0 = System.nanoTime();
        TestNamespace.Result r = router.cli("configure\nset policy-options policy-statement from-feeder term all then local-preference 120\n"
                + "commit and-quit\n");
        assertTrue(r.output().contains("commit complete"), r.output());
        String last = table.ipv4().get(table.ipv4().size() - 1).prefixes().get(0).toString();
        for (String p : List.of(probe, last)) {
            await("the new local preference on " + p, () -> router.exec("show route " + p + " exact").output().contains("localpref 120"));
        }
        System.out.printf("import policy change committed and applied to the full table: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        TestNamespace.Result soft = router.exec("clear bgp neighbor " + FEEDER4 + " soft-inbound", BOUND);
        assertEquals(0, soft.exit(), soft.output());

        // and a commit that changes nothing of BGP
        r = router.cli("configure\nset system host-name r2\ncommit and-quit\n");
        assertTrue(r.output().contains("commit complete"), r.output());

        await("FRR to hold the " + IPV4 + " IPv4 prefixes", () -> frr.neighbor("192.0.2.1").path("addressFamilyInfo")
                .path("ipv4Unicast").path("acceptedPrefixCounter").asLong() >= IPV4);
        Thread.sleep(4000); // one hold time more: an expiry still in flight would show now

        JsonNode after = frr.neighbor("192.0.2.1");
        assertEquals("Established", after.path("bgpState").asText(), "FRR's session: " + after);
        assertEquals(before.path("connectionsEstablished").asLong(), after.path("connectionsEstablished").asLong(),
                "FRR re-established the session (" + after.path("lastResetDueTo").asText() + ")" + diagnostics());
        assertEquals(before.path("connectionsDropped").asLong(), after.path("connectionsDropped").asLong(),
                "FRR dropped the session: " + after.path("lastResetDueTo").asText() + diagnostics());
        assertEquals(bfdDownBefore, frrBfdCounters().path("session-down").asLong(-1), "FRR saw the BFD session go down"
                + diagnostics());
        assertEquals("up", frrBfd().path("status").asText(), "FRR's BFD session");
        assertNull(feed.closeReason(), "the feeder's session ended");
        for (String n : List.of(FRR, FEEDER4)) {
            assertEquals(flapsBefore.get(n), flaps(n), "Archway counted a flap of " + n + diagnostics());
        }
        String bfd = router.exec("show bfd session").output();
        assertTrue(bfd.contains(FRR) && bfd.contains("Up"), bfd);
        // for the record, not asserted: how close ZGC came (-Xlog:gc prints every allocation stall)
        Matcher stall = Pattern.compile("Allocation Stall \\(([^)]+)\\) ([\\d.]+)ms").matcher(router.console());
        int stalls = 0;
        double longest = 0;
        String longestThread = "-";
        while (stall.find()) {
            stalls++;
            if (Double.parseDouble(stall.group(2)) > longest) {
                longest = Double.parseDouble(stall.group(2));
                longestThread = stall.group(1);
            }
        }
        System.out.printf("ZGC allocation stalls: %d, longest %.0f ms (%s)%n", stalls, longest, longestThread);
    }

    /** {@code Number of flaps} of a neighbour, as Archway's show bgp neighbor says. */
    private String flaps(String neighbor) throws Exception {
        String detail = router.exec("show bgp neighbor " + neighbor).output();
        Matcher f = FLAPS.matcher(detail);
        assertTrue(f.find(), detail);
        return f.group(1);
    }

    /** Archway's BGP and BFD log lines and FRR's log, for a failure message. */
    private String diagnostics() throws Exception {
        StringBuilder sb = new StringBuilder("\n--- archway (BGP, BFD, GC):\n");
        for (String l : router.console().split("\n")) {
            if (l.contains("Bgp") || l.contains("Bfd") || l.contains("policy applied") || l.contains("Stall")) {
                sb.append(l).append('\n');
            }
        }
        String f = frr.log();
        sb.append("--- FRR (tail):\n").append(f.length() > 6000 ? f.substring(f.length() - 6000) : f);
        return sb.toString();
    }

    private String consoleTail() throws Exception {
        String c = router.console();
        return c.length() > 4000 ? c.substring(c.length() - 4000) : c;
    }

    private boolean frrEstablished() {
        return "Established".equals(frr.neighbor("192.0.2.1").path("bgpState").asText());
    }

    /** FRR's BFD session with Archway (bgpd registered it), or a missing node. */
    private JsonNode frrBfd() {
        return bfdPeer(frr.json("show bfd peers json"));
    }

    private JsonNode frrBfdCounters() {
        return bfdPeer(frr.json("show bfd peers counters json"));
    }

    private static JsonNode bfdPeer(JsonNode peers) {
        for (JsonNode p : peers) {
            if ("192.0.2.1".equals(p.path("peer").asText())) {
                return p;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private long archwayActive() throws Exception {
        TestNamespace.Result r = router.exec("show bgp summary");
        long n = 0;
        Matcher m = ACTIVE.matcher(r.output());
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private void await(String what, Check condition) throws Exception {
        long end = System.nanoTime() + BOUND.toNanos();
        while (!condition.ok()) {
            if (feed != null && feed.closeReason() != null) {
                fail("the feeder's session ended (" + feed.closeReason() + ") while waiting for " + what);
            }
            if (System.nanoTime() > end) {
                fail("waited " + BOUND.toSeconds() + " s for " + what + "\n--- archway console (tail):\n" + consoleTail()
                        + "\n--- FRR log:\n" + frr.log());
            }
            Thread.sleep(500); // polling CLIs; nothing asserts on the time this takes
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        // each step on its own, so one failing does not leave the others behind
        try {
            if (feed != null) {
                feed.close();
            }
            if (router != null) {
                router.close();
            }
        } finally {
            try {
                if (frr != null) {
                    frr.close();
                }
            } finally {
                for (TestNamespace ns : new TestNamespace[] {peerNs, routerNs, feederNs}) {
                    if (ns != null) {
                        ns.close();
                    }
                }
            }
        }
    }
}
