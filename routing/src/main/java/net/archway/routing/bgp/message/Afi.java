package net.archway.routing.bgp.message;

import java.util.HashMap;
import java.util.Map;

/**
 * Address Family Identifiers (IANA "Address Family Numbers") as used by RFC 4760. Known numbers print by name; unknown ones still decode, print and re-encode.
 */
public final class Afi extends RegistryValue {
    private static final Map<Integer, Afi> KNOWN = new HashMap<>();

    public static final Afi IPV4 = known(1, "ipv4");
    public static final Afi IPV6 = known(2, "ipv6");
    public static final Afi L2VPN = known(25, "l2vpn");
    public static final Afi BGP_LS = known(16388, "bgp-ls");

    private Afi(int number, String name) {
        super(number, name);
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
        return KNOWN.get(number()) == this;
    }
}
