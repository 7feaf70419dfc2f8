package net.archway.netlink.route;

import static net.archway.netlink.route.Rtnl.*;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import net.archway.netlink.IpPrefix;
import net.archway.netlink.NetlinkRequest;
import net.archway.netlink.SimpleRequest;
import net.archway.netlink.message.Attributes;
import net.archway.netlink.message.MessageWriter;
import net.archway.netlink.message.NetlinkMessage;
import net.archway.netlink.message.Nl;

/** Routes ⇄ RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE (rtmsg + RTA_*, rtnexthop for multipath). */
public final class RouteCodec {
    private RouteCodec() {
    }

    /** struct rtmsg. Tables above 255 go in RTA_TABLE with rtm_table 0, as iproute2 does. */
    static void header(MessageWriter w, int family, int dstLen, int table, int protocol, int scope, int type, int flags) {
        w.u8(family).u8(dstLen).u8(0).u8(0).u8(table >= 0 && table < 256 ? table : 0).u8(protocol).u8(scope).u8(type)
                .u32(flags);
    }

    /** Decodes a route; cache clones (RTM_F_CLONED) and unsupported families give null. */
    public static Route decode(NetlinkMessage m) {
        var b = m.buffer();
        int p = m.payloadOffset();
        int family = b.get(p) & 0xff;
        if (family != AF_INET && family != AF_INET6) {
            return null;
        }
        int dstLen = b.get(p + 1) & 0xff;
        int headerTable = b.get(p + 4) & 0xff;
        int protocol = b.get(p + 5) & 0xff;
        int scope = b.get(p + 6) & 0xff;
        int type = b.get(p + 7) & 0xff;
        int flags = b.getInt(p + 8);
        if ((flags & RTM_F_CLONED) != 0) {
            return null;
        }
        Attributes a = m.attributes(RTMSG_SIZE, RTA_MAX);
        InetAddress dst = a.has(RTA_DST) ? a.address(RTA_DST) : zero(family);
        int table = a.u32(RTA_TABLE, headerTable);
        List<NextHop> hops = new ArrayList<>(1);
        RouteType routeType = RouteType.valueOf(type);
        if (isReject(routeType)) {
            // the kernel reports IPv6 blackhole, unreachable and prohibit routes on lo: not a next hop
        } else if (a.has(RTA_MULTIPATH)) {
            decodeMultipath(a, hops);
        } else if (a.has(RTA_GATEWAY) || a.has(RTA_OIF)) {
            hops.add(new NextHop(a.address(RTA_GATEWAY, null), a.u32(RTA_OIF, 0), 1,
                    flags & (RTNH_F_DEAD | RTNH_F_ONLINK | RTNH_F_LINKDOWN)));
        }
        return new Route(IpPrefix.containing(dst, dstLen), table, routeType, RouteProtocol.valueOf(protocol),
                RouteScope.valueOf(scope), a.u32(RTA_PRIORITY, 0), a.address(RTA_PREFSRC, null), hops, a.u32(RTA_NH_ID, 0));
    }

    static boolean isReject(RouteType type) {
        return type.equals(RouteType.BLACKHOLE) || type.equals(RouteType.UNREACHABLE) || type.equals(RouteType.PROHIBIT)
                || type.equals(RouteType.THROW);
    }

    private static void decodeMultipath(Attributes a, List<NextHop> hops) {
        var b = a.buffer();
        int p = a.offset(RTA_MULTIPATH);
        int end = p + a.length(RTA_MULTIPATH);
        while (p + RTNEXTHOP_SIZE <= end) {
            int len = b.getShort(p) & 0xffff;
            if (len < RTNEXTHOP_SIZE || p + len > end) {
                throw new net.archway.netlink.NetlinkProtocolException("malformed rtnexthop of length " + len);
            }
            int flags = b.get(p + 2) & 0xff;
            int weight = (b.get(p + 3) & 0xff) + 1;
            int ifindex = b.getInt(p + 4);
            Attributes inner = Attributes.parse(b, p + RTNEXTHOP_SIZE, p + len, RTA_MAX);
            InetAddress gateway = inner.address(RTA_GATEWAY, null);
            if (gateway == null && inner.has(RTA_VIA) && inner.length(RTA_VIA) > 2) {
                byte[] via = inner.bytes(RTA_VIA);
                gateway = Attributes.toAddress(java.util.Arrays.copyOfRange(via, 2, via.length));
            }
            hops.add(new NextHop(gateway, ifindex, weight, flags));
            p += Nl.align(len);
        }
    }

    private static InetAddress zero(int family) {
        return Attributes.toAddress(new byte[family == AF_INET ? 4 : 16]);
    }

    /** RTM_GETROUTE dump of one family, filtered by the kernel on table and protocol when given (0: any). */
    public static NetlinkRequest dump(int family, int table, int protocol) {
        String what = "RTM_GETROUTE dump " + (family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" : "all")
                + (table != 0 ? " table " + Integer.toUnsignedString(table) : "")
                + (protocol != 0 ? " proto " + RouteProtocol.valueOf(protocol) : "");
        return new SimpleRequest(RTM_GETROUTE, Nl.NLM_F_DUMP, RTMSG_SIZE, ROUTE_ATTRS, what, w -> {
            header(w, family, 0, table, protocol, 0, 0, 0);
            if (table != 0) {
                w.attrU32(RTA_TABLE, table);
            }
        });
    }

    /** Writes the rtmsg and attributes of {@code r} for {@code op}. */
    static void write(MessageWriter w, RouteRequest.Operation op, Route r) {
        int scope = op == RouteRequest.Operation.DELETE && r.family() == AF_INET
                ? RouteScope.NOWHERE.number() : r.scope().number();
        int rtmFlags = r.nexthopId() == 0 && r.nextHops().size() == 1 ? r.nextHops().get(0).flags() & RTNH_F_ONLINK : 0;
        header(w, r.family(), r.destination().length(), r.table(), r.protocol().number(), scope, r.type().number(),
                rtmFlags);
        if (r.destination().length() > 0) {
            w.attrAddress(RTA_DST, r.destination().address());
        }
        if (r.metric() != 0) {
            w.attrU32(RTA_PRIORITY, r.metric());
        }
        if (r.preferredSource() != null) {
            w.attrAddress(RTA_PREFSRC, r.preferredSource());
        }
        if (r.nexthopId() != 0) {
            w.attrU32(RTA_NH_ID, r.nexthopId());
        } else if (r.nextHops().size() == 1) {
            NextHop nh = r.nextHops().get(0);
            if (nh.gateway() != null) {
                w.attrAddress(RTA_GATEWAY, nh.gateway());
            }
            if (nh.ifindex() > 0) {
                w.attrU32(RTA_OIF, nh.ifindex());
            }
        } else if (r.nextHops().size() > 1) {
            int mp = w.beginAttr(RTA_MULTIPATH);
            for (NextHop nh : r.nextHops()) {
                int start = w.position();
                w.u16(0).u8(nh.flags() & RTNH_F_ONLINK).u8(nh.weight() - 1).u32(nh.ifindex());
                if (nh.gateway() != null) {
                    w.attrAddress(RTA_GATEWAY, nh.gateway());
                }
                w.putU16At(start, w.position() - start); // rtnh_len covers the rtnexthop and its attributes
            }
            w.endAttr(mp);
        }
        if (r.table() >= 256) {
            w.attrU32(RTA_TABLE, r.table());
        }
    }
}
