package net.archway.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.netlink.IpAddresses;
import net.archway.netlink.testing.TestNamespace;

/** The ARP and NDP caches, checked against `ip -j neigh show`. */
class NeighboursIT {
    @Test
    void dumpMatchesIp() {
        try (TestNamespace ns = TestNamespace.create("neigh"); Rtnetlink rtnl = Rtnetlink.open(ns.name())) {
            rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
            rtnl.links().setUp("aw0");
            rtnl.links().setUp("aw1");
            ns.ip("addr", "add", "192.0.2.1/24", "dev", "aw0");
            ns.ip("neigh", "add", "192.0.2.9", "lladdr", "02:00:00:00:00:09", "dev", "aw0", "nud", "permanent");
            ns.ip("neigh", "add", "2001:db8::9", "lladdr", "02:00:00:00:00:0a", "dev", "aw0", "nud", "permanent");

            // IPv6 adds and drops multicast (NOARP) entries as the links come up: compare the unicast ones
            Set<String> theirs = new TreeSet<>();
            for (JsonNode n : ns.ipJson("neigh", "show", "nud", "all")) {
                if (IpAddresses.parse(n.get("dst").asText()).isMulticastAddress()) {
                    continue;
                }
                theirs.add(n.get("dst").asText() + " " + n.get("dev").asText() + " " + n.path("lladdr").asText("-"));
            }
            Set<String> ours = new TreeSet<>();
            for (Neighbour n : rtnl.neighbours().list(Rtnl.AF_UNSPEC)) {
                if (n.address().isMulticastAddress()) {
                    continue;
                }
                String dev = rtnl.links().get(n.index()).orElseThrow().name();
                ours.add(IpAddresses.format(n.address()) + " " + dev + " " + (n.macAddress() == null ? "-" : n.macAddress()));
            }
            assertEquals(theirs, ours);
            Neighbour nine = rtnl.neighbours().list(Rtnl.AF_INET).stream()
                    .filter(n -> IpAddresses.format(n.address()).equals("192.0.2.9")).findFirst().orElseThrow();
            assertEquals(Neighbour.NUD_PERMANENT, nine.state());
            assertEquals(true, nine.isResolved());
        }
    }
}
