package net.archway.routing.bgp.message;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.archway.routing.Prefix;

/**
 * UPDATE bodies (RFC 4271 §4.3, RFC 4760 §3-4) with the revised error handling of RFC 7606:
 * framing errors that leave the NLRI unknown reset the session, attribute errors are handled
 * per attribute through {@link PathAttributeTable}, and the strongest approach wins.
 */
final class UpdateCodec {
    private static final System.Logger LOG = System.getLogger(UpdateCodec.class.getName());

    private UpdateCodec() {
    }

    static UpdateMessage decode(byte[] b, int p, int len, UpdateContext ctx) throws MalformedMessageException {
        // RFC 4271 §6.3 and RFC 7606 §3 b: length fields that do not add up are a session reset.
        int withdrawnLength = Wire.u16(b, p);
        if (4 + withdrawnLength > len) {
            throw new MalformedMessageException(ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, null,
                    "malformed UPDATE: Withdrawn Routes Length " + withdrawnLength + " overruns the message");
        }
        int attributesLength = Wire.u16(b, p + 2 + withdrawnLength);
        if (4 + withdrawnLength + attributesLength > len) {
            throw new MalformedMessageException(ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, null,
                    "malformed UPDATE: Total Path Attribute Length " + attributesLength + " overruns the message");
        }
        int attributesOffset = p + 4 + withdrawnLength;
        int nlriOffset = attributesOffset + attributesLength;
        int nlriLength = len - 4 - withdrawnLength - attributesLength;

        PrefixList withdrawn;
        PrefixList nlri;
        try {
            withdrawn = Nlri.decode(b, p + 2, withdrawnLength, false);
            nlri = Nlri.decode(b, nlriOffset, nlriLength, false);
        } catch (Nlri.Invalid e) {
            // RFC 7606 §5.3: NLRI that cannot be parsed leave only a session reset.
            throw new MalformedMessageException(ErrorSubcode.INVALID_NETWORK_FIELD, null, "malformed UPDATE: " + e.getMessage());
        }
        if (withdrawnLength == 0 && attributesLength == 0 && nlriLength == 0) {
            return UpdateMessage.endOfRib(Family.IPV4_UNICAST); // RFC 4724 §2
        }

        UpdateParse s = new UpdateParse(ctx);
        boolean framingError = parseAttributes(s, b, attributesOffset, attributesLength);

        // MP_UNREACH_NLRI alone with no NLRI is End-of-RIB for its family (RFC 4724 §2).
        if (s.mpUnreachAfi >= 0 && s.mpUnreachNlriLength == 0 && !s.otherThanMpUnreach && withdrawnLength == 0 && nlriLength == 0
                && !framingError) {
            return UpdateMessage.endOfRib(Family.of(s.mpUnreachAfi, s.mpUnreachSafi));
        }

        PrefixList mpWithdrawn = PrefixList.EMPTY;
        if (s.mpUnreachAfi >= 0) {
            Family f = Family.of(s.mpUnreachAfi, s.mpUnreachSafi);
            if (accepted(f, ctx)) {
                mpWithdrawn = mpNlri(s, b, s.mpUnreachNlriOffset, s.mpUnreachNlriLength, f, "MP_UNREACH_NLRI");
            } else {
                LOG.log(Level.DEBUG, "MP_UNREACH_NLRI of {0} ignored: family not negotiated", f);
            }
        }
        PrefixList mpReach = PrefixList.EMPTY;
        NextHop mpNextHop = null;
        boolean mpReachIgnored = false;
        if (s.mpReachAfi >= 0) {
            Family f = Family.of(s.mpReachAfi, s.mpReachSafi);
            if (accepted(f, ctx)) {
                mpNextHop = mpNextHop(s, b, f);
                mpReach = mpNlri(s, b, s.mpReachNlriOffset, s.mpReachNlriLength, f, "MP_REACH_NLRI");
            } else {
                mpReachIgnored = true;
                LOG.log(Level.DEBUG, "MP_REACH_NLRI of {0} ignored: family not negotiated", f);
            }
        }

        boolean reach = !nlri.isEmpty() || !mpReach.isEmpty();
        if (reach) {
            // RFC 7606 §3 d: a missing well-known mandatory attribute is treat-as-withdraw.
            // NEXT_HOP is only mandatory with NLRI in the NLRI field (RFC 4760 §3).
            if (!s.seen(AttributeType.ORIGIN)) {
                s.withdraw(null, "ORIGIN is missing");
            }
            if (!s.seen(AttributeType.AS_PATH)) {
                s.withdraw(null, "AS_PATH is missing");
            }
            if (!nlri.isEmpty() && !s.seen(AttributeType.NEXT_HOP)) {
                s.withdraw(null, "NEXT_HOP is missing");
            }
        } else if (!mpReachIgnored && s.otherThanMpUnreach && s.handling.compareTo(ErrorHandling.ATTRIBUTE_DISCARD) > 0) {
            // RFC 7606 §5.2: attributes but no reachable NLRI, and an error stronger than
            // attribute discard: nothing proves the NLRI were found, so reset.
            throw s.sessionReset(ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, null, "UPDATE without reachable NLRI has malformed attributes");
        }

        List<Announcement> announced = new ArrayList<>(2);
        if (reach && s.handling.compareTo(ErrorHandling.TREAT_AS_WITHDRAW) < 0) {
            finishAttributes(s);
            if (!nlri.isEmpty()) {
                checkNextHop(s, s.nextHopAttribute, "NEXT_HOP");
            }
            if (!mpReach.isEmpty()) {
                checkNextHop(s, mpNextHop, "MP_REACH_NLRI next hop");
            }
        }
        if (reach && s.handling.compareTo(ErrorHandling.TREAT_AS_WITHDRAW) < 0) {
            AttributeInterner interner = ctx.interner();
            if (interner != null) {
                s.attrs.asPath(interner.intern(s.attrs.asPath()));
            }
            if (!nlri.isEmpty()) {
                announced.add(new Announcement(build(s, s.nextHopAttribute), nlri));
            }
            if (!mpReach.isEmpty()) {
                announced.add(new Announcement(build(s, mpNextHop), mpReach));
            }
            return new UpdateMessage(concat(withdrawn, mpWithdrawn), announced, null, s.handling, s.errors);
        }
        if (s.handling == ErrorHandling.TREAT_AS_WITHDRAW) {
            return new UpdateMessage(concat(concat(withdrawn, mpWithdrawn), concat(nlri, mpReach)), List.of(), null, s.handling, s.errors);
        }
        return new UpdateMessage(concat(withdrawn, mpWithdrawn), List.of(), null, s.handling, s.errors);
    }

    private static boolean accepted(Family f, UpdateContext ctx) {
        return f.isIpUnicast() && ctx.families().contains(f);
    }

    /** Walks the attributes; true when their framing broke (RFC 7606 §4: treat-as-withdraw). */
    private static boolean parseAttributes(UpdateParse s, byte[] b, int p, int len) throws MalformedMessageException {
        int end = p + len;
        while (p < end) {
            int remaining = end - p;
            int flags = b[p] & 0xff;
            boolean extended = (flags & PathAttributes.FLAG_EXTENDED_LENGTH) != 0;
            if (remaining < 3 || extended && remaining < 4) {
                s.otherThanMpUnreach = true;
                s.withdraw(null, "attribute header truncated (" + remaining + " octets left)"); // RFC 7606 §4
                return true;
            }
            int code = b[p + 1] & 0xff;
            int alen = extended ? Wire.u16(b, p + 2) : b[p + 2] & 0xff;
            int value = p + (extended ? 4 : 3);
            if (value + alen > end) {
                s.otherThanMpUnreach |= code != AttributeType.MP_UNREACH_NLRI.number();
                s.withdraw(AttributeType.valueOf(code), "length " + alen + " overruns the path attributes"); // RFC 7606 §4
                return true;
            }
            decodeAttribute(s, flags, code, b, value, alen, p);
            p = value + alen;
        }
        return false;
    }

    private static void decodeAttribute(UpdateParse s, int flags, int code, byte[] b, int p, int len, int start)
            throws MalformedMessageException {
        AttributeType type = AttributeType.valueOf(code);
        if (code != AttributeType.MP_UNREACH_NLRI.number()) {
            s.otherThanMpUnreach = true;
        }
        if (!s.firstTime(code)) {
            // RFC 7606 §3 g
            if (code == AttributeType.MP_REACH_NLRI.number() || code == AttributeType.MP_UNREACH_NLRI.number()) {
                throw s.sessionReset(ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, null, type + " appears more than once");
            }
            s.discard(type, "repeated; only the first one is used");
            return;
        }
        PathAttributeTable.Entry e = PathAttributeTable.get(code);
        if (e == null) {
            if ((flags & PathAttributes.FLAG_OPTIONAL) == 0) {
                // RFC 4271 §6.3, not revised by RFC 7606: an unrecognised well-known attribute.
                throw s.sessionReset(ErrorSubcode.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, Arrays.copyOfRange(b, start, p + len),
                        "unrecognised well-known attribute " + code);
            }
            if ((flags & PathAttributes.FLAG_TRANSITIVE) != 0) {
                // RFC 4271 §5: kept and passed on (with Partial set then).
                s.attrs.unknown(new UnknownAttribute(flags, type, Arrays.copyOfRange(b, p, p + len)));
            }
            // An unrecognised optional non-transitive attribute is quietly ignored (RFC 4271 §5).
            return;
        }
        int conflict = (flags ^ e.flags()) & (PathAttributes.FLAG_OPTIONAL | PathAttributes.FLAG_TRANSITIVE);
        if (conflict != 0) {
            String why = "flags 0x" + Integer.toHexString(flags) + " conflict with the Optional/Transitive bits 0x"
                    + Integer.toHexString(e.flags());
            if (e.flagConflict() == ErrorHandling.SESSION_RESET) {
                throw s.sessionReset(ErrorSubcode.ATTRIBUTE_FLAGS_ERROR, Arrays.copyOfRange(b, start, p + len), type + ": " + why);
            }
            s.withdraw(type, why); // RFC 7606 §3 c
            return;
        }
        e.decoder().decode(s, flags, b, p, len);
    }

    private static NextHop mpNextHop(UpdateParse s, byte[] b, Family f) throws MalformedMessageException {
        int nhLen = s.mpNextHopLength;
        boolean ok = f.equals(Family.IPV4_UNICAST) ? nhLen == 4 : nhLen == 16 || nhLen == 32;
        if (!ok) {
            // RFC 7606 §7.11: a next hop length inconsistent with the family.
            throw s.sessionReset(ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR, null,
                    "MP_REACH_NLRI next hop of " + nhLen + " octets does not fit " + f);
        }
        NextHop n = NextHop.decode(b, s.mpNextHopOffset, nhLen);
        return s.ctx.interner() == null ? n : s.ctx.interner().intern(n);
    }

    private static PrefixList mpNlri(UpdateParse s, byte[] b, int p, int len, Family f, String what) throws MalformedMessageException {
        try {
            return Nlri.decode(b, p, len, f.afi().equals(Afi.IPV6));
        } catch (Nlri.Invalid e) {
            // RFC 7606 §5.3 and §7.11: the NLRI cannot be parsed.
            throw s.sessionReset(ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR, null, what + ": " + e.getMessage());
        }
    }

    /** Checks that need the whole set: AS4 reconciliation for 2-octet peers and the first AS. */
    private static void finishAttributes(UpdateParse s) {
        UpdateContext ctx = s.ctx;
        if (!ctx.fourOctetAs()) {
            // RFC 6793 §4.2.3: an AGGREGATOR that is not AS_TRANS means AS4_AGGREGATOR and
            // AS4_PATH came from somewhere that no longer describes this route.
            Aggregator g = s.attrs.aggregator();
            boolean ignoreAs4 = g != null && g.asn() != AsPath.AS_TRANS;
            if (!ignoreAs4 && g != null && s.as4Aggregator != null) {
                s.attrs.aggregator(s.as4Aggregator);
            }
            if (!ignoreAs4 && s.as4Path != null) {
                s.attrs.asPath(AsPathCodec.merge(s.attrs.asPath(), s.as4Path));
            }
        }
        if (!ctx.internal() && ctx.enforceFirstAs() && s.attrs.asPath().firstAs() != ctx.peerAs()) {
            // RFC 4271 §6.3 asks for the check; RFC 7606 §7.2 makes it treat-as-withdraw.
            s.withdraw(AttributeType.AS_PATH, "first AS " + s.attrs.asPath().firstAs() + " is not the peer's AS " + ctx.peerAs());
        }
    }

    private static void checkNextHop(UpdateParse s, NextHop n, String what) {
        if (n == null) {
            return;
        }
        if (!n.isValidHostAddress()) {
            // RFC 4271 §6.3: not a valid host address; RFC 7606 §7.3 makes it treat-as-withdraw.
            s.withdraw(null, what + " " + n + " is not a valid host address");
        } else if (s.ctx.localAddress() != null && n.address().equals(s.ctx.localAddress())) {
            // RFC 4271 §6.3: a next hop that is this speaker; the route is ignored, no NOTIFICATION.
            s.withdraw(null, what + " " + n + " is this speaker's own address");
        }
    }

    private static PathAttributes build(UpdateParse s, NextHop hop) {
        s.attrs.nextHop(s.ctx.interner() == null ? hop : s.ctx.interner().intern(hop));
        PathAttributes a = s.attrs.build();
        return s.ctx.interner() == null ? a : s.ctx.interner().intern(a);
    }

    private static List<Prefix> concat(List<Prefix> a, List<Prefix> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Prefix[] all = new Prefix[a.size() + b.size()];
        for (int i = 0; i < a.size(); i++) {
            all[i] = a.get(i);
        }
        for (int i = 0; i < b.size(); i++) {
            all[a.size() + i] = b.get(i);
        }
        return new PrefixList(all, all.length);
    }

    // ---- encoding ----

    /** The attribute block of a set for one family, MP_REACH_NLRI excluded. */
    static byte[] attributeBlock(PathAttributes a, UpdateContext ctx, boolean classicNextHop) {
        ByteSink out = new ByteSink(128);
        PathAttributeTable.encodeAll(a, ctx, classicNextHop, out);
        return out.toArray();
    }

    /** Encodes one UPDATE (body only); used for single messages and tests. {@link UpdatePacker} packs many. */
    static void encode(UpdateMessage m, UpdateContext ctx, ByteSink out) {
        if (m.endOfRib() != null) {
            out.u16(0);
            if (m.endOfRib().equals(Family.IPV4_UNICAST)) {
                out.u16(0);
            } else {
                out.u16(6);
                out.attributeHeader(PathAttributes.FLAG_OPTIONAL, 15, 3);
                out.u16(m.endOfRib().afi().number());
                out.u8(m.endOfRib().safi().number());
            }
            return;
        }
        List<Prefix> w4 = new ArrayList<>();
        List<Prefix> w6 = new ArrayList<>();
        for (Prefix x : m.withdrawn()) {
            (x.isIpv6() ? w6 : w4).add(x);
        }
        Announcement a4 = null;
        Announcement a6 = null;
        for (Announcement a : m.announced()) {
            if (a.prefixes().isEmpty()) {
                continue;
            }
            boolean v6 = a.prefixes().get(0).isIpv6();
            for (Prefix x : a.prefixes()) {
                if (x.isIpv6() != v6) {
                    throw new IllegalArgumentException("an announcement mixes IPv4 and IPv6 prefixes");
                }
            }
            if (v6) {
                a6 = a;
            } else {
                a4 = a;
            }
        }
        if (a4 != null && a6 != null && !a4.attributes().withNextHop(null).equals(a6.attributes().withNextHop(null))) {
            throw new IllegalArgumentException("one UPDATE carries one attribute set; IPv4 and IPv6 announcements differ");
        }
        byte[] scratch = new byte[4096];
        int wl = 0;
        for (Prefix x : w4) {
            wl = Nlri.encode(x, scratch, wl);
        }
        out.u16(wl);
        out.bytes(scratch, 0, wl);

        ByteSink attrs = new ByteSink(256);
        if (!w6.isEmpty()) {
            int l = 0;
            for (Prefix x : w6) {
                l = Nlri.encode(x, scratch, l);
            }
            attrs.attributeHeader(PathAttributes.FLAG_OPTIONAL | PathAttributes.FLAG_EXTENDED_LENGTH, 15, 3 + l);
            attrs.u16(Afi.IPV6.number());
            attrs.u8(Safi.UNICAST.number());
            attrs.bytes(scratch, 0, l);
        }
        if (a6 != null) {
            NextHop nh = requireNextHop(a6.attributes(), false);
            int l = 0;
            for (Prefix x : a6.prefixes()) {
                l = Nlri.encode(x, scratch, l);
            }
            writeMpReachHeader(attrs, Family.IPV6_UNICAST, nh, l);
            attrs.bytes(scratch, 0, l);
        }
        Announcement any = a4 != null ? a4 : a6;
        if (any != null) {
            if (a4 != null) {
                requireNextHop(a4.attributes(), true);
            }
            PathAttributeTable.encodeAll(a4 != null ? a4.attributes() : a6.attributes(), ctx, a4 != null, attrs);
        }
        out.u16(attrs.position());
        out.bytes(attrs.buffer(), 0, attrs.position());
        if (a4 != null) {
            int l = 0;
            for (Prefix x : a4.prefixes()) {
                l = Nlri.encode(x, scratch, l);
            }
            out.bytes(scratch, 0, l);
        }
    }

    static NextHop requireNextHop(PathAttributes a, boolean ipv4) {
        NextHop nh = a.nextHop();
        if (nh == null || nh.isIpv4() != ipv4) {
            throw new IllegalArgumentException((ipv4 ? "IPv4" : "IPv6") + " routes need an " + (ipv4 ? "IPv4" : "IPv6")
                    + " next hop, not " + nh + " (RFC 8950 extended next hops are not negotiated)");
        }
        return nh;
    }

    /** MP_REACH_NLRI header and fixed part, always with Extended Length so packing can fill it. */
    static void writeMpReachHeader(ByteSink out, Family family, NextHop nh, int nlriLength) {
        out.u8(PathAttributes.FLAG_OPTIONAL | PathAttributes.FLAG_EXTENDED_LENGTH);
        out.u8(14);
        out.u16(5 + nh.wireLength() + nlriLength);
        out.u16(family.afi().number());
        out.u8(family.safi().number());
        out.u8(nh.wireLength());
        out.nextHop(nh);
        out.u8(0);
    }
}
