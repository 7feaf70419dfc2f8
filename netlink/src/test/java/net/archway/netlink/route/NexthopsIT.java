package net.archway.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.netlink.Errno;
import net.archway.netlink.IpAddresses;
import net.archway.netlink.IpPrefix;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.testing.TestNamespace;

/** Kernel nexthop objects and groups, and routes through them, checked against `ip -j nexthop` and `ip -j route`. */
class NexthopsIT {
    private static final RouteProtocol ARCHWAY = RouteProtocol.valueOf(145);

    private static Set<String> gateways(JsonNode route) {
        Set<String> out = new TreeSet<>();
        if (route.has("nexthops")) {
            for (JsonNode nh : route.get("nexthops")) {
                out.add(nh.get("gateway").asText());
            }
        } else {
            out.add(route.get("gateway").asText());
        }
        return out;
    }

    @Test
    void groupsCarryRoutesAndMoveThemAtOnce() {
        try (TestNamespace ns = TestNamespace.create("nexthop"); Rtnetlink rtnl = Rtnetlink.open(ns.name())) {
            rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
            rtnl.links().setUp("aw0");
            rtnl.links().setUp("aw1");
            int aw0 = rtnl.links().indexOf("aw0");
            rtnl.addresses().add(InterfaceAddress.parse(aw0, "192.0.2.1/24"));
            var g2 = IpAddresses.parse("192.0.2.2");
            var g3 = IpAddresses.parse("192.0.2.3");

            rtnl.nexthops().add(NexthopObject.Single.via(1, g2, aw0, ARCHWAY));
            rtnl.nexthops().add(NexthopObject.Single.via(2, g3, aw0, ARCHWAY));
            rtnl.nexthops().add(NexthopObject.Single.blackhole(9, Rtnl.AF_INET, ARCHWAY));
            NexthopObject.Group both = NexthopObject.Group.of(3, ARCHWAY, NexthopObject.Member.of(1),
                    new NexthopObject.Member(2, 3));
            rtnl.nexthops().add(both);

            JsonNode ipGroup = null;
            for (JsonNode n : ns.ipJson("nexthop", "show")) {
                if (n.get("id").asInt() == 3) {
                    ipGroup = n;
                }
            }
            assertEquals(2, ipGroup.get("group").size());
            assertEquals(3, ipGroup.get("group").get(1).get("weight").asInt());
            List<NexthopObject> ours = rtnl.nexthops().list();
            assertEquals(4, ours.size());
            assertTrue(ours.contains(both), "group read back as written: " + ours);
            assertTrue(ours.contains(NexthopObject.Single.via(1, g2, aw0, ARCHWAY)), ours.toString());

            for (int i = 0; i < 50; i++) {
                rtnl.routes().add(Route.viaNexthopObject(IpPrefix.parse("10.70." + i + ".0/24"), ARCHWAY, 3));
            }
            JsonNode r = ns.ipJson("route", "show", "10.70.7.0/24").get(0);
            assertEquals(3, r.get("nhid").asInt());
            assertEquals(Set.of("192.0.2.2", "192.0.2.3"), gateways(r));
            Route read = rtnl.routes().list(Rtnl.AF_INET, Route.TABLE_MAIN, ARCHWAY.number()).get(0);
            assertEquals(3, read.nexthopId());
            assertEquals(2, read.nextHops().size(), "the kernel reports what the group resolves to");

            // one replacement moves every route that uses the group
            rtnl.nexthops().replace(NexthopObject.Group.of(3, ARCHWAY, NexthopObject.Member.of(2)));
            for (JsonNode route : ns.ipJson("route", "show", "proto", "145")) {
                assertEquals(Set.of("192.0.2.3"), gateways(route));
            }

            NetlinkKernelException dup = assertThrows(NetlinkKernelException.class,
                    () -> rtnl.nexthops().add(NexthopObject.Single.via(1, g3, aw0, ARCHWAY)));
            assertEquals(Errno.EEXIST, dup.errno());
            NetlinkKernelException missingMember = assertThrows(NetlinkKernelException.class,
                    () -> rtnl.nexthops().add(NexthopObject.Group.of(4, ARCHWAY, NexthopObject.Member.of(77))));
            assertTrue(missingMember.extAckMessage().isPresent(), missingMember.getMessage());
            NetlinkKernelException noSuchGroup = assertThrows(NetlinkKernelException.class, () -> rtnl.routes()
                    .add(Route.viaNexthopObject(IpPrefix.parse("10.71.0.0/24"), ARCHWAY, 77)));
            assertTrue(noSuchGroup.extAckMessage().orElse("").contains("exist"), noSuchGroup.getMessage());

            // deleting the group takes its routes with it (kernel behaviour Archway relies on)
            rtnl.nexthops().delete(3);
            assertEquals(0, ns.ipJson("route", "show", "proto", "145").size());
            assertEquals(3, rtnl.nexthops().list().size());
        }
    }
}
