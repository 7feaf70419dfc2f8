package net.archway.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import net.archway.netlink.IpAddresses;
import net.archway.netlink.NetlinkSubscription;
import net.archway.netlink.testing.TestNamespace;

/** Changes made with `ip` arrive as typed events on a subscription. */
class EventsIT {
    private static RtnetlinkEvent await(BlockingQueue<RtnetlinkEvent> events, String what,
                                        Predicate<RtnetlinkEvent> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            RtnetlinkEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && match.test(e)) {
                return e;
            }
        }
        fail("no event for " + what + " within 5 s");
        return null;
    }

    @Test
    void linkAddressAndRouteChangesArrive() throws Exception {
        try (TestNamespace ns = TestNamespace.create("events"); Rtnetlink rtnl = Rtnetlink.open(ns.name())) {
            BlockingQueue<RtnetlinkEvent> events = new LinkedBlockingQueue<>();
            int[] overruns = {0};
            try (NetlinkSubscription sub = rtnl.subscribe(EnumSet.allOf(RtnetlinkEvent.Group.class), events::add,
                    () -> overruns[0]++)) {
                ns.ip("link", "add", "aw0", "type", "veth", "peer", "name", "aw1");
                RtnetlinkEvent.LinkChanged link = (RtnetlinkEvent.LinkChanged) await(events, "link aw0 added",
                        e -> e instanceof RtnetlinkEvent.LinkChanged l && !l.removed() && l.link().name().equals("aw0"));
                assertTrue(link.link().kind() instanceof LinkKind.Veth);

                ns.ip("link", "set", "aw0", "up");
                ns.ip("link", "set", "aw1", "up");
                await(events, "aw0 up", e -> e instanceof RtnetlinkEvent.LinkChanged l && l.link().name().equals("aw0")
                        && l.link().isUp());

                ns.ip("addr", "add", "192.0.2.1/24", "dev", "aw0");
                RtnetlinkEvent.AddressChanged addr = (RtnetlinkEvent.AddressChanged) await(events, "address added",
                        e -> e instanceof RtnetlinkEvent.AddressChanged a && !a.removed()
                                && IpAddresses.format(a.address().address()).equals("192.0.2.1"));
                assertEquals(24, addr.address().prefixLength());

                ns.ip("route", "add", "10.1.0.0/16", "via", "192.0.2.2", "proto", "145");
                RtnetlinkEvent.RouteChanged route = (RtnetlinkEvent.RouteChanged) await(events, "route added",
                        e -> e instanceof RtnetlinkEvent.RouteChanged r && !r.removed()
                                && r.route().destination().toString().equals("10.1.0.0/16"));
                assertEquals(145, route.route().protocol().number());
                assertEquals("192.0.2.2", IpAddresses.format(route.route().nextHops().get(0).gateway()));

                ns.ip("-6", "route", "add", "2001:db8:1::/48", "dev", "aw0");
                await(events, "IPv6 route added", e -> e instanceof RtnetlinkEvent.RouteChanged r && !r.removed()
                        && r.route().destination().toString().equals("2001:db8:1::/48"));

                ns.ip("route", "del", "10.1.0.0/16");
                await(events, "route removed", e -> e instanceof RtnetlinkEvent.RouteChanged r && r.removed()
                        && r.route().destination().toString().equals("10.1.0.0/16"));

                ns.ip("rule", "add", "from", "10.9.0.0/16", "table", "100", "priority", "900");
                await(events, "rule added", e -> e instanceof RtnetlinkEvent.RuleChanged r && !r.removed()
                        && r.rule().priority() == 900);

                ns.ip("link", "del", "aw0");
                await(events, "link removed", e -> e instanceof RtnetlinkEvent.LinkChanged l && l.removed()
                        && l.link().name().equals("aw0"));
                assertTrue(sub.isRunning());
            }
            assertEquals(0, overruns[0]);
        }
    }
}
