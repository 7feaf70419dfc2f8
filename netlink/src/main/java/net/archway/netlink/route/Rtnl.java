package net.archway.netlink.route;

import net.archway.netlink.message.AttributeSchema;

/**
 * Numbers of rtnetlink (linux/rtnetlink.h, if_link.h, if_addr.h, fib_rules.h, neighbour.h):
 * message types, multicast groups, fixed-header sizes and attribute types, with the attribute
 * names used in error messages. Every number here is listed in netlink/DESIGN.md.
 */
public final class Rtnl {
    private Rtnl() {
    }

    // message types
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_DELNEIGH = 29;
    public static final int RTM_GETNEIGH = 30;
    public static final int RTM_NEWRULE = 32;
    public static final int RTM_DELRULE = 33;
    public static final int RTM_GETRULE = 34;
    public static final int RTM_NEWNEXTHOP = 104;
    public static final int RTM_DELNEXTHOP = 105;
    public static final int RTM_GETNEXTHOP = 106;

    // multicast groups (RTNLGRP_*)
    public static final int RTNLGRP_LINK = 1;
    public static final int RTNLGRP_NEIGH = 3;
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    public static final int RTNLGRP_IPV4_ROUTE = 7;
    public static final int RTNLGRP_IPV4_RULE = 8;
    public static final int RTNLGRP_IPV6_IFADDR = 9;
    public static final int RTNLGRP_IPV6_ROUTE = 11;
    public static final int RTNLGRP_IPV6_RULE = 19;
    public static final int RTNLGRP_NEXTHOP = 32;

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_BRIDGE = 7;

    // fixed headers
    public static final int IFINFOMSG_SIZE = 16;
    public static final int IFADDRMSG_SIZE = 8;
    public static final int RTMSG_SIZE = 12;
    public static final int FIB_RULE_HDR_SIZE = 12;
    public static final int NDMSG_SIZE = 12;
    public static final int RTNEXTHOP_SIZE = 8;
    public static final int NHMSG_SIZE = 8;
    public static final int NEXTHOP_GRP_SIZE = 8;

    // ---- links ----
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_QDISC = 6;
    public static final int IFLA_STATS = 7;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_TXQLEN = 13;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKMODE = 17;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_NET_NS_PID = 19;
    public static final int IFLA_IFALIAS = 20;
    public static final int IFLA_STATS64 = 23;
    public static final int IFLA_AF_SPEC = 26;
    public static final int IFLA_GROUP = 27;
    public static final int IFLA_NET_NS_FD = 28;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_PROMISCUITY = 30;
    public static final int IFLA_NUM_TX_QUEUES = 31;
    public static final int IFLA_NUM_RX_QUEUES = 32;
    public static final int IFLA_CARRIER = 33;
    public static final int IFLA_CARRIER_CHANGES = 35;
    public static final int IFLA_LINK_NETNSID = 37;
    public static final int IFLA_MIN_MTU = 50;
    public static final int IFLA_MAX_MTU = 51;
    public static final int IFLA_PROP_LIST = 52;
    public static final int IFLA_ALT_IFNAME = 53;
    public static final int IFLA_PERM_ADDRESS = 54;
    public static final int IFLA_MAX = 64;

    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_INFO_SLAVE_KIND = 4;
    public static final int IFLA_INFO_MAX = 6;

    public static final int VETH_INFO_PEER = 1;

    public static final int IFLA_VLAN_ID = 1;
    public static final int IFLA_VLAN_FLAGS = 2;
    public static final int IFLA_VLAN_PROTOCOL = 5;
    public static final int IFLA_VLAN_MAX = 5;
    public static final int ETH_P_8021Q = 0x8100;
    public static final int ETH_P_8021AD = 0x88a8;

    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int IFLA_MACVLAN_MAX = 1;

    public static final int IFLA_VXLAN_ID = 1;
    public static final int IFLA_VXLAN_GROUP = 2;
    public static final int IFLA_VXLAN_LINK = 3;
    public static final int IFLA_VXLAN_LOCAL = 4;
    public static final int IFLA_VXLAN_TTL = 5;
    public static final int IFLA_VXLAN_LEARNING = 7;
    public static final int IFLA_VXLAN_PORT = 15;
    public static final int IFLA_VXLAN_GROUP6 = 16;
    public static final int IFLA_VXLAN_LOCAL6 = 17;
    public static final int IFLA_VXLAN_MAX = 32;

    public static final int IFLA_XFRM_LINK = 1;
    public static final int IFLA_XFRM_IF_ID = 2;
    public static final int IFLA_XFRM_MAX = 3;

    /** Ask link dumps to leave out per-VF data and statistics we do not read. */
    public static final int RTEXT_FILTER_VF = 1;

    // interface flags (net/if.h)
    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_POINTOPOINT = 0x10;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;

    // ---- addresses ----
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_CACHEINFO = 6;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_RT_PRIORITY = 9;
    public static final int IFA_PROTO = 11;
    public static final int IFA_MAX = 11;

    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;

    // ---- routes ----
    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_IIF = 3;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_FLOW = 11;
    public static final int RTA_CACHEINFO = 12;
    public static final int RTA_TABLE = 15;
    public static final int RTA_MARK = 16;
    public static final int RTA_VIA = 18;
    public static final int RTA_PREF = 20;
    public static final int RTA_EXPIRES = 23;
    public static final int RTA_PAD = 24;
    public static final int RTA_UID = 25;
    public static final int RTA_NH_ID = 30;
    public static final int RTA_MAX = 30;

    public static final int RTNH_F_DEAD = 1;
    public static final int RTNH_F_ONLINK = 4;
    public static final int RTNH_F_LINKDOWN = 16;

    public static final int RTM_F_CLONED = 0x200;

    // ---- policy routing rules ----
    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_IIFNAME = 3;
    public static final int FRA_GOTO = 4;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_FWMARK = 10;
    public static final int FRA_FLOW = 11;
    public static final int FRA_SUPPRESS_IFGROUP = 13;
    public static final int FRA_SUPPRESS_PREFIXLEN = 14;
    public static final int FRA_TABLE = 15;
    public static final int FRA_FWMASK = 16;
    public static final int FRA_OIFNAME = 17;
    public static final int FRA_PAD = 18;
    public static final int FRA_L3MDEV = 19;
    public static final int FRA_UID_RANGE = 20;
    public static final int FRA_PROTOCOL = 21;
    public static final int FRA_IP_PROTO = 22;
    public static final int FRA_SPORT_RANGE = 23;
    public static final int FRA_DPORT_RANGE = 24;
    public static final int FRA_MAX = 26;

    public static final int FIB_RULE_INVERT = 0x2;

    // ---- nexthop objects (linux/nexthop.h) ----
    public static final int NHA_ID = 1;
    public static final int NHA_GROUP = 2;
    public static final int NHA_GROUP_TYPE = 3;
    public static final int NHA_BLACKHOLE = 4;
    public static final int NHA_OIF = 5;
    public static final int NHA_GATEWAY = 6;
    public static final int NHA_GROUPS = 9;
    public static final int NHA_MAX = 13;
    public static final int NEXTHOP_GRP_TYPE_MPATH = 0;

    // ---- neighbours ----
    public static final int NDA_DST = 1;
    public static final int NDA_LLADDR = 2;
    public static final int NDA_CACHEINFO = 3;
    public static final int NDA_PROBES = 4;
    public static final int NDA_MAX = 17;

    public static final AttributeSchema VLAN_ATTRS = AttributeSchema.named(
            IFLA_VLAN_ID, "IFLA_VLAN_ID", IFLA_VLAN_FLAGS, "IFLA_VLAN_FLAGS", IFLA_VLAN_PROTOCOL, "IFLA_VLAN_PROTOCOL");
    public static final AttributeSchema MACVLAN_ATTRS = AttributeSchema.named(IFLA_MACVLAN_MODE, "IFLA_MACVLAN_MODE");
    public static final AttributeSchema VXLAN_ATTRS = AttributeSchema.named(
            IFLA_VXLAN_ID, "IFLA_VXLAN_ID", IFLA_VXLAN_GROUP, "IFLA_VXLAN_GROUP", IFLA_VXLAN_LINK, "IFLA_VXLAN_LINK",
            IFLA_VXLAN_LOCAL, "IFLA_VXLAN_LOCAL", IFLA_VXLAN_TTL, "IFLA_VXLAN_TTL",
            IFLA_VXLAN_LEARNING, "IFLA_VXLAN_LEARNING", IFLA_VXLAN_PORT, "IFLA_VXLAN_PORT",
            IFLA_VXLAN_GROUP6, "IFLA_VXLAN_GROUP6", IFLA_VXLAN_LOCAL6, "IFLA_VXLAN_LOCAL6");
    public static final AttributeSchema XFRM_LINK_ATTRS = AttributeSchema.named(
            IFLA_XFRM_LINK, "IFLA_XFRM_LINK", IFLA_XFRM_IF_ID, "IFLA_XFRM_IF_ID");

    private static final Object[] LINK_NAMES = {
            IFLA_ADDRESS, "IFLA_ADDRESS", IFLA_BROADCAST, "IFLA_BROADCAST", IFLA_IFNAME, "IFLA_IFNAME",
            IFLA_MTU, "IFLA_MTU", IFLA_LINK, "IFLA_LINK", IFLA_QDISC, "IFLA_QDISC", IFLA_STATS, "IFLA_STATS",
            IFLA_MASTER, "IFLA_MASTER", IFLA_TXQLEN, "IFLA_TXQLEN", IFLA_OPERSTATE, "IFLA_OPERSTATE",
            IFLA_LINKMODE, "IFLA_LINKMODE", IFLA_LINKINFO, "IFLA_LINKINFO", IFLA_NET_NS_PID, "IFLA_NET_NS_PID",
            IFLA_IFALIAS, "IFLA_IFALIAS", IFLA_STATS64, "IFLA_STATS64", IFLA_AF_SPEC, "IFLA_AF_SPEC",
            IFLA_GROUP, "IFLA_GROUP", IFLA_NET_NS_FD, "IFLA_NET_NS_FD", IFLA_EXT_MASK, "IFLA_EXT_MASK",
            IFLA_PROMISCUITY, "IFLA_PROMISCUITY", IFLA_NUM_TX_QUEUES, "IFLA_NUM_TX_QUEUES",
            IFLA_NUM_RX_QUEUES, "IFLA_NUM_RX_QUEUES", IFLA_CARRIER, "IFLA_CARRIER",
            IFLA_CARRIER_CHANGES, "IFLA_CARRIER_CHANGES", IFLA_LINK_NETNSID, "IFLA_LINK_NETNSID",
            IFLA_MIN_MTU, "IFLA_MIN_MTU", IFLA_MAX_MTU, "IFLA_MAX_MTU", IFLA_PROP_LIST, "IFLA_PROP_LIST",
            IFLA_ALT_IFNAME, "IFLA_ALT_IFNAME", IFLA_PERM_ADDRESS, "IFLA_PERM_ADDRESS"};

    /** Names of link attributes. */
    public static final AttributeSchema LINK_ATTRS;

    /** Link attributes whose IFLA_INFO_DATA holds veth's peer (an ifinfomsg, then link attributes). */
    public static final AttributeSchema VETH_LINK_ATTRS;

    static {
        AttributeSchema vethPeer = AttributeSchema.named(LINK_NAMES);
        AttributeSchema vethData = AttributeSchema.named(VETH_INFO_PEER, "VETH_INFO_PEER")
                .nest(VETH_INFO_PEER, IFINFOMSG_SIZE, vethPeer);
        // IFLA_INFO_DATA differs per kind; the request's own schema picks the right one.
        LINK_ATTRS = AttributeSchema.named(LINK_NAMES);
        LINK_ATTRS.nest(IFLA_LINKINFO, AttributeSchema.named(IFLA_INFO_KIND, "IFLA_INFO_KIND",
                IFLA_INFO_DATA, "IFLA_INFO_DATA", IFLA_INFO_SLAVE_KIND, "IFLA_INFO_SLAVE_KIND"));
        VETH_LINK_ATTRS = linkSchemaWithData(vethData);
    }

    /** Link attributes with a kind-specific IFLA_INFO_DATA schema. */
    public static AttributeSchema linkSchemaWithData(AttributeSchema data) {
        AttributeSchema info = AttributeSchema.named(IFLA_INFO_KIND, "IFLA_INFO_KIND",
                IFLA_INFO_DATA, "IFLA_INFO_DATA", IFLA_INFO_SLAVE_KIND, "IFLA_INFO_SLAVE_KIND")
                .nest(IFLA_INFO_DATA, data);
        return AttributeSchema.named(LINK_NAMES).nest(IFLA_LINKINFO, info);
    }

    public static final AttributeSchema ADDRESS_ATTRS = AttributeSchema.named(
            IFA_ADDRESS, "IFA_ADDRESS", IFA_LOCAL, "IFA_LOCAL", IFA_LABEL, "IFA_LABEL", IFA_BROADCAST, "IFA_BROADCAST",
            IFA_CACHEINFO, "IFA_CACHEINFO", IFA_FLAGS, "IFA_FLAGS", IFA_RT_PRIORITY, "IFA_RT_PRIORITY",
            IFA_PROTO, "IFA_PROTO");

    public static final AttributeSchema ROUTE_ATTRS = AttributeSchema.named(
            RTA_DST, "RTA_DST", RTA_SRC, "RTA_SRC", RTA_IIF, "RTA_IIF", RTA_OIF, "RTA_OIF", RTA_GATEWAY, "RTA_GATEWAY",
            RTA_PRIORITY, "RTA_PRIORITY", RTA_PREFSRC, "RTA_PREFSRC", RTA_METRICS, "RTA_METRICS",
            RTA_MULTIPATH, "RTA_MULTIPATH", RTA_FLOW, "RTA_FLOW", RTA_CACHEINFO, "RTA_CACHEINFO",
            RTA_TABLE, "RTA_TABLE", RTA_MARK, "RTA_MARK", RTA_VIA, "RTA_VIA", RTA_PREF, "RTA_PREF",
            RTA_EXPIRES, "RTA_EXPIRES", RTA_PAD, "RTA_PAD", RTA_UID, "RTA_UID", RTA_NH_ID, "RTA_NH_ID");

    public static final AttributeSchema RULE_ATTRS = AttributeSchema.named(
            FRA_DST, "FRA_DST", FRA_SRC, "FRA_SRC", FRA_IIFNAME, "FRA_IIFNAME", FRA_GOTO, "FRA_GOTO",
            FRA_PRIORITY, "FRA_PRIORITY", FRA_FWMARK, "FRA_FWMARK", FRA_FLOW, "FRA_FLOW",
            FRA_SUPPRESS_IFGROUP, "FRA_SUPPRESS_IFGROUP", FRA_SUPPRESS_PREFIXLEN, "FRA_SUPPRESS_PREFIXLEN",
            FRA_TABLE, "FRA_TABLE", FRA_FWMASK, "FRA_FWMASK", FRA_OIFNAME, "FRA_OIFNAME", FRA_L3MDEV, "FRA_L3MDEV",
            FRA_UID_RANGE, "FRA_UID_RANGE", FRA_PROTOCOL, "FRA_PROTOCOL", FRA_IP_PROTO, "FRA_IP_PROTO",
            FRA_SPORT_RANGE, "FRA_SPORT_RANGE", FRA_DPORT_RANGE, "FRA_DPORT_RANGE");

    public static final AttributeSchema NEXTHOP_ATTRS = AttributeSchema.named(
            NHA_ID, "NHA_ID", NHA_GROUP, "NHA_GROUP", NHA_GROUP_TYPE, "NHA_GROUP_TYPE", NHA_BLACKHOLE, "NHA_BLACKHOLE",
            NHA_OIF, "NHA_OIF", NHA_GATEWAY, "NHA_GATEWAY", NHA_GROUPS, "NHA_GROUPS");

    public static final AttributeSchema NEIGH_ATTRS = AttributeSchema.named(
            NDA_DST, "NDA_DST", NDA_LLADDR, "NDA_LLADDR", NDA_CACHEINFO, "NDA_CACHEINFO", NDA_PROBES, "NDA_PROBES");

    /** The name of an rtnetlink message type, for logs and errors. */
    public static String messageName(int type) {
        return switch (type) {
            case RTM_NEWLINK -> "RTM_NEWLINK";
            case RTM_DELLINK -> "RTM_DELLINK";
            case RTM_GETLINK -> "RTM_GETLINK";
            case RTM_SETLINK -> "RTM_SETLINK";
            case RTM_NEWADDR -> "RTM_NEWADDR";
            case RTM_DELADDR -> "RTM_DELADDR";
            case RTM_GETADDR -> "RTM_GETADDR";
            case RTM_NEWROUTE -> "RTM_NEWROUTE";
            case RTM_DELROUTE -> "RTM_DELROUTE";
            case RTM_GETROUTE -> "RTM_GETROUTE";
            case RTM_NEWNEIGH -> "RTM_NEWNEIGH";
            case RTM_DELNEIGH -> "RTM_DELNEIGH";
            case RTM_GETNEIGH -> "RTM_GETNEIGH";
            case RTM_NEWRULE -> "RTM_NEWRULE";
            case RTM_DELRULE -> "RTM_DELRULE";
            case RTM_GETRULE -> "RTM_GETRULE";
            case RTM_NEWNEXTHOP -> "RTM_NEWNEXTHOP";
            case RTM_DELNEXTHOP -> "RTM_DELNEXTHOP";
            case RTM_GETNEXTHOP -> "RTM_GETNEXTHOP";
            default -> "RTM_" + type;
        };
    }
}
