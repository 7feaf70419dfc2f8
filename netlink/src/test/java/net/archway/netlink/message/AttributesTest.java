package net.archway.netlink.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.archway.netlink.NetlinkProtocolException;
import net.archway.netlink.route.LinkCodec;
import net.archway.netlink.route.Rtnl;

/** The envelope: writing, nesting, reading, and what happens to malformed bytes from the kernel. */
class AttributesTest {
    private static ByteBuffer heap(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    }

    @Test
    void writesAlignedNestedAttributesAndReadsThemBack() {
        MessageWriter w = new MessageWriter(16);
        int msg = w.beginMessage(Rtnl.RTM_NEWLINK, Nl.NLM_F_REQUEST, 7, 0);
        w.zeros(Rtnl.IFINFOMSG_SIZE);
        w.attrString(Rtnl.IFLA_IFNAME, "aw0");
        int info = w.beginNested(Rtnl.IFLA_LINKINFO);
        w.attrText(Rtnl.IFLA_INFO_KIND, "vlan");
        int data = w.beginNested(Rtnl.IFLA_INFO_DATA);
        w.attrU16(Rtnl.IFLA_VLAN_ID, 100);
        w.endAttr(data);
        w.endAttr(info);
        w.attrU8(Rtnl.IFLA_OPERSTATE, 6);
        w.endMessage(msg);
        byte[] bytes = w.toByteArray();
        assertEquals(0, bytes.length % 4, "messages end aligned");
        assertEquals(bytes.length, heap(bytes).getInt(0));

        List<NetlinkMessage> read = new ArrayList<>();
        MessageReader.forEach(heap(bytes), read::add);
        assertEquals(1, read.size());
        NetlinkMessage m = read.get(0);
        assertEquals(7, m.seq());
        Attributes a = m.attributes(Rtnl.IFINFOMSG_SIZE, Rtnl.IFLA_MAX);
        assertEquals("aw0", a.string(Rtnl.IFLA_IFNAME));
        assertEquals(6, a.u8(Rtnl.IFLA_OPERSTATE));
        Attributes linkInfo = a.nested(Rtnl.IFLA_LINKINFO, Rtnl.IFLA_INFO_MAX);
        assertEquals("vlan", linkInfo.string(Rtnl.IFLA_INFO_KIND));
        assertEquals(100, linkInfo.nested(Rtnl.IFLA_INFO_DATA, Rtnl.IFLA_VLAN_MAX).u16(Rtnl.IFLA_VLAN_ID));
        assertEquals(new net.archway.netlink.route.LinkKind.Vlan(100, Rtnl.ETH_P_8021Q), LinkCodec.decode(m).kind());

        // the schema names the attribute at any byte of the message, nesting included
        int vlanIdOffset = bytes.length - 8 - 8 + 2; // inside IFLA_VLAN_ID's header
        String path = Rtnl.linkSchemaWithData(Rtnl.VLAN_ATTRS).pathAt(heap(bytes), 16 + Rtnl.IFINFOMSG_SIZE,
                bytes.length, vlanIdOffset);
        assertEquals("IFLA_LINKINFO/IFLA_INFO_DATA/IFLA_VLAN_ID", path);
    }

    @Test
    void attributesRunningPastTheirMessageAreRefused() {
        byte[] bad = new byte[24];
        ByteBuffer b = heap(bad);
        b.putShort(16, (short) 40); // an attribute claiming 40 bytes in a 24-byte message
        b.putShort(18, (short) 3);
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class, () -> Attributes.parse(b, 16, 24, 10));
        assertTrue(e.getMessage().contains("malformed attribute"), e.getMessage());
        b.putShort(16, (short) 2); // shorter than its own header
        assertThrows(NetlinkProtocolException.class, () -> Attributes.parse(b, 16, 24, 10));
    }

    @Test
    void messagesRunningPastTheirDatagramAreRefused() {
        byte[] bad = new byte[20];
        heap(bad).putInt(0, 64);
        assertThrows(NetlinkProtocolException.class, () -> MessageReader.forEach(heap(bad), m -> { }));
        heap(bad).putInt(0, 8);
        assertThrows(NetlinkProtocolException.class, () -> MessageReader.forEach(heap(bad), m -> { }));
    }

    @Test
    void unknownAndTruncatedAttributesDoNotBreakDecoding() {
        MessageWriter w = new MessageWriter(64);
        int msg = w.beginMessage(Rtnl.RTM_NEWLINK, 0, 1, 0);
        w.u8(0).u8(0).u16(0).u32(5).u32(Rtnl.IFF_UP).u32(0);
        w.attrU32(999, 1); // a type from a newer kernel
        w.attrString(Rtnl.IFLA_IFNAME, "eth0");
        w.attrU16(Rtnl.IFLA_MTU, 1500); // too short for a u32
        w.endMessage(msg);
        List<NetlinkMessage> read = new ArrayList<>();
        MessageReader.forEach(heap(w.toByteArray()), read::add);
        Attributes a = read.get(0).attributes(Rtnl.IFINFOMSG_SIZE, Rtnl.IFLA_MAX);
        assertFalse(a.has(999));
        assertThrows(NetlinkProtocolException.class, () -> a.u32(Rtnl.IFLA_MTU));
        assertThrows(NetlinkProtocolException.class, () -> LinkCodec.decode(read.get(0)));
    }

    @Test
    void oversizedAttributesAreRefusedWhenWritten() {
        MessageWriter w = new MessageWriter(64);
        assertThrows(IllegalArgumentException.class, () -> w.attr(1, new byte[70_000]));
        assertThrows(IllegalArgumentException.class, () -> w.fixed(new byte[20], 16));
    }
}
