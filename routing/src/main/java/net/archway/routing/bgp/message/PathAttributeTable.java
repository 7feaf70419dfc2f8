package net.archway.routing.bgp.message;

import static net.archway.routing.bgp.message.PathAttributes.FLAG_OPTIONAL;
import static net.archway.routing.bgp.message.PathAttributes.FLAG_PARTIAL;
import static net.archway.routing.bgp.message.PathAttributes.FLAG_TRANSITIVE;

import java.util.ArrayList;
import java.util.List;

/**
 * Every path attribute this speaker recognises, in one table as BIRD's proto/bgp/attrs.c has
 * it: type, the Optional and Transitive flags the defining RFC fixes, and how to decode, encode
 * and print it. Decoders report malformed input through the RFC 7606 exits of
 * {@link UpdateParse}; the handling chosen for each case is the one RFC 7606 §7 (or the
 * attribute's own RFC) prescribes, cited at each exit.
 */
final class PathAttributeTable {

    /** Decodes an attribute's value into the parse state, or leaves by one of its exits. */
    interface Decoder {
        void decode(UpdateParse s, int flags, byte[] b, int p, int len) throws MalformedMessageException;
    }

    /** Writes an attribute (header and value) if the set carries it and the session should see it. */
    interface Encoder {
        void encode(PathAttributes a, UpdateContext ctx, boolean classicNextHop, ByteSink out);
    }

    /** The attribute's value as text, or null when the set does not carry it. */
    interface Formatter {
        String format(PathAttributes a);
    }

    /**
     * @param flagConflict what a conflict in the Optional or Transitive bits calls for:
     *        treat-as-withdraw (RFC 7606 §3 c) unless the attribute's RFC says otherwise
     */
    record Entry(AttributeType type, int flags, ErrorHandling flagConflict, Decoder decoder, Encoder encoder, Formatter formatter) {
    }

    private static final Entry[] TABLE = new Entry[256];
    private static final int WELL_KNOWN = FLAG_TRANSITIVE;
    private static final int OPTIONAL_TRANSITIVE = FLAG_OPTIONAL | FLAG_TRANSITIVE;
    private static final int OPTIONAL = FLAG_OPTIONAL;

    static {
        add(AttributeType.ORIGIN, WELL_KNOWN, PathAttributeTable::decodeOrigin,
                (a, ctx, nh, out) -> {
                    out.attributeHeader(WELL_KNOWN, 1, 1);
                    out.u8(a.origin().code());
                },
                a -> a.origin().name());
        add(AttributeType.AS_PATH, WELL_KNOWN, PathAttributeTable::decodeAsPath,
                (a, ctx, nh, out) -> {
                    int size = ctx.fourOctetAs() ? 4 : 2;
                    out.attributeHeader(WELL_KNOWN, 2, AsPathCodec.encodedLength(a.asPath(), size));
                    AsPathCodec.encode(a.asPath(), size, out);
                },
                a -> a.asPath().isEmpty() ? "(empty)" : a.asPath().toString());
        add(AttributeType.NEXT_HOP, WELL_KNOWN, PathAttributeTable::decodeNextHop,
                (a, ctx, classicNextHop, out) -> {
                    // In MP_REACH_NLRI the next hop travels inside that attribute (RFC 4760 §3).
                    if (classicNextHop && a.nextHop() != null && a.nextHop().isIpv4()) {
                        out.attributeHeader(WELL_KNOWN, 3, 4);
                        out.nextHop(a.nextHop());
                    }
                },
                a -> a.nextHop() == null ? null : a.nextHop().toString());
        add(AttributeType.MULTI_EXIT_DISC, OPTIONAL, PathAttributeTable::decodeMed,
                (a, ctx, nh, out) -> {
                    if (a.hasMultiExitDisc()) {
                        out.attributeHeader(OPTIONAL, 4, 4);
                        out.u32((int) a.multiExitDisc());
                    }
                },
                a -> a.hasMultiExitDisc() ? Long.toString(a.multiExitDisc()) : null);
        add(AttributeType.LOCAL_PREF, WELL_KNOWN, PathAttributeTable::decodeLocalPref,
                (a, ctx, nh, out) -> {
                    // RFC 4271 §5.1.5: never sent to external peers.
                    if (a.hasLocalPref() && ctx.internal()) {
                        out.attributeHeader(WELL_KNOWN, 5, 4);
                        out.u32((int) a.localPref());
                    }
                },
                a -> a.hasLocalPref() ? Long.toString(a.localPref()) : null);
        add(AttributeType.ATOMIC_AGGREGATE, WELL_KNOWN, PathAttributeTable::decodeAtomicAggregate,
                (a, ctx, nh, out) -> {
                    if (a.atomicAggregate()) {
                        out.attributeHeader(WELL_KNOWN, 6, 0);
                    }
                },
                a -> a.atomicAggregate() ? "" : null);
        add(AttributeType.AGGREGATOR, OPTIONAL_TRANSITIVE, PathAttributeTable::decodeAggregator,
                (a, ctx, nh, out) -> {
                    Aggregator g = a.aggregator();
                    if (g != null) {
                        if (ctx.fourOctetAs()) {
                            out.attributeHeader(OPTIONAL_TRANSITIVE, 7, 8);
                            out.u32((int) g.asn());
                        } else {
                            out.attributeHeader(OPTIONAL_TRANSITIVE, 7, 6);
                            out.u16(g.asn() > 0xffff ? (int) AsPath.AS_TRANS : (int) g.asn());
                        }
                        out.u32(g.address());
                    }
                },
                a -> a.aggregator() == null ? null : a.aggregator().toString());
        add(AttributeType.COMMUNITIES, OPTIONAL_TRANSITIVE, PathAttributeTable::decodeCommunities,
                (a, ctx, nh, out) -> writeWords(OPTIONAL_TRANSITIVE, 8, a.communities().raw(), out),
                a -> a.communities().isEmpty() ? null : a.communities().toString());
        add(AttributeType.ORIGINATOR_ID, OPTIONAL, PathAttributeTable::decodeOriginatorId,
                (a, ctx, nh, out) -> {
                    if (a.hasOriginatorId() && ctx.internal()) {
                        out.attributeHeader(OPTIONAL, 9, 4);
                        out.u32(a.originatorId());
                    }
                },
                a -> a.hasOriginatorId() ? Wire.dottedQuad(a.originatorId()) : null);
        add(AttributeType.CLUSTER_LIST, OPTIONAL, PathAttributeTable::decodeClusterList,
                (a, ctx, nh, out) -> {
                    if (ctx.internal()) {
                        writeWords(OPTIONAL, 10, a.clusterList().raw(), out);
                    }
                },
                a -> a.clusterList().isEmpty() ? null : a.clusterList().toString());
        // MP_REACH_NLRI and MP_UNREACH_NLRI carry NLRI: UpdateCodec writes them itself, first
        // (RFC 7606 §5.1). A flag conflict makes the NLRI untrustworthy: session reset (§5.3).
        add(AttributeType.MP_REACH_NLRI, OPTIONAL, ErrorHandling.SESSION_RESET, PathAttributeTable::decodeMpReach, null, a -> null);
        add(AttributeType.MP_UNREACH_NLRI, OPTIONAL, ErrorHandling.SESSION_RESET, PathAttributeTable::decodeMpUnreach, null, a -> null);
        add(AttributeType.AS4_PATH, OPTIONAL_TRANSITIVE, PathAttributeTable::decodeAs4Path,
                (a, ctx, nh, out) -> {
                    // RFC 6793 §4.2.2: to a 2-octet peer, the real path when AS_PATH had to use AS_TRANS.
                    if (!ctx.fourOctetAs() && a.asPath().hasFourOctetAs()) {
                        AsPath p = a.asPath().withoutConfederationSegments();
                        out.attributeHeader(OPTIONAL_TRANSITIVE, 17, AsPathCodec.encodedLength(p, 4));
                        AsPathCodec.encode(p, 4, out);
                    }
                },
                a -> null);
        add(AttributeType.AS4_AGGREGATOR, OPTIONAL_TRANSITIVE, PathAttributeTable::decodeAs4Aggregator,
                (a, ctx, nh, out) -> {
                    Aggregator g = a.aggregator();
                    if (!ctx.fourOctetAs() && g != null && g.asn() > 0xffff) {
                        out.attributeHeader(OPTIONAL_TRANSITIVE, 18, 8);
                        out.u32((int) g.asn());
                        out.u32(g.address());
                    }
                },
                a -> null);
        add(AttributeType.LARGE_COMMUNITY, OPTIONAL_TRANSITIVE, PathAttributeTable::decodeLargeCommunities,
                (a, ctx, nh, out) -> writeWords(OPTIONAL_TRANSITIVE, 32, a.largeCommunities().raw(), out),
                a -> a.largeCommunities().isEmpty() ? null : a.largeCommunities().toString());
    }

    private PathAttributeTable() {
    }

    private static void add(AttributeType type, int flags, Decoder d, Encoder e, Formatter f) {
        add(type, flags, ErrorHandling.TREAT_AS_WITHDRAW, d, e, f);
    }

    private static void add(AttributeType type, int flags, ErrorHandling flagConflict, Decoder d, Encoder e, Formatter f) {
        TABLE[type.number()] = new Entry(type, flags, flagConflict, d, e, f);
    }

    static Entry get(int code) {
        return TABLE[code & 0xff];
    }

    static boolean isKnown(AttributeType type) {
        return TABLE[type.number()] != null;
    }

    private static void writeWords(int flags, int code, int[] words, ByteSink out) {
        if (words.length == 0) {
            return;
        }
        out.attributeHeader(flags, code, words.length * 4);
        for (int w : words) {
            out.u32(w);
        }
    }

    // ---- decoders, one per attribute; each exit cites the rule it applies ----

    private static void decodeOrigin(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (len != 1) {
            s.withdraw(AttributeType.ORIGIN, "length " + len + ", expected 1"); // RFC 7606 §7.1
            return;
        }
        Origin o = Origin.fromCode(b[p] & 0xff);
        if (o == null) {
            s.withdraw(AttributeType.ORIGIN, "undefined value " + (b[p] & 0xff)); // RFC 7606 §7.1
            return;
        }
        s.attrs.origin(o);
    }

    private static void decodeAsPath(UpdateParse s, int flags, byte[] b, int p, int len) {
        StringBuilder err = new StringBuilder();
        int[] words = AsPathCodec.decode(b, p, len, s.ctx.fourOctetAs() ? 4 : 2, err);
        if (words == null) {
            s.withdraw(AttributeType.AS_PATH, err.toString()); // RFC 7606 §7.2
            return;
        }
        AsPath path = AsPath.ofWords(words);
        if (path.hasConfederationSegments()) {
            // RFC 5065 §5: confederation segments only come from members of our confederation,
            // and Archway is in none; RFC 7606 §7.2 makes a malformed AS_PATH treat-as-withdraw.
            s.withdraw(AttributeType.AS_PATH, "AS_CONFED segment from a peer outside the confederation");
            return;
        }
        s.attrs.asPath(path);
    }

    private static void decodeNextHop(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (len != 4) {
            s.withdraw(AttributeType.NEXT_HOP, "length " + len + ", expected 4"); // RFC 7606 §7.3
            return;
        }
        s.nextHopAttribute = NextHop.ipv4(Wire.i32(b, p));
    }

    private static void decodeMed(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (len != 4) {
            s.withdraw(AttributeType.MULTI_EXIT_DISC, "length " + len + ", expected 4"); // RFC 7606 §7.4
            return;
        }
        s.attrs.multiExitDisc(Wire.u32(b, p));
    }

    private static void decodeLocalPref(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (!s.ctx.internal()) {
            s.discard(AttributeType.LOCAL_PREF, "received from an external peer"); // RFC 7606 §7.5
            return;
        }
        if (len != 4) {
            s.withdraw(AttributeType.LOCAL_PREF, "length " + len + ", expected 4"); // RFC 7606 §7.5
            return;
        }
        s.attrs.localPref(Wire.u32(b, p));
    }

    private static void decodeAtomicAggregate(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (len != 0) {
            s.discard(AttributeType.ATOMIC_AGGREGATE, "length " + len + ", expected 0"); // RFC 7606 §7.6
            return;
        }
        s.attrs.atomicAggregate(true);
    }

    private static void decodeAggregator(UpdateParse s, int flags, byte[] b, int p, int len) {
        int expected = s.ctx.fourOctetAs() ? 8 : 6;
        if (len != expected) {
            s.discard(AttributeType.AGGREGATOR, "length " + len + ", expected " + expected); // RFC 7606 §7.7
            return;
        }
        long asn = expected == 8 ? Wire.u32(b, p) : Wire.u16(b, p);
        s.attrs.aggregator(new Aggregator(asn, Wire.i32(b, p + expected - 4)));
    }

    private static void decodeCommunities(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (len == 0 || len % 4 != 0) {
            s.withdraw(AttributeType.COMMUNITIES, "length " + len + " is not a non-zero multiple of 4"); // RFC 7606 §7.8
            return;
        }
        Communities c = Communities.wrap(words(b, p, len));
        s.attrs.communities(s.ctx.interner() == null ? c : s.ctx.interner().intern(c));
    }

    private static void decodeOriginatorId(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (!s.ctx.internal()) {
            s.discard(AttributeType.ORIGINATOR_ID, "received from an external peer"); // RFC 7606 §7.9
            return;
        }
        if (len != 4) {
            s.withdraw(AttributeType.ORIGINATOR_ID, "length " + len + ", expected 4"); // RFC 7606 §7.9
            return;
        }
        s.attrs.originatorId(Wire.i32(b, p));
    }

    private static void decodeClusterList(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (!s.ctx.internal()) {
            s.discard(AttributeType.CLUSTER_LIST, "received from an external peer"); // RFC 7606 §7.10
            return;
        }
        if (len == 0 || len % 4 != 0) {
            s.withdraw(AttributeType.CLUSTER_LIST, "length " + len + " is not a non-zero multiple of 4"); // RFC 7606 §7.10
            return;
        }
        s.attrs.clusterList(ClusterList.wrap(words(b, p, len)));
    }

    private static void decodeMpReach(UpdateParse s, int flags, byte[] b, int p, int len) throws MalformedMessageException {
        // RFC 7606 §7.11: NLRI that cannot be located call for a session reset (or AFI/SAFI
        // disable); RFC 4760 §7 names the subcode.
        if (len < 5) {
            throw s.sessionReset(ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR, null, "MP_REACH_NLRI of " + len + " octets, at least 5 needed");
        }
        int nhLen = b[p + 3] & 0xff;
        if (len < 5 + nhLen) {
            throw s.sessionReset(ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR, null,
                    "MP_REACH_NLRI next hop of " + nhLen + " octets overruns the attribute (" + len + " octets)");
        }
        s.mpReachAfi = Wire.u16(b, p);
        s.mpReachSafi = b[p + 2] & 0xff;
        s.mpNextHopOffset = p + 4;
        s.mpNextHopLength = nhLen;
        // The octet after the next hop is reserved (RFC 4760 §3) and ignored.
        s.mpReachNlriOffset = p + 5 + nhLen;
        s.mpReachNlriLength = len - 5 - nhLen;
    }

    private static void decodeMpUnreach(UpdateParse s, int flags, byte[] b, int p, int len) throws MalformedMessageException {
        if (len < 3) {
            throw s.sessionReset(ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR, null, "MP_UNREACH_NLRI of " + len + " octets, at least 3 needed");
        }
        s.mpUnreachAfi = Wire.u16(b, p);
        s.mpUnreachSafi = b[p + 2] & 0xff;
        s.mpUnreachNlriOffset = p + 3;
        s.mpUnreachNlriLength = len - 3;
    }

    private static void decodeAs4Path(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (s.ctx.fourOctetAs()) {
            s.discard(AttributeType.AS4_PATH, "received from a 4-octet AS speaker"); // RFC 6793 §4.1
            return;
        }
        StringBuilder err = new StringBuilder();
        int[] words = AsPathCodec.decode(b, p, len, 4, err);
        if (words == null || len == 0) {
            s.discard(AttributeType.AS4_PATH, len == 0 ? "empty" : err.toString()); // RFC 6793 §6
            return;
        }
        // RFC 6793 §6: confederation segments do not belong in AS4_PATH; they are dropped.
        s.as4Path = AsPath.ofWords(words).withoutConfederationSegments();
    }

    private static void decodeAs4Aggregator(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (s.ctx.fourOctetAs()) {
            s.discard(AttributeType.AS4_AGGREGATOR, "received from a 4-octet AS speaker"); // RFC 6793 §4.1
            return;
        }
        if (len != 8) {
            s.discard(AttributeType.AS4_AGGREGATOR, "length " + len + ", expected 8"); // RFC 6793 §6
            return;
        }
        s.as4Aggregator = new Aggregator(Wire.u32(b, p), Wire.i32(b, p + 4));
    }

    private static void decodeLargeCommunities(UpdateParse s, int flags, byte[] b, int p, int len) {
        if (len == 0 || len % 12 != 0) {
            s.withdraw(AttributeType.LARGE_COMMUNITY, "length " + len + " is not a non-zero multiple of 12"); // RFC 8092 §6
            return;
        }
        LargeCommunities c = LargeCommunities.wrap(words(b, p, len));
        s.attrs.largeCommunities(s.ctx.interner() == null ? c : s.ctx.interner().intern(c));
    }

    private static int[] words(byte[] b, int p, int len) {
        int[] v = new int[len / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = Wire.i32(b, p + 4 * i);
        }
        return v;
    }

    // ---- encoding and printing a whole set ----

    /**
     * Writes every attribute of the set except MP_REACH_NLRI/MP_UNREACH_NLRI, in type-code
     * order; unrecognised transitive ones with the Partial bit set (RFC 4271 §5: an
     * unrecognised optional transitive attribute is passed on with Partial set).
     */
    static void encodeAll(PathAttributes a, UpdateContext ctx, boolean classicNextHop, ByteSink out) {
        UnknownAttribute[] unknown = a.unknownArray();
        int u = 0;
        for (int code = 1; code < 256; code++) {
            while (u < unknown.length && unknown[u].type().number() <= code) {
                UnknownAttribute x = unknown[u++];
                out.attributeHeader(x.flags() | FLAG_PARTIAL, x.type().number(), x.length());
                out.bytes(x.raw(), 0, x.length());
            }
            Entry e = TABLE[code];
            if (e != null && e.encoder() != null) {
                e.encoder().encode(a, ctx, classicNextHop, out);
            }
        }
        while (u < unknown.length) {
            UnknownAttribute x = unknown[u++];
            out.attributeHeader(x.flags() | FLAG_PARTIAL, x.type().number(), x.length());
            out.bytes(x.raw(), 0, x.length());
        }
    }

    static String format(PathAttributes a) {
        List<String> parts = new ArrayList<>();
        for (Entry e : TABLE) {
            if (e != null) {
                String v = e.formatter().format(a);
                if (v != null) {
                    parts.add(v.isEmpty() ? e.type().name() : e.type().name() + " " + v);
                }
            }
        }
        for (UnknownAttribute x : a.unknownArray()) {
            parts.add(x.toString());
        }
        return String.join(", ", parts);
    }
}
