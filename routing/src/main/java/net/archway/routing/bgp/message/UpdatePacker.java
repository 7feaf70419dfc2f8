package net.archway.routing.bgp.message;

import java.util.List;

import net.archway.routing.Prefix;

/**
 * Encodes many prefixes that share one attribute set into as few UPDATEs as fit
 * {@value MessageCodec#MAX_MESSAGE_LENGTH} octets: the attributes are encoded once per call and
 * every message is filled with NLRI to the last octet. IPv4 unicast travels in the NLRI field
 * with NEXT_HOP, IPv6 unicast in MP_REACH_NLRI, written as the first attribute (RFC 7606 §5.1);
 * each message carries only one kind of NLRI. Messages are written into one reused buffer and
 * handed to a {@link Sink}, so packing a full table makes no garbage per message. Not
 * thread-safe: one packer per thread.
 */
public final class UpdatePacker {
    private static final int MAX = MessageCodec.MAX_MESSAGE_LENGTH;
    private static final int HEADER = MessageCodec.HEADER_LENGTH;

    /** Receives each message; the buffer is reused once the call returns. */
    @FunctionalInterface
    public interface Sink {
        void message(byte[] buffer, int offset, int length);
    }

    private final UpdateContext ctx;
    private final byte[] buf = new byte[MAX];

    public UpdatePacker(UpdateContext ctx) {
        this.ctx = ctx;
        for (int i = 0; i < 16; i++) {
            buf[i] = (byte) 0xff;
        }
        buf[18] = (byte) MessageType.UPDATE.number();
    }

    /**
     * Announces prefixes of one family with one attribute set (next hop included: IPv4 for
     * IPv4 prefixes, IPv6 for IPv6). Returns the number of messages written.
     *
     * @throws IllegalArgumentException when the prefixes mix families, the next hop does not fit
     *         the family, or the attributes alone leave no room for a prefix (BIRD withdraws
     *         such routes, "attribute list too long"; {@link #fits} tells beforehand)
     */
    public int announce(PathAttributes attributes, List<Prefix> prefixes, Sink sink) {
        if (prefixes.isEmpty()) {
            return 0;
        }
        boolean v6 = prefixes.get(0).isIpv6();
        NextHop nh = UpdateCodec.requireNextHop(attributes, !v6);
        byte[] block = UpdateCodec.attributeBlock(attributes, ctx, !v6);
        int fixed = HEADER + 4 + block.length + (v6 ? 4 + 5 + nh.wireLength() : 0);
        if (fixed + 17 > MAX) {
            throw new IllegalArgumentException("path attributes of " + block.length + " octets leave no room for a prefix in an UPDATE");
        }
        int messages = 0;
        int i = 0;
        while (i < prefixes.size()) {
            int p = HEADER;
            Wire.put16(buf, p, 0);
            p += 4; // attribute length written below
            int attrStart = p;
            int nlriStart;
            if (v6) {
                buf[p] = (byte) (PathAttributes.FLAG_OPTIONAL | PathAttributes.FLAG_EXTENDED_LENGTH);
                buf[p + 1] = 14;
                int mpLength = p + 2;
                p += 4;
                Wire.put16(buf, p, Afi.IPV6.number());
                buf[p + 2] = (byte) Safi.UNICAST.number();
                buf[p + 3] = (byte) nh.wireLength();
                nh.encode(buf, p + 4);
                p += 4 + nh.wireLength();
                buf[p++] = 0;
                nlriStart = p;
                int n = fitting(prefixes, i, p, MAX - block.length, true);
                p = write(prefixes, i, n, p);
                i += n;
                Wire.put16(buf, mpLength, 5 + nh.wireLength() + (p - nlriStart));
                System.arraycopy(block, 0, buf, p, block.length);
                p += block.length;
                Wire.put16(buf, HEADER + 2, p - attrStart);
            } else {
                System.arraycopy(block, 0, buf, p, block.length);
                p += block.length;
                Wire.put16(buf, HEADER + 2, block.length);
                int n = fitting(prefixes, i, p, MAX, false);
                p = write(prefixes, i, n, p);
                i += n;
            }
            Wire.put16(buf, 16, p);
            sink.message(buf, 0, p);
            messages++;
        }
        return messages;
    }

    /** True when the set leaves room for at least one prefix in an UPDATE of the family. */
    public boolean fits(PathAttributes attributes, Family family) {
        boolean v6 = family.equals(Family.IPV6_UNICAST);
        int nh = attributes.nextHop() == null ? 0 : attributes.nextHop().wireLength();
        return HEADER + 4 + UpdateCodec.attributeBlock(attributes, ctx, !v6).length + (v6 ? 9 + nh : 0) + 17 <= MAX;
    }

    /** Withdraws prefixes of either family; IPv4 in Withdrawn Routes, IPv6 in MP_UNREACH_NLRI. Returns the messages written. */
    public int withdraw(List<Prefix> prefixes, Sink sink) {
        int messages = 0;
        for (int pass = 0; pass < 2; pass++) {
            boolean v6 = pass == 1;
            int i = next(prefixes, 0, v6);
            while (i < prefixes.size()) {
                int p = HEADER;
                if (v6) {
                    Wire.put16(buf, p, 0);
                    buf[p + 4] = (byte) (PathAttributes.FLAG_OPTIONAL | PathAttributes.FLAG_EXTENDED_LENGTH);
                    buf[p + 5] = 15;
                    Wire.put16(buf, p + 8, Afi.IPV6.number());
                    buf[p + 10] = (byte) Safi.UNICAST.number();
                    int nlriStart = p + 11;
                    p = nlriStart;
                    while (i < prefixes.size() && p + Nlri.encodedLength(prefixes.get(i)) <= MAX) {
                        p = Nlri.encode(prefixes.get(i), buf, p);
                        i = next(prefixes, i + 1, true);
                    }
                    Wire.put16(buf, HEADER + 6, 3 + p - nlriStart);
                    Wire.put16(buf, HEADER + 2, 4 + 3 + p - nlriStart);
                } else {
                    int start = p + 2;
                    p = start;
                    while (i < prefixes.size() && p + Nlri.encodedLength(prefixes.get(i)) + 2 <= MAX) {
                        p = Nlri.encode(prefixes.get(i), buf, p);
                        i = next(prefixes, i + 1, false);
                    }
                    Wire.put16(buf, HEADER, p - start);
                    Wire.put16(buf, p, 0);
                    p += 2;
                }
                Wire.put16(buf, 16, p);
                sink.message(buf, 0, p);
                messages++;
            }
        }
        return messages;
    }

    /** The End-of-RIB marker of a family (RFC 4724 §2). */
    public void endOfRib(Family family, Sink sink) {
        byte[] m = MessageCodec.encode(UpdateMessage.endOfRib(family), ctx);
        sink.message(m, 0, m.length);
    }

    private static int next(List<Prefix> prefixes, int from, boolean v6) {
        int i = from;
        while (i < prefixes.size() && prefixes.get(i).isIpv6() != v6) {
            i++;
        }
        return i;
    }

    /** How many prefixes from {@code from} fit between {@code p} and {@code limit}; all must be of one family. */
    private static int fitting(List<Prefix> prefixes, int from, int p, int limit, boolean v6) {
        int i = from;
        for (; i < prefixes.size(); i++) {
            Prefix x = prefixes.get(i);
            if (x.isIpv6() != v6) {
                throw new IllegalArgumentException("one announcement carries one family; " + x + " does not match");
            }
            p += Nlri.encodedLength(x);
            if (p > limit) {
                break;
            }
        }
        return i - from;
    }

    private int write(List<Prefix> prefixes, int from, int count, int p) {
        for (int i = from; i < from + count; i++) {
            p = Nlri.encode(prefixes.get(i), buf, p);
        }
        return p;
    }
}
