package net.archway.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 prefix: a network address with no host bits set and a length. Parsing is
 * strict ({@code 10.0.0.1/24} is refused with the reason); {@link #containing} masks instead.
 */
public record IpPrefix(InetAddress address, int length) {

    public IpPrefix {
        int bits = IpAddresses.bits(IpAddresses.family(address));
        if (length < 0 || length > bits) {
            throw new InvalidAddressException(IpAddresses.format(address) + "/" + length,
                    "prefix length must be 0-" + bits);
        }
        byte[] raw = address.getAddress();
        if (!hostBitsClear(raw, length)) {
            throw new InvalidAddressException(IpAddresses.format(address) + "/" + length,
                    "host bits are set; the network is " + IpAddresses.format(toAddress(mask(raw, length))) + "/" + length);
        }
    }

    /** Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a host prefix. */
    public static IpPrefix parse(String text) {
        if (text == null) {
            throw new InvalidAddressException("null", "empty");
        }
        int slash = text.indexOf('/');
        InetAddress address = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
        int bits = IpAddresses.bits(IpAddresses.family(address));
        if (slash < 0) {
            return new IpPrefix(address, bits);
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
            throw new InvalidAddressException(text, "prefix length '" + len + "' is not a number");
        }
        return new IpPrefix(address, Integer.parseInt(len));
    }

    /** The prefix of length {@code length} that contains {@code address} (host bits cleared). */
    public static IpPrefix containing(InetAddress address, int length) {
        int bits = IpAddresses.bits(IpAddresses.family(address));
        if (length < 0 || length > bits) {
            throw new InvalidAddressException(IpAddresses.format(address) + "/" + length, "prefix length must be 0-" + bits);
        }
        byte[] raw = address.getAddress();
        // an address that is already the network (a RIB's prefix) is used as it is: no copies per route of a full table
        return new IpPrefix(hostBitsClear(raw, length) ? address : toAddress(mask(raw, length)), length);
    }

    public int family() {
        return IpAddresses.family(address);
    }

    public boolean isIpv4() {
        return family() == IpAddresses.AF_INET;
    }

    public boolean contains(InetAddress other) {
        return IpAddresses.family(other) == family()
                && java.util.Arrays.equals(mask(other.getAddress(), length), address.getAddress());
    }

    private static boolean hostBitsClear(byte[] raw, int length) {
        for (int i = 0; i < raw.length; i++) {
            int keep = Math.max(0, Math.min(8, length - 8 * i));
            if ((raw[i] & ~(0xff << (8 - keep)) & 0xff) != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] mask(byte[] raw, int length) {
        byte[] out = raw.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, length - 8 * i));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static InetAddress toAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return IpAddresses.format(address) + "/" + length;
    }
}
