package net.archway.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.netlink.Errno;
import net.archway.netlink.IpAddresses;
import net.archway.netlink.IpPrefix;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.testing.TestNamespace;

/**
 * Every kind of route Archway programs, both families, checked route by route against
 * `ip -j route show table all`: destination, table, type, protocol, metric and next hops.
 */
class RoutesIT {
    static final RouteProtocol ARCHWAY = RouteProtocol.valueOf(145);

    private TestNamespace ns;
    private Rtnetlink rtnl;
    private int aw0;
    private int aw2;

    @BeforeEach
    void setUp() {
        ns = TestNamespace.create("routes");
        rtnl = Rtnetlink.open(ns.name());
        rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
        rtnl.links().create(new LinkSpec.Veth("aw2", "aw3"));
        for (String l : List.of("aw0", "aw1", "aw2", "aw3")) {
            rtnl.links().setUp(l);
        }
        aw0 = rtnl.links().indexOf("aw0");
        aw2 = rtnl.links().indexOf("aw2");
        rtnl.addresses().add(InterfaceAddress.parse(aw0, "192.0.2.1/24"));
        rtnl.addresses().add(InterfaceAddress.parse(aw2, "198.51.100.1/24"));
        rtnl.addresses().add(InterfaceAddress.parse(aw0, "2001:db8::1/64").withoutDad());
        rtnl.addresses().add(InterfaceAddress.parse(aw2, "2001:db8:2::1/64").withoutDad());
    }

    @AfterEach
    void tearDown() {
        rtnl.close();
        ns.close();
    }

    static IpPrefix p(String s) {
        return IpPrefix.parse(s);
    }

    static java.net.InetAddress ip(String s) {
        return IpAddresses.parse(s);
    }

    /** A route as a line both sides can print: what the kernel keeps, with interfaces by index. */
    static String canon(Route r) {
        StringBuilder sb = new StringBuilder(r.destination().toString()).append(" table ")
                .append(Integer.toUnsignedString(r.table())).append(' ').append(r.type().name()).append(" proto ")
                .append(r.protocol().number()).append(" metric ").append(Integer.toUnsignedString(r.metric()));
        for (NextHop nh : r.nextHops()) {
            sb.append(" [").append(nh.gateway() == null ? "-" : IpAddresses.format(nh.gateway())).append(" dev ")
                    .append(nh.ifindex()).append(r.isMultipath() ? " weight " + nh.weight() : "").append(']');
        }
        return sb.toString();
    }

    /** The same line from one entry of `ip -j route show table all`. */
    static String canon(JsonNode j, int family, Map<String, Integer> indexes) {
        String dst = j.get("dst").asText();
        if (dst.equals("default")) {
            dst = family == Rtnl.AF_INET ? "0.0.0.0/0" : "::/0";
        } else if (!dst.contains("/")) {
            dst = dst + (family == Rtnl.AF_INET ? "/32" : "/128");
        }
        String table = j.has("table") ? j.get("table").asText() : "main";
        table = switch (table) {
            case "main" -> "254";
            case "local" -> "255";
            case "default" -> "253";
            default -> table;
        };
        String type = j.has("type") ? j.get("type").asText() : "unicast";
        int protocol = j.has("protocol") ? RouteProtocol.parse(j.get("protocol").asText()).number() : 0;
        StringBuilder sb = new StringBuilder(IpPrefix.parse(dst).toString()).append(" table ").append(table).append(' ')
                .append(RouteType.parse(type).name()).append(" proto ").append(protocol).append(" metric ")
                .append(j.path("metric").asLong(0));
        if (RouteCodec.isReject(RouteType.parse(type))) {
            // ip shows IPv6 reject routes on lo; the kernel keeps no next hop for them
        } else if (j.has("nexthops")) {
            for (JsonNode nh : j.get("nexthops")) {
                sb.append(" [").append(nh.path("gateway").asText("-")).append(" dev ")
                        .append(indexes.get(nh.get("dev").asText())).append(" weight ").append(nh.path("weight").asInt(1))
                        .append(']');
            }
        } else if (j.has("gateway") || j.has("dev")) {
            sb.append(" [").append(j.path("gateway").asText("-")).append(" dev ")
                    .append(j.has("dev") ? indexes.get(j.get("dev").asText()) : 0).append(']');
        }
        return sb.toString();
    }

    private Set<String> ipRoutes(int family) {
        Map<String, Integer> indexes = new HashMap<>();
        for (Link l : rtnl.links().list()) {
            indexes.put(l.name(), l.index());
        }
        Set<String> out = new TreeSet<>();
        for (JsonNode j : ns.ipJson(family == Rtnl.AF_INET ? "-4" : "-6", "route", "show", "table", "all")) {
            out.add(canon(j, family, indexes));
        }
        return out;
    }

    private Set<String> ourRoutes(int family) {
        Set<String> out = new TreeSet<>();
        for (Route r : rtnl.routes().list(family)) {
            out.add(canon(r));
        }
        return out;
    }

    private void assertKernelAgrees() {
        assertEquals(ipRoutes(Rtnl.AF_INET), ourRoutes(Rtnl.AF_INET), "IPv4 routes as ip and Archway read them");
        assertEquals(ipRoutes(Rtnl.AF_INET6), ourRoutes(Rtnl.AF_INET6), "IPv6 routes as ip and Archway read them");
    }

    @Test
    void everyKindOfRouteRoundTrips() {
        List<Route> routes = new ArrayList<>();
        routes.add(Route.unicast(p("10.1.0.0/16"), ARCHWAY, NextHop.via(ip("192.0.2.2"), aw0)).withMetric(10));
        routes.add(Route.unicast(p("10.2.0.0/16"), ARCHWAY, NextHop.via(ip("192.0.2.2"))));
        routes.add(Route.unicast(p("10.3.0.0/16"), ARCHWAY, NextHop.dev(aw2)));
        routes.add(Route.unicast(p("10.4.0.0/16"), ARCHWAY, NextHop.via(ip("192.0.2.2"), aw0).withWeight(1),
                NextHop.via(ip("198.51.100.2"), aw2).withWeight(3)));
        routes.add(Route.unicast(p("0.0.0.0/0"), ARCHWAY, NextHop.via(ip("192.0.2.254"), aw0)).withMetric(100));
        routes.add(Route.unicast(p("10.5.0.0/16"), ARCHWAY, NextHop.via(ip("198.51.100.2"), aw2)).withTable(1000));
        routes.add(Route.unicast(p("10.6.0.0/16"), ARCHWAY, NextHop.via(ip("192.0.2.2"), aw0))
                .withPreferredSource(ip("192.0.2.1")));
        routes.add(Route.reject(p("10.66.0.0/16"), RouteType.BLACKHOLE, ARCHWAY));
        routes.add(Route.reject(p("10.67.0.0/16"), RouteType.UNREACHABLE, ARCHWAY).withMetric(50));
        routes.add(Route.reject(p("10.68.0.0/16"), RouteType.PROHIBIT, ARCHWAY).withTable(200));
        routes.add(Route.unicast(p("2001:db8:10::/48"), ARCHWAY, NextHop.via(ip("2001:db8::2"), aw0)).withMetric(1024));
        routes.add(Route.unicast(p("2001:db8:11::/48"), ARCHWAY, NextHop.via(ip("2001:db8::2"), aw0).withWeight(2),
                NextHop.via(ip("2001:db8:2::2"), aw2).withWeight(1)).withMetric(1024));
        routes.add(Route.reject(p("2001:db8:66::/48"), RouteType.BLACKHOLE, ARCHWAY).withMetric(1024));
        for (Route r : routes) {
            rtnl.routes().add(r);
        }
        assertKernelAgrees();

        Set<String> ours = new TreeSet<>(ourRoutes(Rtnl.AF_INET));
        ours.addAll(ourRoutes(Rtnl.AF_INET6));
        for (Route r : routes) {
            // an unspecified gateway device is resolved by the kernel: compare what we can state
            if (r.nextHops().size() == 1 && r.nextHops().get(0).ifindex() == 0) {
                continue;
            }
            assertTrue(ours.contains(canon(r)), "kernel holds " + canon(r) + " among " + ours);
        }

        // ip agrees on the preferred source too
        JsonNode src = ns.ipJson("route", "show", "10.6.0.0/16");
        assertEquals("192.0.2.1", src.get(0).get("prefsrc").asText());

        // filtered dumps: by table, and by protocol
        List<Route> t1000 = rtnl.routes().list(Rtnl.AF_INET, 1000, 0);
        assertEquals(List.of("10.5.0.0/16"), t1000.stream().map(r -> r.destination().toString()).toList());
        assertEquals(List.of(), rtnl.routes().list(Rtnl.AF_INET, 4242, 0), "a table that does not exist is empty");
        List<Route> mine = rtnl.routes().list(Rtnl.AF_INET, 0, ARCHWAY.number());
        assertEquals(10, mine.size(), "every IPv4 route added above, in every table");
        assertTrue(mine.stream().allMatch(r -> r.protocol().equals(ARCHWAY)));
    }

    @Test
    void replaceAndDelete() {
        Route r = Route.unicast(p("10.1.0.0/16"), ARCHWAY, NextHop.via(ip("192.0.2.2"), aw0)).withMetric(10);
        rtnl.routes().add(r);
        Route moved = r.withNextHops(List.of(NextHop.via(ip("198.51.100.2"), aw2)));
        rtnl.routes().replace(moved);
        JsonNode j = ns.ipJson("route", "show", "10.1.0.0/16");
        assertEquals(1, j.size());
        assertEquals("198.51.100.2", j.get(0).get("gateway").asText());

        Route ecmp = r.withNextHops(List.of(NextHop.via(ip("192.0.2.2"), aw0), NextHop.via(ip("198.51.100.2"), aw2)));
        rtnl.routes().replace(ecmp);
        assertEquals(2, ns.ipJson("route", "show", "10.1.0.0/16").get(0).get("nexthops").size());
        assertKernelAgrees();

        rtnl.routes().delete(ecmp);
        assertEquals(0, ns.ipJson("route", "show", "10.1.0.0/16").size());

        Route v6 = Route.unicast(p("2001:db8:10::/48"), ARCHWAY, NextHop.via(ip("2001:db8::2"), aw0)).withMetric(1024);
        rtnl.routes().add(v6);
        rtnl.routes().delete(v6);
        assertEquals(0, ns.ipJson("-6", "route", "show", "2001:db8:10::/48").size());
    }

    @Test
    void refusedRoutesChangeNothing() {
        Route r = Route.unicast(p("10.1.0.0/16"), ARCHWAY, NextHop.via(ip("192.0.2.2"), aw0)).withMetric(10);
        rtnl.routes().add(r);
        Set<String> before = ipRoutes(Rtnl.AF_INET);

        NetlinkKernelException dup = assertThrows(NetlinkKernelException.class, () -> rtnl.routes().add(r));
        assertEquals(Errno.EEXIST, dup.errno());
        assertTrue(dup.getMessage().contains("RTM_NEWROUTE 10.1.0.0/16 via 192.0.2.2"), dup.getMessage());

        NetlinkKernelException noDev = assertThrows(NetlinkKernelException.class, () -> rtnl.routes().add(
                Route.unicast(p("10.9.0.0/16"), ARCHWAY, NextHop.dev(9999))));
        assertEquals(Errno.ENODEV, noDev.errno());

        NetlinkKernelException unreachable = assertThrows(NetlinkKernelException.class, () -> rtnl.routes().add(
                Route.unicast(p("10.9.0.0/16"), ARCHWAY, NextHop.via(ip("203.0.113.9"), aw0))));
        assertEquals(Errno.ENETUNREACH, unreachable.errno());
        assertTrue(unreachable.extAckMessage().isPresent(), "the kernel says why: " + unreachable.getMessage());

        // one bad next hop refuses the whole multipath route: nothing half-applied
        assertThrows(NetlinkKernelException.class, () -> rtnl.routes().add(Route.unicast(p("10.10.0.0/16"), ARCHWAY,
                NextHop.via(ip("192.0.2.2"), aw0), NextHop.via(ip("203.0.113.9"), aw2))));

        NetlinkKernelException missing = assertThrows(NetlinkKernelException.class, () -> rtnl.routes().delete(
                Route.unicast(p("10.99.0.0/16"), ARCHWAY, NextHop.via(ip("192.0.2.2"), aw0))));
        assertEquals(Errno.ESRCH, missing.errno());

        assertEquals(before, ipRoutes(Rtnl.AF_INET));
    }
}
