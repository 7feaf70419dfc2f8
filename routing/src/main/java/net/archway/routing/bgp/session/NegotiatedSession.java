package net.archway.routing.bgp.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import net.archway.routing.bgp.message.Capability;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.OpenMessage;

/**
 * What the two OPENs settled (RFC 4271 §4.2, RFC 5492), as the upper layer needs it once the
 * session is Established.
 *
 * @param peerAs the peer's AS (from its 4-octet AS capability when present)
 * @param localAs the AS this session presents
 * @param internal iBGP
 * @param peerBgpIdentifier the peer's BGP Identifier
 * @param holdTime the negotiated hold time (the smaller offer; zero means none)
 * @param keepaliveTime the interval keepalives are sent at (zero when the hold time is zero)
 * @param fourOctetAs both sides carry 4-octet AS numbers (RFC 6793)
 * @param families address families both advertised (IPv4 unicast when the peer advertised none, RFC 4760 §8)
 * @param routeRefresh the peer accepts ROUTE-REFRESH (RFC 2918)
 * @param enhancedRouteRefresh both sides do enhanced route refresh (RFC 7313): BoRR and EoRR
 * @param peerGracefulRestart the peer's graceful restart capability, or null
 * @param localGracefulRestart ours, or null
 * @param localAddress this end of the TCP connection
 * @param remoteAddress the peer's end
 * @param peerOpen the peer's OPEN with all its capabilities, known or not
 */
public record NegotiatedSession(long peerAs, long localAs, boolean internal, int peerBgpIdentifier, Duration holdTime,
        Duration keepaliveTime, boolean fourOctetAs, Set<Family> families, boolean routeRefresh, boolean enhancedRouteRefresh,
        Capability.GracefulRestart peerGracefulRestart, Capability.GracefulRestart localGracefulRestart,
        InetSocketAddress localAddress, InetSocketAddress remoteAddress, OpenMessage peerOpen) {

    public NegotiatedSession {
        families = Set.copyOf(families);
    }

    /** Graceful restart is in force when both advertised the capability (RFC 4724 §4). */
    public boolean gracefulRestart() {
        return peerGracefulRestart != null && localGracefulRestart != null;
    }

    /** The peer's capabilities. */
    public List<Capability> peerCapabilities() {
        return peerOpen.capabilities();
    }
}
