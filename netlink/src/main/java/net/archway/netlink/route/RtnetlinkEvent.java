package net.archway.netlink.route;

/** A change the kernel announced on an rtnetlink multicast group. */
public sealed interface RtnetlinkEvent {

    /** True for RTM_DEL*, false for RTM_NEW*. */
    boolean removed();

    record LinkChanged(boolean removed, Link link) implements RtnetlinkEvent {
    }

    record AddressChanged(boolean removed, InterfaceAddress address) implements RtnetlinkEvent {
    }

    record RouteChanged(boolean removed, Route route) implements RtnetlinkEvent {
    }

    record RuleChanged(boolean removed, Rule rule) implements RtnetlinkEvent {
    }

    record NexthopChanged(boolean removed, NexthopObject nexthop) implements RtnetlinkEvent {
    }

    /** The rtnetlink multicast groups a subscription can join. */
    enum Group {
        LINK(Rtnl.RTNLGRP_LINK),
        IPV4_ADDRESS(Rtnl.RTNLGRP_IPV4_IFADDR),
        IPV6_ADDRESS(Rtnl.RTNLGRP_IPV6_IFADDR),
        IPV4_ROUTE(Rtnl.RTNLGRP_IPV4_ROUTE),
        IPV6_ROUTE(Rtnl.RTNLGRP_IPV6_ROUTE),
        IPV4_RULE(Rtnl.RTNLGRP_IPV4_RULE),
        IPV6_RULE(Rtnl.RTNLGRP_IPV6_RULE),
        NEXTHOP(Rtnl.RTNLGRP_NEXTHOP);

        private final int number;

        Group(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }

    /** Decodes a notification; types that are not events of these kinds give null. */
    static RtnetlinkEvent decode(net.archway.netlink.message.NetlinkMessage m) {
        return switch (m.type()) {
            case Rtnl.RTM_NEWLINK, Rtnl.RTM_DELLINK -> new LinkChanged(m.type() == Rtnl.RTM_DELLINK, LinkCodec.decode(m));
            case Rtnl.RTM_NEWADDR, Rtnl.RTM_DELADDR -> {
                InterfaceAddress a = AddressCodec.decode(m);
                yield a == null ? null : new AddressChanged(m.type() == Rtnl.RTM_DELADDR, a);
            }
            case Rtnl.RTM_NEWROUTE, Rtnl.RTM_DELROUTE -> {
                Route r = RouteCodec.decode(m);
                yield r == null ? null : new RouteChanged(m.type() == Rtnl.RTM_DELROUTE, r);
            }
            case Rtnl.RTM_NEWRULE, Rtnl.RTM_DELRULE -> {
                Rule r = RuleCodec.decode(m);
                yield r == null ? null : new RuleChanged(m.type() == Rtnl.RTM_DELRULE, r);
            }
            case Rtnl.RTM_NEWNEXTHOP, Rtnl.RTM_DELNEXTHOP ->
                    new NexthopChanged(m.type() == Rtnl.RTM_DELNEXTHOP, NexthopCodec.decode(m));
            default -> null;
        };
    }
}
