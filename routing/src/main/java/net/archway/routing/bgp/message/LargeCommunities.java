package net.archway.routing.bgp.message;

import java.util.Arrays;

/**
 * The LARGE_COMMUNITY attribute (RFC 8092): triples of 32-bit numbers written
 * {@code global:local1:local2}, kept in the order received without duplicates (§5: a receiver
 * removes redundant ones). One {@code int[]} of 3n values; immutable; internable.
 */
public final class LargeCommunities {
    public static final LargeCommunities EMPTY = new LargeCommunities(new int[0]);

    private final int[] values;
    private final int hash;

    private LargeCommunities(int[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    /** From triples {@code global, local1, local2, ...}; duplicates are dropped. */
    public static LargeCommunities of(long... triples) {
        if (triples.length % 3 != 0) {
            throw new IllegalArgumentException("large communities come in triples, not " + triples.length + " numbers");
        }
        int[] v = new int[triples.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = AsPath.checkAsn(triples[i]);
        }
        return wrap(v);
    }

    /** Wraps decoded values, dropping repeated triples (RFC 8092 §5). */
    static LargeCommunities wrap(int[] v) {
        if (v.length == 0) {
            return EMPTY;
        }
        int n = 0;
        outer:
        for (int i = 0; i < v.length; i += 3) {
            for (int j = 0; j < n; j += 3) {
                if (v[j] == v[i] && v[j + 1] == v[i + 1] && v[j + 2] == v[i + 2]) {
                    continue outer;
                }
            }
            v[n] = v[i];
            v[n + 1] = v[i + 1];
            v[n + 2] = v[i + 2];
            n += 3;
        }
        return new LargeCommunities(n == v.length ? v : Arrays.copyOf(v, n));
    }

    /** Parses {@code 65000:1:2}. */
    public static long[] parse(String text) {
        String[] parts = text.split(":");
        try {
            if (parts.length == 3) {
                long[] t = new long[3];
                for (int i = 0; i < 3; i++) {
                    t[i] = Long.parseLong(parts[i]);
                    if (t[i] < 0 || t[i] > 0xffffffffL) {
                        throw new NumberFormatException();
                    }
                }
                return t;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("invalid large community '" + text + "': expected global:local1:local2 (0-4294967295 each)");
    }

    /** The number of triples. */
    public int size() {
        return values.length / 3;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public long globalAdministrator(int i) {
        return values[3 * i] & 0xffffffffL;
    }

    public long localData1(int i) {
        return values[3 * i + 1] & 0xffffffffL;
    }

    public long localData2(int i) {
        return values[3 * i + 2] & 0xffffffffL;
    }

    int[] raw() {
        return values;
    }

    public boolean contains(long global, long local1, long local2) {
        for (int i = 0; i < values.length; i += 3) {
            if (values[i] == (int) global && values[i + 1] == (int) local1 && values[i + 2] == (int) local2) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof LargeCommunities c && c.hash == hash && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(globalAdministrator(i)).append(':').append(localData1(i)).append(':').append(localData2(i));
        }
        return sb.toString();
    }
}
