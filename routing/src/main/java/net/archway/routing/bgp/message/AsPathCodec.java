package net.archway.routing.bgp.message;

/** AS_PATH and AS4_PATH on the wire (RFC 4271 §4.3, RFC 6793 §3), 2 or 4 octets per AS number. */
final class AsPathCodec {
    private AsPathCodec() {
    }

    /**
     * Decodes a path into {@link AsPath#words()} form, or returns null with the reason in
     * {@code error}: an unknown segment type, a segment of length zero, a segment that overruns
     * the attribute, or one octet left over (RFC 7606 §7.2).
     */
    static int[] decode(byte[] b, int p, int len, int asSize, StringBuilder error) {
        int end = p + len;
        int words = 0;
        for (int q = p; q < end; ) {
            if (end - q < 2) {
                error.append("one octet left after the last segment");
                return null;
            }
            int type = b[q] & 0xff;
            int n = b[q + 1] & 0xff;
            if (type < AsPath.AS_SET || type > AsPath.AS_CONFED_SET) {
                error.append("unknown segment type ").append(type);
                return null;
            }
            if (n == 0) {
                error.append("segment of length 0");
                return null;
            }
            if (q + 2 + n * asSize > end) {
                error.append("segment of ").append(n).append(" AS numbers overruns the attribute");
                return null;
            }
            words += 1 + n;
            q += 2 + n * asSize;
        }
        int[] d = new int[words];
        int w = 0;
        for (int q = p; q < end; ) {
            int type = b[q] & 0xff;
            int n = b[q + 1] & 0xff;
            d[w++] = type << 16 | n;
            q += 2;
            for (int k = 0; k < n; k++) {
                d[w++] = asSize == 4 ? Wire.i32(b, q) : Wire.u16(b, q);
                q += asSize;
            }
        }
        return d;
    }

    /** Encodes a path; with 2-octet numbers, those that do not fit become AS_TRANS (RFC 6793 §4.2.2). */
    static void encode(AsPath path, int asSize, ByteSink out) {
        int[] d = path.words();
        for (int p = 0; p < d.length; ) {
            int n = d[p] & 0xffff;
            out.u8(d[p] >>> 16);
            out.u8(n);
            for (int k = 1; k <= n; k++) {
                long asn = d[p + k] & 0xffffffffL;
                if (asSize == 4) {
                    out.u32((int) asn);
                } else {
                    out.u16(asn > 0xffff ? (int) AsPath.AS_TRANS : (int) asn);
                }
            }
            p += 1 + n;
        }
    }

    static int encodedLength(AsPath path, int asSize) {
        int[] d = path.words();
        int len = 0;
        for (int p = 0; p < d.length; p += 1 + (d[p] & 0xffff)) {
            len += 2 + (d[p] & 0xffff) * asSize;
        }
        return len;
    }

    /**
     * Rebuilds the 4-octet path from the AS_PATH and AS4_PATH of a 2-octet peer (RFC 6793
     * §4.2.3): when AS_PATH holds fewer AS numbers than AS4_PATH, AS4_PATH is ignored; else the
     * leading AS numbers of AS_PATH (whole segments for sets and confederation segments) that
     * AS4_PATH lacks are put in front of AS4_PATH.
     */
    static AsPath merge(AsPath asPath, AsPath as4Path) {
        int n = asPath.length();
        int m = as4Path.length();
        if (n < m) {
            return asPath;
        }
        int need = n - m;
        int[] d = asPath.words();
        int[] tail = as4Path.words();
        int[] out = new int[d.length + tail.length];
        int w = 0;
        int p = 0;
        while (p < d.length) {
            int type = d[p] >>> 16;
            int count = d[p] & 0xffff;
            boolean confed = type == AsPath.AS_CONFED_SEQUENCE || type == AsPath.AS_CONFED_SET;
            if (confed) {
                // Leading confederation segments belong to the path whatever the count.
                System.arraycopy(d, p, out, w, 1 + count);
                w += 1 + count;
            } else if (need == 0) {
                break;
            } else if (type == AsPath.AS_SET) {
                System.arraycopy(d, p, out, w, 1 + count);
                w += 1 + count;
                need--;
            } else {
                int take = Math.min(count, need);
                out[w++] = type << 16 | take;
                System.arraycopy(d, p + 1, out, w, take);
                w += take;
                need -= take;
            }
            p += 1 + count;
        }
        int lastHeader = -1;
        for (int q = 0; q < w; q += 1 + (out[q] & 0xffff)) {
            lastHeader = q;
        }
        int t = 0;
        if (lastHeader >= 0 && tail.length > 0 && out[lastHeader] >>> 16 == AsPath.AS_SEQUENCE && tail[0] >>> 16 == AsPath.AS_SEQUENCE
                && (out[lastHeader] & 0xffff) + (tail[0] & 0xffff) <= 255) {
            // Join the kept sequence and AS4_PATH's first one: one path, one segment.
            int first = tail[0] & 0xffff;
            out[lastHeader] += first;
            System.arraycopy(tail, 1, out, w, first);
            w += first;
            t = 1 + first;
        }
        System.arraycopy(tail, t, out, w, tail.length - t);
        w += tail.length - t;
        return AsPath.ofWords(java.util.Arrays.copyOf(out, w));
    }
}
