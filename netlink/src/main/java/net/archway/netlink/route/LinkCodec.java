package net.archway.netlink.route;

import static net.archway.netlink.route.Rtnl.*;

import java.net.InetAddress;

import net.archway.netlink.IpAddresses;
import net.archway.netlink.NetlinkRequest;
import net.archway.netlink.SimpleRequest;
import net.archway.netlink.message.Attributes;
import net.archway.netlink.message.MessageWriter;
import net.archway.netlink.message.NetlinkMessage;
import net.archway.netlink.message.Nl;

/** Links ⇄ RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK messages (ifinfomsg + IFLA_*). */
public final class LinkCodec {
    static final int AF_PACKET = 17;

    private LinkCodec() {
    }

    /** struct ifinfomsg: family, pad, type, index, flags, change. */
    static void header(MessageWriter w, int family, int index, int flags, int change) {
        w.u8(family).u8(0).u16(0).u32(index).u32(flags).u32(change);
    }

    public static Link decode(NetlinkMessage m) {
        var buf = m.buffer();
        int p = m.payloadOffset();
        int index = buf.getInt(p + 4);
        int flags = buf.getInt(p + 8);
        Attributes a = m.attributes(IFINFOMSG_SIZE, IFLA_MAX);
        LinkKind kind = new LinkKind.Device();
        if (a.has(IFLA_LINKINFO)) {
            kind = decodeKind(a.nested(IFLA_LINKINFO, IFLA_INFO_MAX));
        }
        return new Link(index, a.string(IFLA_IFNAME, ""), flags, a.u32(IFLA_MTU, 0),
                a.has(IFLA_ADDRESS) ? formatMac(a.bytes(IFLA_ADDRESS)) : null, kind, a.u32(IFLA_LINK, 0),
                a.u32(IFLA_MASTER, 0), a.u8(IFLA_OPERSTATE, 0), a.u8(IFLA_CARRIER, 0) != 0,
                a.string(IFLA_IFALIAS, null), decodeStats(a));
    }

    private static LinkKind decodeKind(Attributes info) {
        String kind = info.string(IFLA_INFO_KIND, null);
        if (kind == null) {
            return new LinkKind.Device();
        }
        boolean hasData = info.has(IFLA_INFO_DATA);
        return switch (kind) {
            case "veth" -> new LinkKind.Veth();
            case "bridge" -> new LinkKind.Bridge();
            case "vlan" -> {
                Attributes d = hasData ? info.nested(IFLA_INFO_DATA, IFLA_VLAN_MAX) : null;
                yield new LinkKind.Vlan(d == null ? 0 : d.u16(IFLA_VLAN_ID, 0),
                        d == null || !d.has(IFLA_VLAN_PROTOCOL) ? ETH_P_8021Q : d.u16be(IFLA_VLAN_PROTOCOL));
            }
            case "macvlan" -> {
                Attributes d = hasData ? info.nested(IFLA_INFO_DATA, IFLA_MACVLAN_MAX) : null;
                yield new LinkKind.Macvlan(d == null ? 0 : d.u32(IFLA_MACVLAN_MODE, 0));
            }
            case "vxlan" -> {
                Attributes d = hasData ? info.nested(IFLA_INFO_DATA, IFLA_VXLAN_MAX) : null;
                if (d == null) {
                    yield new LinkKind.Vxlan(0, 0, null, null, 0);
                }
                InetAddress local = d.has(IFLA_VXLAN_LOCAL) ? d.address(IFLA_VXLAN_LOCAL) : d.address(IFLA_VXLAN_LOCAL6, null);
                InetAddress remote = d.has(IFLA_VXLAN_GROUP) ? d.address(IFLA_VXLAN_GROUP) : d.address(IFLA_VXLAN_GROUP6, null);
                yield new LinkKind.Vxlan(d.u32(IFLA_VXLAN_ID, 0), d.has(IFLA_VXLAN_PORT) ? d.u16be(IFLA_VXLAN_PORT) : 0,
                        local, remote, d.u32(IFLA_VXLAN_LINK, 0));
            }
            case "xfrm" -> {
                Attributes d = hasData ? info.nested(IFLA_INFO_DATA, IFLA_XFRM_MAX) : null;
                yield new LinkKind.Xfrm(d == null ? 0 : d.u32(IFLA_XFRM_IF_ID, 0), d == null ? 0 : d.u32(IFLA_XFRM_LINK, 0));
            }
            default -> new LinkKind.Other(kind);
        };
    }

    private static LinkStats decodeStats(Attributes a) {
        if (!a.has(IFLA_STATS64) || a.length(IFLA_STATS64) < 72) {
            return LinkStats.NONE;
        }
        var b = a.buffer();
        int p = a.offset(IFLA_STATS64);
        return new LinkStats(b.getLong(p), b.getLong(p + 8), b.getLong(p + 16), b.getLong(p + 24), b.getLong(p + 32),
                b.getLong(p + 40), b.getLong(p + 48), b.getLong(p + 56), b.getLong(p + 64));
    }

    static String formatMac(byte[] raw) {
        StringBuilder sb = new StringBuilder(raw.length * 3);
        for (byte b : raw) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    // ---- requests ----

    /** RTM_GETLINK dump of every link. */
    public static NetlinkRequest dump() {
        return new SimpleRequest(RTM_GETLINK, Nl.NLM_F_DUMP, IFINFOMSG_SIZE, LINK_ATTRS, "RTM_GETLINK dump", w -> {
            header(w, AF_PACKET, 0, 0, 0);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF);
        });
    }

    /** RTM_GETLINK of one link by name. */
    public static NetlinkRequest get(String name) {
        return new SimpleRequest(RTM_GETLINK, 0, IFINFOMSG_SIZE, LINK_ATTRS, "RTM_GETLINK " + name, w -> {
            header(w, AF_UNSPEC, 0, 0, 0);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF);
            w.attrString(IFLA_IFNAME, name);
        });
    }

    /** RTM_GETLINK of one link by index. */
    public static NetlinkRequest get(int index) {
        return new SimpleRequest(RTM_GETLINK, 0, IFINFOMSG_SIZE, LINK_ATTRS, "RTM_GETLINK index " + index, w -> {
            header(w, AF_UNSPEC, index, 0, 0);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF);
        });
    }

    /**
     * RTM_NEWLINK creating {@code spec}. {@code parentIndex} is the resolved parent or underlay
     * (0 if none); {@code peerNamespaceFd} an open namespace file for a veth peer, or -1.
     */
    public static NetlinkRequest create(LinkSpec spec, int parentIndex, int peerNamespaceFd) {
        return new SimpleRequest(RTM_NEWLINK, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, IFINFOMSG_SIZE, schemaFor(spec),
                "RTM_NEWLINK " + spec.kind() + " " + spec.name(), w -> {
            header(w, AF_UNSPEC, 0, 0, 0);
            if (parentIndex != 0 && (spec instanceof LinkSpec.Vlan || spec instanceof LinkSpec.Macvlan)) {
                w.attrU32(IFLA_LINK, parentIndex);
            }
            w.attrString(IFLA_IFNAME, spec.name());
            int info = w.beginNested(IFLA_LINKINFO);
            w.attrText(IFLA_INFO_KIND, spec.kind());
            if (!(spec instanceof LinkSpec.Bridge)) {
                int data = w.beginNested(IFLA_INFO_DATA);
                writeKindData(w, spec, parentIndex, peerNamespaceFd);
                w.endAttr(data);
            }
            w.endAttr(info);
        });
    }

    private static net.archway.netlink.message.AttributeSchema schemaFor(LinkSpec spec) {
        if (spec instanceof LinkSpec.Veth) {
            return VETH_LINK_ATTRS;
        } else if (spec instanceof LinkSpec.Vlan) {
            return linkSchemaWithData(VLAN_ATTRS);
        } else if (spec instanceof LinkSpec.Macvlan) {
            return linkSchemaWithData(MACVLAN_ATTRS);
        } else if (spec instanceof LinkSpec.Vxlan) {
            return linkSchemaWithData(VXLAN_ATTRS);
        } else if (spec instanceof LinkSpec.Xfrm) {
            return linkSchemaWithData(XFRM_LINK_ATTRS);
        }
        return LINK_ATTRS;
    }

    /** The IFLA_INFO_DATA payload of each kind. */
    private static void writeKindData(MessageWriter w, LinkSpec spec, int parentIndex, int peerNamespaceFd) {
        if (spec instanceof LinkSpec.Veth v) {
            int peer = w.beginAttr(VETH_INFO_PEER);
            header(w, AF_UNSPEC, 0, 0, 0);
            w.attrString(IFLA_IFNAME, v.peerName());
            if (peerNamespaceFd >= 0) {
                w.attrU32(IFLA_NET_NS_FD, peerNamespaceFd);
            }
            w.endAttr(peer);
        } else if (spec instanceof LinkSpec.Vlan v) {
            w.attrU16(IFLA_VLAN_ID, v.id());
        } else if (spec instanceof LinkSpec.Macvlan v) {
            w.attrU32(IFLA_MACVLAN_MODE, v.mode());
        } else if (spec instanceof LinkSpec.Vxlan v) {
            w.attrU32(IFLA_VXLAN_ID, v.vni());
            if (v.remote() != null) {
                boolean v4 = IpAddresses.family(v.remote()) == AF_INET;
                w.attrAddress(v4 ? IFLA_VXLAN_GROUP : IFLA_VXLAN_GROUP6, v.remote());
            }
            if (v.local() != null) {
                boolean v4 = IpAddresses.family(v.local()) == AF_INET;
                w.attrAddress(v4 ? IFLA_VXLAN_LOCAL : IFLA_VXLAN_LOCAL6, v.local());
            }
            if (parentIndex != 0) {
                w.attrU32(IFLA_VXLAN_LINK, parentIndex);
            }
            w.attrU8(IFLA_VXLAN_LEARNING, 1); // the kernel's default too; explicit, as iproute2 sends it
            w.attrU16be(IFLA_VXLAN_PORT, v.port());
        } else if (spec instanceof LinkSpec.Xfrm v) {
            if (parentIndex != 0) {
                w.attrU32(IFLA_XFRM_LINK, parentIndex);
            }
            w.attrU32(IFLA_XFRM_IF_ID, v.ifId());
        }
    }

    /** RTM_DELLINK of one link. */
    public static NetlinkRequest delete(int index, String name) {
        return new SimpleRequest(RTM_DELLINK, 0, IFINFOMSG_SIZE, LINK_ATTRS, "RTM_DELLINK " + name,
                w -> header(w, AF_UNSPEC, index, 0, 0));
    }

    /** RTM_NEWLINK changing IFF_UP only. */
    public static NetlinkRequest setUp(int index, String name, boolean up) {
        return new SimpleRequest(RTM_NEWLINK, 0, IFINFOMSG_SIZE, LINK_ATTRS,
                "RTM_NEWLINK " + name + (up ? " up" : " down"),
                w -> header(w, AF_UNSPEC, index, up ? IFF_UP : 0, IFF_UP));
    }

    public static NetlinkRequest setMtu(int index, String name, int mtu) {
        return new SimpleRequest(RTM_NEWLINK, 0, IFINFOMSG_SIZE, LINK_ATTRS, "RTM_NEWLINK " + name + " mtu " + mtu, w -> {
            header(w, AF_UNSPEC, index, 0, 0);
            w.attrU32(IFLA_MTU, mtu);
        });
    }

    public static NetlinkRequest rename(int index, String name, String newName) {
        return new SimpleRequest(RTM_NEWLINK, 0, IFINFOMSG_SIZE, LINK_ATTRS,
                "RTM_NEWLINK " + name + " name " + newName, w -> {
            header(w, AF_UNSPEC, index, 0, 0);
            w.attrString(IFLA_IFNAME, newName);
        });
    }

    public static NetlinkRequest setAlias(int index, String name, String alias) {
        return new SimpleRequest(RTM_NEWLINK, 0, IFINFOMSG_SIZE, LINK_ATTRS, "RTM_NEWLINK " + name + " alias", w -> {
            header(w, AF_UNSPEC, index, 0, 0);
            w.attrString(IFLA_IFALIAS, alias);
        });
    }

    /** RTM_NEWLINK moving a link into the namespace open as {@code namespaceFd}. */
    public static NetlinkRequest moveToNamespace(int index, String name, int namespaceFd, String namespace) {
        return new SimpleRequest(RTM_NEWLINK, 0, IFINFOMSG_SIZE, LINK_ATTRS,
                "RTM_NEWLINK " + name + " netns " + namespace, w -> {
            header(w, AF_UNSPEC, index, 0, 0);
            w.attrU32(IFLA_NET_NS_FD, namespaceFd);
        });
    }
}
