package net.archway.netlink.route;

import java.net.InetAddress;

import net.archway.netlink.IpAddresses;
import net.archway.netlink.IpPrefix;

/**
 * An address on an interface (RTM_NEWADDR): {@code 192.0.2.1/24} on ifindex 3. Unlike an
 * {@link IpPrefix}, host bits are the point here.
 *
 * @param index        ifindex
 * @param address      the local address (IFA_LOCAL, or IFA_ADDRESS when there is no IFA_LOCAL)
 * @param prefixLength ifa_prefixlen
 * @param scope        ifa_scope
 * @param flags        IFA_F_* (from IFA_FLAGS when present)
 * @param peer         the far end of a point-to-point address (IFA_ADDRESS differing from IFA_LOCAL), or null
 * @param broadcast    IFA_BROADCAST, or null
 * @param label        IFA_LABEL, or null
 */
public record InterfaceAddress(int index, InetAddress address, int prefixLength, RouteScope scope, int flags,
                               InetAddress peer, InetAddress broadcast, String label) {

    public InterfaceAddress {
        int bits = IpAddresses.bits(IpAddresses.family(address));
        if (prefixLength < 0 || prefixLength > bits) {
            throw new net.archway.netlink.InvalidAddressException(IpAddresses.format(address) + "/" + prefixLength,
                    "prefix length must be 0-" + bits);
        }
    }

    /** A plain address to add: global scope, no flags. */
    public static InterfaceAddress of(int index, InetAddress address, int prefixLength) {
        return new InterfaceAddress(index, address, prefixLength, RouteScope.UNIVERSE, 0, null, null, null);
    }

    /** Parses {@code 192.0.2.1/24} (host bits allowed) for interface {@code index}. */
    public static InterfaceAddress parse(int index, String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new net.archway.netlink.InvalidAddressException(text, "an interface address needs a prefix length");
        }
        InetAddress address = IpAddresses.parse(text.substring(0, slash));
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
            throw new net.archway.netlink.InvalidAddressException(text, "prefix length '" + len + "' is not a number");
        }
        return of(index, address, Integer.parseInt(len));
    }

    public int family() {
        return IpAddresses.family(address);
    }

    /** The same address with IFA_F_NODAD: IPv6 without duplicate address detection (usable at once). */
    public InterfaceAddress withoutDad() {
        return new InterfaceAddress(index, address, prefixLength, scope, flags | Rtnl.IFA_F_NODAD, peer, broadcast, label);
    }

    public InterfaceAddress withBroadcast(InetAddress broadcast) {
        return new InterfaceAddress(index, address, prefixLength, scope, flags, peer, broadcast, label);
    }

    /** The connected prefix, for example 192.0.2.0/24. */
    public IpPrefix subnet() {
        return IpPrefix.containing(address, prefixLength);
    }

    public boolean isTentative() {
        return (flags & Rtnl.IFA_F_TENTATIVE) != 0;
    }

    @Override
    public String toString() {
        return IpAddresses.format(address) + "/" + prefixLength + " on ifindex " + index;
    }
}
