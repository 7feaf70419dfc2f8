package net.archway.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.netlink.Errno;
import net.archway.netlink.InvalidAddressException;
import net.archway.netlink.IpAddresses;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.testing.TestNamespace;

/** IPv4 and IPv6 interface addresses, checked against `ip -j addr show`. */
class AddressesIT {
    private TestNamespace ns;
    private Rtnetlink rtnl;
    private int aw0;

    @BeforeEach
    void setUp() {
        ns = TestNamespace.create("addr");
        rtnl = Rtnetlink.open(ns.name());
        rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
        rtnl.links().setUp("aw0");
        rtnl.links().setUp("aw1");
        aw0 = rtnl.links().indexOf("aw0");
    }

    @AfterEach
    void tearDown() {
        rtnl.close();
        ns.close();
    }

    private Set<String> ipAddresses(String dev) {
        Set<String> out = new TreeSet<>();
        for (JsonNode link : ns.ipJson("addr", "show", "dev", dev)) {
            for (JsonNode a : link.get("addr_info")) {
                if (!a.get("scope").asText().equals("link")) {
                    out.add(a.get("local").asText() + "/" + a.get("prefixlen").asInt());
                }
            }
        }
        return out;
    }

    private Set<String> ourAddresses() {
        Set<String> out = new TreeSet<>();
        for (InterfaceAddress a : rtnl.addresses().list(aw0)) {
            if (!a.scope().equals(RouteScope.LINK)) {
                out.add(IpAddresses.format(a.address()) + "/" + a.prefixLength());
            }
        }
        return out;
    }

    @Test
    void addListDeleteBothFamilies() {
        rtnl.addresses().add(InterfaceAddress.parse(aw0, "192.0.2.1/24"));
        rtnl.addresses().add(InterfaceAddress.parse(aw0, "198.51.100.1/30")
                .withBroadcast(IpAddresses.parse("198.51.100.3")));
        rtnl.addresses().add(InterfaceAddress.parse(aw0, "2001:db8::1/64").withoutDad());
        Set<String> expected = Set.of("192.0.2.1/24", "198.51.100.1/30", "2001:db8::1/64");
        assertEquals(new TreeSet<>(expected), ipAddresses("aw0"));
        assertEquals(new TreeSet<>(expected), ourAddresses());
        JsonNode brd = ns.ipJson("addr", "show", "dev", "aw0").get(0).get("addr_info");
        boolean found = false;
        for (JsonNode a : brd) {
            found |= "198.51.100.3".equals(a.path("broadcast").asText());
        }
        assertTrue(found, "broadcast address set");

        InterfaceAddress v6 = rtnl.addresses().list(aw0).stream()
                .filter(a -> IpAddresses.format(a.address()).equals("2001:db8::1")).findFirst().orElseThrow();
        assertTrue((v6.flags() & Rtnl.IFA_F_NODAD) != 0);
        assertTrue(!v6.isTentative(), "no DAD: usable at once");
        assertEquals("2001:db8::/64", v6.subnet().toString());

        rtnl.addresses().delete(InterfaceAddress.parse(aw0, "192.0.2.1/24"));
        rtnl.addresses().delete(InterfaceAddress.parse(aw0, "2001:db8::1/64"));
        assertEquals(new TreeSet<>(Set.of("198.51.100.1/30")), ipAddresses("aw0"));
        assertEquals(ipAddresses("aw0"), ourAddresses());
    }

    @Test
    void duplicateAndInvalidAddresses() {
        rtnl.addresses().add(InterfaceAddress.parse(aw0, "192.0.2.1/24"));
        NetlinkKernelException dup = assertThrows(NetlinkKernelException.class,
                () -> rtnl.addresses().add(InterfaceAddress.parse(aw0, "192.0.2.1/24")));
        assertEquals(Errno.EEXIST, dup.errno());
        rtnl.addresses().replace(InterfaceAddress.parse(aw0, "192.0.2.1/24"));

        assertThrows(InvalidAddressException.class, () -> InterfaceAddress.parse(aw0, "192.0.2.1/33"));
        assertThrows(InvalidAddressException.class, () -> InterfaceAddress.parse(aw0, "192.0.2.256/24"));
        assertThrows(InvalidAddressException.class, () -> InterfaceAddress.parse(aw0, "192.0.2.1"));
        NetlinkKernelException noDev = assertThrows(NetlinkKernelException.class,
                () -> rtnl.addresses().add(InterfaceAddress.parse(9999, "192.0.2.9/24")));
        assertEquals(Errno.ENODEV, noDev.errno());
        NetlinkKernelException gone = assertThrows(NetlinkKernelException.class,
                () -> rtnl.addresses().delete(InterfaceAddress.parse(aw0, "203.0.113.1/24")));
        assertEquals(Errno.EADDRNOTAVAIL, gone.errno());
        assertEquals(new TreeSet<>(Set.of("192.0.2.1/24")), ipAddresses("aw0"));
    }
}
