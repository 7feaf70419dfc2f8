package net.archway.routing.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;

/** The RIB driven on the test's own thread, its FIB output recorded. */
class RibTest {
    /** Records batches and keeps the resulting kernel picture. */
    static final class RecordingFib implements Fib {
        final List<List<Change>> batches = new ArrayList<>();
        final Map<Prefix, FibEntry> kernel = new HashMap<>();

        @Override
        public void apply(List<Change> changes) {
            batches.add(changes);
            for (Change c : changes) {
                if (c.entry() == null) {
                    kernel.remove(c.prefix());
                } else {
                    kernel.put(c.prefix(), c.entry());
                }
            }
        }
    }

    private final MutableClock clock = new MutableClock();
    private RecordingFib fib;
    private Rib rib;

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T02:00:00Z");

        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }

    static InetAddress ip(String s) {
        return Prefix.parseAddress(s, s);
    }

    static Prefix p(String s) {
        return Prefix.parse(s);
    }

    static InterfaceState up(String name, String... addresses) {
        List<InterfaceState.Address> a = new ArrayList<>();
        for (String s : addresses) {
            String[] parts = s.split("/");
            a.add(new InterfaceState.Address(ip(parts[0]), Integer.parseInt(parts[1])));
        }
        return new InterfaceState(name, true, a);
    }

    static InterfaceState down(InterfaceState s) {
        return new InterfaceState(s.name(), false, s.addresses());
    }

    static RibRoute staticVia(String prefix, String gateway) {
        return RibRoute.of(p(prefix), Protocol.STATIC, RouteAction.forward(NextHop.via(ip(gateway))));
    }

    static FibEntry.Forward forward(ForwardingHop... hops) {
        return new FibEntry.Forward(List.of(hops));
    }

    static ForwardingHop hop(String gateway, String iface) {
        return new ForwardingHop(gateway == null ? null : ip(gateway), iface, 1);
    }

    @BeforeEach
    void setUp() {
        fib = new RecordingFib();
        rib = new Rib(Runnable::run, fib, clock);
    }

    @Test
    void aGatewayOnAConnectedSubnetResolvesDirectly() {
        rib.interfaceChanged(up("eth1", "192.0.2.1/24"));
        rib.update(staticVia("10.17.11.0/25", "192.0.2.2"));
        assertEquals(forward(hop("192.0.2.2", "eth1")), fib.kernel.get(p("10.17.11.0/25")));
        assertEquals(1, fib.kernel.size(), "Direct and Local routes are the kernel's, never programmed");
    }

    @Test
    void aGatewayNotOnAConnectedSubnetIsHiddenUnlessTheRouteMayResolve() {
        rib.interfaceChanged(up("eth1", "192.0.2.1/24"));
        rib.update(staticVia("10.9.0.0/16", "192.0.2.2"));
        rib.update(staticVia("10.1.0.0/16", "10.9.9.9"));
        assertNull(fib.kernel.get(p("10.1.0.0/16")));
        RibSnapshot s = rib.snapshot().join();
        assertEquals(1, s.summary(false).hidden());

        rib.update(staticVia("10.1.0.0/16", "10.9.9.9").withResolve(true));
        assertEquals(forward(hop("192.0.2.2", "eth1")), fib.kernel.get(p("10.1.0.0/16")));
    }

    @Test
    void floatingStaticTakesOverWhenCarrierGoesAndGivesBackWhenItReturns() {
        InterfaceState eth1 = up("eth1", "192.0.2.1/30");
        InterfaceState eth2 = up("eth2", "192.0.2.5/30");
        rib.interfaceChanged(eth1);
        rib.interfaceChanged(eth2);
        rib.update(staticVia("10.17.11.0/25", "192.0.2.2"));
        rib.update(staticVia("10.17.11.0/25", "192.0.2.6").withPreference(7).withInstance(7));
        assertEquals(forward(hop("192.0.2.2", "eth1")), fib.kernel.get(p("10.17.11.0/25")));

        int before = fib.batches.size();
        rib.interfaceChanged(down(eth1));
        assertEquals(forward(hop("192.0.2.6", "eth2")), fib.kernel.get(p("10.17.11.0/25")));
        assertEquals(before + 1, fib.batches.size(), "the takeover is one FIB batch");

        rib.interfaceChanged(eth1);
        assertEquals(forward(hop("192.0.2.2", "eth1")), fib.kernel.get(p("10.17.11.0/25")));
    }

    @Test
    void ecmpKeepsTheHopsThatResolve() {
        InterfaceState eth1 = up("eth1", "192.0.2.1/30");
        rib.interfaceChanged(eth1);
        rib.interfaceChanged(up("eth2", "192.0.2.5/30"));
        rib.update(RibRoute.of(p("0.0.0.0/0"), Protocol.STATIC,
                RouteAction.forward(NextHop.via(ip("192.0.2.2")), NextHop.via(ip("192.0.2.6")))));
        assertEquals(forward(hop("192.0.2.2", "eth1"), hop("192.0.2.6", "eth2")), fib.kernel.get(p("0.0.0.0/0")));
        rib.interfaceChanged(down(eth1));
        assertEquals(forward(hop("192.0.2.6", "eth2")), fib.kernel.get(p("0.0.0.0/0")));
        rib.interfaceRemoved("eth2");
        assertNull(fib.kernel.get(p("0.0.0.0/0")), "no usable hop: the route leaves the kernel");
    }

    @Test
    void discardRejectAndInterfaceRoutes() {
        rib.interfaceChanged(up("st0.1", "169.254.0.1/30"));
        rib.update(RibRoute.of(p("10.66.0.0/16"), Protocol.STATIC, RouteAction.DISCARD));
        rib.update(RibRoute.of(p("10.67.0.0/16"), Protocol.STATIC, RouteAction.REJECT));
        rib.update(RibRoute.of(p("10.68.0.0/16"), Protocol.STATIC, RouteAction.forward(NextHop.interfaceOnly("st0.1"))));
        assertEquals(new FibEntry.Discard(), fib.kernel.get(p("10.66.0.0/16")));
        assertEquals(new FibEntry.Reject(), fib.kernel.get(p("10.67.0.0/16")));
        assertEquals(forward(hop(null, "st0.1")), fib.kernel.get(p("10.68.0.0/16")));
        rib.update(RibRoute.of(p("10.69.0.0/16"), Protocol.STATIC, RouteAction.forward(NextHop.interfaceOnly("st0.9"))));
        assertNull(fib.kernel.get(p("10.69.0.0/16")), "an interface that does not exist carries nothing");
        rib.interfaceChanged(up("st0.9"));
        assertEquals(forward(hop(null, "st0.9")), fib.kernel.get(p("10.69.0.0/16")), "and it comes up when the link appears");
    }

    @Test
    void preferenceDecidesBetweenProtocols() {
        rib.interfaceChanged(up("eth1", "192.0.2.1/24"));
        RibRoute bgp = new RibRoute(p("10.17.11.0/25"), Protocol.BGP, 1, 170, 0,
                RouteAction.forward(NextHop.via(ip("192.0.2.3"))), true, null);
        rib.update(bgp);
        rib.update(staticVia("10.17.11.0/25", "192.0.2.2"));
        assertEquals(forward(hop("192.0.2.2", "eth1")), fib.kernel.get(p("10.17.11.0/25")));
        rib.withdraw(p("10.17.11.0/25"), Protocol.STATIC, 0);
        assertEquals(forward(hop("192.0.2.3", "eth1")), fib.kernel.get(p("10.17.11.0/25")));
        // a connected subnet beats everything, and the kernel owns it: Archway's route leaves
        rib.interfaceChanged(up("eth2", "10.17.11.1/25"));
        assertNull(fib.kernel.get(p("10.17.11.0/25")));
    }

    @Test
    void recursiveRoutesFollowWhatTheyResolveThrough() {
        rib.interfaceChanged(up("eth1", "192.0.2.1/30"));
        rib.interfaceChanged(up("eth2", "192.0.2.5/30"));
        rib.update(staticVia("10.9.0.0/16", "192.0.2.2"));
        for (int i = 0; i < 100; i++) {
            rib.update(new RibRoute(Prefix.ipv4(0x0b000000 + (i << 8), 24), Protocol.BGP, 1, 170, 0,
                    RouteAction.forward(NextHop.via(ip("10.9.9.9"))), true, null));
        }
        assertEquals(forward(hop("192.0.2.2", "eth1")), fib.kernel.get(p("11.0.42.0/24")));
        int before = fib.batches.size();
        rib.update(staticVia("10.9.0.0/16", "192.0.2.6"));
        assertEquals(before + 1, fib.batches.size());
        assertEquals(101, fib.batches.get(before).size(), "the static and every BGP route through it, in one batch");
        assertEquals(forward(hop("192.0.2.6", "eth2")), fib.kernel.get(p("11.0.42.0/24")));
        rib.withdraw(p("10.9.0.0/16"), Protocol.STATIC, 0);
        assertNull(fib.kernel.get(p("11.0.42.0/24")));
    }

    @Test
    void routesSharingOneActionFollowItsGatewayEvenAfterNobodyUsedIt() {
        // BGP hands the RIB one action per next hop, shared by a full table; the RIB resolves each
        // action once. A gateway nobody depends on any more is no longer followed, so what was
        // resolved through it must not outlive it.
        rib.interfaceChanged(up("eth1", "192.0.2.1/30"));
        rib.interfaceChanged(up("eth2", "192.0.2.5/30"));
        rib.update(staticVia("10.9.0.0/16", "192.0.2.2"));
        RouteAction shared = RouteAction.forward(NextHop.via(ip("10.9.9.9")));
        rib.update(new RibRoute(p("11.0.0.0/24"), Protocol.BGP, 1, 170, 0, shared, true, null));
        rib.update(new RibRoute(p("11.0.1.0/24"), Protocol.BGP, 1, 170, 0, shared, true, null));
        assertEquals(forward(hop("192.0.2.2", "eth1")), fib.kernel.get(p("11.0.1.0/24")));

        rib.withdraw(p("11.0.0.0/24"), Protocol.BGP, 1);
        rib.withdraw(p("11.0.1.0/24"), Protocol.BGP, 1);
        rib.update(staticVia("10.9.0.0/16", "192.0.2.6"));
        rib.update(new RibRoute(p("11.0.2.0/24"), Protocol.BGP, 1, 170, 0, shared, true, null));
        assertEquals(forward(hop("192.0.2.6", "eth2")), fib.kernel.get(p("11.0.2.0/24")),
                "resolved through the static route as it is now");

        rib.interfaceChanged(down(up("eth2", "192.0.2.5/30")));
        assertNull(fib.kernel.get(p("11.0.2.0/24")), "its gateway's route lost its interface");
        rib.interfaceChanged(up("eth2", "192.0.2.5/30"));
        assertEquals(forward(hop("192.0.2.6", "eth2")), fib.kernel.get(p("11.0.2.0/24")));
    }

    @Test
    void aGatewayWatchIsAnsweredAheadOfRouteChangesAlreadyQueued() {
        java.util.ArrayDeque<Runnable> queue = new java.util.ArrayDeque<>();
        Rib queued = new Rib(queue::add, fib, clock);
        queued.interfaceChanged(up("eth1", "192.0.2.1/24"));
        for (int i = 0; i < 1000; i++) {
            queued.update(new RibRoute(Prefix.ipv4(0x0b000000 + (i << 8), 24), Protocol.BGP, 1, 170, 0,
                    RouteAction.forward(NextHop.via(ip("192.0.2.9"))), true, null));
        }
        List<Boolean> heard = new ArrayList<>();
        queued.watch(ip("192.0.2.2"), (g, reachable, metric) -> heard.add(reachable));
        assertEquals(1002, queue.size());

        queue.poll().run(); // the interface change: the watch goes first, then the subnet comes up
        assertEquals(List.of(false, true), heard, "answered in the first step, not after the thousand routes queued before it");
        assertTrue(fib.kernel.isEmpty(), "the routes are still queued");
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
        assertEquals(1000, fib.kernel.size());
        assertEquals(List.of(false, true), heard, "and nothing new about the gateway");
    }

    @Test
    void resolutionLoopsSettleUnusable() {
        rib.update(staticVia("10.1.0.0/16", "10.2.0.1").withResolve(true));
        rib.update(staticVia("10.2.0.0/16", "10.1.0.1").withResolve(true));
        rib.update(staticVia("10.3.0.0/16", "10.3.0.1").withResolve(true));
        assertTrue(fib.kernel.isEmpty());
        assertEquals(3, rib.snapshot().join().summary(false).hidden());
    }

    @Test
    void ourOwnAddressIsNoGateway() {
        rib.interfaceChanged(up("eth1", "192.0.2.1/24"));
        rib.update(staticVia("10.1.0.0/16", "192.0.2.1"));
        assertNull(fib.kernel.get(p("10.1.0.0/16")));
    }

    @Test
    void replaceAllChangesOnlyWhatChanged() {
        rib.interfaceChanged(up("eth1", "192.0.2.1/24"));
        rib.replaceAll(Protocol.STATIC, List.of(staticVia("10.1.0.0/16", "192.0.2.2"), staticVia("10.2.0.0/16", "192.0.2.2")));
        Instant first = clock.now;
        clock.now = first.plusSeconds(60);
        int before = fib.batches.size();
        rib.replaceAll(Protocol.STATIC, List.of(staticVia("10.1.0.0/16", "192.0.2.2"), staticVia("10.3.0.0/16", "192.0.2.2")));
        List<Fib.Change> batch = fib.batches.get(before);
        assertEquals(2, batch.size(), "10.2 withdrawn, 10.3 added, 10.1 untouched: " + batch);
        RibSnapshot s = rib.snapshot().join();
        RibSnapshot.Destination d = s.destinations().stream().filter(x -> x.prefix().equals(p("10.1.0.0/16"))).findFirst()
                .orElseThrow();
        assertEquals(first, d.active().since(), "an unchanged route keeps its age");
        assertFalse(fib.kernel.containsKey(p("10.2.0.0/16")));
    }

    @Test
    void snapshotsCountTheJunosWay() {
        rib.interfaceChanged(up("eth1", "192.0.2.1/24", "2001:db8::1/64"));
        rib.update(staticVia("10.17.11.0/25", "192.0.2.2"));
        rib.update(staticVia("10.17.11.0/25", "198.51.100.9").withInstance(7).withPreference(7));
        RibSnapshot s = rib.snapshot().join();
        assertEquals(new RibSnapshot.Summary("inet.0", 3, 4, 3, 0, 1), s.summary(false));
        assertEquals(new RibSnapshot.Summary("inet6.0", 2, 2, 2, 0, 0), s.summary(true));
        assertEquals(List.of("10.17.11.0/25", "192.0.2.0/24", "192.0.2.1/32", "2001:db8::/64", "2001:db8::1/128"),
                s.destinations().stream().map(d -> d.prefix().toString()).toList());
    }

    @Test
    void gatewayWatchersHearReachabilityAndCostAsTheRibResolves() {
        List<String> heard = new ArrayList<>();
        Rib.GatewayWatcher w = (g, reachable, metric) -> heard.add(Prefix.format(g) + " " + reachable + " " + metric);
        rib.watch(ip("172.16.5.5"), w);
        assertEquals(List.of("172.16.5.5 false 0"), heard, "the current state at once");

        rib.interfaceChanged(up("eth1", "192.0.2.1/24"));
        rib.update(staticVia("172.16.0.0/16", "192.0.2.2").withMetric(30));
        assertEquals("172.16.5.5 true 30", heard.get(heard.size() - 1));

        rib.withdraw(p("172.16.0.0/16"), Protocol.STATIC, 0);
        assertEquals("172.16.5.5 false 0", heard.get(heard.size() - 1));

        rib.watch(ip("192.0.2.7"), w);
        assertEquals("192.0.2.7 true 0", heard.get(heard.size() - 1), "on a connected subnet: reachable at cost 0");
        int n = heard.size();
        rib.unwatch(ip("192.0.2.7"), w);
        rib.interfaceChanged(down(up("eth1", "192.0.2.1/24")));
        assertTrue(heard.subList(n, heard.size()).stream().noneMatch(x -> x.startsWith("192.0.2.7")), "unwatched: silent");
    }

    @Test
    void activeRouteListenersHearEveryChangeOfTheActiveRoute() {
        rib.interfaceChanged(up("eth1", "192.0.2.1/24"));
        rib.update(staticVia("10.1.0.0/16", "192.0.2.2"));
        List<String> heard = new ArrayList<>();
        rib.addActiveRouteListener((prefix, active) -> heard.add(prefix + " " + (active == null ? "-" : active.protocol())));
        assertTrue(heard.contains("10.1.0.0/16 Static"), "the current active routes at once: " + heard);
        heard.clear();
        rib.update(RibRoute.of(p("10.1.0.0/16"), Protocol.BGP, RouteAction.forward(NextHop.via(ip("192.0.2.3")))));
        assertTrue(heard.isEmpty(), "a worse route changes nothing: " + heard);
        rib.withdraw(p("10.1.0.0/16"), Protocol.STATIC, 0);
        assertEquals(List.of("10.1.0.0/16 BGP"), heard);
        rib.withdraw(p("10.1.0.0/16"), Protocol.BGP, 0);
        assertEquals(List.of("10.1.0.0/16 BGP", "10.1.0.0/16 -"), heard);
    }
}
