package net.archway.netlink.route;

import static net.archway.netlink.route.Rtnl.*;

import java.util.ArrayList;
import java.util.List;

import net.archway.netlink.IpAddresses;
import net.archway.netlink.NetlinkRequest;
import net.archway.netlink.SimpleRequest;
import net.archway.netlink.message.Attributes;
import net.archway.netlink.message.MessageWriter;
import net.archway.netlink.message.NetlinkMessage;
import net.archway.netlink.message.Nl;

/** Nexthop objects ⇄ RTM_NEWNEXTHOP / RTM_DELNEXTHOP / RTM_GETNEXTHOP (nhmsg + NHA_*). */
public final class NexthopCodec {
    private NexthopCodec() {
    }

    /** struct nhmsg: family, scope, protocol, reserved, flags. */
    static void header(MessageWriter w, int family, int protocol, int flags) {
        w.u8(family).u8(0).u8(protocol).u8(0).u32(flags);
    }

    public static NexthopObject decode(NetlinkMessage m) {
        var b = m.buffer();
        int p = m.payloadOffset();
        int family = b.get(p) & 0xff;
        int protocol = b.get(p + 2) & 0xff;
        int flags = b.getInt(p + 4);
        Attributes a = m.attributes(NHMSG_SIZE, NHA_MAX);
        int id = a.u32(NHA_ID, 0);
        if (a.has(NHA_GROUP)) {
            List<NexthopObject.Member> members = new ArrayList<>();
            int q = a.offset(NHA_GROUP);
            for (int end = q + a.length(NHA_GROUP); q + NEXTHOP_GRP_SIZE <= end; q += NEXTHOP_GRP_SIZE) {
                members.add(new NexthopObject.Member(b.getInt(q), (b.get(q + 4) & 0xff) + 1));
            }
            return new NexthopObject.Group(id, members, RouteProtocol.valueOf(protocol));
        }
        return new NexthopObject.Single(id, family, a.address(NHA_GATEWAY, null), a.u32(NHA_OIF, 0),
                a.has(NHA_BLACKHOLE), RouteProtocol.valueOf(protocol), flags);
    }

    public static NetlinkRequest add(NexthopObject nh, boolean replace) {
        int flags = Nl.NLM_F_CREATE | (replace ? Nl.NLM_F_REPLACE : Nl.NLM_F_EXCL);
        return new SimpleRequest(RTM_NEWNEXTHOP, flags, NHMSG_SIZE, NEXTHOP_ATTRS,
                "RTM_NEWNEXTHOP " + (replace ? "(replace) " : "") + describe(nh), w -> write(w, nh));
    }

    private static void write(MessageWriter w, NexthopObject nh) {
        if (nh instanceof NexthopObject.Single s) {
            header(w, s.family(), s.protocol().number(), s.flags());
            w.attrU32(NHA_ID, s.id());
            if (s.blackhole()) {
                w.attrFlag(NHA_BLACKHOLE);
            } else {
                if (s.gateway() != null) {
                    w.attrAddress(NHA_GATEWAY, s.gateway());
                }
                if (s.ifindex() > 0) {
                    w.attrU32(NHA_OIF, s.ifindex());
                }
            }
        } else if (nh instanceof NexthopObject.Group g) {
            header(w, AF_UNSPEC, g.protocol().number(), 0);
            w.attrU32(NHA_ID, g.id());
            int start = w.beginAttr(NHA_GROUP);
            for (NexthopObject.Member m : g.members()) {
                w.u32(m.id()).u8(m.weight() - 1).u8(0).u16(0);
            }
            w.endAttr(start);
        }
    }

    public static NetlinkRequest delete(int id) {
        return new SimpleRequest(RTM_DELNEXTHOP, 0, NHMSG_SIZE, NEXTHOP_ATTRS, "RTM_DELNEXTHOP id " + id, w -> {
            header(w, AF_UNSPEC, 0, 0);
            w.attrU32(NHA_ID, id);
        });
    }

    public static NetlinkRequest dump() {
        return new SimpleRequest(RTM_GETNEXTHOP, Nl.NLM_F_DUMP, NHMSG_SIZE, NEXTHOP_ATTRS, "RTM_GETNEXTHOP dump",
                w -> header(w, AF_UNSPEC, 0, 0));
    }

    static String describe(NexthopObject nh) {
        if (nh instanceof NexthopObject.Group g) {
            StringBuilder sb = new StringBuilder("id ").append(g.id()).append(" group ");
            for (int i = 0; i < g.members().size(); i++) {
                NexthopObject.Member m = g.members().get(i);
                sb.append(i == 0 ? "" : "/").append(m.id()).append(m.weight() == 1 ? "" : "," + m.weight());
            }
            return sb.toString();
        }
        NexthopObject.Single s = (NexthopObject.Single) nh;
        if (s.blackhole()) {
            return "id " + s.id() + " blackhole";
        }
        return "id " + s.id() + (s.gateway() != null ? " via " + IpAddresses.format(s.gateway()) : "")
                + (s.ifindex() > 0 ? " dev " + s.ifindex() : "");
    }
}
