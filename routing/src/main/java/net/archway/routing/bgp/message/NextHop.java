package net.archway.routing.bgp.message;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import net.archway.routing.Prefix;

/**
 * A route's BGP next hop: an IPv4 address (the NEXT_HOP attribute, RFC 4271 §5.1.3), or the
 * Network Address of Next Hop of MP_REACH_NLRI for IPv6 (RFC 2545 §3): a global address,
 * optionally followed by a link-local one (32 octets on the wire). Held in longs; immutable.
 */
public final class NextHop {
    private final long high;
    private final long low;
    private final long linkLocalHigh;
    private final long linkLocalLow;
    private final byte wireLength;
    /**
     * The global address as an InetAddress, made once: next hops are interned, and every route
     * through this one shares it in the RIB and the FIB instead of holding an address of its own.
     */
    private final InetAddress address;

    private NextHop(long high, long low, long linkLocalHigh, long linkLocalLow, int wireLength) {
        this.high = high;
        this.low = low;
        this.linkLocalHigh = linkLocalHigh;
        this.linkLocalLow = linkLocalLow;
        this.wireLength = (byte) wireLength;
        this.address = wireLength == 4 ? v4((int) low) : v6(high, low);
    }

    public static NextHop ipv4(int address) {
        return new NextHop(0, address & 0xffffffffL, 0, 0, 4);
    }

    public static NextHop ipv6(long high, long low) {
        return new NextHop(high, low, 0, 0, 16);
    }

    /** A global IPv6 next hop with its link-local companion (RFC 2545 §3, 32 octets). */
    public static NextHop ipv6(long high, long low, long linkLocalHigh, long linkLocalLow) {
        return new NextHop(high, low, linkLocalHigh, linkLocalLow, 32);
    }

    /** From an address; an IPv6 {@code linkLocal} (or null) adds the second address. */
    public static NextHop of(InetAddress address, InetAddress linkLocal) {
        if (address instanceof Inet4Address) {
            if (linkLocal != null) {
                throw new IllegalArgumentException("an IPv4 next hop has no link-local address");
            }
            byte[] b = address.getAddress();
            return ipv4(Wire.i32(b, 0));
        }
        byte[] g = address.getAddress();
        if (linkLocal == null) {
            return ipv6(Wire.i64(g, 0), Wire.i64(g, 8));
        }
        if (!(linkLocal instanceof Inet6Address) || !linkLocal.isLinkLocalAddress()) {
            throw new IllegalArgumentException(Prefix.format(linkLocal) + " is not an IPv6 link-local address");
        }
        byte[] l = linkLocal.getAddress();
        return ipv6(Wire.i64(g, 0), Wire.i64(g, 8), Wire.i64(l, 0), Wire.i64(l, 8));
    }

    public static NextHop of(InetAddress address) {
        return of(address, null);
    }

    /** Decodes the 4-, 16- or 32-octet wire form; null for any other length. */
    static NextHop decode(byte[] b, int p, int len) {
        return switch (len) {
            case 4 -> ipv4(Wire.i32(b, p));
            case 16 -> ipv6(Wire.i64(b, p), Wire.i64(b, p + 8));
            case 32 -> ipv6(Wire.i64(b, p), Wire.i64(b, p + 8), Wire.i64(b, p + 16), Wire.i64(b, p + 24));
            default -> null;
        };
    }

    void encode(byte[] b, int p) {
        if (wireLength == 4) {
            Wire.put32(b, p, (int) low);
            return;
        }
        Wire.put64(b, p, high);
        Wire.put64(b, p + 8, low);
        if (wireLength == 32) {
            Wire.put64(b, p + 16, linkLocalHigh);
            Wire.put64(b, p + 24, linkLocalLow);
        }
    }

    public boolean isIpv4() {
        return wireLength == 4;
    }

    /** The IPv4 address as an int (IPv4 next hops only). */
    public int ipv4Address() {
        if (wireLength != 4) {
            throw new IllegalStateException(this + " is not IPv4");
        }
        return (int) low;
    }

    /** 4, 16 or 32: the length of the next hop on the wire. */
    public int wireLength() {
        return wireLength;
    }

    public boolean hasLinkLocal() {
        return wireLength == 32;
    }

    /** The (global) address. */
    public InetAddress address() {
        return address;
    }

    /** The link-local address of a 32-octet IPv6 next hop, or null. */
    public InetAddress linkLocal() {
        return wireLength == 32 ? v6(linkLocalHigh, linkLocalLow) : null;
    }

    /**
     * False for addresses that can never be a host's (RFC 4271 §6.3 "valid IP host address";
     * RFC 7606 §7.3): for IPv4 0/8, 127/8, 224/4 and above; for IPv6 the unspecified, loopback
     * and multicast addresses.
     */
    public boolean isValidHostAddress() {
        if (wireLength == 4) {
            int first = (int) (low >>> 24) & 0xff;
            return first != 0 && first != 127 && first < 224;
        }
        boolean unspecified = high == 0 && low == 0;
        boolean loopback = high == 0 && low == 1;
        boolean multicast = (high >>> 56) == 0xff;
        return !unspecified && !loopback && !multicast;
    }

    private static InetAddress v4(int a) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress v6(long h, long l) {
        byte[] b = new byte[16];
        Wire.put64(b, 0, h);
        Wire.put64(b, 8, l);
        try {
            // Inet6Address even for ::ffff:a.b.c.d (FRR's next hop for IPv6 routes over IPv4).
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof NextHop n && n.wireLength == wireLength && n.high == high && n.low == low
                && n.linkLocalHigh == linkLocalHigh && n.linkLocalLow == linkLocalLow;
    }

    @Override
    public int hashCode() {
        long h = high * 0x9E3779B97F4A7C15L ^ low * 0xC2B2AE3D27D4EB4FL ^ linkLocalLow * 31 ^ linkLocalHigh ^ wireLength;
        return (int) (h ^ (h >>> 32));
    }

    /** {@code 192.0.2.1}, {@code 2001:db8::1}, or {@code 2001:db8::1 fe80::1} with a link-local address. */
    @Override
    public String toString() {
        if (wireLength == 4) {
            return Wire.dottedQuad((int) low);
        }
        String s = Prefix.formatIpv6(address().getAddress());
        return wireLength == 32 ? s + " " + Prefix.formatIpv6(linkLocal().getAddress()) : s;
    }
}
