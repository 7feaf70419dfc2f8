package net.archway.routing.bgp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.AsPath;
import net.archway.routing.bgp.message.Communities;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.LargeCommunities;
import net.archway.routing.bgp.message.NextHop;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.session.PeerSettings;
import net.archway.routing.bgp.session.SessionDown;
import net.archway.routing.bgp.session.SessionState;
import net.archway.routing.bgp.session.TcpMd5Key;

/**
 * Two Archway speakers in two namespaces over a veth pair, through the real transport: the
 * kernel's TCP, MD5 signatures, TTL security. Checks the transport and session against each
 * other before the interop tests check them against FRR, BIRD and GoBGP.
 */
class ArchwayPairIT {

    private static PeerSettings.Builder side(boolean first) {
        return PeerSettings.builder(first ? Link.ARCHWAY4 : Link.PEER4, first ? 65002 : 65001, first ? 65001 : 65002,
                first ? 0x0a4d0001 : 0x0a4d0002).families(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST))
                .connectRetryTime(Duration.ofSeconds(2)).idleHoldTime(Duration.ofSeconds(1)).holdTime(Duration.ofSeconds(9));
    }

    @Test
    void routesFlowBothWaysWithTheirAttributes() {
        try (Link link = new Link("bgppair");
                Speaker a = new Speaker(link.peer.name(), side(true).build()).start();
                Speaker b = new Speaker(link.archway.name(), side(false).passive(true).build()).start()) {
            a.awaitEstablished();
            b.awaitEstablished();
            PathAttributes attrs = PathAttributes.builder().asPath(AsPath.sequence(65001, 4200000001L))
                    .nextHop(NextHop.of(Link.PEER4)).multiExitDisc(42)
                    .communities(Communities.of(Communities.community(65001, 7))).largeCommunities(LargeCommunities.of(65001, 1, 2)).build();
            List<Prefix> v4 = List.of(Prefix.parse("198.51.100.0/24"), Prefix.parse("203.0.113.0/25"));
            assertTrue(a.session.announce(attrs, v4));
            PathAttributes v6 = attrs.withNextHop(NextHop.of(Link.PEER6));
            assertTrue(a.session.announce(v6, List.of(Prefix.parse("2001:db8:100::/48"))));
            assertEquals(attrs, b.awaitRoute(Prefix.parse("203.0.113.0/25")));
            assertEquals(v6, b.awaitRoute(Prefix.parse("2001:db8:100::/48")));
            assertTrue(a.session.withdraw(List.of(Prefix.parse("198.51.100.0/24"))));
            b.awaitNoRoute(Prefix.parse("198.51.100.0/24"));
            assertEquals(attrs, b.route(Prefix.parse("203.0.113.0/25")));

            // route refresh both ways: a asks, b's listener hears it
            assertTrue(a.session.requestRouteRefresh(Family.IPV6_UNICAST));
            b.await("a route refresh request", () -> b.refreshRequests().contains(Family.IPV6_UNICAST));
            assertTrue(b.session.sendRouteRefreshDemarcation(Family.IPV6_UNICAST, true));
            assertTrue(b.session.sendRouteRefreshDemarcation(Family.IPV6_UNICAST, false));
            a.await("BoRR and EoRR", () -> a.demarcations().size() == 2);

            // keepalives keep it up across three hold times
            long received = b.session.snapshot().messagesReceived();
            b.await("keepalives", () -> b.session.snapshot().messagesReceived() >= received + 3);
            assertEquals(SessionState.ESTABLISHED, b.session.state());

            a.session.stop("archway pair test: goodbye");
            SessionDown down = b.await("the peer's shutdown", () -> b.downs().isEmpty() ? null : b.downs().get(0));
            assertEquals(SessionDown.Cause.NOTIFICATION_RECEIVED, down.cause());
            assertEquals(Optional.of("archway pair test: goodbye"), down.received().shutdownCommunication());
            b.awaitNoRoute(Prefix.parse("203.0.113.0/25"));
        }
    }

    @Test
    void md5WithTheSameKeyComesUpAndWithAnotherKeyStaysDown() {
        try (Link link = new Link("bgpmd5")) {
            try (Speaker a = new Speaker(link.peer.name(), side(true).md5Key(TcpMd5Key.of("s3cret")).build()).start();
                    Speaker b = new Speaker(link.archway.name(), side(false).passive(true).md5Key(TcpMd5Key.of("s3cret")).build()).start()) {
                a.awaitEstablished();
            }
            try (Speaker a = new Speaker(link.peer.name(), side(true).md5Key(TcpMd5Key.of("s3cret")).build()).start();
                    Speaker b = new Speaker(link.archway.name(), side(false).passive(true).md5Key(TcpMd5Key.of("other")).build()).start()) {
                a.await("a failed connect", () -> a.session.snapshot().lastError());
                String error = a.session.snapshot().lastError();
                assertTrue(error.contains("MD5 key differs"), error);
                assertTrue(!error.contains("s3cret"));
                assertTrue(a.session.state() != SessionState.ESTABLISHED && b.session.state() != SessionState.ESTABLISHED);
            }
        }
    }

    @Test
    void gtsmAcceptsADirectlyConnectedPeer() {
        try (Link link = new Link("bgpgtsm");
                Speaker a = new Speaker(link.peer.name(), side(true).gtsmHops(1).build()).start();
                Speaker b = new Speaker(link.archway.name(), side(false).gtsmHops(1).passive(true).build()).start()) {
            a.awaitEstablished();
        }
    }
}
