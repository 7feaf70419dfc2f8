package net.archway.netlink.xfrm;

/** The direction a policy applies to (XFRM_POLICY_IN, OUT, FWD). */
public enum XfrmDirection {
    IN(0), OUT(1), FWD(2);

    private final int number;

    XfrmDirection(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static XfrmDirection valueOf(int number) {
        for (XfrmDirection d : values()) {
            if (d.number == number) {
                return d;
            }
        }
        throw new net.archway.netlink.NetlinkProtocolException("unknown XFRM policy direction " + number);
    }
}
