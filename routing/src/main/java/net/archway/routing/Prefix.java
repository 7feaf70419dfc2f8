package net.archway.routing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 prefix held in two longs and a length, with host bits cleared: the value
 * every part of {@code routing} keys routes by. Small on purpose (a full table holds a million
 * of them). Ordered by family, then address (unsigned), then length, which is the order
 * {@code show route} prints in.
 */
public final class Prefix implements Comparable<Prefix> {
    private final long high;
    private final long low;
    private final byte length;
    private final boolean ipv6;

    private Prefix(long high, long low, int length, boolean ipv6) {
        this.high = high;
        this.low = low;
        this.length = (byte) length;
        this.ipv6 = ipv6;
    }

    /** An IPv4 prefix; bits beyond {@code length} are cleared. */
    public static Prefix ipv4(int address, int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("IPv4 prefix length " + length + " is outside 0-32");
        }
        long masked = length == 0 ? 0 : (address & 0xffffffffL) & (0xffffffffL << (32 - length)) & 0xffffffffL;
        return new Prefix(masked, 0, length, false);
    }

    /** An IPv6 prefix from its two 64-bit halves; bits beyond {@code length} are cleared. */
    public static Prefix ipv6(long high, long low, int length) {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("IPv6 prefix length " + length + " is outside 0-128");
        }
        long h = length == 0 ? 0 : length >= 64 ? high : high & (-1L << (64 - length));
        long l = length <= 64 ? 0 : length == 128 ? low : low & (-1L << (128 - length));
        return new Prefix(h, l, length, true);
    }

    /** The prefix of {@code length} containing {@code address}. */
    public static Prefix of(InetAddress address, int length) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff), length);
        }
        return ipv6(longAt(b, 0), longAt(b, 8), length);
    }

    /** A host prefix (/32 or /128) for an address. */
    public static Prefix host(InetAddress address) {
        return of(address, address instanceof Inet4Address ? 32 : 128);
    }

    /**
     * Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32} (a bare address is a host prefix).
     * Host bits must be clear; the message names the network otherwise.
     */
    public static Prefix parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        InetAddress a = parseAddress(addr, text);
        int max = a instanceof Inet4Address ? 32 : 128;
        int len = max;
        if (slash >= 0) {
            String l = text.substring(slash + 1);
            if (l.isEmpty() || l.length() > 3 || !l.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid prefix '" + text + "': length '" + l + "' is not a number");
            }
            len = Integer.parseInt(l);
            if (len > max) {
                throw new IllegalArgumentException("invalid prefix '" + text + "': length must be 0-" + max);
            }
        }
        Prefix p = of(a, len);
        if (!p.address().equals(a)) {
            throw new IllegalArgumentException("invalid prefix '" + text + "': host bits are set; the network is " + p);
        }
        return p;
    }

    /** Parses an IP literal without any name lookup. */
    public static InetAddress parseAddress(String addr, String context) {
        boolean v6 = addr.indexOf(':') >= 0;
        boolean ok = v6 ? addr.matches("[0-9A-Fa-f:.]+")
                : addr.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
        if (!ok) {
            throw new IllegalArgumentException("invalid address '" + context + "'");
        }
        try {
            InetAddress a = InetAddress.getByName(addr);
            if (v6 && a instanceof Inet4Address) {
                byte[] m = new byte[16];
                m[10] = (byte) 0xff;
                m[11] = (byte) 0xff;
                System.arraycopy(a.getAddress(), 0, m, 12, 4);
                return InetAddress.getByAddress(m);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address '" + context + "'");
        }
    }

    private static long longAt(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    public boolean isIpv4() {
        return !ipv6;
    }

    public int length() {
        return length & 0xff;
    }

    /** The IPv4 network address as an int (IPv4 prefixes only). */
    public int ipv4Address() {
        if (ipv6) {
            throw new IllegalStateException(this + " is not IPv4");
        }
        return (int) high;
    }

    /** For IPv6, the first 64 bits; for IPv4, the address in the low 32 bits. */
    public long high() {
        return high;
    }

    /** For IPv6, the last 64 bits; 0 for IPv4. */
    public long low() {
        return low;
    }

    public InetAddress address() {
        try {
            if (!ipv6) {
                int a = (int) high;
                return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
            }
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (high >>> (56 - 8 * i));
                b[8 + i] = (byte) (low >>> (56 - 8 * i));
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** True when {@code other} is of the same family and lies within this prefix. */
    public boolean contains(Prefix other) {
        return other.ipv6 == ipv6 && other.length() >= length()
                && (ipv6 ? ipv6(other.high, other.low, length()).equals(this) : ipv4((int) other.high, length()).equals(this));
    }

    public boolean contains(InetAddress address) {
        return contains(host(address));
    }

    @Override
    public int compareTo(Prefix o) {
        if (ipv6 != o.ipv6) {
            return ipv6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(high, o.high);
        if (c == 0) {
            c = Long.compareUnsigned(low, o.low);
        }
        return c != 0 ? c : Integer.compare(length(), o.length());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prefix p && p.high == high && p.low == low && p.length == length && p.ipv6 == ipv6;
    }

    @Override
    public int hashCode() {
        long h = high * 0x9E3779B97F4A7C15L ^ low * 0xC2B2AE3D27D4EB4FL ^ length ^ (ipv6 ? 0x100 : 0);
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        if (!ipv6) {
            int a = (int) high;
            return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff) + "/" + length();
        }
        return formatIpv6(address().getAddress()) + "/" + length();
    }

    /** RFC 5952 text of an IPv6 address. */
    public static String formatIpv6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** An address as text: dotted quad or RFC 5952. */
    public static String format(InetAddress address) {
        return address instanceof Inet4Address ? address.getHostAddress() : formatIpv6(address.getAddress());
    }
}
