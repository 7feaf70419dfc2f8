package net.archway.netlink.xfrm;

/** How an SA or template encapsulates (XFRM_MODE_*). */
public enum XfrmMode {
    TRANSPORT(0), TUNNEL(1), ROUTE_OPTIMIZATION(2), IN_TRIGGER(3), BEET(4);

    private final int number;

    XfrmMode(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static XfrmMode valueOf(int number) {
        for (XfrmMode m : values()) {
            if (m.number == number) {
                return m;
            }
        }
        throw new net.archway.netlink.NetlinkProtocolException("unknown XFRM mode " + number);
    }
}
