package net.archway.netlink.xfrm;

/** A firewall mark and mask an SA or policy is bound to (struct xfrm_mark). */
public record XfrmMark(int value, int mask) {
    @Override
    public String toString() {
        return "0x" + Integer.toHexString(value) + "/0x" + Integer.toHexString(mask);
    }
}
