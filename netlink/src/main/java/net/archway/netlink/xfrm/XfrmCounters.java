package net.archway.netlink.xfrm;

/**
 * What an SA has carried and suffered (xfrm_lifetime_cur and xfrm_stats of xfrm_usersa_info).
 *
 * @param addTime seconds since the epoch when the SA was added
 * @param useTime seconds since the epoch of first use, 0 if unused
 */
public record XfrmCounters(long bytes, long packets, long addTime, long useTime, int replayWindow, int replayErrors,
                           int integrityFailures) {
    public static final XfrmCounters NONE = new XfrmCounters(0, 0, 0, 0, 0, 0, 0);
}
