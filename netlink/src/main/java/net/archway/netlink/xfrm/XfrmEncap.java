package net.archway.netlink.xfrm;

import java.net.InetAddress;

/**
 * UDP encapsulation of ESP for NAT traversal (struct xfrm_encap_tmpl, RFC 3948).
 *
 * @param type            {@link Xfrm#UDP_ENCAP_ESPINUDP}
 * @param originalAddress the peer's address before NAT (encap_oa), or null
 */
public record XfrmEncap(int type, int sourcePort, int destinationPort, InetAddress originalAddress) {
    public XfrmEncap {
        if (sourcePort < 0 || sourcePort > 65535 || destinationPort < 0 || destinationPort > 65535) {
            throw new IllegalArgumentException("encapsulation ports must be 0-65535");
        }
    }

    /** ESP in UDP between the given ports (4500 both ways in the usual case). */
    public static XfrmEncap espInUdp(int sourcePort, int destinationPort) {
        return new XfrmEncap(Xfrm.UDP_ENCAP_ESPINUDP, sourcePort, destinationPort, null);
    }
}
