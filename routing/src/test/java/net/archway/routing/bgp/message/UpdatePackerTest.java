package net.archway.routing.bgp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;

class UpdatePackerTest {
    private static final UpdateContext CTX = UpdateContext.ebgp(65000, 65001);
    /** The peer's view: it decodes what AS 65000 sent. */
    private static final UpdateContext PEER = UpdateContext.ebgp(65001, 65000);
    private static final PathAttributes V4 = PathAttributes.builder().asPath(AsPath.sequence(65000, 65100))
            .nextHop(NextHop.of(Prefix.parseAddress("192.0.2.1", ""))).multiExitDisc(5)
            .communities(Communities.of(Communities.community(65000, 1))).largeCommunities(LargeCommunities.of(65000, 1, 2)).build();
    private static final PathAttributes V6 = V4.withNextHop(NextHop.of(Prefix.parseAddress("2001:db8::1", ""),
            Prefix.parseAddress("fe80::1", "")));

    private static List<byte[]> collect(java.util.function.Consumer<UpdatePacker.Sink> body) {
        List<byte[]> out = new ArrayList<>();
        body.accept((b, off, len) -> out.add(Arrays.copyOfRange(b, off, off + len)));
        return out;
    }

    private static List<Prefix> v4(int n) {
        List<Prefix> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Prefix.ipv4(0x0a000000 | i << 8, 24));
        }
        return out;
    }

    private static List<Prefix> v6(int n) {
        List<Prefix> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Prefix.ipv6(0x20010db800000000L | (long) i << 16, 0, 48));
        }
        return out;
    }

    private static List<Prefix> decodeAll(List<byte[]> messages, PathAttributes expected) throws Exception {
        List<Prefix> got = new ArrayList<>();
        for (byte[] m : messages) {
            assertTrue(m.length <= 4096);
            UpdateMessage u = (UpdateMessage) MessageCodec.decode(m, PEER);
            assertEquals(ErrorHandling.NONE, u.errorHandling());
            if (expected == null) {
                got.addAll(u.withdrawn());
            } else {
                assertEquals(1, u.announced().size());
                assertEquals(expected, u.announced().get(0).attributes());
                got.addAll(u.announced().get(0).prefixes());
            }
        }
        return got;
    }

    @Test
    void ipv4PrefixesFillEveryMessageButTheLast() throws Exception {
        List<Prefix> prefixes = v4(5000);
        UpdatePacker packer = new UpdatePacker(CTX);
        List<byte[]> messages = collect(s -> packer.announce(V4, prefixes, s));
        assertEquals(prefixes, decodeAll(messages, V4));
        int attrs = UpdateCodec.attributeBlock(V4, CTX, true).length;
        int perMessage = (4096 - 23 - attrs) / 4;
        assertEquals((5000 + perMessage - 1) / perMessage, messages.size());
        for (int i = 0; i < messages.size() - 1; i++) {
            assertTrue(messages.get(i).length > 4096 - 4, "message " + i + " has room left: " + messages.get(i).length);
        }
    }

    @Test
    void ipv6PrefixesGoInMpReachNlriFirst() throws Exception {
        List<Prefix> prefixes = v6(3000);
        UpdatePacker packer = new UpdatePacker(CTX);
        List<byte[]> messages = collect(s -> packer.announce(V6, prefixes, s));
        assertEquals(prefixes, decodeAll(messages, V6));
        for (byte[] m : messages) {
            assertEquals(0x90, m[23] & 0xff, "MP_REACH_NLRI is the first attribute, with Extended Length");
            assertEquals(14, m[24]);
        }
        for (int i = 0; i < messages.size() - 1; i++) {
            assertTrue(messages.get(i).length > 4096 - 7, "message " + i + ": " + messages.get(i).length);
        }
    }

    @Test
    void withdrawalsOfBothFamiliesArePackedSeparately() throws Exception {
        List<Prefix> mixed = new ArrayList<>(v4(2000));
        mixed.addAll(v6(2000));
        java.util.Collections.shuffle(mixed, new java.util.Random(1));
        UpdatePacker packer = new UpdatePacker(CTX);
        List<byte[]> messages = collect(s -> packer.withdraw(mixed, s));
        List<Prefix> got = decodeAll(messages, null);
        assertEquals(new java.util.HashSet<>(mixed), new java.util.HashSet<>(got));
        assertEquals(mixed.size(), got.size());
        assertTrue(messages.size() <= 2 + (2000 * 4) / 4073 + (2000 * 7) / 4066 + 1, "messages: " + messages.size());
    }

    @Test
    void variousPrefixLengthsRoundTrip() throws Exception {
        List<Prefix> prefixes = List.of(Prefix.parse("0.0.0.0/0"), Prefix.parse("10.0.0.0/8"), Prefix.parse("10.128.0.0/9"),
                Prefix.parse("192.0.2.1/32"), Prefix.parse("198.51.100.0/23"));
        UpdatePacker packer = new UpdatePacker(CTX);
        assertEquals(prefixes, decodeAll(collect(s -> packer.announce(V4, prefixes, s)), V4));
        List<Prefix> six = List.of(Prefix.parse("::/0"), Prefix.parse("2001:db8::/32"), Prefix.parse("2001:db8:0:1::/64"),
                Prefix.parse("2001:db8::1/128"), Prefix.parse("2001:db8:8000::/33"));
        assertEquals(six, decodeAll(collect(s -> packer.announce(V6, six, s)), V6));
    }

    @Test
    void attributesTooLongForAnyPrefixAreRefused() {
        long[] huge = new long[1100];
        Arrays.fill(huge, 65000);
        PathAttributes big = V4.toBuilder().asPath(AsPath.sequence(huge)).build();
        UpdatePacker packer = new UpdatePacker(CTX);
        assertFalse(packer.fits(big, Family.IPV4_UNICAST));
        assertTrue(packer.fits(V4, Family.IPV4_UNICAST));
        assertThrows(IllegalArgumentException.class, () -> packer.announce(big, v4(1), (b, o, l) -> { }));
    }

    @Test
    void nextHopMustFitTheFamily() {
        UpdatePacker packer = new UpdatePacker(CTX);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> packer.announce(V6, v4(1), (b, o, l) -> { }));
        assertTrue(e.getMessage().contains("IPv4 routes need an IPv4 next hop"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> packer.announce(V4, List.of(v4(1).get(0), v6(1).get(0)), (b, o, l) -> { }));
    }

    @Test
    void endOfRib() throws Exception {
        UpdatePacker packer = new UpdatePacker(CTX);
        List<byte[]> m = collect(s -> {
            packer.endOfRib(Family.IPV4_UNICAST, s);
            packer.endOfRib(Family.IPV6_UNICAST, s);
        });
        assertEquals(23, m.get(0).length);
        assertEquals(Family.IPV4_UNICAST, ((UpdateMessage) MessageCodec.decode(m.get(0), CTX)).endOfRib());
        assertEquals(Family.IPV6_UNICAST, ((UpdateMessage) MessageCodec.decode(m.get(1), CTX)).endOfRib());
    }

    @Test
    void localPrefAndReflectionAttributesAreNotSentToExternalPeers() throws Exception {
        PathAttributes a = V4.toBuilder().localPref(200).originatorId(0x0a000009).clusterList(ClusterList.of(1)).build();
        UpdatePacker ebgp = new UpdatePacker(CTX);
        UpdateMessage u = (UpdateMessage) MessageCodec.decode(collect(s -> ebgp.announce(a, v4(1), s)).get(0), PEER);
        assertEquals(V4, u.announced().get(0).attributes());
        UpdateContext ibgp = UpdateContext.ibgp(65000);
        UpdatePacker internal = new UpdatePacker(ibgp);
        UpdateMessage i = (UpdateMessage) MessageCodec.decode(collect(s -> internal.announce(a, v4(1), s)).get(0), ibgp);
        assertEquals(a, i.announced().get(0).attributes());
    }
}
