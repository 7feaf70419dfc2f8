package net.archway.netlink.xfrm;

import net.archway.netlink.IpPrefix;

/**
 * Traffic an SA or policy applies to (struct xfrm_selector). Null prefixes match any address;
 * ports 0 match any port; protocol 0 any protocol. {@link #ANY} has no family at all.
 */
public record XfrmSelector(IpPrefix source, IpPrefix destination, int protocol, int sourcePort, int destinationPort,
                           int ifindex) {
    /** Matches everything, of any family (family AF_UNSPEC in the structure). */
    public static final XfrmSelector ANY = new XfrmSelector(null, null, 0, 0, 0, 0);

    public XfrmSelector {
        if (source != null && destination != null && source.family() != destination.family()) {
            throw new IllegalArgumentException("selector " + source + " -> " + destination + " mixes address families");
        }
        if (sourcePort < 0 || sourcePort > 65535 || destinationPort < 0 || destinationPort > 65535) {
            throw new IllegalArgumentException("selector ports must be 0-65535");
        }
    }

    /** Traffic from {@code source} to {@code destination}, any protocol and port. */
    public static XfrmSelector between(IpPrefix source, IpPrefix destination) {
        return new XfrmSelector(source, destination, 0, 0, 0, 0);
    }

    /** AF_INET, AF_INET6, or 0 when neither prefix is given. */
    public int family() {
        return source != null ? source.family() : destination != null ? destination.family() : 0;
    }

    @Override
    public String toString() {
        if (family() == 0) {
            return "any";
        }
        StringBuilder sb = new StringBuilder()
                .append("src ").append(source == null ? "any" : source.toString())
                .append(" dst ").append(destination == null ? "any" : destination.toString());
        if (protocol != 0) {
            sb.append(" proto ").append(protocol);
        }
        if (sourcePort != 0) {
            sb.append(" sport ").append(sourcePort);
        }
        if (destinationPort != 0) {
            sb.append(" dport ").append(destinationPort);
        }
        return sb.toString();
    }
}
