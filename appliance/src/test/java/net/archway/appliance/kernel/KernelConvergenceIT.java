package net.archway.appliance.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.appliance.fib.KernelFib;
import net.archway.appliance.interfaces.InterfaceApplyException;
import net.archway.appliance.interfaces.InterfaceManager;
import net.archway.appliance.interfaces.InterfaceSettings;
import net.archway.netlink.NetlinkSubscription;
import net.archway.netlink.route.Rtnetlink;
import net.archway.netlink.route.RtnetlinkEvent;
import net.archway.netlink.testing.TestNamespace;
import net.archway.routing.Prefix;
import net.archway.routing.rib.NextHop;
import net.archway.routing.rib.Rib;
import net.archway.routing.staticroute.StaticRoute;
import net.archway.routing.staticroute.StaticRouting;
import net.archway.routing.staticroute.StaticSettings;

/**
 * The appliance's kernel side in a throwaway namespace: interfaces converged from settings,
 * the RIB fed by kernel events, its decisions written by the FIB writer; carrier loss, refused
 * commits, missing interfaces, and a restart that adopts and sweeps.
 *
 * <p>Topology: router namespace with eth1 (192.0.2.1/30) and eth2 (192.0.2.5/30), each a veth
 * whose peer p1 / p2 sits in a second namespace (the "lines").
 */
class KernelConvergenceIT {
    private TestNamespace router;
    private TestNamespace lines;
    private final List<Running> started = new ArrayList<>();

    /** One run of the kernel side, as the daemon wires it. */
    private final class Running implements AutoCloseable {
        final ExecutorService ribThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "rib"));
        final Rtnetlink rtnl = Rtnetlink.open(router.name());
        final InterfaceManager interfaces;
        final KernelFib fib;
        final Rib rib;
        final StaticRouting statics;
        final List<String> refused = new CopyOnWriteArrayList<>();

        Running() {
            InterfaceManager[] im = new InterfaceManager[1];
            fib = new KernelFib(rtnl.routes(), name -> im[0].ifindex(name), (p, e, err) -> refused.add(p + ": " + err.getMessage()));
            rib = new Rib(ribThread, fib, Clock.systemUTC());
            interfaces = new InterfaceManager(rtnl, rib);
            im[0] = interfaces;
            statics = new StaticRouting(rib);
            fib.start();
            interfaces.start();
            started.add(this);
        }

        void barrier() {
            rib.snapshot().join();
        }

        @Override
        public void close() {
            interfaces.close();
            ribThread.shutdownNow();
            rtnl.close();
        }
    }

    static InetAddress ip(String s) {
        return Prefix.parseAddress(s, s);
    }

    static InterfaceSettings.Physical eth(String name, String address) {
        return new InterfaceSettings.Physical(name, false, null, null, false,
                List.of(new InterfaceSettings.Unit(0, null, false, null, List.of(address), List.of())));
    }

    static final InterfaceSettings TWO_LINES = new InterfaceSettings(List.of(
            eth("eth1", "192.0.2.1/30"), eth("eth2", "192.0.2.5/30")));

    static final Prefix CLOUD = Prefix.parse("10.17.11.0/25");

    static StaticSettings floating() {
        return new StaticSettings(5, List.of(StaticRoute.via(CLOUD, NextHop.via(ip("192.0.2.2")))
                .withQualified(new StaticRoute.QualifiedNextHop(NextHop.via(ip("192.0.2.6")), 7, null))));
    }

    @BeforeEach
    void setUp() {
        router = TestNamespace.create("router");
        lines = TestNamespace.create("lines");
        for (int i = 1; i <= 2; i++) {
            router.ip("link", "add", "eth" + i, "type", "veth", "peer", "name", "p" + i, "netns", lines.name());
            lines.ip("link", "set", "p" + i, "up");
        }
        lines.ip("addr", "add", "192.0.2.2/30", "dev", "p1");
        lines.ip("addr", "add", "192.0.2.6/30", "dev", "p2");
    }

    @AfterEach
    void tearDown() {
        started.forEach(Running::close);
        router.close();
        lines.close();
    }

    private JsonNode kernelRoute(String prefix) {
        JsonNode r = router.ipJson("route", "show", prefix, "proto", "145");
        return r.size() == 0 ? null : r.get(0);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        fail(what + " within 5 s");
    }

    @Test
    void interfacesConvergeAndRoutesFollowCarrier() throws Exception {
        Running run = new Running();
        run.interfaces.apply(new InterfaceSettings(List.of(
                new InterfaceSettings.Physical("eth1", false, 1400, "line to carrier A", false,
                        List.of(new InterfaceSettings.Unit(0, null, false, null, List.of("192.0.2.1/30"),
                                List.of("2001:db8:1::1/64")))),
                eth("eth2", "192.0.2.5/30"))));
        JsonNode eth1 = router.ipJson("addr", "show", "dev", "eth1").get(0);
        assertEquals(1400, eth1.get("mtu").asInt());
        assertEquals("line to carrier A", router.ipJson("link", "show", "dev", "eth1").get(0).get("ifalias").asText());
        assertTrue(eth1.get("flags").toString().contains("\"UP\""));
        Set<String> addrs = new TreeSet<>();
        for (JsonNode a : eth1.get("addr_info")) {
            addrs.add(a.get("local").asText() + "/" + a.get("prefixlen").asInt());
        }
        assertTrue(addrs.containsAll(Set.of("192.0.2.1/30", "2001:db8:1::1/64")), addrs.toString());

        run.statics.apply(floating());
        await("the static route in the kernel via eth1", () -> {
            JsonNode r = kernelRoute("10.17.11.0/25");
            return r != null && "eth1".equals(r.path("dev").asText());
        });
        JsonNode r = kernelRoute("10.17.11.0/25");
        assertEquals("192.0.2.2", r.get("gateway").asText());
        assertEquals(20, r.get("metric").asInt());

        lines.ip("link", "set", "p1", "down"); // eth1 loses carrier; the kernel would keep its route
        await("the floating static via eth2", () -> {
            JsonNode x = kernelRoute("10.17.11.0/25");
            return x != null && "eth2".equals(x.path("dev").asText());
        });
        lines.ip("link", "set", "p1", "up");
        await("back to eth1 with the carrier", () -> {
            JsonNode x = kernelRoute("10.17.11.0/25");
            return x != null && "eth1".equals(x.path("dev").asText());
        });

        // a commit that changes the addresses changes only those
        run.interfaces.apply(new InterfaceSettings(List.of(eth("eth1", "192.0.2.1/30"), eth("eth2", "198.51.100.1/24"))));
        JsonNode eth2 = router.ipJson("addr", "show", "dev", "eth2").get(0);
        assertEquals(1, eth2.get("addr_info").findValues("local").stream().filter(v -> v.asText().contains(".")).count());
        assertEquals("198.51.100.1", eth2.get("addr_info").get(0).get("local").asText());
    }

    @Test
    void aVlanThisKernelCannotMakeRefusesTheWholeCommit() {
        Running run = new Running();
        run.interfaces.apply(TWO_LINES);
        InterfaceSettings withVlan = new InterfaceSettings(List.of(
                eth("eth1", "192.0.2.1/30"),
                new InterfaceSettings.Physical("eth2", false, null, null, true, List.of(
                        new InterfaceSettings.Unit(0, null, false, null, List.of("203.0.113.1/24"), List.of()),
                        new InterfaceSettings.Unit(110, 110, false, null, List.of("192.0.2.9/30"), List.of())))));
        // unit 0 without vlan-id on a vlan-tagging interface is allowed only as unit 0; the VLAN is the problem
        InterfaceApplyException e = assertThrows(InterfaceApplyException.class, () -> run.interfaces.apply(withVlan));
        assertEquals("[edit interfaces eth2 unit 110]", e.path());
        assertTrue(e.getMessage().contains("802.1Q"), e.getMessage());
        JsonNode eth2 = router.ipJson("addr", "show", "dev", "eth2").get(0);
        assertEquals("192.0.2.5", eth2.get("addr_info").get(0).get("local").asText(), "nothing half-applied");
        assertEquals(2, router.ipJson("link", "show").size() - 1, "no eth2.110 left behind");
        assertEquals(TWO_LINES, run.interfaces.settings(), "the applied settings are still the old ones");

        InterfaceSettings noTagging = new InterfaceSettings(List.of(new InterfaceSettings.Physical("eth2", false, null,
                null, false, List.of(new InterfaceSettings.Unit(110, 110, false, null, List.of(), List.of())))));
        assertEquals(List.of("[edit interfaces eth2 unit 110] 'vlan-id' needs 'vlan-tagging' on eth2"),
                run.interfaces.check(noTagging));
    }

    /** The build machines' kernel has no xfrm_interface (the firmware's has: XfrmInterfacesInVmIT in image). */
    @Test
    void anXfrmInterfaceThisKernelCannotMakeRefusesTheWholeCommit() {
        Running run = new Running();
        run.interfaces.apply(TWO_LINES);
        InterfaceSettings withTunnel = new InterfaceSettings(List.of(eth("eth1", "192.0.2.1/30"),
                eth("eth2", "203.0.113.1/24"),
                new InterfaceSettings.Physical("st0", false, null, null, false, List.of(
                        new InterfaceSettings.Unit(1, null, false, null, List.of("10.255.0.1/30"), List.of())))));
        assertEquals(List.of(), run.interfaces.check(withTunnel), "st0 units need no vlan-id");
        InterfaceApplyException e = assertThrows(InterfaceApplyException.class, () -> run.interfaces.apply(withTunnel));
        assertEquals("[edit interfaces st0 unit 1]", e.path());
        assertTrue(e.getMessage().contains("xfrm_interface"), e.getMessage());
        JsonNode eth2 = router.ipJson("addr", "show", "dev", "eth2").get(0);
        assertEquals("192.0.2.5", eth2.get("addr_info").get(0).get("local").asText(), "nothing half-applied");
        assertEquals(2, router.ipJson("link", "show").size() - 1, "no st0.1 left behind");
        assertEquals(TWO_LINES, run.interfaces.settings(), "the applied settings are still the old ones");
        assertEquals(List.of("[edit interfaces st0 unit 1] 'vlan-id' does not apply to a tunnel interface"),
                run.interfaces.check(new InterfaceSettings(List.of(new InterfaceSettings.Physical("st0", false, null,
                        null, false, List.of(new InterfaceSettings.Unit(1, 7, false, null, List.of(), List.of())))))));
    }

    @Test
    void anInterfaceMadeAgainGetsItsRoutesBackUnderItsNewIndex() throws Exception {
        Running run = new Running();
        run.interfaces.apply(TWO_LINES);
        run.statics.apply(floating());
        await("the static route via eth1", () -> {
            JsonNode x = kernelRoute("10.17.11.0/25");
            return x != null && "eth1".equals(x.path("dev").asText());
        });
        int before = router.ipJson("link", "show", "dev", "eth1").get(0).get("ifindex").asInt();

        router.ip("link", "del", "eth1");
        await("the floating static via eth2", () -> {
            JsonNode x = kernelRoute("10.17.11.0/25");
            return x != null && "eth2".equals(x.path("dev").asText());
        });
        router.ip("link", "add", "eth1", "type", "veth", "peer", "name", "p1", "netns", lines.name());
        lines.ip("addr", "add", "192.0.2.2/30", "dev", "p1");
        lines.ip("link", "set", "p1", "up");
        int after = router.ipJson("link", "show", "dev", "eth1").get(0).get("ifindex").asInt();
        assertTrue(after != before, "the kernel gave the new eth1 another index: " + before + ", " + after);
        // the RIB hands the FIB the same forwarding entry as before; its kernel next hop must name the new index
        await("back to the new eth1", () -> {
            JsonNode x = kernelRoute("10.17.11.0/25");
            return x != null && "eth1".equals(x.path("dev").asText());
        });
        assertEquals(List.of(), run.refused, "the kernel refused nothing");
    }

    @Test
    void aMissingInterfaceIsConfiguredWhenItAppears() throws Exception {
        Running run = new Running();
        run.interfaces.apply(new InterfaceSettings(List.of(eth("eth1", "192.0.2.1/30"), eth("eth3", "203.0.113.1/24"))));
        assertTrue(run.interfaces.status().stream().anyMatch(s -> s.name().equals("eth3") && !s.present()));
        router.ip("link", "add", "eth3", "type", "veth", "peer", "name", "p3");
        await("eth3 configured when it appears", () -> router.ip("addr", "show", "dev", "eth3").contains("203.0.113.1/24"));
    }

    @Test
    void aRestartAdoptsWhatStaysAndSweepsWhatWent() throws Exception {
        Running first = new Running();
        first.interfaces.apply(TWO_LINES);
        Prefix stale = Prefix.parse("10.99.0.0/16");
        first.statics.apply(new StaticSettings(5, List.of(StaticRoute.via(CLOUD, NextHop.via(ip("192.0.2.2"))),
                StaticRoute.via(stale, NextHop.via(ip("192.0.2.6"))))));
        await("both routes installed", () -> kernelRoute("10.17.11.0/25") != null && kernelRoute("10.99.0.0/16") != null);
        first.close();
        started.remove(first); // "kill -9": nothing cleaned up

        List<String> churn = new CopyOnWriteArrayList<>();
        try (Rtnetlink watch = Rtnetlink.open(router.name());
             NetlinkSubscription sub = watch.subscribe(EnumSet.of(RtnetlinkEvent.Group.IPV4_ROUTE), e -> {
                 if (e instanceof RtnetlinkEvent.RouteChanged rc) {
                     churn.add((rc.removed() ? "del " : "new ") + rc.route().destination());
                 }
             }, () -> { })) {
            Running second = new Running();
            second.interfaces.apply(TWO_LINES);
            second.statics.apply(new StaticSettings(5, List.of(StaticRoute.via(CLOUD, NextHop.via(ip("192.0.2.2"))))));
            second.barrier();
            Thread.sleep(200); // let any notification arrive
            assertEquals(List.of(), churn, "the route that stays was adopted untouched");
            assertEquals(1, second.fib.finishStartup());
            await("the stale route swept", () -> kernelRoute("10.99.0.0/16") == null);
            assertEquals(1, router.ipJson("route", "show", "proto", "145").size(), "no duplicates");
            assertEquals(List.of("del 10.99.0.0/16"), churn);
        }
    }
}
