package net.archway.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.archway.netlink.message.Nl;
import net.archway.netlink.route.LinkSpec;
import net.archway.netlink.route.Rtnetlink;
import net.archway.netlink.route.Rtnl;
import net.archway.netlink.testing.TestNamespace;

/**
 * The kernel's extended ACK: its text and the attribute it points at, named by path. The
 * requests are built by hand to break the kernel's attribute policy on purpose.
 */
class KernelErrorIT {
    @Test
    void theOffendingAttributeIsNamed() {
        try (TestNamespace ns = TestNamespace.create("ext-ack"); Rtnetlink rtnl = Rtnetlink.open(ns.name())) {
            NetlinkRequest shortPriority = new SimpleRequest(Rtnl.RTM_NEWROUTE, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL,
                    Rtnl.RTMSG_SIZE, Rtnl.ROUTE_ATTRS, "RTM_NEWROUTE with a 2-byte RTA_PRIORITY", w -> {
                w.u8(Rtnl.AF_INET).u8(8).u8(0).u8(0).u8(254).u8(4).u8(0).u8(6).u32(0);
                w.attr(Rtnl.RTA_DST, new byte[] {10, 0, 0, 0});
                w.attrU16(Rtnl.RTA_PRIORITY, 5);
            });
            NetlinkKernelException e = assertThrows(NetlinkKernelException.class,
                    () -> rtnl.connection().execute(shortPriority));
            assertTrue(e.extAckMessage().isPresent(), e.getMessage());
            assertEquals("RTA_PRIORITY", e.offendingAttribute().orElse(null), e.getMessage());
            assertTrue(e.getMessage().contains("[attribute RTA_PRIORITY]"), e.getMessage());

            // nested three deep: the veth peer's IFLA_MTU
            NetlinkRequest badPeer = new SimpleRequest(Rtnl.RTM_NEWLINK, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL,
                    Rtnl.IFINFOMSG_SIZE, Rtnl.VETH_LINK_ATTRS, "RTM_NEWLINK veth with a 2-byte peer MTU", w -> {
                w.zeros(Rtnl.IFINFOMSG_SIZE);
                w.attrString(Rtnl.IFLA_IFNAME, "aw0");
                int info = w.beginNested(Rtnl.IFLA_LINKINFO);
                w.attrText(Rtnl.IFLA_INFO_KIND, "veth");
                int data = w.beginNested(Rtnl.IFLA_INFO_DATA);
                int peer = w.beginAttr(Rtnl.VETH_INFO_PEER);
                w.zeros(Rtnl.IFINFOMSG_SIZE);
                w.attrString(Rtnl.IFLA_IFNAME, "aw1");
                w.attrU16(Rtnl.IFLA_MTU, 1500);
                w.endAttr(peer);
                w.endAttr(data);
                w.endAttr(info);
            });
            NetlinkKernelException nested = assertThrows(NetlinkKernelException.class,
                    () -> rtnl.connection().execute(badPeer));
            assertEquals("IFLA_LINKINFO/IFLA_INFO_DATA/VETH_INFO_PEER/IFLA_MTU", nested.offendingAttribute().orElse(null),
                    nested.getMessage());
            assertTrue(rtnl.links().get("aw0").isEmpty(), "nothing half-created");

            // and the connection is still good for the next request
            rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
            assertTrue(rtnl.links().get("aw1").isPresent());
        }
    }
}
