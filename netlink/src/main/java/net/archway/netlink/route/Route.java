package net.archway.netlink.route;

import java.net.InetAddress;
import java.util.List;

import net.archway.netlink.IpAddresses;
import net.archway.netlink.IpPrefix;

/**
 * A kernel route (RTM_NEWROUTE). One next hop is encoded as RTA_GATEWAY/RTA_OIF, several as
 * RTA_MULTIPATH; blackhole, unreachable and prohibit routes have none.
 *
 * @param destination     RTA_DST with rtm_dst_len
 * @param table           routing table (RTA_TABLE; 254 is main)
 * @param type            rtm_type
 * @param protocol        rtm_protocol: who owns the route
 * @param scope           rtm_scope
 * @param metric          RTA_PRIORITY (0: kernel default, which is 1024 for IPv6)
 * @param preferredSource RTA_PREFSRC, or null
 * @param nextHops        the next hops, empty for reject-type routes; for a route through a
 *                        nexthop object, what the kernel reports it resolves to
 * @param nexthopId       RTA_NH_ID: the kernel nexthop object or group the route uses (0: none,
 *                        the next hops are inline)
 */
public record Route(IpPrefix destination, int table, RouteType type, RouteProtocol protocol, RouteScope scope,
                    int metric, InetAddress preferredSource, List<NextHop> nextHops, int nexthopId) {

    public static final int TABLE_UNSPEC = 0;
    public static final int TABLE_DEFAULT = 253;
    public static final int TABLE_MAIN = 254;
    public static final int TABLE_LOCAL = 255;

    public Route {
        nextHops = List.copyOf(nextHops);
        if (table < 0) {
            throw new IllegalArgumentException("table " + Integer.toUnsignedString(table) + " is out of range");
        }
        if (RouteCodec.isReject(type) && !nextHops.isEmpty()) {
            throw new IllegalArgumentException(type + " route " + destination + " cannot have next hops");
        }
        for (NextHop nh : nextHops) {
            if (nh.gateway() != null && IpAddresses.family(nh.gateway()) != destination.family()) {
                // an IPv6 gateway for an IPv4 route would need RTA_VIA; Archway does not use it
                throw new IllegalArgumentException("gateway " + IpAddresses.format(nh.gateway())
                        + " is not of the family of " + destination);
            }
        }
    }

    /** A unicast route in the main table, owned by {@code protocol}; scope link when no hop has a gateway. */
    public static Route unicast(IpPrefix destination, RouteProtocol protocol, NextHop... nextHops) {
        if (nextHops.length == 0) {
            throw new IllegalArgumentException("a unicast route to " + destination + " needs a next hop");
        }
        boolean anyGateway = false;
        for (NextHop nh : nextHops) {
            anyGateway |= nh.gateway() != null;
        }
        return new Route(destination, TABLE_MAIN, RouteType.UNICAST, protocol,
                anyGateway ? RouteScope.UNIVERSE : RouteScope.LINK, 0, null, List.of(nextHops), 0);
    }

    /** A unicast route in the main table through kernel nexthop object (or group) {@code nexthopId}. */
    public static Route viaNexthopObject(IpPrefix destination, RouteProtocol protocol, int nexthopId) {
        if (nexthopId <= 0) {
            throw new IllegalArgumentException("nexthop object ids start at 1");
        }
        return new Route(destination, TABLE_MAIN, RouteType.UNICAST, protocol, RouteScope.UNIVERSE, 0, null, List.of(),
                nexthopId);
    }

    /** A blackhole, unreachable or prohibit route in the main table. */
    public static Route reject(IpPrefix destination, RouteType type, RouteProtocol protocol) {
        return new Route(destination, TABLE_MAIN, type, protocol, RouteScope.UNIVERSE, 0, null, List.of(), 0);
    }

    public int family() {
        return destination.family();
    }

    public Route withTable(int table) {
        return new Route(destination, table, type, protocol, scope, metric, preferredSource, nextHops, nexthopId);
    }

    /** The same route to another destination (of the same family): one object, the next hops shared. */
    public Route withDestination(IpPrefix destination) {
        return new Route(destination, table, type, protocol, scope, metric, preferredSource, nextHops, nexthopId);
    }

    public Route withMetric(int metric) {
        return new Route(destination, table, type, protocol, scope, metric, preferredSource, nextHops, nexthopId);
    }

    public Route withProtocol(RouteProtocol protocol) {
        return new Route(destination, table, type, protocol, scope, metric, preferredSource, nextHops, nexthopId);
    }

    public Route withType(RouteType type) {
        return new Route(destination, table, type, protocol, scope, metric, preferredSource, nextHops, nexthopId);
    }

    public Route withScope(RouteScope scope) {
        return new Route(destination, table, type, protocol, scope, metric, preferredSource, nextHops, nexthopId);
    }

    public Route withPreferredSource(InetAddress source) {
        return new Route(destination, table, type, protocol, scope, metric, source, nextHops, nexthopId);
    }

    public Route withNextHops(List<NextHop> nextHops) {
        return new Route(destination, table, type, protocol, scope, metric, preferredSource, nextHops, nexthopId);
    }

    /** The same route through nexthop object {@code id} instead of inline next hops. */
    public Route withNexthopObject(int id) {
        return new Route(destination, table, type, protocol, scope, metric, preferredSource, List.of(), id);
    }

    public boolean isMultipath() {
        return nextHops.size() > 1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!type.equals(RouteType.UNICAST)) {
            sb.append(type).append(' ');
        }
        sb.append(destination);
        if (nexthopId != 0) {
            sb.append(" nhid ").append(Integer.toUnsignedString(nexthopId));
        } else {
            for (NextHop nh : nextHops) {
                sb.append(isMultipath() ? " nexthop " : " ").append(nh);
            }
        }
        if (table != TABLE_MAIN) {
            sb.append(" table ").append(Integer.toUnsignedString(table));
        }
        sb.append(" proto ").append(protocol);
        if (metric != 0) {
            sb.append(" metric ").append(Integer.toUnsignedString(metric));
        }
        return sb.toString();
    }
}
