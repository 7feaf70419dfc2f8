package net.archway.routing.bgp.message;

import java.util.HashMap;
import java.util.Map;

/**
 * Address Family Identifiers (IANA "Address Family Numbers") as used by RFC 4760. Known numbers print by name; unknown ones still decode, print and re-encode.
 */
public final class Afi {
    private static final Map<Integer, Afi> KNOWN = new HashMap<>();

    public static final Afi IPV4 = known(1, "ipv4");
    public static final Afi IPV6 = known(2, "ipv6");
    public static final Afi L2VPN = known(25, "l2vpn");
    public static final Afi BGP_LS = known(16388, "bgp-ls");

    private final int number;
    private final String name;

    private Afi(int number, String name) {
        this.number = number;
        this.name = name;
    }

    private static Afi known(int number, String name) {
        Afi v = new Afi(number, name);
        KNOWN.put(number, v);
        return v;
    }

    public static Afi valueOf(int number) {
        int n = number & 0xffff;
        Afi v = KNOWN.get(n);
        return v != null ? v : new Afi(n, Integer.toString(n));
    }

    /** True when the number is one this implementation knows by name. */
    public boolean isKnown() {
        return KNOWN.get(number) == this;
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Afi other && other.number == number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    @Override
    public String toString() {
        return name;
    }
}
