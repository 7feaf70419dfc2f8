package net.archway.appliance.interop;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.routing.bgp.interop.Gobgp;

/**
 * The Archway daemon against GoBGP, judged by {@code gobgp -j}. GoBGP has no BFD (neither a
 * BFD implementation nor a client for one), so item 4 (BFD failover) is not applicable here
 * and has no test in this class; FrrDaemonIT and BirdDaemonIT cover it.
 */
class GobgpDaemonIT extends DaemonInterop {
    private Gobgp gobgp;

    @Override
    void startPeer(PeerOptions o) {
        StringBuilder c = new StringBuilder("""
                [global.config]
                  as = 65001
                  router-id = "192.0.2.2"
                """);
        for (String n : new String[] {ARCHWAY_A, ARCHWAY_B}) {
            c.append("""
                    [[neighbors]]
                      [neighbors.config]
                        neighbor-address = "%s"
                        peer-as = 65002
                        %s
                      [neighbors.timers.config]
                        connect-retry = 2
                        hold-time = 30
                      [neighbors.graceful-restart.config]
                        enabled = true
                        restart-time = 120
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "ipv4-unicast"
                        [neighbors.afi-safis.mp-graceful-restart.config]
                          enabled = true
                    """.formatted(n, n.equals(ARCHWAY_A) && o.md5A() != null ? "auth-password = \"" + o.md5A() + "\"" : ""));
        }
        gobgp = new Gobgp(peerNs, c.toString());
        gobgp.gobgp("global rib add -a ipv4 10.101.0.0/24 origin igp nexthop 192.0.2.2".split(" "));
        gobgp.gobgp("global rib add -a ipv4 10.101.9.0/24 origin igp nexthop 192.0.2.2".split(" "));
    }

    @Override
    void stopPeer() {
        if (gobgp != null) {
            gobgp.close();
        }
    }

    @Override
    boolean peerEstablished(String a) {
        // gobgp -j prints the API's enum as a number: 6 is ESTABLISHED
        String state = gobgp.neighbor(a).at("/state/session_state").asText();
        return state.equals("6") || state.equalsIgnoreCase("established");
    }

    @Override
    String peerSessionStamp(String a) {
        JsonNode n = gobgp.neighbor(a);
        return n.at("/state/flops").asText() + "/" + n.at("/timers/state/uptime").toString();
    }

    private static JsonNode attr(JsonNode attrs, int type) {
        for (JsonNode a : attrs) {
            if (a.path("type").asInt() == type) {
                return a;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    @Override
    PeerRoute peerRoute(String prefix) {
        JsonNode paths = gobgp.paths("ipv4", prefix);
        if (paths == null) {
            return null;
        }
        JsonNode p = paths.get(0);
        for (JsonNode q : paths) {
            if (q.path("best").asBoolean(false)) {
                p = q;
            }
        }
        JsonNode attrs = p.path("attrs");
        StringBuilder asPath = new StringBuilder();
        for (JsonNode seg : attr(attrs, 2).path("as_paths")) {
            for (JsonNode asn : seg.path("asns")) {
                asPath.append(asPath.length() == 0 ? "" : " ").append(asn.asLong());
            }
        }
        Set<String> communities = new HashSet<>();
        for (JsonNode cm : attr(attrs, 8).path("communities")) {
            communities.add((cm.asLong() >>> 16) + ":" + (cm.asLong() & 0xffff));
        }
        return new PeerRoute(attr(attrs, 4).path("metric").asLong(-1), asPath.toString(), communities,
                p.path("stale").asBoolean(false), p.path("age").asText());
    }

    @Override
    String peerLog() {
        return gobgp == null ? "" : gobgp.log();
    }

    @Test
    void policiesFilterAndModifyBothWaysAndChangeSoftly() throws Exception {
        policies();
    }

    @Test
    void md5WrongKeyStaysDownWithTheReasonRightKeyComesUp() throws Exception {
        md5();
    }

    @Test
    void gracefulRestartOfTheDaemonKeepsRoutesOnBothSides() throws Exception {
        gracefulRestart();
    }
}
