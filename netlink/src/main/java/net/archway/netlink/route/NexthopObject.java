package net.archway.netlink.route;

import java.net.InetAddress;
import java.util.List;

import net.archway.netlink.IpAddresses;

/**
 * A kernel nexthop object (RTM_NEWNEXTHOP, Linux 5.3+): a next hop or a group of them with an
 * id, which routes reference with RTA_NH_ID. Replacing a group moves every route that uses it
 * in one request, which is how a failed path leaves a large table at once.
 */
public sealed interface NexthopObject {

    int id();

    RouteProtocol protocol();

    /**
     * One next hop: a gateway on an interface, an interface alone, or a blackhole.
     *
     * @param family AF_INET or AF_INET6 (for a blackhole, the family it serves)
     */
    record Single(int id, int family, InetAddress gateway, int ifindex, boolean blackhole, RouteProtocol protocol,
                  int flags) implements NexthopObject {
        public Single {
            if (id <= 0) {
                throw new IllegalArgumentException("nexthop object ids start at 1");
            }
            if (!blackhole && gateway == null && ifindex <= 0) {
                throw new IllegalArgumentException("nexthop " + id + " needs a gateway, an interface, or blackhole");
            }
            if (gateway != null && IpAddresses.family(gateway) != family) {
                throw new IllegalArgumentException("nexthop " + id + " gateway is not of its family");
            }
        }

        public static Single via(int id, InetAddress gateway, int ifindex, RouteProtocol protocol) {
            return new Single(id, IpAddresses.family(gateway), gateway, ifindex, false, protocol, 0);
        }

        public static Single blackhole(int id, int family, RouteProtocol protocol) {
            return new Single(id, family, null, 0, true, protocol, 0);
        }
    }

    /** A multipath group of other nexthop objects, each with a weight (1-256). */
    record Group(int id, List<Member> members, RouteProtocol protocol) implements NexthopObject {
        public Group {
            members = List.copyOf(members);
            if (id <= 0) {
                throw new IllegalArgumentException("nexthop object ids start at 1");
            }
            if (members.isEmpty()) {
                throw new IllegalArgumentException("nexthop group " + id + " has no members");
            }
        }

        public static Group of(int id, RouteProtocol protocol, Member... members) {
            return new Group(id, List.of(members), protocol);
        }
    }

    /** A member of a group: a nexthop object id and its weight. */
    record Member(int id, int weight) {
        public Member {
            if (weight < 1 || weight > 256) {
                throw new IllegalArgumentException("group member weight " + weight + " is outside 1-256");
            }
        }

        public static Member of(int id) {
            return new Member(id, 1);
        }
    }
}
