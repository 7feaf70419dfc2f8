package net.archway.routing.bgp.interop;

import static net.archway.routing.bgp.interop.Interop.ARCHWAY_V4;
import static net.archway.routing.bgp.interop.Interop.ARCHWAY_V6;
import static net.archway.routing.bgp.interop.Interop.PEER_V4;
import static net.archway.routing.bgp.interop.Interop.PEER_V6;
import static net.archway.routing.bgp.interop.Interop.SHUTDOWN_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.session.SessionState;
import net.archway.routing.bgp.session.TcpMd5Key;

/** Archway against GoBGP 3.10. */
class GobgpIT {

    private static String config(long peerAs, boolean passive, String password) {
        return """
                [global.config]
                  as = 65001
                  router-id = "10.77.0.1"
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "10.77.0.2"
                    peer-as = %d
                    %s
                  [neighbors.transport.config]
                    passive-mode = %s
                  [neighbors.timers.config]
                    connect-retry = 2
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv4-unicast"
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv6-unicast"
                """.formatted(peerAs, password == null ? "" : "auth-password = \"" + password + "\"", passive);
    }

    private static Gobgp start(Link link, String config, boolean ibgp) {
        Gobgp g = new Gobgp(link.peer, config);
        String lp = ibgp ? " local-pref 444" : "";
        g.gobgp(("global rib add -a ipv4 10.101.0.0/24 origin igp nexthop 10.77.0.1 med 11 community 65001:11 large-community 65001:11:11"
                + lp).split(" "));
        g.gobgp(("global rib add -a ipv6 2001:db8:101::/48 origin igp nexthop 2001:db8:77::1 med 11 community 65001:11 "
                + "large-community 65001:11:11" + lp).split(" "));
        return g;
    }

    @Test
    void archwayActiveEbgpRoutesBothWaysRefreshAndShutdownCommunication() {
        try (Link link = new Link("gobgpa");
                Gobgp gobgp = start(link, config(65002, true, null), false);
                Speaker aw = new Speaker(link.archway.name(), Interop.archway(65002).build()).start()) {
            aw.awaitEstablished();
            Interop.announce(aw, false);

            Interop.checkPeerRoute(aw.awaitRoute(PEER_V4), 65001, false);
            assertEquals("10.77.0.1", aw.route(PEER_V4).nextHop().toString());
            Interop.checkPeerRoute(aw.awaitRoute(PEER_V6), 65001, false);

            for (var p : ARCHWAY_V4) {
                JsonNode attrs = await(gobgp, "ipv4", p.toString()).get(0).path("attrs");
                assertEquals("[65002,4200000002]", attr(attrs, 2).at("/as_paths/0/asns").toString(), attrs.toString());
                assertEquals(22, attr(attrs, 4).path("metric").asInt(), attrs.toString());
                assertEquals((65002L << 16) | 22, attr(attrs, 8).at("/communities/0").asLong(), attrs.toString());
                assertEquals("10.77.0.2", attr(attrs, 3).path("nexthop").asText(), attrs.toString());
                JsonNode large = attr(attrs, 32).at("/value/0");
                assertEquals(65002, large.path("ASN").asLong(), attrs.toString());
                assertEquals(22, large.path("LocalData1").asLong(), attrs.toString());
                assertEquals(22, large.path("LocalData2").asLong(), attrs.toString());
            }
            JsonNode v6 = await(gobgp, "ipv6", ARCHWAY_V6.toString()).get(0).path("attrs");
            assertEquals("[65002,4200000002]", attr(v6, 2).at("/as_paths/0/asns").toString(), v6.toString());
            assertTrue(attr(v6, 14).toString().contains("2001:db8:77::2"), v6.toString());

            int before = aw.updates().size();
            assertTrue(aw.session.requestRouteRefresh(Family.IPV4_UNICAST));
            aw.await("GoBGP to re-send its IPv4 routes", () -> aw.updates().size() > before);
            // GoBGP keeps every Adj-RIB-In: its "softresetin" re-applies import policy locally and
            // sends no ROUTE-REFRESH, so the other direction is covered by FRR and BIRD only.

            assertTrue(aw.session.withdraw(List.of(ARCHWAY_V4.get(1))));
            PeerDaemon.await("GoBGP to drop " + ARCHWAY_V4.get(1), () -> gobgp.paths("ipv4", ARCHWAY_V4.get(1).toString()) == null);

            aw.session.stop(SHUTDOWN_TEXT);
            PeerDaemon.await("GoBGP to log the shutdown communication", () -> gobgp.log().contains(SHUTDOWN_TEXT));
            // gobgp -j prints the API's SessionState enum as a number: 6 is ESTABLISHED
            PeerDaemon.await("GoBGP to leave Established after the NOTIFICATION", () -> {
                String state = gobgp.neighbor("10.77.0.2").at("/state/session_state").asText();
                return !state.isEmpty() && !state.equals("6") && !state.equalsIgnoreCase("established");
            });
        }
    }

    @Test
    void archwayPassiveIbgpCarriesLocalPreference() {
        try (Link link = new Link("gobgpp");
                Gobgp gobgp = start(link, config(65001, false, null), true);
                Speaker aw = new Speaker(link.archway.name(), Interop.archway(65001).passive(true).build()).start()) {
            aw.awaitEstablished();
            assertTrue(aw.session.negotiated().internal());
            Interop.announce(aw, true);
            PathAttributes fromGobgp = aw.awaitRoute(PEER_V4);
            Interop.checkPeerRoute(fromGobgp, 65001, true);
            assertEquals(444, fromGobgp.localPref());
            JsonNode attrs = await(gobgp, "ipv4", ARCHWAY_V4.get(0).toString()).get(0).path("attrs");
            assertEquals(333, attr(attrs, 5).path("value").asInt(), attrs.toString());
        }
    }

    @Test
    void md5WithTheRightKeyComesUpAndWithAWrongKeyStaysDownSayingWhy() {
        try (Link link = new Link("gobgpm"); Gobgp gobgp = start(link, config(65002, true, "s3cret-key"), false)) {
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

    private static JsonNode attr(JsonNode attrs, int type) {
        for (JsonNode a : attrs) {
            if (a.path("type").asInt() == type) {
                return a;
            }
        }
        throw new AssertionError("no attribute " + type + " in " + attrs);
    }

    private static JsonNode await(Gobgp gobgp, String family, String prefix) {
        JsonNode[] out = new JsonNode[1];
        PeerDaemon.await("GoBGP to hold a route to " + prefix, () -> (out[0] = gobgp.paths(family, prefix)) != null);
        return out[0];
    }
}
