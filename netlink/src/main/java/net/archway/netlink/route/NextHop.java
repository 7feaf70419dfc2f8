package net.archway.netlink.route;

import java.net.InetAddress;

import net.archway.netlink.IpAddresses;

/**
 * One next hop of a route: a gateway, an output interface, or both; a weight for multipath
 * (1-256, the kernel stores weight - 1 in rtnh_hops); RTNH_F_* flags (ONLINK on the way in;
 * DEAD and LINKDOWN as the kernel reports them).
 */
public record NextHop(InetAddress gateway, int ifindex, int weight, int flags) {

    public NextHop {
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("next-hop weight " + weight + " is outside 1-256");
        }
        if (gateway == null && ifindex <= 0) {
            throw new IllegalArgumentException("a next hop needs a gateway or an interface");
        }
    }

    public static NextHop via(InetAddress gateway) {
        return new NextHop(gateway, 0, 1, 0);
    }

    public static NextHop via(InetAddress gateway, int ifindex) {
        return new NextHop(gateway, ifindex, 1, 0);
    }

    public static NextHop dev(int ifindex) {
        return new NextHop(null, ifindex, 1, 0);
    }

    public NextHop withWeight(int weight) {
        return new NextHop(gateway, ifindex, weight, flags);
    }

    /** The gateway is on the link even if no connected prefix says so (RTNH_F_ONLINK). */
    public NextHop onLink() {
        return new NextHop(gateway, ifindex, weight, flags | Rtnl.RTNH_F_ONLINK);
    }

    /** The kernel reports the next hop's interface without carrier (RTNH_F_LINKDOWN). */
    public boolean isLinkDown() {
        return (flags & Rtnl.RTNH_F_LINKDOWN) != 0;
    }

    public boolean isDead() {
        return (flags & Rtnl.RTNH_F_DEAD) != 0;
    }

    /** The same next hop without the status flags the kernel adds (DEAD, LINKDOWN), for comparing. */
    public NextHop configured() {
        return new NextHop(gateway, ifindex, weight, flags & Rtnl.RTNH_F_ONLINK);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (gateway != null) {
            sb.append("via ").append(IpAddresses.format(gateway));
        }
        if (ifindex > 0) {
            sb.append(sb.isEmpty() ? "" : " ").append("dev ").append(ifindex);
        }
        if (weight != 1) {
            sb.append(" weight ").append(weight);
        }
        return sb.toString();
    }
}
