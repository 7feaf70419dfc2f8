package net.archway.netlink.xfrm;

/**
 * Limits after which the kernel announces (soft) or enforces (hard) the end of an SA or
 * policy (struct xfrm_lifetime_cfg). {@link Xfrm#INFINITE} for bytes and packets, 0 for
 * seconds, mean no limit.
 */
public record XfrmLifetime(long softBytes, long hardBytes, long softPackets, long hardPackets,
                           long softAddSeconds, long hardAddSeconds, long softUseSeconds, long hardUseSeconds) {

    /** No limit at all (what iproute2 sends when none is given). */
    public static final XfrmLifetime UNLIMITED =
            new XfrmLifetime(Xfrm.INFINITE, Xfrm.INFINITE, Xfrm.INFINITE, Xfrm.INFINITE, 0, 0, 0, 0);

    /** Soft and hard limits on the time since the SA was added, no volume limit. */
    public static XfrmLifetime seconds(long soft, long hard) {
        return new XfrmLifetime(Xfrm.INFINITE, Xfrm.INFINITE, Xfrm.INFINITE, Xfrm.INFINITE, soft, hard, 0, 0);
    }
}
