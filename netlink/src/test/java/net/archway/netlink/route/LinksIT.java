package net.archway.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.netlink.Errno;
import net.archway.netlink.IpAddresses;
import net.archway.netlink.NamespaceNotFoundException;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.testing.TestNamespace;

/** Links through Archway, checked against `ip -j -d link show` in a throwaway namespace. */
class LinksIT {
    private TestNamespace ns;
    private Rtnetlink rtnl;

    @BeforeEach
    void setUp() {
        ns = TestNamespace.create("links");
        rtnl = Rtnetlink.open(ns.name());
    }

    @AfterEach
    void tearDown() {
        rtnl.close();
        ns.close();
    }

    private JsonNode ipLink(String name) {
        JsonNode all = ns.ipJson("-d", "link", "show", "dev", name);
        assertEquals(1, all.size(), "ip shows " + name);
        return all.get(0);
    }

    @Test
    void listMatchesIp() {
        rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
        Map<String, Integer> ours = new HashMap<>();
        for (Link l : rtnl.links().list()) {
            ours.put(l.name(), l.index());
        }
        Map<String, Integer> theirs = new HashMap<>();
        for (JsonNode l : ns.ipJson("link", "show")) {
            theirs.put(l.get("ifname").asText(), l.get("ifindex").asInt());
        }
        assertEquals(theirs, ours);
        Link lo = rtnl.links().require("lo");
        assertTrue(lo.isLoopback());
        assertTrue(lo.isUp());
        assertInstanceOf(LinkKind.Device.class, lo.kind());
    }

    @Test
    void createsEachKindTheKernelHas() {
        rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
        rtnl.links().create(new LinkSpec.Bridge("awbr0"));
        rtnl.links().create(new LinkSpec.Macvlan("awmv0", "aw0", LinkKind.Macvlan.BRIDGE));
        rtnl.links().create(new LinkSpec.Vxlan("awvx0", 42, 4789, IpAddresses.parse("192.0.2.1"),
                IpAddresses.parse("192.0.2.2"), "aw0"));

        assertEquals("veth", ipLink("aw0").at("/linkinfo/info_kind").asText());
        assertEquals("aw1", ipLink("aw0").get("link").asText());
        assertEquals("bridge", ipLink("awbr0").at("/linkinfo/info_kind").asText());
        JsonNode mv = ipLink("awmv0");
        assertEquals("macvlan", mv.at("/linkinfo/info_kind").asText());
        assertEquals("bridge", mv.at("/linkinfo/info_data/mode").asText());
        JsonNode vx = ipLink("awvx0");
        assertEquals(42, vx.at("/linkinfo/info_data/id").asInt());
        assertEquals(4789, vx.at("/linkinfo/info_data/port").asInt());
        assertEquals("192.0.2.1", vx.at("/linkinfo/info_data/local").asText());
        assertEquals("192.0.2.2", vx.at("/linkinfo/info_data/remote").asText());

        // and Archway reads back what it made
        assertInstanceOf(LinkKind.Veth.class, rtnl.links().require("aw0").kind());
        assertEquals(rtnl.links().indexOf("aw1"), rtnl.links().require("aw0").parentIndex());
        assertInstanceOf(LinkKind.Bridge.class, rtnl.links().require("awbr0").kind());
        assertEquals(new LinkKind.Macvlan(LinkKind.Macvlan.BRIDGE), rtnl.links().require("awmv0").kind());
        LinkKind.Vxlan v = (LinkKind.Vxlan) rtnl.links().require("awvx0").kind();
        assertEquals(42, v.vni());
        assertEquals(4789, v.port());
        assertEquals(IpAddresses.parse("192.0.2.2"), v.remote());
        assertEquals(rtnl.links().indexOf("aw0"), v.underlayIndex());
    }

    @Test
    void upDownMtuRenameAliasDelete() {
        rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
        assertFalse(rtnl.links().require("aw0").isUp());
        rtnl.links().setUp("aw0");
        rtnl.links().setUp("aw1");
        assertTrue(ipLink("aw0").get("flags").toString().contains("\"UP\""));
        assertTrue(rtnl.links().require("aw0").isUp());
        assertTrue(rtnl.links().require("aw0").isLowerUp());

        rtnl.links().setMtu("aw0", 1400);
        assertEquals(1400, ipLink("aw0").get("mtu").asInt());
        assertEquals(1400, rtnl.links().require("aw0").mtu());

        rtnl.links().setAlias("aw0", "to cloud");
        assertEquals("to cloud", ipLink("aw0").get("ifalias").asText());
        assertEquals("to cloud", rtnl.links().require("aw0").alias());

        rtnl.links().setDown("aw0");
        assertFalse(ipLink("aw0").get("flags").toString().contains("\"UP\""));

        rtnl.links().rename("aw0", "aw9");
        assertTrue(rtnl.links().get("aw0").isEmpty());
        assertEquals("veth", ipLink("aw9").at("/linkinfo/info_kind").asText());

        rtnl.links().delete("aw9");
        assertTrue(rtnl.links().get("aw9").isEmpty());
        assertTrue(rtnl.links().get("aw1").isEmpty(), "deleting one end of a veth removes both");
        assertEquals(1, ns.ipJson("link", "show").size());
    }

    @Test
    void vethPeerAndLinksMoveBetweenNamespaces() {
        try (TestNamespace other = TestNamespace.create("links-other"); Rtnetlink there = Rtnetlink.open(other.name())) {
            rtnl.links().create(new LinkSpec.Veth("aw0", "aw1", other.name()));
            assertTrue(rtnl.links().get("aw1").isEmpty());
            assertEquals("veth", other.ipJson("-d", "link", "show", "dev", "aw1").get(0).at("/linkinfo/info_kind").asText());

            rtnl.links().create(new LinkSpec.Veth("aw5", "aw6"));
            rtnl.links().moveToNamespace("aw6", other.name());
            assertTrue(rtnl.links().get("aw6").isEmpty());
            assertTrue(there.links().get("aw6").isPresent());

            // a bridge is local to its namespace: the kernel says so, and it stays where it is
            rtnl.links().create(new LinkSpec.Bridge("awbr0"));
            NetlinkKernelException local = assertThrows(NetlinkKernelException.class,
                    () -> rtnl.links().moveToNamespace("awbr0", other.name()));
            assertTrue(local.extAckMessage().orElse("").contains("netns is immutable"), local.getMessage());
            assertTrue(rtnl.links().get("awbr0").isPresent());
        }
    }

    @Test
    void linksTheBuildKernelLacksFailWithTheKernelsReason() {
        rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
        List<Link> before = rtnl.links().list();
        // No 802.1Q and no XFRM interfaces on the build machines (ARCHITECTURE.md); the VM test bed covers them.
        NetlinkKernelException vlan = assertThrows(NetlinkKernelException.class,
                () -> rtnl.links().create(new LinkSpec.Vlan("aw0.100", "aw0", 100)));
        assertEquals(Errno.EOPNOTSUPP, vlan.errno());
        assertTrue(vlan.getMessage().contains("RTM_NEWLINK vlan aw0.100"), vlan.getMessage());
        assertTrue(vlan.extAckMessage().orElse("").contains("Unknown device type"), vlan.getMessage());
        assertThrows(NetlinkKernelException.class, () -> rtnl.links().create(new LinkSpec.Xfrm("st0", "aw0", 7)));
        assertEquals(before.stream().map(Link::name).sorted().toList(),
                rtnl.links().list().stream().map(Link::name).sorted().toList(), "nothing half-created");
    }

    @Test
    void badInputGivesTypedErrors() {
        LinkNotFoundException missing = assertThrows(LinkNotFoundException.class, () -> rtnl.links().setUp("nope0"));
        assertEquals("nope0", missing.link());
        assertTrue(missing.getMessage().contains(ns.name()));
        assertThrows(LinkNotFoundException.class,
                () -> rtnl.links().create(new LinkSpec.Macvlan("awmv0", "nope0", LinkKind.Macvlan.BRIDGE)));
        assertThrows(NamespaceNotFoundException.class,
                () -> rtnl.links().create(new LinkSpec.Veth("aw0", "aw1", "aw-no-such-namespace")));
        assertTrue(rtnl.links().get("aw0").isEmpty(), "the veth was not created without its peer's namespace");

        rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
        NetlinkKernelException dup = assertThrows(NetlinkKernelException.class,
                () -> rtnl.links().create(new LinkSpec.Veth("aw0", "aw2")));
        assertEquals(Errno.EEXIST, dup.errno());
        assertTrue(rtnl.links().get("aw2").isEmpty(), "no stray peer left behind");

        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> rtnl.links().create(new LinkSpec.Bridge("a-name-longer-than-ifnamsiz")));
        assertTrue(tooLong.getMessage().contains("1-15 characters"));
        assertThrows(IllegalArgumentException.class, () -> rtnl.links().rename("aw0", "eth0/1"));
        NetlinkKernelException badMtu = assertThrows(NetlinkKernelException.class, () -> rtnl.links().setMtu("aw0", 20));
        assertTrue(badMtu.extAckMessage().orElse("").contains("mtu"), badMtu.getMessage());
        assertEquals(1500, rtnl.links().require("aw0").mtu());
    }
}
