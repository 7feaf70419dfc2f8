package net.archway.routing.bgp.interop;

import static net.archway.routing.bgp.interop.Interop.ARCHWAY_V4;
import static net.archway.routing.bgp.interop.Interop.ARCHWAY_V6;
import static net.archway.routing.bgp.interop.Interop.PEER_V4;
import static net.archway.routing.bgp.interop.Interop.PEER_V6;
import static net.archway.routing.bgp.interop.Interop.SHUTDOWN_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.session.SessionState;
import net.archway.routing.bgp.session.TcpMd5Key;

/** Archway against BIRD 2.0.12. */
class BirdIT {

    private static String config(long peerAs, boolean passive, String password) {
        boolean ibgp = peerAs == 65001;
        return """
                router id 10.77.0.1;
                protocol device {}
                protocol static s4 { ipv4; route 10.101.0.0/24 blackhole; }
                protocol static s6 { ipv6; route 2001:db8:101::/48 blackhole; }
                filter tagged {
                  if proto = "s4" || proto = "s6" then {
                    bgp_med = 11;
                    bgp_community.add((65001, 11));
                    bgp_large_community.add((65001, 11, 11));
                    %s
                  }
                  accept;
                }
                protocol bgp archway {
                  local 10.77.0.1 as 65001;
                  neighbor 10.77.0.2 as %d;
                  connect retry time 2;
                  direct;
                  %s
                  %s
                  ipv4 { import all; export filter tagged; gateway direct; };
                  ipv6 { import all; export filter tagged; gateway direct; next hop address 2001:db8:77::1; };
                }
                """.formatted(ibgp ? "bgp_local_pref = 444;" : "", peerAs, passive ? "passive on;" : "",
                password == null ? "" : "password \"" + password + "\";");
    }

    @Test
    void archwayActiveEbgpRoutesBothWaysRefreshAndShutdownCommunication() {
        try (Link link = new Link("birda");
                Bird bird = new Bird(link.peer, config(65002, true, null));
                Speaker aw = new Speaker(link.archway.name(), Interop.archway(65002).build()).start()) {
            aw.awaitEstablished();
            Interop.announce(aw, false);

            Interop.checkPeerRoute(aw.awaitRoute(PEER_V4), 65001, false);
            assertEquals("10.77.0.1", aw.route(PEER_V4).nextHop().toString());
            PathAttributes v6 = aw.awaitRoute(PEER_V6);
            Interop.checkPeerRoute(v6, 65001, false);
            assertEquals("2001:db8:77::1", v6.nextHop().toString().split(" ")[0]);

            for (var p : ARCHWAY_V4) {
                String r = await(bird, p.toString());
                assertEquals("65002 4200000002", Bird.attribute(r, "as_path"), r);
                assertEquals("22", Bird.attribute(r, "med"), r);
                assertEquals("(65002,22)", Bird.attribute(r, "community"), r);
                assertEquals("(65002, 22, 22)", Bird.attribute(r, "large_community"), r);
                assertEquals("10.77.0.2", Bird.attribute(r, "next_hop"), r);
            }
            String r6 = await(bird, ARCHWAY_V6.toString());
            assertEquals("65002 4200000002", Bird.attribute(r6, "as_path"), r6);
            assertTrue(Bird.attribute(r6, "next_hop").startsWith("2001:db8:77::2"), r6);

            int before = aw.updates().size();
            assertTrue(aw.session.requestRouteRefresh(Family.IPV4_UNICAST));
            aw.await("BIRD to re-send its IPv4 routes", () -> aw.updates().size() > before);
            aw.await("BoRR and EoRR from BIRD", () -> aw.demarcations().contains("EoRR inet-unicast"));
            bird.birdc("reload in archway");
            aw.await("BIRD's route refresh request", () -> aw.refreshRequests().contains(Family.IPV4_UNICAST));

            assertTrue(aw.session.withdraw(List.of(ARCHWAY_V4.get(1))));
            PeerDaemon.await("BIRD to drop " + ARCHWAY_V4.get(1), () -> bird.route(ARCHWAY_V4.get(1).toString()) == null);

            aw.session.stop(SHUTDOWN_TEXT);
            PeerDaemon.await("BIRD to show the shutdown communication",
                    () -> bird.protocol("archway").contains(SHUTDOWN_TEXT) || bird.log().contains(SHUTDOWN_TEXT));
            assertFalse(bird.established("archway"));
        }
    }

    @Test
    void archwayPassiveIbgpCarriesLocalPreference() {
        try (Link link = new Link("birdp");
                Bird bird = new Bird(link.peer, config(65001, false, null));
                Speaker aw = new Speaker(link.archway.name(), Interop.archway(65001).passive(true).build()).start()) {
            aw.awaitEstablished();
            assertTrue(aw.session.negotiated().internal());
            Interop.announce(aw, true);
            PathAttributes fromBird = aw.awaitRoute(PEER_V4);
            Interop.checkPeerRoute(fromBird, 65001, true);
            assertEquals(444, fromBird.localPref());
            String r = await(bird, ARCHWAY_V4.get(0).toString());
            assertEquals("333", Bird.attribute(r, "local_pref"), r);
            assertEquals("4200000002", Bird.attribute(r, "as_path"), r);
        }
    }

    @Test
    void md5WithTheRightKeyComesUpAndWithAWrongKeyStaysDownSayingWhy() {
        try (Link link = new Link("birdm"); Bird bird = new Bird(link.peer, config(65002, true, "s3cret-key"))) {
            try (Speaker aw = new Speaker(link.archway.name(), Interop.archway(65002).md5Key(TcpMd5Key.of("s3cret-key")).build()).start()) {
                aw.awaitEstablished();
                aw.awaitRoute(PEER_V4);
            }
            try (Speaker aw = new Speaker(link.archway.name(), Interop.archway(65002).md5Key(TcpMd5Key.of("wrong-key")).build()).start()) {
                String error = aw.await("a reason for not connecting", () -> aw.session.snapshot().lastError());
                assertTrue(error.contains("MD5 key differs"), error);
                assertNotEquals(SessionState.ESTABLISHED, aw.session.state());
            }
        }
    }

    private static String await(Bird bird, String prefix) {
        String[] out = new String[1];
        PeerDaemon.await("BIRD to hold a route to " + prefix, () -> (out[0] = bird.route(prefix)) != null);
        return out[0];
    }
}
