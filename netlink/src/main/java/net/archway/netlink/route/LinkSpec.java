package net.archway.netlink.route;

import java.net.InetAddress;

/**
 * A link to create (RTM_NEWLINK with IFLA_LINKINFO). Parents are named; {@link Links#create}
 * resolves them and reports a missing one as {@link LinkNotFoundException}.
 */
public sealed interface LinkSpec {

    String name();

    /** The IFLA_INFO_KIND value. */
    String kind();

    /** A veth pair; the peer is created in {@code peerNamespace} when that is not null. */
    record Veth(String name, String peerName, String peerNamespace) implements LinkSpec {
        public Veth {
            Link.checkName(name);
            Link.checkName(peerName);
        }

        public Veth(String name, String peerName) {
            this(name, peerName, null);
        }

        public String kind() {
            return "veth";
        }
    }

    /** An 802.1Q sub-interface of {@code parent} with tag {@code id} (1-4094). */
    record Vlan(String name, String parent, int id) implements LinkSpec {
        public Vlan {
            Link.checkName(name);
            if (id < 1 || id > 4094) {
                throw new IllegalArgumentException("VLAN id " + id + " is outside 1-4094");
            }
        }

        public String kind() {
            return "vlan";
        }
    }

    record Bridge(String name) implements LinkSpec {
        public Bridge {
            Link.checkName(name);
        }

        public String kind() {
            return "bridge";
        }
    }

    /** A macvlan on {@code parent}; mode as in {@link LinkKind.Macvlan}. */
    record Macvlan(String name, String parent, int mode) implements LinkSpec {
        public Macvlan {
            Link.checkName(name);
        }

        public String kind() {
            return "macvlan";
        }
    }

    /**
     * A VXLAN device. {@code remote} is a unicast peer or a multicast group (then
     * {@code underlay} is required by the kernel); {@code local} and {@code underlay} may be null.
     */
    record Vxlan(String name, int vni, int port, InetAddress local, InetAddress remote, String underlay)
            implements LinkSpec {
        public Vxlan {
            Link.checkName(name);
            if (vni < 0 || vni > 0xffffff) {
                throw new IllegalArgumentException("VXLAN VNI " + vni + " is outside 0-16777215");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("VXLAN port " + port + " is outside 0-65535");
            }
        }

        public String kind() {
            return "vxlan";
        }
    }

    /** An XFRM interface with {@code ifId} (non-zero), optionally bound to {@code underlay}. */
    record Xfrm(String name, String underlay, int ifId) implements LinkSpec {
        public Xfrm {
            Link.checkName(name);
            if (ifId == 0) {
                throw new IllegalArgumentException("an XFRM interface needs a non-zero if_id");
            }
        }

        public String kind() {
            return "xfrm";
        }
    }
}
