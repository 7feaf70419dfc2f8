package net.archway.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parsing and formatting of IP literals that never falls back to a name lookup. */
public final class IpAddresses {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    private IpAddresses() {
    }

    /** Parses a dotted-quad IPv4 or an IPv6 literal; anything else is an {@link InvalidAddressException}. */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidAddressException(String.valueOf(text), "empty");
        }
        if (text.indexOf(':') >= 0) {
            if (!text.matches("[0-9A-Fa-f:.]+")) {
                throw new InvalidAddressException(text, "not an IPv6 literal");
            }
            try {
                InetAddress a = InetAddress.getByName(text);
                if (a instanceof Inet4Address) {
                    // Java turns ::ffff:a.b.c.d into IPv4; keep the IPv6 form the user wrote.
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
                    return Inet6Address.getByAddress(null, mapped, -1);
                }
                return a;
            } catch (UnknownHostException e) {
                throw new InvalidAddressException(text, "not an IPv6 literal");
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidAddressException(text, "an IPv4 address has four dotted decimal parts");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                throw new InvalidAddressException(text, "part '" + p + "' is not a decimal number 0-255");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new InvalidAddressException(text, "part '" + p + "' is over 255");
            }
            b[i] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** AF_INET or AF_INET6. */
    public static int family(InetAddress address) {
        return address instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    /** The maximum prefix length for an address family: 32 or 128. */
    public static int bits(int family) {
        return family == AF_INET ? 32 : 128;
    }

    /** The canonical text (no leading slash, compressed IPv6). */
    public static String format(InetAddress address) {
        if (address instanceof Inet6Address) {
            return formatIpv6(address.getAddress());
        }
        return address.getHostAddress();
    }

    /** RFC 5952 text: lower case, the longest run of two or more zero groups compressed. */
    private static String formatIpv6(byte[] b) {
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
}
