package net.archway.netlink;

/** The netlink families Archway speaks (the {@code protocol} argument of socket(AF_NETLINK, ...)). */
public enum NetlinkProtocol {
    /** NETLINK_ROUTE: links, addresses, routes, rules, neighbours. */
    ROUTE(0),
    /** NETLINK_XFRM: IPsec SAs and policies. */
    XFRM(6);

    private final int number;

    NetlinkProtocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
