package net.archway.routing.bgp.message;

import java.util.HashMap;
import java.util.Map;

/**
 * Capability codes carried in OPEN (RFC 5492; IANA "Capability Codes"). Known numbers print by name; unknown ones still decode, print and re-encode.
 */
public final class CapabilityCode extends RegistryValue {
    private static final Map<Integer, CapabilityCode> KNOWN = new HashMap<>();

    public static final CapabilityCode MULTIPROTOCOL = known(1, "multiprotocol");
    public static final CapabilityCode ROUTE_REFRESH = known(2, "route-refresh");
    public static final CapabilityCode OUTBOUND_ROUTE_FILTERING = known(3, "outbound-route-filtering");
    public static final CapabilityCode EXTENDED_NEXT_HOP = known(5, "extended-next-hop");
    public static final CapabilityCode EXTENDED_MESSAGE = known(6, "extended-message");
    public static final CapabilityCode BGP_ROLE = known(9, "bgp-role");
    public static final CapabilityCode GRACEFUL_RESTART = known(64, "graceful-restart");
    public static final CapabilityCode FOUR_OCTET_AS = known(65, "4-octet-as");
    public static final CapabilityCode DYNAMIC = known(67, "dynamic");
    public static final CapabilityCode ADD_PATH = known(69, "add-path");
    public static final CapabilityCode ENHANCED_ROUTE_REFRESH = known(70, "enhanced-route-refresh");
    public static final CapabilityCode LONG_LIVED_GRACEFUL_RESTART = known(71, "long-lived-graceful-restart");
    public static final CapabilityCode FQDN = known(73, "fqdn");
    public static final CapabilityCode SOFTWARE_VERSION = known(75, "software-version");
    public static final CapabilityCode ROUTE_REFRESH_CISCO = known(128, "route-refresh-cisco");

    private CapabilityCode(int number, String name) {
        super(number, name);
    }

    private static CapabilityCode known(int number, String name) {
        CapabilityCode v = new CapabilityCode(number, name);
        KNOWN.put(number, v);
        return v;
    }

    public static CapabilityCode valueOf(int number) {
        int n = number & 0xff;
        CapabilityCode v = KNOWN.get(n);
        return v != null ? v : new CapabilityCode(n, Integer.toString(n));
    }

    /** True when the number is one this implementation knows by name. */
    public boolean isKnown() {
        return KNOWN.get(number()) == this;
    }
}
