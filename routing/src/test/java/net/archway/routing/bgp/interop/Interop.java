package net.archway.routing.bgp.interop;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.AsPath;
import net.archway.routing.bgp.message.Communities;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.LargeCommunities;
import net.archway.routing.bgp.message.NextHop;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.session.GracefulRestartSettings;
import net.archway.routing.bgp.session.PeerSettings;

/**
 * What every interop test shares. The peer daemon is AS 65001 at 10.77.0.1 and originates
 * {@link #PEER_V4} and {@link #PEER_V6} with MED 11, community 65001:11 and large community
 * 65001:11:11; Archway is AS 65002 at 10.77.0.2 (or 65001 for iBGP) and announces
 * {@link #ARCHWAY_V4} and {@link #ARCHWAY_V6} with {@link #archwayAttributes}.
 */
final class Interop {
    static final Prefix PEER_V4 = Prefix.parse("10.101.0.0/24");
    static final Prefix PEER_V6 = Prefix.parse("2001:db8:101::/48");
    static final List<Prefix> ARCHWAY_V4 = List.of(Prefix.parse("10.102.0.0/24"), Prefix.parse("10.102.1.0/25"));
    static final Prefix ARCHWAY_V6 = Prefix.parse("2001:db8:102::/48");
    static final String SHUTDOWN_TEXT = "archway interop: maintenance until 22:00";

    private Interop() {
    }

    /**
     * Archway's settings. Graceful restart is advertised (helper): FRR sends End-of-RIB only to
     * peers that advertise it, and ignores a route refresh request until it has sent End-of-RIB
     * (RFC 7313 §4 read with RFC 4724).
     */
    static PeerSettings.Builder archway(long localAs) {
        return PeerSettings.builder(Link.PEER4, 65001, localAs, 0x0a4d0002).families(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST))
                .connectRetryTime(Duration.ofSeconds(2)).idleHoldTime(Duration.ofSeconds(1)).description("interop")
                .gracefulRestart(GracefulRestartSettings.helper());
    }

    /** AS path as the upper layer would have built it (our AS prepended for eBGP), MED, communities. */
    static PathAttributes archwayAttributes(boolean ibgp, boolean ipv6) {
        PathAttributes.Builder b = PathAttributes.builder()
                .asPath(ibgp ? AsPath.sequence(4200000002L) : AsPath.sequence(65002, 4200000002L))
                .nextHop(NextHop.of(ipv6 ? Link.ARCHWAY6 : Link.ARCHWAY4)).multiExitDisc(22)
                .communities(Communities.of(Communities.community(65002, 22))).largeCommunities(LargeCommunities.of(65002, 22, 22));
        if (ibgp) {
            b.localPref(333);
        }
        return b.build();
    }

    static void announce(Speaker s, boolean ibgp) {
        if (!s.session.announce(archwayAttributes(ibgp, false), ARCHWAY_V4)) {
            throw new AssertionError("announce IPv4 refused: " + s.session);
        }
        if (!s.session.announce(archwayAttributes(ibgp, true), List.of(ARCHWAY_V6))) {
            throw new AssertionError("announce IPv6 refused: " + s.session);
        }
        s.session.sendEndOfRib(Family.IPV4_UNICAST);
        s.session.sendEndOfRib(Family.IPV6_UNICAST);
    }

    /** The attributes the peer was told to put on its routes, as Archway must decode them. */
    static void checkPeerRoute(PathAttributes a, long peerAs, boolean ibgp) {
        check(a.asPath().equals(ibgp ? AsPath.EMPTY : AsPath.sequence(peerAs)), "AS path " + a.asPath(), a);
        check(a.multiExitDisc() == 11, "MED", a);
        check(a.communities().equals(Communities.of(Communities.community(65001, 11))), "communities", a);
        check(a.largeCommunities().equals(LargeCommunities.of(65001, 11, 11)), "large communities", a);
    }

    static void check(boolean ok, String what, Object where) {
        if (!ok) {
            throw new AssertionError(what + " wrong in " + where);
        }
    }
}
