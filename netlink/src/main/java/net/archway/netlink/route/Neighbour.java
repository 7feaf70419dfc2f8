package net.archway.netlink.route;

import java.net.InetAddress;

/**
 * An ARP or NDP cache entry (RTM_NEWNEIGH).
 *
 * @param index      ifindex
 * @param address    NDA_DST
 * @param macAddress NDA_LLADDR as aa:bb:cc:dd:ee:ff, or null while unresolved
 * @param state      NUD_* bits: 0x01 incomplete, 0x02 reachable, 0x04 stale, 0x08 delay, 0x10 probe,
 *                   0x20 failed, 0x40 noarp, 0x80 permanent
 * @param flags      NTF_* flags
 */
public record Neighbour(int index, InetAddress address, String macAddress, int state, int flags) {
    public static final int NUD_INCOMPLETE = 0x01;
    public static final int NUD_REACHABLE = 0x02;
    public static final int NUD_STALE = 0x04;
    public static final int NUD_FAILED = 0x20;
    public static final int NUD_PERMANENT = 0x80;

    public boolean isResolved() {
        return macAddress != null && (state & (NUD_INCOMPLETE | NUD_FAILED)) == 0;
    }
}
