package net.archway.netlink.route;

import static net.archway.netlink.route.Rtnl.*;

import java.net.InetAddress;

import net.archway.netlink.IpAddresses;
import net.archway.netlink.NetlinkRequest;
import net.archway.netlink.SimpleRequest;
import net.archway.netlink.message.Attributes;
import net.archway.netlink.message.MessageWriter;
import net.archway.netlink.message.NetlinkMessage;
import net.archway.netlink.message.Nl;

/** Interface addresses ⇄ RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR (ifaddrmsg + IFA_*). */
public final class AddressCodec {
    private AddressCodec() {
    }

    /** struct ifaddrmsg: family, prefixlen, flags, scope, index. */
    static void header(MessageWriter w, int family, int prefixLength, int flags, int scope, int index) {
        w.u8(family).u8(prefixLength).u8(flags).u8(scope).u32(index);
    }

    public static InterfaceAddress decode(NetlinkMessage m) {
        var b = m.buffer();
        int p = m.payloadOffset();
        int prefixLength = b.get(p + 1) & 0xff;
        int flags = b.get(p + 2) & 0xff;
        int scope = b.get(p + 3) & 0xff;
        int index = b.getInt(p + 4);
        Attributes a = m.attributes(IFADDRMSG_SIZE, IFA_MAX);
        if (a.has(IFA_FLAGS)) {
            flags = a.u32(IFA_FLAGS);
        }
        InetAddress local = a.address(IFA_LOCAL, null);
        InetAddress address = a.address(IFA_ADDRESS, null);
        InetAddress peer = null;
        if (local == null) {
            local = address;
        } else if (address != null && !address.equals(local)) {
            peer = address;
        }
        if (local == null) {
            return null;
        }
        return new InterfaceAddress(index, local, prefixLength, RouteScope.valueOf(scope), flags, peer,
                a.address(IFA_BROADCAST, null), a.string(IFA_LABEL, null));
    }

    public static NetlinkRequest dump(int family) {
        return new SimpleRequest(RTM_GETADDR, Nl.NLM_F_DUMP, IFADDRMSG_SIZE, ADDRESS_ATTRS, "RTM_GETADDR dump",
                w -> header(w, family, 0, 0, 0, 0));
    }

    /** RTM_NEWADDR adding (CREATE|EXCL) or, with {@code replace}, adding or updating. */
    public static NetlinkRequest add(InterfaceAddress a, boolean replace) {
        int flags = Nl.NLM_F_CREATE | (replace ? Nl.NLM_F_REPLACE : Nl.NLM_F_EXCL);
        return new SimpleRequest(RTM_NEWADDR, flags, IFADDRMSG_SIZE, ADDRESS_ATTRS, "RTM_NEWADDR " + a,
                w -> write(w, a));
    }

    public static NetlinkRequest delete(InterfaceAddress a) {
        return new SimpleRequest(RTM_DELADDR, 0, IFADDRMSG_SIZE, ADDRESS_ATTRS, "RTM_DELADDR " + a, w -> write(w, a));
    }

    private static void write(MessageWriter w, InterfaceAddress a) {
        header(w, a.family(), a.prefixLength(), a.flags() & 0xff, a.scope().number(), a.index());
        w.attrAddress(IFA_LOCAL, a.address());
        w.attrAddress(IFA_ADDRESS, a.peer() != null ? a.peer() : a.address());
        if (a.broadcast() != null && IpAddresses.family(a.address()) == AF_INET) {
            w.attrAddress(IFA_BROADCAST, a.broadcast());
        }
        if (a.label() != null) {
            w.attrString(IFA_LABEL, a.label());
        }
        if ((a.flags() & ~0xff) != 0) {
            w.attrU32(IFA_FLAGS, a.flags());
        }
    }
}
