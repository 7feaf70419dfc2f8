package net.archway.routing.bgp.interop;

import static net.archway.routing.bgp.interop.Interop.ARCHWAY_V4;
import static net.archway.routing.bgp.interop.Interop.ARCHWAY_V6;
import static net.archway.routing.bgp.interop.Interop.PEER_V4;
import static net.archway.routing.bgp.interop.Interop.PEER_V6;
import static net.archway.routing.bgp.interop.Interop.SHUTDOWN_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.session.SessionState;
import net.archway.routing.bgp.session.TcpMd5Key;

/** Archway against FRR 8.4's bgpd. */
class FrrIT {

    private static String config(long peerAs, boolean passive, String password) {
        String n = "10.77.0.2";
        return """
                route-map ORIGIN permit 10
                 set metric 11
                 set community 65001:11
                 set large-community 65001:11:11
                exit
                router bgp 65001
                 bgp router-id 10.77.0.1
                 no bgp ebgp-requires-policy
                 no bgp network import-check
                 neighbor %1$s remote-as %2$d
                 neighbor %1$s timers connect 2
                %3$s%4$s address-family ipv4 unicast
                  network 10.101.0.0/24 route-map ORIGIN
                 exit-address-family
                 address-family ipv6 unicast
                  network 2001:db8:101::/48 route-map ORIGIN
                  neighbor %1$s activate
                 exit-address-family
                exit
                """.formatted(n, peerAs, passive ? " neighbor " + n + " passive\n" : "",
                password == null ? "" : " neighbor " + n + " password " + password + "\n");
    }

    @Test
    void archwayActiveEbgpRoutesBothWaysRefreshAndShutdownCommunication() {
        try (Link link = new Link("frra");
                Frr frr = new Frr(link.peer, config(65002, true, null));
                Speaker aw = new Speaker(link.archway.name(), Interop.archway(65002).build()).start()) {
            aw.awaitEstablished();
            Interop.announce(aw, false);

            // FRR's routes, as Archway decoded them
            Interop.checkPeerRoute(aw.awaitRoute(PEER_V4), 65001, false);
            assertEquals("10.77.0.1", aw.route(PEER_V4).nextHop().toString());
            Interop.checkPeerRoute(aw.awaitRoute(PEER_V6), 65001, false);

            // Archway's routes, as FRR shows them
            for (var p : ARCHWAY_V4) {
                JsonNode path = await(frr, "ipv4", p.toString());
                assertEquals("65002 4200000002", path.at("/aspath/string").asText(), path.toString());
                assertEquals(22, path.path("metric").asInt(), path.toString());
                assertEquals("65002:22", path.at("/community/string").asText(), path.toString());
                assertEquals("65002:22:22", path.at("/largeCommunity/string").asText(), path.toString());
                assertEquals("10.77.0.2", path.at("/nexthops/0/ip").asText(), path.toString());
            }
            JsonNode v6 = await(frr, "ipv6", ARCHWAY_V6.toString());
            assertEquals("65002 4200000002", v6.at("/aspath/string").asText(), v6.toString());
            assertEquals("2001:db8:77::2", v6.at("/nexthops/0/ip").asText(), v6.toString());

            // Route refresh, Archway asking (enhanced: BoRR/EoRR come back too) and FRR asking.
            int before = aw.updates().size();
            assertTrue(aw.session.requestRouteRefresh(Family.IPV4_UNICAST));
            try {
                aw.await("FRR to re-send its IPv4 routes", () -> aw.updates().size() > before);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nFRR: " + frr.neighbor("10.77.0.2") + "\n" + frr.log(), e);
            }
            aw.await("BoRR and EoRR from FRR", () -> aw.demarcations().contains("EoRR inet-unicast"));
            frr.vtysh("clear bgp ipv4 unicast 10.77.0.2 soft in");
            aw.await("FRR's route refresh request", () -> aw.refreshRequests().contains(Family.IPV4_UNICAST));

            // Withdrawal
            assertTrue(aw.session.withdraw(java.util.List.of(ARCHWAY_V4.get(1))));
            PeerDaemon.await("FRR to drop " + ARCHWAY_V4.get(1), () -> frr.path("ipv4", ARCHWAY_V4.get(1).toString()) == null);

            // Shutdown communication seen by FRR
            aw.session.stop(SHUTDOWN_TEXT);
            PeerDaemon.await("FRR to log the shutdown communication", () -> frr.log().contains(SHUTDOWN_TEXT)
                    || frr.neighbor("10.77.0.2").toString().contains(SHUTDOWN_TEXT));
            assertNotEquals("Established", frr.neighbor("10.77.0.2").path("bgpState").asText());
        }
    }

    @Test
    void archwayPassiveIbgpCarriesLocalPreference() {
        try (Link link = new Link("frrp");
                Frr frr = new Frr(link.peer, config(65001, false, null).replace("set metric 11", "set metric 11\n set local-preference 444"));
                Speaker aw = new Speaker(link.archway.name(), Interop.archway(65001).passive(true).build()).start()) {
            aw.awaitEstablished();
            assertTrue(aw.session.negotiated().internal());
            Interop.announce(aw, true);
            PathAttributes fromFrr = aw.awaitRoute(PEER_V4);
            Interop.checkPeerRoute(fromFrr, 65001, true);
            assertEquals(444, fromFrr.localPref());
            JsonNode path = await(frr, "ipv4", ARCHWAY_V4.get(0).toString());
            assertEquals(333, path.path("locPrf").asInt(), path.toString());
            assertEquals("4200000002", path.at("/aspath/string").asText(), path.toString());
        }
    }

    @Test
    void md5WithTheRightKeyComesUpAndWithAWrongKeyStaysDownSayingWhy() {
        try (Link link = new Link("frrm"); Frr frr = new Frr(link.peer, config(65002, true, "s3cret-key"))) {
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

    private static JsonNode await(Frr frr, String family, String prefix) {
        JsonNode[] out = new JsonNode[1];
        PeerDaemon.await("FRR to hold a route to " + prefix, () -> (out[0] = frr.path(family, prefix)) != null);
        return out[0];
    }
}
