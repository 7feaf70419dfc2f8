package net.archway.netlink.xfrm;

import java.net.InetAddress;

import net.archway.netlink.IpAddresses;

/**
 * What a policy requires of the SA that carries its traffic (struct xfrm_user_tmpl).
 * Endpoints may be null in transport mode.
 */
public record XfrmTemplate(InetAddress source, InetAddress destination, int protocol, int spi, XfrmMode mode,
                           int reqid, boolean optional, int share, int authAlgorithms, int encryptionAlgorithms,
                           int compressionAlgorithms) {

    /** An ESP tunnel template between two endpoints, any algorithms, as iproute2 makes it. */
    public static XfrmTemplate espTunnel(InetAddress source, InetAddress destination, int reqid) {
        return new XfrmTemplate(source, destination, Xfrm.IPPROTO_ESP, 0, XfrmMode.TUNNEL, reqid, false, 0, -1, -1, -1);
    }

    /** An ESP transport template, any algorithms. */
    public static XfrmTemplate espTransport(int reqid) {
        return new XfrmTemplate(null, null, Xfrm.IPPROTO_ESP, 0, XfrmMode.TRANSPORT, reqid, false, 0, -1, -1, -1);
    }

    /** The family of the endpoints; 0 when there are none. */
    public int family() {
        InetAddress a = destination != null ? destination : source;
        return a == null ? 0 : IpAddresses.family(a);
    }
}
