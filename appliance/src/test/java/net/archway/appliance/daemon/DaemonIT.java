package net.archway.appliance.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.archway.netlink.NetlinkSubscription;
import net.archway.netlink.route.Rtnetlink;
import net.archway.netlink.route.RtnetlinkEvent;
import net.archway.netlink.testing.TestNamespace;
import net.archway.routing.testing.ProcThreads;

/**
 * The daemon end to end: {@code archway run} in a namespace (router) with two lines to a peer
 * namespace (peer: p1 192.0.2.2 on line A, p2 192.0.2.6 on line B), configured and inspected
 * through OpenSSH, its kernel state checked with {@code ip -j}.
 */
class DaemonIT {
    static final String CONFIG = """
            system {
                host-name r1;
                login {
                    user admin {
                        class super-user;
                        authentication {
                            ssh-ed25519 "@KEY@";
                        }
                    }
                }
                services {
                    ssh {
                        port 22;
                    }
                }
            }
            interfaces {
                eth1 {
                    description "line A";
                    unit 0 {
                        family {
                            inet {
                                address 192.0.2.1/30;
                            }
                        }
                    }
                }
                eth2 {
                    unit 0 {
                        family {
                            inet {
                                address 192.0.2.5/30;
                            }
                        }
                    }
                }
            }
            routing-options {
                static {
                    route 10.17.11.0/25 {
                        next-hop 192.0.2.2;
                        qualified-next-hop 192.0.2.6 {
                            preference 7;
                        }
                    }
                    route 10.66.0.0/16 discard;
                }
            }
            services {
                rpm {
                    probe line-a {
                        test peer {
                            probe-type icmp-ping;
                            target address 192.0.2.2;
                            probe-interval 1;
                            thresholds {
                                successive-loss 2;
                            }
                        }
                    }
                }
                ip-monitoring {
                    policy failover {
                        match {
                            rpm-probe line-a;
                        }
                        then {
                            preferred-route {
                                route 10.17.11.0/25 {
                                    next-hop 192.0.2.6;
                                }
                            }
                        }
                        no-preempt 2;
                    }
                }
            }
            """;

    private TestNamespace routerNs;
    private TestNamespace peer;
    private RouterUnderTest router;

    @BeforeEach
    void setUp() throws Exception {
        routerNs = TestNamespace.create("daemon");
        peer = TestNamespace.create("daemon-peer");
        routerNs.ip("link", "add", "eth1", "type", "veth", "peer", "name", "p1", "netns", peer.name());
        routerNs.ip("link", "add", "eth2", "type", "veth", "peer", "name", "p2", "netns", peer.name());
        peer.ip("addr", "add", "192.0.2.2/30", "dev", "p1");
        peer.ip("addr", "add", "192.0.2.6/30", "dev", "p2");
        peer.ip("link", "set", "p1", "up");
        peer.ip("link", "set", "p2", "up");
        router = new RouterUnderTest(routerNs, CONFIG).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (router != null) {
            router.close();
        }
        routerNs.close();
        peer.close();
    }

    private JsonNode route(String prefix) {
        JsonNode r = routerNs.ipJson("route", "show", prefix, "proto", "145");
        return r.size() == 0 ? null : r.get(0);
    }

    private String routeDev(String prefix) {
        JsonNode r = route(prefix);
        return r == null ? null : r.path("dev").asText(null);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail(what + " within 20 s");
    }

    @Test
    void theConfigurationReachesTheKernelAndTheShowCommands() throws Exception {
        await("the static route via line A", () -> "eth1".equals(routeDev("10.17.11.0/25")));
        assertEquals(20, route("10.17.11.0/25").get("metric").asInt());
        assertEquals("blackhole", route("10.66.0.0/16").get("type").asText());
        String eth1 = routerNs.ip("addr", "show", "dev", "eth1");
        assertTrue(eth1.contains("192.0.2.1/30") && eth1.contains("UP"), eth1);
        assertEquals("1", routerNs.exec("sysctl", "-n", "net.ipv4.ip_forward").trim(), "a router forwards");

        TestNamespace.Result show = router.exec("show route 10.17.11.0/25");
        assertEquals(0, show.exit(), show.output());
        assertTrue(show.output().contains("10.17.11.0/25      *[Static/5] "), show.output());
        assertTrue(show.output().contains("> to 192.0.2.2 via eth1"), show.output());
        assertTrue(show.output().contains("[Static/7] "), show.output());
        JsonNode json = new ObjectMapper().readTree(router.exec("show route | display json").output());
        assertEquals("inet.0", json.at("/tables/0/tableName").asText());
        TestNamespace.Result terse = router.exec("show interfaces terse");
        assertTrue(terse.output().contains("eth1.0") && terse.output().contains("192.0.2.1/30"), terse.output());
        TestNamespace.Result detail = router.exec("show interfaces eth1");
        assertTrue(detail.output().contains("Description: line A"), detail.output());
        TestNamespace.Result bad = router.exec("show route 10.17.11.999");
        assertNotEquals(0, bad.exit(), "a bad argument is an error: " + bad.output());
        TestNamespace.Result ping = router.exec("ping 192.0.2.2 count 2");
        assertTrue(ping.output().contains("2 received"), ping.output());
        assertTrue(router.exec("show system uptime").output().contains("Archway started"));
        TestNamespace.Result trace = router.exec("traceroute 192.0.2.2 wait 1");
        assertTrue(trace.output().contains(" 1  192.0.2.2"), trace.output());
        TestNamespace.Result rapid = router.exec("ping 192.0.2.6 count 20 rapid");
        assertTrue(rapid.output().contains("20 received"), rapid.output());
    }

    @Test
    void aCommitChangesOnlyWhatChangedAndRollbackRestoresIt() throws Exception {
        await("the static route", () -> route("10.17.11.0/25") != null);
        List<String> events = new CopyOnWriteArrayList<>();
        try (Rtnetlink watch = Rtnetlink.open(routerNs.name());
             NetlinkSubscription sub = watch.subscribe(EnumSet.of(RtnetlinkEvent.Group.IPV4_ROUTE), e -> {
                 if (e instanceof RtnetlinkEvent.RouteChanged rc && rc.route().protocol().number() == 145) {
                     events.add((rc.removed() ? "del " : "new ") + rc.route().destination());
                 }
             }, () -> { })) {
            TestNamespace.Result r = router.cli("configure\nset routing-options static route 10.18.0.0/16 next-hop 192.0.2.6\n"
                    + "commit and-quit\n");
            assertEquals(0, r.exit(), r.output());
            await("the new route", () -> "eth2".equals(routeDev("10.18.0.0/16")));
            Thread.sleep(300);
            assertEquals(List.of("new 10.18.0.0/16"), events, "only the new route was touched");

            events.clear();
            r = router.cli("configure\nrollback 1\ncommit and-quit\n");
            assertEquals(0, r.exit(), r.output());
            await("the route gone after rollback", () -> route("10.18.0.0/16") == null);
            Thread.sleep(300);
            assertEquals(List.of("del 10.18.0.0/16"), events);
        }
        assertTrue(router.exec("show system commit").output().contains("via"));
    }

    /**
     * The new address goes on before the old one comes off; the old one was the subnet's primary,
     * and the kernel by default deletes a primary's secondaries with it (the daemon turns
     * promote_secondaries on), which took the new address and every route through it away.
     */
    @Test
    void anAddressChangedWithinItsSubnetKeepsItsRoutes() throws Exception {
        peer.ip("addr", "add", "198.51.100.1/24", "dev", "p2");
        TestNamespace.Result r = router.cli("configure\nset interfaces eth2 unit 0 family inet address 198.51.100.10/24\n"
                + "set routing-options static route 10.19.0.0/16 next-hop 198.51.100.1\ncommit and-quit\n");
        assertEquals(0, r.exit(), r.output());
        await("the route via the new subnet", () -> "eth2".equals(routeDev("10.19.0.0/16")));
        r = router.cli("configure\ndelete interfaces eth2 unit 0 family inet address 198.51.100.10/24\n"
                + "set interfaces eth2 unit 0 family inet address 198.51.100.11/24\ncommit and-quit\n");
        assertEquals(0, r.exit(), r.output());
        Thread.sleep(500);
        String addresses = routerNs.ip("-4", "addr", "show", "dev", "eth2");
        assertTrue(addresses.contains("198.51.100.11/24"), "the new address stayed:\n" + addresses);
        assertFalse(addresses.contains("198.51.100.10/24"), addresses);
        assertTrue(addresses.contains("192.0.2.5/30"), addresses);
        assertEquals("eth2", routeDev("10.19.0.0/16"), "the route through the subnet stayed");
        peer.exec("ping", "-c", "1", "-W", "2", "198.51.100.11"); // throws unless the new address answers
    }

    @Test
    void aCommitTheKernelRefusesChangesNothing() throws Exception {
        await("the static route", () -> route("10.17.11.0/25") != null);
        String before = routerNs.ip("addr", "show");
        TestNamespace.Result r = router.cli("configure\nset interfaces eth2 unit 0 family inet address 198.51.100.1/24\n"
                + "set interfaces eth2 vlan-tagging\nset interfaces eth2 unit 110 vlan-id 110\n"
                + "set interfaces eth2 unit 110 family inet address 203.0.113.1/24\ncommit\n");
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("802.1Q"), "the kernel's reason is given: " + r.output());
        assertEquals(before, routerNs.ip("addr", "show"), "nothing half-applied");
        assertFalse(router.exec("show configuration interfaces").output().contains("vlan-id"));
    }

    @Test
    void killNineAndRestartLeaveNoStaleOrDuplicateRoutes() throws Exception {
        await("the static route", () -> route("10.17.11.0/25") != null);
        router.kill9();
        routerNs.ip("route", "add", "10.99.0.0/16", "via", "192.0.2.2", "proto", "145", "metric", "20");
        List<String> events = new CopyOnWriteArrayList<>();
        try (Rtnetlink watch = Rtnetlink.open(routerNs.name());
             NetlinkSubscription sub = watch.subscribe(EnumSet.of(RtnetlinkEvent.Group.IPV4_ROUTE), e -> {
                 if (e instanceof RtnetlinkEvent.RouteChanged rc && rc.route().protocol().number() == 145) {
                     events.add((rc.removed() ? "del " : "new ") + rc.route().destination());
                 }
             }, () -> { })) {
            router.start();
            await("the stale route swept", () -> route("10.99.0.0/16") == null);
            Thread.sleep(300);
            assertEquals(List.of("del 10.99.0.0/16"), events, "routes that stay were adopted, not re-added");
        }
        assertEquals(2, routerNs.ipJson("route", "show", "proto", "145").size(), "no duplicates");
        assertEquals(0, router.stop(), "SIGTERM exits cleanly");
        assertEquals(2, routerNs.ipJson("route", "show", "proto", "145").size(), "forwarding state kept across a stop");
    }

    @Test
    void carrierLossAndSilentLossMoveTheRouteAndBack() throws Exception {
        await("line A", () -> "eth1".equals(routeDev("10.17.11.0/25")));
        peer.ip("link", "set", "p1", "down");
        await("line B after carrier loss", () -> "eth2".equals(routeDev("10.17.11.0/25")));
        peer.ip("link", "set", "p1", "up");
        await("line A again", () -> "eth1".equals(routeDev("10.17.11.0/25")));

        peer.exec("nft", "add table netdev t; add chain netdev t in { type filter hook ingress device p1 priority 0; policy drop; }");
        await("line B when the probes fail", () -> "eth2".equals(routeDev("10.17.11.0/25")));
        assertTrue(router.exec("show services ip-monitoring status").output().contains("Status: FAIL"));
        peer.exec("nft", "delete table netdev t");
        await("line A after the hold-down", () -> "eth1".equals(routeDev("10.17.11.0/25")));
        TestNamespace.Result results = router.exec("show services rpm probe-results");
        assertTrue(results.output().contains("Owner: line-a, Test: peer"), results.output());
    }

    /**
     * Issue 5, BFD timing under load: while a BFD session exists the RIB's thread, which writes
     * routes into the kernel, keeps off the CPU BFD's thread runs on (BfdCpuReservation), and gets
     * it back when the last session goes. Checked in the daemon's threads' Cpus_allowed_list.
     */
    @Test
    void aBfdSessionKeepsTheFibWriterOffBfdsCpu() throws Exception {
        long pid = router.pid();
        int rib = ProcThreads.only(pid, "rib");
        int bfd = ProcThreads.only(pid, "bfd-1");
        BitSet all = ProcThreads.allowedCpus(pid, bfd);
        assertEquals(all, ProcThreads.allowedCpus(pid, rib), "no BFD session: the FIB writer may use every CPU");

        TestNamespace.Result r = router.cli("configure\nset routing-options static route 10.17.11.0/25 bfd-liveness-detection"
                + " minimum-interval 300\ncommit and-quit\n");
        assertEquals(0, r.exit(), r.output());
        BitSet bfdOnly = new BitSet();
        BitSet rest = (BitSet) all.clone();
        if (all.cardinality() >= 2) {
            bfdOnly.set(all.nextSetBit(0));
            rest.clear(all.nextSetBit(0));
        } else {
            bfdOnly = all; // one CPU: nothing to reserve
        }
        assertEquals(bfdOnly, ProcThreads.allowedCpus(pid, bfd), "BFD's thread on its CPU");
        assertEquals(rest, ProcThreads.allowedCpus(pid, rib), "the FIB writer off it");
        assertTrue(router.exec("show bfd session").output().contains("192.0.2.2"), "the session exists");

        r = router.cli("configure\ndelete routing-options static route 10.17.11.0/25 bfd-liveness-detection\ncommit and-quit\n");
        assertEquals(0, r.exit(), r.output());
        assertEquals(all, ProcThreads.allowedCpus(pid, bfd), "no session: BFD's thread anywhere again");
        assertEquals(all, ProcThreads.allowedCpus(pid, rib), "and the FIB writer too");
    }

    @Test
    void checkConfigNamesThePlaceOfEachError() throws Exception {
        Path good = router.dir.resolve("router.conf");
        TestNamespace.Result ok = TestNamespace.runQuietly(List.of("java", "-jar", RouterUnderTest.JAR.toString(),
                "check-config", good.toString()));
        assertEquals(0, ok.exit(), ok.output());
        Path bad = router.dir.resolve("bad.conf");
        Files.writeString(bad, "routing-options {\n    static {\n        route 10.1.0.0/16 {\n            preference banana;\n"
                + "        }\n    }\n}\n");
        TestNamespace.Result ko = TestNamespace.runQuietly(List.of("java", "-jar", RouterUnderTest.JAR.toString(),
                "check-config", bad.toString()));
        assertEquals(1, ko.exit(), ko.output());
        assertTrue(ko.output().contains("banana"), ko.output());
    }
}
