package net.archway.routing.bgp.message;

import java.util.HashMap;
import java.util.Map;

/**
 * Path attribute type codes (IANA "BGP Path Attributes"). Known numbers print by name; unknown ones still decode, print and re-encode.
 */
public final class AttributeType extends RegistryValue {
    private static final Map<Integer, AttributeType> KNOWN = new HashMap<>();

    public static final AttributeType ORIGIN = known(1, "ORIGIN");
    public static final AttributeType AS_PATH = known(2, "AS_PATH");
    public static final AttributeType NEXT_HOP = known(3, "NEXT_HOP");
    public static final AttributeType MULTI_EXIT_DISC = known(4, "MULTI_EXIT_DISC");
    public static final AttributeType LOCAL_PREF = known(5, "LOCAL_PREF");
    public static final AttributeType ATOMIC_AGGREGATE = known(6, "ATOMIC_AGGREGATE");
    public static final AttributeType AGGREGATOR = known(7, "AGGREGATOR");
    public static final AttributeType COMMUNITIES = known(8, "COMMUNITIES");
    public static final AttributeType ORIGINATOR_ID = known(9, "ORIGINATOR_ID");
    public static final AttributeType CLUSTER_LIST = known(10, "CLUSTER_LIST");
    public static final AttributeType MP_REACH_NLRI = known(14, "MP_REACH_NLRI");
    public static final AttributeType MP_UNREACH_NLRI = known(15, "MP_UNREACH_NLRI");
    public static final AttributeType EXTENDED_COMMUNITIES = known(16, "EXTENDED_COMMUNITIES");
    public static final AttributeType AS4_PATH = known(17, "AS4_PATH");
    public static final AttributeType AS4_AGGREGATOR = known(18, "AS4_AGGREGATOR");
    public static final AttributeType PMSI_TUNNEL = known(22, "PMSI_TUNNEL");
    public static final AttributeType TUNNEL_ENCAPSULATION = known(23, "TUNNEL_ENCAPSULATION");
    public static final AttributeType IPV6_EXTENDED_COMMUNITIES = known(25, "IPV6_EXTENDED_COMMUNITIES");
    public static final AttributeType AIGP = known(26, "AIGP");
    public static final AttributeType BGP_LS = known(29, "BGP_LS");
    public static final AttributeType LARGE_COMMUNITY = known(32, "LARGE_COMMUNITY");
    public static final AttributeType BGPSEC_PATH = known(33, "BGPsec_PATH");
    public static final AttributeType ONLY_TO_CUSTOMER = known(35, "OTC");
    public static final AttributeType ATTR_SET = known(128, "ATTR_SET");

    private AttributeType(int number, String name) {
        super(number, name);
    }

    private static AttributeType known(int number, String name) {
        AttributeType v = new AttributeType(number, name);
        KNOWN.put(number, v);
        return v;
    }

    public static AttributeType valueOf(int number) {
        int n = number & 0xff;
        AttributeType v = KNOWN.get(n);
        return v != null ? v : new AttributeType(n, Integer.toString(n));
    }

    /** True when the number is one this implementation knows by name. */
    public boolean isKnown() {
        return KNOWN.get(number()) == this;
    }
}
