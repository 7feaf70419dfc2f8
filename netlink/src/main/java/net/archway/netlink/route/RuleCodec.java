package net.archway.netlink.route;

import static net.archway.netlink.route.Rtnl.*;

import java.net.InetAddress;

import net.archway.netlink.IpPrefix;
import net.archway.netlink.NetlinkRequest;
import net.archway.netlink.SimpleRequest;
import net.archway.netlink.message.Attributes;
import net.archway.netlink.message.MessageWriter;
import net.archway.netlink.message.NetlinkMessage;
import net.archway.netlink.message.Nl;

/** Policy-routing rules ⇄ RTM_NEWRULE / RTM_DELRULE / RTM_GETRULE. */
public final class RuleCodec {
    private RuleCodec() {
    }

    /** struct fib_rule_hdr: family, dst_len, src_len, tos, table, res1, res2, action, flags. */
    static void header(MessageWriter w, Rule r) {
        w.u8(r.family()).u8(r.destination() == null ? 0 : r.destination().length())
                .u8(r.source() == null ? 0 : r.source().length()).u8(r.tos())
                .u8(r.table() >= 0 && r.table() < 256 ? r.table() : 0).u8(0).u8(0).u8(r.action())
                .u32(r.invert() ? FIB_RULE_INVERT : 0);
    }

    public static Rule decode(NetlinkMessage m) {
        var b = m.buffer();
        int p = m.payloadOffset();
        int family = b.get(p) & 0xff;
        if (family != AF_INET && family != AF_INET6) {
            return null;
        }
        int dstLen = b.get(p + 1) & 0xff;
        int srcLen = b.get(p + 2) & 0xff;
        int tos = b.get(p + 3) & 0xff;
        int table = b.get(p + 4) & 0xff;
        int action = b.get(p + 7) & 0xff;
        int flags = b.getInt(p + 8);
        Attributes a = m.attributes(FIB_RULE_HDR_SIZE, FRA_MAX);
        return new Rule(family, a.u32(FRA_PRIORITY, 0), action, a.u32(FRA_TABLE, table),
                prefix(a.address(FRA_SRC, null), srcLen), prefix(a.address(FRA_DST, null), dstLen),
                a.string(FRA_IIFNAME, null), a.string(FRA_OIFNAME, null), a.u32(FRA_FWMARK, 0), a.u32(FRA_FWMASK, 0), tos,
                (flags & FIB_RULE_INVERT) != 0);
    }

    private static IpPrefix prefix(InetAddress address, int length) {
        return address == null ? null : IpPrefix.containing(address, length);
    }

    public static NetlinkRequest dump(int family) {
        return new SimpleRequest(RTM_GETRULE, Nl.NLM_F_DUMP, FIB_RULE_HDR_SIZE, RULE_ATTRS, "RTM_GETRULE dump",
                w -> w.u8(family).zeros(7).u32(0));
    }

    public static NetlinkRequest add(Rule r) {
        return new SimpleRequest(RTM_NEWRULE, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, FIB_RULE_HDR_SIZE, RULE_ATTRS,
                "RTM_NEWRULE " + r, w -> write(w, r));
    }

    public static NetlinkRequest delete(Rule r) {
        return new SimpleRequest(RTM_DELRULE, 0, FIB_RULE_HDR_SIZE, RULE_ATTRS, "RTM_DELRULE " + r, w -> write(w, r));
    }

    private static void write(MessageWriter w, Rule r) {
        header(w, r);
        if (r.fwmark() != 0 || r.fwmask() != 0) {
            w.attrU32(FRA_FWMARK, r.fwmark());
        }
        if (r.fwmask() != 0) {
            w.attrU32(FRA_FWMASK, r.fwmask());
        }
        if (r.inputInterface() != null) {
            w.attrString(FRA_IIFNAME, r.inputInterface());
        }
        if (r.outputInterface() != null) {
            w.attrString(FRA_OIFNAME, r.outputInterface());
        }
        if (r.priority() != 0) {
            w.attrU32(FRA_PRIORITY, r.priority());
        }
        if (r.source() != null) {
            w.attrAddress(FRA_SRC, r.source().address());
        }
        if (r.destination() != null) {
            w.attrAddress(FRA_DST, r.destination().address());
        }
        if (r.table() >= 256) {
            w.attrU32(FRA_TABLE, r.table());
        }
    }
}
