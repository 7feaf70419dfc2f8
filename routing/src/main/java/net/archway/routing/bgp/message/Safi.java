package net.archway.routing.bgp.message;

import java.util.HashMap;
import java.util.Map;

/**
 * Subsequent Address Family Identifiers (RFC 4760; IANA "SAFI Values"). Known numbers print by name; unknown ones still decode, print and re-encode.
 */
public final class Safi extends RegistryValue {
    private static final Map<Integer, Safi> KNOWN = new HashMap<>();

    public static final Safi UNICAST = known(1, "unicast");
    public static final Safi MULTICAST = known(2, "multicast");
    public static final Safi LABELED_UNICAST = known(4, "labeled-unicast");
    public static final Safi MCAST_VPN = known(5, "mcast-vpn");
    public static final Safi EVPN = known(70, "evpn");
    public static final Safi BGP_LS = known(71, "bgp-ls");
    public static final Safi MPLS_VPN = known(128, "vpn");
    public static final Safi ROUTE_TARGET = known(132, "route-target");
    public static final Safi FLOWSPEC = known(133, "flow");
    public static final Safi FLOWSPEC_VPN = known(134, "flow-vpn");

    private Safi(int number, String name) {
        super(number, name);
    }

    private static Safi known(int number, String name) {
        Safi v = new Safi(number, name);
        KNOWN.put(number, v);
        return v;
    }

    public static Safi valueOf(int number) {
        int n = number & 0xff;
        Safi v = KNOWN.get(n);
        return v != null ? v : new Safi(n, Integer.toString(n));
    }

    /** True when the number is one this implementation knows by name. */
    public boolean isKnown() {
        return KNOWN.get(number()) == this;
    }
}
