package net.archway.appliance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;

import net.archway.appliance.daemon.RouterUnderTest;
import net.archway.netlink.testing.TestNamespace;

/**
 * The real Archway daemon ({@code archway run --netns}) against a real peer daemon, both in
 * namespaces this test creates: two lines between them, line A (eth1 192.0.2.1 to the peer's
 * p1 192.0.2.2) and line B (eth2 192.0.2.5 to p2 192.0.2.6), one eBGP session on each.
 * Archway is AS 65002, the peer AS 65001. The peer originates {@link #PEER_OK} and
 * {@link #PEER_BOGON} on both sessions; Archway originates the static discard routes
 * {@link #MINE} and {@link #NOT_MINE}. The peer's own CLI judges what Archway exports.
 *
 * Policies (policy-options): import {@code line-a} (local-preference 200, line A only) then
 * {@code from-peer} (route-filter PEER_BOGON exact reject); export {@code to-peer}
 * (prefix-list mine → metric 70, community add 65002:7, as-path-prepend "65002 65002"; rest
 * rejected, so NOT_MINE never leaves).
 */
abstract class DaemonInterop {
    static final String PEER_OK = "10.101.0.0/24";
    static final String PEER_BOGON = "10.101.9.0/24";
    static final String MINE = "10.102.0.0/24";
    static final String NOT_MINE = "10.102.1.0/24";
    static final String PEER_A = "192.0.2.2";
    static final String PEER_B = "192.0.2.6";
    static final String ARCHWAY_A = "192.0.2.1";
    static final String ARCHWAY_B = "192.0.2.5";
    /** Every wait in these tests ends at this bound. */
    static final long WAIT_MS = 40_000;

    /** What the peer's CLI says about one route it holds. */
    record PeerRoute(long med, String asPath, Set<String> communities, boolean stale, String stamp) {
    }

    /** Peer options: an MD5 key on the line A session (null: none), BFD on both sessions. */
    record PeerOptions(String md5A, boolean bfd) {
    }

    protected TestNamespace routerNs;
    protected TestNamespace peerNs;
    protected RouterUnderTest router;

    abstract void startPeer(PeerOptions o);

    abstract void stopPeer();

    abstract boolean peerEstablished(String archwayAddress);

    /** Something that changes whenever the session to this Archway address is re-established (FRR: established count + epoch). */
    abstract String peerSessionStamp(String archwayAddress);

    /** The route the peer holds for a prefix (its best path), or null. */
    abstract PeerRoute peerRoute(String prefix);

    abstract String peerLog();

    /** Builds the topology and starts the peer and then Archway with the given configuration pieces. */
    void start(PeerOptions o, String md5A, boolean bfd) throws Exception {
        routerNs = TestNamespace.create("iwr");
        peerNs = TestNamespace.create("iwp");
        routerNs.ip("link", "add", "eth1", "type", "veth", "peer", "name", "p1", "netns", peerNs.name());
        routerNs.ip("link", "add", "eth2", "type", "veth", "peer", "name", "p2", "netns", peerNs.name());
        peerNs.ip("addr", "add", PEER_A + "/30", "dev", "p1");
        peerNs.ip("addr", "add", PEER_B + "/30", "dev", "p2");
        peerNs.ip("link", "set", "p1", "up");
        peerNs.ip("link", "set", "p2", "up");
        peerNs.ip("link", "set", "lo", "up");
        startPeer(o);
        router = new RouterUnderTest(routerNs, config(md5A, bfd)).start();
    }

    static String config(String md5A, boolean bfd) {
        return """
                system {
                    host-name r1;
                    login { user admin { class super-user; authentication { ssh-ed25519 "@KEY@"; } } }
                    services { ssh { port 22; } }
                }
                interfaces {
                    eth1 { unit 0 { family { inet { address 192.0.2.1/30; } } } }
                    eth2 { unit 0 { family { inet { address 192.0.2.5/30; } } } }
                }
                routing-options {
                    router-id 192.0.2.1;
                    autonomous-system 65002;
                    static {
                        route 10.102.0.0/24 discard;
                        route 10.102.1.0/24 discard;
                    }
                }
                protocols {
                    bgp {
                        hold-time 30;
                        graceful-restart;
                        group peer {
                            type external;
                            peer-as 65001;
                            import from-peer;
                            export to-peer;
                            @BFD@
                            neighbor 192.0.2.2 {
                                import [ line-a from-peer ];
                                @MD5@
                            }
                            neighbor 192.0.2.6;
                        }
                    }
                }
                policy-options {
                    prefix-list mine { 10.102.0.0/24; }
                    community tagged members 65002:7;
                    policy-statement line-a { then local-preference 200; }
                    policy-statement from-peer {
                        term bogon { from { route-filter 10.101.9.0/24 exact; } then reject; }
                        term rest { then accept; }
                    }
                    policy-statement to-peer {
                        term mine {
                            from { protocol static; prefix-list mine; }
                            then { metric 70; community add tagged; as-path-prepend "65002 65002"; accept; }
                        }
                        term rest { then reject; }
                    }
                }
                """.replace("@BFD@", bfd ? "bfd-liveness-detection { minimum-interval 300; multiplier 3; }" : "")
                .replace("@MD5@", md5A == null ? "" : "authentication-key \"" + md5A + "\";");
    }

    @AfterEach
    void tearDown() throws Exception {
        // each step on its own, so one failing does not leave the others behind
        try {
            if (router != null) {
                router.close();
            }
        } finally {
            try {
                stopPeer();
            } finally {
                if (peerNs != null) {
                    peerNs.close();
                }
                if (routerNs != null) {
                    routerNs.close();
                }
            }
        }
    }

    // ---- helpers ----

    String show(String command) throws Exception {
        TestNamespace.Result r = router.exec(command);
        assertEquals(0, r.exit(), command + ": " + r.output());
        return r.output();
    }

    boolean archwayEstablished(String peer) throws Exception {
        return router.exec("show bgp neighbor " + peer).output().contains("State: Established");
    }

    /** The kernel route for a prefix in Archway's namespace (its gateway, or "" when absent). */
    String kernelGateway(String prefix) {
        var routes = routerNs.ipJson("-4", "route", "show", prefix);
        for (var r : routes) {
            if (r.has("gateway")) {
                return r.get("gateway").asText();
            }
            return r.has("nexthops") ? r.get("nexthops").toString() : r.toString();
        }
        return "";
    }

    void await(String what, Check condition) throws Exception {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (!condition.ok()) {
            if (System.currentTimeMillis() > end) {
                fail("waited " + WAIT_MS / 1000 + " s for " + what + "\n--- archway console (tail):\n" + tail(router.console())
                        + "\n--- peer log (tail):\n" + tail(peerLog()));
            }
            Thread.sleep(200); // polling CLIs; nothing asserts on the time this takes
        }
    }

    static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    void awaitBothUp() throws Exception {
        await("both sessions Established on both sides", () -> archwayEstablished(PEER_A) && archwayEstablished(PEER_B)
                && peerEstablished(ARCHWAY_A) && peerEstablished(ARCHWAY_B));
    }

    // ---- the scenarios, one per test method of each peer's class ----

    /** Item 1: import and export policies, hidden routes with their reason, a policy change applied softly. */
    void policies() throws Exception {
        start(new PeerOptions(null, false), null, false);
        awaitBothUp();
        await("the peer to hold " + MINE, () -> peerRoute(MINE) != null);
        PeerRoute mine = peerRoute(MINE);
        assertEquals(70, mine.med(), "export: metric 70 " + mine);
        assertTrue(mine.communities().contains("65002:7"), "export: community add 65002:7 " + mine);
        assertEquals("65002 65002 65002", mine.asPath(), "export: as-path-prepend " + mine);
        assertEquals(null, peerRoute(NOT_MINE), "export: the rest rejected");

        await("Archway's kernel route for " + PEER_OK + " via line A", () -> kernelGateway(PEER_OK).equals(PEER_A));
        assertEquals("", kernelGateway(PEER_BOGON), "import: the bogon is not installed");
        String received = show("show route receive-protocol bgp " + PEER_A);
        assertTrue(received.contains("10.101.0.0/24") && received.contains("200"), "import: local-preference 200 on line A:\n" + received);
        String hidden = show("show route receive-protocol bgp " + PEER_A + " hidden");
        assertTrue(hidden.contains("10.101.9.0/24") && hidden.contains("Hidden:") && hidden.contains("from-peer"),
                "import: the rejected route with its reason:\n" + hidden);
        System.out.println("receive-protocol hidden:\n" + hidden);
        java.util.regex.Matcher header = java.util.regex.Pattern.compile("inet\\.0: .* (\\d+) hidden\\)").matcher(hidden);
        assertTrue(header.find() && Integer.parseInt(header.group(1)) >= 1,
                "the table header counts the route import policy hid:\n" + hidden);
        String hiddenAll = show("show route hidden");
        assertTrue(hiddenAll.contains("10.101.9.0/24"), "show route hidden:\n" + hiddenAll);

        String stampA = peerSessionStamp(ARCHWAY_A);
        String flapsBefore = flaps(PEER_A);
        TestNamespace.Result r = router.cli("configure\nset policy-options policy-statement to-peer term mine then metric 80\n"
                + "commit and-quit\n");
        assertTrue(r.output().contains("commit complete"), r.output());
        show("clear bgp neighbor " + PEER_A + " soft");
        await("the peer to see MED 80", () -> {
            PeerRoute p = peerRoute(MINE);
            return p != null && p.med() == 80;
        });
        assertEquals(stampA, peerSessionStamp(ARCHWAY_A), "the session to line A did not reset on the peer");
        assertEquals(flapsBefore, flaps(PEER_A), "Archway's flap count unchanged");
        assertTrue(archwayEstablished(PEER_A));
    }

    String flaps(String peer) throws Exception {
        for (String line : show("show bgp neighbor " + peer).split("\n")) {
            if (line.contains("Number of flaps:")) {
                return line.trim();
            }
        }
        return fail("no flap count in show bgp neighbor " + peer);
    }

    /** Item 2: a wrong MD5 key keeps line A down with a clear reason; the right key brings it up. */
    void md5() throws Exception {
        start(new PeerOptions("right-key", false), "wrong-key", false);
        await("line B up (no key)", () -> archwayEstablished(PEER_B));
        // the wrong key: observed down over several connect retries
        for (int i = 0; i < 20; i++) {
            assertFalse(archwayEstablished(PEER_A), "a wrong MD5 key must not come up");
            assertFalse(peerEstablished(ARCHWAY_A), "the peer must not accept a wrong MD5 key");
            Thread.sleep(500);
        }
        String detail = show("show bgp neighbor " + PEER_A);
        System.out.println("wrong MD5 key, show bgp neighbor:\n" + detail);
        assertTrue(detail.contains("Authentication key is configured"), detail);
        assertTrue(detail.toLowerCase().contains("md5"), "show bgp neighbor says why (MD5):\n" + detail);
        TestNamespace.Result r = router.cli("configure\nset protocols bgp group peer neighbor 192.0.2.2 authentication-key right-key\n"
                + "commit and-quit\n");
        assertTrue(r.output().contains("commit complete"), r.output());
        await("line A up with the right key", () -> archwayEstablished(PEER_A) && peerEstablished(ARCHWAY_A));
    }

    /**
     * Item 3: Archway stopped (SIGTERM) and started on the same state directory. The peer's
     * routes from Archway and Archway's kernel routes are polled all along.
     */
    List<String> gracefulRestart() throws Exception {
        start(new PeerOptions(null, false), null, false);
        awaitBothUp();
        await("the peer to hold " + MINE, () -> peerRoute(MINE) != null);
        await("Archway's kernel route for " + PEER_OK, () -> kernelGateway(PEER_OK).equals(PEER_A));
        PeerRoute before = peerRoute(MINE);
        List<String> gaps = new CopyOnWriteArrayList<>();
        AtomicBoolean sawStale = new AtomicBoolean();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            int n = 0;
            while (polling.get() && n++ < 2000) {
                try {
                    PeerRoute p = peerRoute(MINE);
                    if (p == null) {
                        gaps.add("peer withdrew " + MINE + " at " + System.currentTimeMillis());
                    } else if (p.stale()) {
                        sawStale.set(true);
                    }
                    if (kernelGateway(PEER_OK).isEmpty()) {
                        gaps.add("Archway's kernel lost " + PEER_OK + " at " + System.currentTimeMillis());
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    gaps.add("poll failed: " + e);
                }
            }
        }, "gr-poller");
        poller.start();
        try {
            assertEquals(0, router.stop(), "SIGTERM: clean exit");
            await("the peer to notice the restart", () -> !peerEstablished(ARCHWAY_A));
            router.start();
            awaitBothUp();
            Thread.sleep(3000); // let End-of-RIB and any late update arrive while still polling
        } finally {
            polling.set(false);
            poller.join(5000);
        }
        if (!gaps.isEmpty()) {
            String console = router.console();
            int stop = console.indexOf("stopping; Archway's routes stay");
            fail("no withdrawal on the peer, no kernel route lost in Archway, during the restart: " + gaps
                    + "\n--- archway console from the stop:\n" + (stop < 0 ? tail(console) : console.substring(Math.max(0, stop - 2000)))
                    + "\n--- peer log (tail):\n" + tail(peerLog()));
        }
        PeerRoute after = peerRoute(MINE);
        assertNotNull(after);
        assertFalse(after.stale(), "stale flag cleared after End-of-RIB: " + after);
        List<String> findings = new ArrayList<>();
        findings.add("stale seen on the peer during the restart: " + sawStale.get());
        findings.add("peer's route stamp before " + before.stamp() + " after " + after.stamp());
        System.out.println("graceful restart findings: " + findings);
        return findings;
    }

    /** Item 4: BFD on both lines; a silent drop on line A takes its session down and the kernel route to line B. */
    void bfd() throws Exception {
        start(new PeerOptions(null, true), null, true);
        awaitBothUp();
        await("BFD up on both lines", () -> {
            String s = show("show bfd session");
            return s.contains(PEER_A) && s.contains(PEER_B) && s.split("Up", -1).length - 1 >= 2;
        });
        await("kernel route via line A", () -> kernelGateway(PEER_OK).equals(PEER_A));
        peerNs.exec("nft", "add table netdev t; add chain netdev t in { type filter hook ingress device p1 priority 0; policy drop; }");
        try {
            await("Archway's session on line A to go down", () -> !archwayEstablished(PEER_A));
            String why = show("show bgp neighbor " + PEER_A);
            System.out.println("BFD drop, show bgp neighbor:\n" + why);
            assertTrue(why.contains("BFD"), "the session went down because of BFD (hold time is 30 s):\n" + why);
            await("kernel route moved to line B", () -> kernelGateway(PEER_OK).equals(PEER_B));
            assertTrue(archwayEstablished(PEER_B), "line B unaffected");
        } finally {
            peerNs.exec("nft", "delete table netdev t");
        }
        await("line A back", () -> archwayEstablished(PEER_A));
        await("kernel route back on line A", () -> kernelGateway(PEER_OK).equals(PEER_A));
    }
}
