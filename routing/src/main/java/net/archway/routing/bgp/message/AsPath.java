package net.archway.routing.bgp.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An AS path (RFC 4271 §4.3, §5.1.2): segments of type AS_SET, AS_SEQUENCE,
 * AS_CONFED_SEQUENCE or AS_CONFED_SET (RFC 5065), each of 1 to 255 AS numbers, held as 4-octet
 * numbers whatever the session carried them as. Stored as one {@code int[]} (a header word
 * {@code type << 16 | count} before each segment's numbers) so a path costs one array; equal
 * paths can be interned. Immutable.
 */
public final class AsPath {
    public static final int AS_SET = 1;
    public static final int AS_SEQUENCE = 2;
    public static final int AS_CONFED_SEQUENCE = 3;
    public static final int AS_CONFED_SET = 4;

    /** RFC 6793 §9: the 2-octet stand-in for a 4-octet AS number. */
    public static final long AS_TRANS = 23456;

    private static final int MAX_SEGMENT = 255;
    public static final AsPath EMPTY = new AsPath(new int[0]);

    private final int[] data;
    private final int hash;

    AsPath(int[] data) {
        this.data = data;
        this.hash = Arrays.hashCode(data);
    }

    /** One segment of a path. */
    public record Segment(int type, long[] asns) {
        public Segment {
            if (type < AS_SET || type > AS_CONFED_SET) {
                throw new IllegalArgumentException("unknown AS path segment type " + type);
            }
            if (asns.length == 0 || asns.length > MAX_SEGMENT) {
                throw new IllegalArgumentException("an AS path segment holds 1 to 255 AS numbers, not " + asns.length);
            }
            asns = asns.clone();
        }

        @Override
        public long[] asns() {
            return asns.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Segment s && s.type == type && Arrays.equals(s.asns, asns);
        }

        @Override
        public int hashCode() {
            return type * 31 + Arrays.hashCode(asns);
        }

        @Override
        public String toString() {
            return new AsPath(encode(List.of(this))).toString();
        }
    }

    /** A path of one AS_SEQUENCE (split into segments of 255 when longer). */
    public static AsPath sequence(long... asns) {
        if (asns.length == 0) {
            return EMPTY;
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < asns.length; i += MAX_SEGMENT) {
            segments.add(new Segment(AS_SEQUENCE, Arrays.copyOfRange(asns, i, Math.min(asns.length, i + MAX_SEGMENT))));
        }
        return of(segments);
    }

    public static AsPath of(List<Segment> segments) {
        return segments.isEmpty() ? EMPTY : new AsPath(encode(segments));
    }

    private static int[] encode(List<Segment> segments) {
        int n = 0;
        for (Segment s : segments) {
            n += 1 + s.asns.length;
        }
        int[] d = new int[n];
        int p = 0;
        for (Segment s : segments) {
            d[p++] = s.type << 16 | s.asns.length;
            for (long asn : s.asns) {
                d[p++] = checkAsn(asn);
            }
        }
        return d;
    }

    static int checkAsn(long asn) {
        if (asn < 0 || asn > 0xffffffffL) {
            throw new IllegalArgumentException("AS number " + asn + " is outside 0-4294967295");
        }
        return (int) asn;
    }

    /**
     * Parses the form {@link #toString()} prints: {@code 65001 65002 {65003 65004} (65010)
     * [65011]} where braces are an AS_SET, parentheses an AS_CONFED_SEQUENCE and brackets an
     * AS_CONFED_SET. Commas inside sets are accepted.
     */
    public static AsPath parse(String text) {
        List<Segment> segments = new ArrayList<>();
        List<Long> sequence = new ArrayList<>();
        String s = text.trim();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int type = c == '{' ? AS_SET : c == '(' ? AS_CONFED_SEQUENCE : c == '[' ? AS_CONFED_SET : 0;
            if (type != 0) {
                char close = c == '{' ? '}' : c == '(' ? ')' : ']';
                int end = s.indexOf(close, i);
                if (end < 0) {
                    throw new IllegalArgumentException("invalid AS path '" + text + "': '" + c + "' is not closed");
                }
                flush(segments, sequence);
                List<Long> members = new ArrayList<>();
                for (String part : s.substring(i + 1, end).split("[\\s,]+")) {
                    if (!part.isEmpty()) {
                        members.add(parseAsn(part, text));
                    }
                }
                segments.add(new Segment(type, members.stream().mapToLong(Long::longValue).toArray()));
                i = end + 1;
                continue;
            }
            int end = i;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && "{([".indexOf(s.charAt(end)) < 0) {
                end++;
            }
            sequence.add(parseAsn(s.substring(i, end), text));
            if (sequence.size() == MAX_SEGMENT) {
                flush(segments, sequence);
            }
            i = end;
        }
        flush(segments, sequence);
        return of(segments);
    }

    private static void flush(List<Segment> segments, List<Long> sequence) {
        if (!sequence.isEmpty()) {
            segments.add(new Segment(AS_SEQUENCE, sequence.stream().mapToLong(Long::longValue).toArray()));
            sequence.clear();
        }
    }

    private static long parseAsn(String part, String text) {
        try {
            long v;
            int dot = part.indexOf('.');
            if (dot > 0) {
                // asdot notation (RFC 5396)
                v = Long.parseLong(part.substring(0, dot)) << 16 | Long.parseLong(part.substring(dot + 1));
            } else {
                v = Long.parseLong(part);
            }
            if (v < 0 || v > 0xffffffffL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid AS path '" + text + "': '" + part + "' is not an AS number");
        }
    }

    /** The raw words (segment headers and AS numbers) for the codec; never modified. */
    int[] words() {
        return data;
    }

    static AsPath ofWords(int[] words) {
        return words.length == 0 ? EMPTY : new AsPath(words);
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        for (int p = 0; p < data.length; ) {
            int type = data[p] >>> 16;
            int n = data[p] & 0xffff;
            long[] asns = new long[n];
            for (int k = 0; k < n; k++) {
                asns[k] = data[p + 1 + k] & 0xffffffffL;
            }
            out.add(new Segment(type, asns));
            p += 1 + n;
        }
        return out;
    }

    /**
     * The path length for best-path selection (RFC 4271 §9.1.2.2 a): every AS in a sequence
     * counts, a set counts as one, confederation segments do not count (RFC 5065 §5.3).
     */
    public int length() {
        int len = 0;
        for (int p = 0; p < data.length; p += 1 + (data[p] & 0xffff)) {
            int type = data[p] >>> 16;
            if (type == AS_SEQUENCE) {
                len += data[p] & 0xffff;
            } else if (type == AS_SET) {
                len++;
            }
        }
        return len;
    }

    /** The leftmost AS of a leading AS_SEQUENCE (the neighbour that sent the route), or -1. */
    public long firstAs() {
        return data.length > 1 && data[0] >>> 16 == AS_SEQUENCE ? data[1] & 0xffffffffL : -1;
    }

    /** The rightmost AS when the last segment is an AS_SEQUENCE (the origin AS), or -1. */
    public long originAs() {
        long last = -1;
        for (int p = 0; p < data.length; p += 1 + (data[p] & 0xffff)) {
            int n = data[p] & 0xffff;
            last = data[p] >>> 16 == AS_SEQUENCE ? data[p + n] & 0xffffffffL : -1;
        }
        return last;
    }

    /** True when {@code asn} appears anywhere in the path, sets and confederation segments included. */
    public boolean contains(long asn) {
        return count(asn) > 0;
    }

    /** How many times {@code asn} appears (loop detection with allowed repetitions). */
    public int count(long asn) {
        int c = 0;
        int a = (int) asn;
        for (int p = 0; p < data.length; ) {
            int n = data[p] & 0xffff;
            for (int k = 1; k <= n; k++) {
                if (data[p + k] == a) {
                    c++;
                }
            }
            p += 1 + n;
        }
        return c;
    }

    public boolean hasConfederationSegments() {
        for (int p = 0; p < data.length; p += 1 + (data[p] & 0xffff)) {
            int type = data[p] >>> 16;
            if (type == AS_CONFED_SEQUENCE || type == AS_CONFED_SET) {
                return true;
            }
        }
        return false;
    }

    /** True when some AS number does not fit two octets (so a 2-octet peer needs AS4_PATH). */
    public boolean hasFourOctetAs() {
        for (int p = 0; p < data.length; ) {
            int n = data[p] & 0xffff;
            for (int k = 1; k <= n; k++) {
                if ((data[p + k] & 0xffffffffL) > 0xffff) {
                    return true;
                }
            }
            p += 1 + n;
        }
        return false;
    }

    /**
     * {@code asn} prepended {@code times} times (RFC 4271 §5.1.2: into the leading AS_SEQUENCE,
     * or a new one when the path starts otherwise or the leading sequence is full).
     */
    public AsPath prepend(long asn, int times) {
        if (times <= 0) {
            return this;
        }
        checkAsn(asn);
        List<Segment> segs = segments();
        List<Long> lead = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            lead.add(asn);
        }
        List<Segment> out = new ArrayList<>();
        int rest = 0;
        if (!segs.isEmpty() && segs.get(0).type() == AS_SEQUENCE) {
            for (long x : segs.get(0).asns) {
                lead.add(x);
            }
            rest = 1;
        }
        long[] all = lead.stream().mapToLong(Long::longValue).toArray();
        // Fill the leading segment from the right so that only the first one is short.
        int first = all.length % MAX_SEGMENT == 0 ? MAX_SEGMENT : all.length % MAX_SEGMENT;
        out.add(new Segment(AS_SEQUENCE, Arrays.copyOfRange(all, 0, first)));
        for (int i = first; i < all.length; i += MAX_SEGMENT) {
            out.add(new Segment(AS_SEQUENCE, Arrays.copyOfRange(all, i, i + MAX_SEGMENT)));
        }
        out.addAll(segs.subList(rest, segs.size()));
        return of(out);
    }

    /** The path without its AS_CONFED_SEQUENCE and AS_CONFED_SET segments (RFC 5065 §5.3, RFC 6793 §6). */
    public AsPath withoutConfederationSegments() {
        if (!hasConfederationSegments()) {
            return this;
        }
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments()) {
            if (s.type() == AS_SET || s.type() == AS_SEQUENCE) {
                out.add(s);
            }
        }
        return of(out);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof AsPath p && p.hash == hash && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** {@code 65001 65002 {65003 65004} (65010) [65011]}; the empty path prints as an empty string. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < data.length; ) {
            int type = data[p] >>> 16;
            int n = data[p] & 0xffff;
            if (sb.length() > 0) {
                sb.append(' ');
            }
            String open = type == AS_SET ? "{" : type == AS_CONFED_SEQUENCE ? "(" : type == AS_CONFED_SET ? "[" : "";
            String close = type == AS_SET ? "}" : type == AS_CONFED_SEQUENCE ? ")" : type == AS_CONFED_SET ? "]" : "";
            sb.append(open);
            for (int k = 1; k <= n; k++) {
                if (k > 1) {
                    sb.append(' ');
                }
                sb.append(data[p + k] & 0xffffffffL);
            }
            sb.append(close);
            p += 1 + n;
        }
        return sb.toString();
    }
}
