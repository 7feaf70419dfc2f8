package net.archway.routing.staticroute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;
import net.archway.routing.rib.Fib;
import net.archway.routing.rib.FibEntry;
import net.archway.routing.rib.ForwardingHop;
import net.archway.routing.rib.InterfaceState;
import net.archway.routing.rib.NextHop;
import net.archway.routing.rib.Rib;

class StaticRoutingTest {
    private final Map<Prefix, FibEntry> kernel = new HashMap<>();
    private final Rib rib = new Rib(Runnable::run, changes -> {
        for (Fib.Change c : changes) {
            if (c.entry() == null) {
                kernel.remove(c.prefix());
            } else {
                kernel.put(c.prefix(), c.entry());
            }
        }
    }, Clock.systemUTC());
    private final StaticRouting statics = new StaticRouting(rib);

    static InetAddress ip(String s) {
        return Prefix.parseAddress(s, s);
    }

    private void links() {
        rib.interfaceChanged(new InterfaceState("eth1", true, List.of(new InterfaceState.Address(ip("192.0.2.1"), 30))));
        rib.interfaceChanged(new InterfaceState("eth2", true, List.of(new InterfaceState.Address(ip("192.0.2.5"), 30))));
    }

    private static FibEntry via(String... gatewayAndIface) {
        List<ForwardingHop> hops = new ArrayList<>();
        for (int i = 0; i < gatewayAndIface.length; i += 2) {
            hops.add(new ForwardingHop(ip(gatewayAndIface[i]), gatewayAndIface[i + 1], 1));
        }
        return new FibEntry.Forward(hops);
    }

    @Test
    void nextHopsShareAnOfferAndQualifiedOnesFloatBehind() {
        links();
        Prefix cloud = Prefix.parse("10.17.11.0/25");
        statics.apply(new StaticSettings(5, List.of(StaticRoute.via(cloud, NextHop.via(ip("192.0.2.2")))
                .withQualified(new StaticRoute.QualifiedNextHop(NextHop.via(ip("192.0.2.6")), 7, null)))));
        assertEquals(via("192.0.2.2", "eth1"), kernel.get(cloud));

        statics.gatewayAlive(ip("192.0.2.2"), false);
        assertEquals(via("192.0.2.6", "eth2"), kernel.get(cloud), "a dead gateway leaves, the qualified hop floats in");
        statics.gatewayAlive(ip("192.0.2.2"), true);
        assertEquals(via("192.0.2.2", "eth1"), kernel.get(cloud));
    }

    @Test
    void staticEcmpAndCommitsThatRemoveRoutes() {
        links();
        Prefix dflt = Prefix.parse("0.0.0.0/0");
        Prefix black = Prefix.parse("10.66.0.0/16");
        statics.apply(new StaticSettings(5, List.of(
                StaticRoute.via(dflt, NextHop.via(ip("192.0.2.2")), NextHop.via(ip("192.0.2.6"))),
                StaticRoute.discard(black))));
        assertEquals(via("192.0.2.2", "eth1", "192.0.2.6", "eth2"), kernel.get(dflt));
        assertEquals(new FibEntry.Discard(), kernel.get(black));

        statics.apply(new StaticSettings(5, List.of(StaticRoute.reject(black))));
        assertNull(kernel.get(dflt));
        assertEquals(new FibEntry.Reject(), kernel.get(black));
    }

    @Test
    void offersCarryTheirPreferences() {
        Prefix p = Prefix.parse("10.1.0.0/16");
        var offers = StaticRouting.offers(new StaticSettings(5, List.of(StaticRoute.via(p, NextHop.via(ip("192.0.2.2")))
                .withPreference(9).withQualified(new StaticRoute.QualifiedNextHop(NextHop.via(ip("192.0.2.6")), null, 20L)))),
                java.util.Set.of());
        assertEquals(1, offers.size(), "a qualified hop without its own preference joins the route's");
        assertEquals(9, offers.get(0).preference());
        assertEquals(2, ((net.archway.routing.rib.RouteAction.Forward) offers.get(0).action()).nextHops().size());
    }
}
