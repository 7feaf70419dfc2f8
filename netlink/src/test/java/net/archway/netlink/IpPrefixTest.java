package net.archway.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpPrefixTest {
    @ParameterizedTest
    @CsvSource({"10.0.0.0/8,10.0.0.0/8", "0.0.0.0/0,0.0.0.0/0", "192.0.2.1,192.0.2.1/32",
            "2001:DB8::/32,2001:db8::/32", "2001:db8:0:0:1:0:0:1/128,2001:db8::1:0:0:1/128", "::/0,::/0",
            "fe80::/10,fe80::/10", "2001:db8::,2001:db8::/128"})
    void parsesAndPrintsCanonically(String in, String out) {
        assertEquals(out, IpPrefix.parse(in).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/8", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0/8", "10.0.0.0.0/8", "256.0.0.0/8",
            "010.0.0.0/8", "10.0.0.0/", "10.0.0.0/abc", "", "example.com", "2001:db8::1/64", "2001:db8::/129",
            "2001:zz8::/32", "1.2.3.4/8/8", "::ffff:1.2.3.4:5/128", " 10.0.0.0/8"})
    void refusesWithAReason(String in) {
        InvalidAddressException e = assertThrows(InvalidAddressException.class, () -> IpPrefix.parse(in));
        assertTrue(e.getMessage().startsWith("invalid address or prefix '"), e.getMessage());
    }

    @Test
    void hostBitsNameTheNetwork() {
        InvalidAddressException e = assertThrows(InvalidAddressException.class, () -> IpPrefix.parse("192.0.2.77/24"));
        assertTrue(e.getMessage().contains("the network is 192.0.2.0/24"), e.getMessage());
        assertEquals("192.0.2.0/24", IpPrefix.containing(IpAddresses.parse("192.0.2.77"), 24).toString());
    }

    @Test
    void hostBitsAreFoundAtEveryLength() {
        for (int length = 0; length < 32; length++) {
            int bit = 1 << (31 - length); // the first host bit at this length
            String a = (bit >>> 24 & 255) + "." + (bit >>> 16 & 255) + "." + (bit >>> 8 & 255) + "." + (bit & 255);
            int len = length;
            assertThrows(InvalidAddressException.class, () -> IpPrefix.parse(a + "/" + len), a + "/" + len);
            assertEquals("0.0.0.0/" + len, IpPrefix.containing(IpAddresses.parse(a), len).toString());
            assertEquals(a + "/" + (len + 1), IpPrefix.parse(a + "/" + (len + 1)).toString());
        }
        assertThrows(InvalidAddressException.class, () -> IpPrefix.parse("2001:db8::8000/112"));
        assertEquals("2001:db8::8000/113", IpPrefix.parse("2001:db8::8000/113").toString());
        assertEquals("2001:db8::/112", IpPrefix.containing(IpAddresses.parse("2001:db8::8000"), 112).toString());
    }

    @Test
    void containsAndFamilies() {
        IpPrefix p = IpPrefix.parse("10.1.0.0/16");
        assertTrue(p.contains(IpAddresses.parse("10.1.255.1")));
        assertFalse(p.contains(IpAddresses.parse("10.2.0.1")));
        assertFalse(p.contains(IpAddresses.parse("::a01:1")));
        assertTrue(p.isIpv4());
        assertFalse(IpPrefix.parse("2001:db8::/32").isIpv4());
    }

    @Test
    void ipv4MappedIpv6StaysIpv6() {
        assertTrue(IpAddresses.parse("::ffff:192.0.2.1") instanceof Inet6Address);
        assertEquals("::ffff:c000:201", IpAddresses.format(IpAddresses.parse("::ffff:192.0.2.1")));
    }
}
