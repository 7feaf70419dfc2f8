package net.archway.routing.bgp.message;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The COMMUNITIES attribute (RFC 1997): 32-bit values, written {@code ASN:value}, kept in the
 * order received. Well-known communities print by name (IANA "BGP Well-known Communities").
 * One {@code int[]}; immutable; equal lists can be interned.
 */
public final class Communities {
    public static final int GRACEFUL_SHUTDOWN = 0xFFFF0000;
    public static final int ACCEPT_OWN = 0xFFFF0001;
    public static final int BLACKHOLE = 0xFFFF029A;
    public static final int NO_EXPORT = 0xFFFFFF01;
    public static final int NO_ADVERTISE = 0xFFFFFF02;
    public static final int NO_EXPORT_SUBCONFED = 0xFFFFFF03;
    public static final int NOPEER = 0xFFFFFF04;

    private static final Map<Integer, String> NAMES = Map.of(
            GRACEFUL_SHUTDOWN, "graceful-shutdown", ACCEPT_OWN, "accept-own", BLACKHOLE, "blackhole",
            NO_EXPORT, "no-export", NO_ADVERTISE, "no-advertise", NO_EXPORT_SUBCONFED, "no-export-subconfed",
            NOPEER, "no-peer");

    public static final Communities EMPTY = new Communities(new int[0]);

    private final int[] values;
    private final int hash;

    private Communities(int[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    public static Communities of(int... values) {
        return values.length == 0 ? EMPTY : new Communities(values.clone());
    }

    static Communities wrap(int[] values) {
        return values.length == 0 ? EMPTY : new Communities(values);
    }

    /** The community {@code high:low}. */
    public static int community(int high, int low) {
        if (high < 0 || high > 0xffff || low < 0 || low > 0xffff) {
            throw new IllegalArgumentException("a community is two numbers 0-65535, not " + high + ":" + low);
        }
        return high << 16 | low;
    }

    /** Parses {@code 65000:100} or a well-known name such as {@code no-export}. */
    public static int parse(String text) {
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(text)) {
                return e.getKey();
            }
        }
        int colon = text.indexOf(':');
        try {
            if (colon > 0) {
                return community(Integer.parseInt(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new IllegalArgumentException("invalid community '" + text + "': expected ASN:value (0-65535 each) or a well-known name");
    }

    public static String format(int community) {
        String name = NAMES.get(community);
        return name != null ? name : (community >>> 16) + ":" + (community & 0xffff);
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public int get(int i) {
        return values[i];
    }

    public int[] toArray() {
        return values.clone();
    }

    int[] raw() {
        return values;
    }

    public boolean contains(int community) {
        for (int v : values) {
            if (v == community) {
                return true;
            }
        }
        return false;
    }

    /** These communities with {@code added} appended (values already present are not repeated). */
    public Communities with(int... added) {
        Set<Integer> set = new LinkedHashSet<>();
        for (int v : values) {
            set.add(v);
        }
        for (int v : added) {
            set.add(v);
        }
        return wrap(set.stream().mapToInt(Integer::intValue).toArray());
    }

    public Communities without(int... removed) {
        return wrap(Arrays.stream(values).filter(v -> Arrays.stream(removed).noneMatch(r -> r == v)).toArray());
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Communities c && c.hash == hash && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(format(v));
        }
        return sb.toString();
    }
}
