package net.archway.routing.bfd;

import java.net.InetAddress;
import java.util.Objects;

import net.archway.routing.Prefix;

/**
 * What identifies a BFD session: the peer, the local address and interface (either may be
 * null: any), and single-hop (RFC 5881) or multihop (RFC 5883). Clients asking for the same key
 * share one session.
 */
public record BfdSessionKey(InetAddress peer, InetAddress localAddress, String interfaceName, boolean multihop) {
    public BfdSessionKey {
        Objects.requireNonNull(peer, "peer");
    }

    @Override
    public String toString() {
        return Prefix.format(peer)
                + (localAddress != null ? " from " + Prefix.format(localAddress) : "")
                + (interfaceName != null ? " on " + interfaceName : "")
                + (multihop ? " multihop" : "");
    }
}
