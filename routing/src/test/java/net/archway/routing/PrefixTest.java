package net.archway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixTest {
    @ParameterizedTest
    @CsvSource({"10.0.0.0/8,10.0.0.0/8", "0.0.0.0/0,0.0.0.0/0", "255.255.255.255,255.255.255.255/32",
            "2001:DB8::/32,2001:db8::/32", "::/0,::/0", "2001:db8:0:0:1::/80,2001:db8:0:0:1::/80",
            "2001:db8::1,2001:db8::1/128", "fe80::/10,fe80::/10"})
    void parsesAndPrints(String in, String out) {
        assertEquals(out, Prefix.parse(in).toString());
        assertEquals(Prefix.parse(in), Prefix.parse(out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/8", "10.0.0.0/33", "10.0.0/8", "256.1.1.1/32", "01.1.1.1/32", "2001:db8::1/64",
            "x", "10.0.0.0/", "::/129"})
    void refuses(String in) {
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse(in));
    }

    @Test
    void masksAndContains() {
        assertEquals("192.0.2.0/24", Prefix.ipv4(0xc0000263, 24).toString());
        assertEquals("2001:db8:8000::/33", Prefix.ipv6(0x20010db8ffffffffL, -1L, 33).toString());
        assertEquals("2001:db8:0:0:8000::/65", Prefix.ipv6(0x20010db800000000L, -1L, 65).toString());
        assertTrue(Prefix.parse("10.0.0.0/8").contains(Prefix.parse("10.1.0.0/16")));
        assertFalse(Prefix.parse("10.1.0.0/16").contains(Prefix.parse("10.0.0.0/8")));
        assertTrue(Prefix.parse("0.0.0.0/0").contains(Prefix.parse("203.0.113.9/32")));
        assertFalse(Prefix.parse("0.0.0.0/0").contains(Prefix.parse("::/0")));
        assertTrue(Prefix.parse("2001:db8::/32").contains(Prefix.parse("2001:db8:5::/48")));
    }

    @Test
    void ordersAsShowRouteDoes() {
        TreeSet<Prefix> s = new TreeSet<>();
        for (String p : List.of("2001:db8::/32", "192.0.2.0/24", "10.0.0.0/16", "10.0.0.0/8", "128.0.0.0/1", "::/0")) {
            s.add(Prefix.parse(p));
        }
        assertEquals("[10.0.0.0/8, 10.0.0.0/16, 128.0.0.0/1, 192.0.2.0/24, ::/0, 2001:db8::/32]", s.toString());
    }
}
