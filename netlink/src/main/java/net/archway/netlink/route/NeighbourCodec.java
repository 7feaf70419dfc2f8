package net.archway.netlink.route;

import static net.archway.netlink.route.Rtnl.*;

import net.archway.netlink.NetlinkRequest;
import net.archway.netlink.SimpleRequest;
import net.archway.netlink.message.Attributes;
import net.archway.netlink.message.NetlinkMessage;
import net.archway.netlink.message.Nl;

/** Neighbours ⇄ RTM_GETNEIGH / RTM_NEWNEIGH (ndmsg + NDA_*). Dump only: Archway reads the caches. */
public final class NeighbourCodec {
    private NeighbourCodec() {
    }

    public static Neighbour decode(NetlinkMessage m) {
        var b = m.buffer();
        int p = m.payloadOffset();
        int family = b.get(p) & 0xff;
        if (family != AF_INET && family != AF_INET6) {
            return null;
        }
        int index = b.getInt(p + 4);
        int state = b.getShort(p + 8) & 0xffff;
        int flags = b.get(p + 10) & 0xff;
        Attributes a = m.attributes(NDMSG_SIZE, NDA_MAX);
        if (!a.has(NDA_DST)) {
            return null;
        }
        return new Neighbour(index, a.address(NDA_DST), a.has(NDA_LLADDR) ? LinkCodec.formatMac(a.bytes(NDA_LLADDR)) : null,
                state, flags);
    }

    /** struct ndmsg: family, pad1, pad2, ifindex, state, flags, type. */
    public static NetlinkRequest dump(int family) {
        return new SimpleRequest(RTM_GETNEIGH, Nl.NLM_F_DUMP, NDMSG_SIZE, NEIGH_ATTRS, "RTM_GETNEIGH dump",
                w -> w.u8(family).u8(0).u16(0).u32(0).u16(0).u8(0).u8(0));
    }
}
