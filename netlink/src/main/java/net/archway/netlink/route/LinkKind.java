package net.archway.netlink.route;

import java.net.InetAddress;

/** What a link is, from IFLA_LINKINFO: the kind and its kind-specific data. */
public sealed interface LinkKind {

    /** The kernel's name for the kind ("veth", "vlan", ...), or null for a device without one. */
    String name();

    /** A physical or otherwise kind-less device (no IFLA_LINKINFO), for example eth0 or lo. */
    record Device() implements LinkKind {
        public String name() {
            return null;
        }
    }

    record Veth() implements LinkKind {
        public String name() {
            return "veth";
        }
    }

    /** An 802.1Q (or 802.1ad) sub-interface; its parent is {@link Link#parentIndex()}. */
    record Vlan(int id, int protocol) implements LinkKind {
        public String name() {
            return "vlan";
        }
    }

    record Bridge() implements LinkKind {
        public String name() {
            return "bridge";
        }
    }

    /** Macvlan mode numbers: private 1, vepa 2, bridge 4, passthru 8, source 16. */
    record Macvlan(int mode) implements LinkKind {
        public static final int PRIVATE = 1;
        public static final int VEPA = 2;
        public static final int BRIDGE = 4;
        public static final int PASSTHRU = 8;

        public String name() {
            return "macvlan";
        }
    }

    /** A VXLAN device: VNI, UDP port, local address, remote or group address, underlay ifindex (0 none). */
    record Vxlan(int vni, int port, InetAddress local, InetAddress remote, int underlayIndex) implements LinkKind {
        public String name() {
            return "vxlan";
        }
    }

    /** An XFRM interface: the if_id that binds it to SAs and policies, and its underlying ifindex (0 none). */
    record Xfrm(int ifId, int underlayIndex) implements LinkKind {
        public String name() {
            return "xfrm";
        }
    }

    /** Any other kind, by name. */
    record Other(String name) implements LinkKind {
    }
}
