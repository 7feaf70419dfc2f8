package net.archway.routing.bgp.message;

/**
 * An address family as BGP names it: AFI and SAFI (RFC 4760). Printed the way Junos names
 * families: {@code inet-unicast}, {@code inet6-unicast}; other pairs as {@code afi/safi}.
 */
public record Family(Afi afi, Safi safi) {
    public static final Family IPV4_UNICAST = new Family(Afi.IPV4, Safi.UNICAST);
    public static final Family IPV6_UNICAST = new Family(Afi.IPV6, Safi.UNICAST);

    public Family {
        if (afi == null || safi == null) {
            throw new IllegalArgumentException("a family needs an AFI and a SAFI");
        }
    }

    public static Family of(int afi, int safi) {
        if (afi == 1 && safi == 1) {
            return IPV4_UNICAST;
        }
        if (afi == 2 && safi == 1) {
            return IPV6_UNICAST;
        }
        return new Family(Afi.valueOf(afi), Safi.valueOf(safi));
    }

    /** The family of unicast routes for a prefix. */
    public static Family unicastOf(net.archway.routing.Prefix prefix) {
        return prefix.isIpv6() ? IPV6_UNICAST : IPV4_UNICAST;
    }

    /** True for the two families whose NLRI this codec decodes into prefixes. */
    public boolean isIpUnicast() {
        return equals(IPV4_UNICAST) || equals(IPV6_UNICAST);
    }

    @Override
    public String toString() {
        if (equals(IPV4_UNICAST)) {
            return "inet-unicast";
        }
        if (equals(IPV6_UNICAST)) {
            return "inet6-unicast";
        }
        return afi + "/" + safi;
    }
}
