package net.archway.appliance.interop;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.routing.bgp.interop.Frr;

/**
 * The Archway daemon against FRR (zebra, bfdd and bgpd on one zserv socket in the peer
 * namespace), judged by {@code vtysh ... json}.
 */
class FrrDaemonIT extends DaemonInterop {
    private Frr frr;

    @Override
    void startPeer(PeerOptions o) {
        StringBuilder c = new StringBuilder("""
                router bgp 65001
                 bgp router-id 192.0.2.2
                 no bgp ebgp-requires-policy
                 no bgp network import-check
                 bgp graceful-restart
                 timers bgp 10 30
                 neighbor 192.0.2.1 remote-as 65002
                 neighbor 192.0.2.5 remote-as 65002
                """);
        if (o.md5A() != null) {
            c.append(" neighbor 192.0.2.1 password ").append(o.md5A()).append('\n');
        }
        if (o.bfd()) {
            c.append(" neighbor 192.0.2.1 bfd\n neighbor 192.0.2.5 bfd\n");
        }
        c.append("""
                 address-family ipv4 unicast
                  network 10.101.0.0/24
                  network 10.101.9.0/24
                 exit-address-family
                !
                """);
        frr = new Frr(peerNs, c.toString(), true);
    }

    @Override
    void stopPeer() {
        if (frr != null) {
            frr.close();
        }
    }

    @Override
    boolean peerEstablished(String a) {
        return "Established".equals(frr.neighbor(a).path("bgpState").asText());
    }

    @Override
    String peerSessionStamp(String a) {
        JsonNode n = frr.neighbor(a);
        // counters, not bgpTimerUpEstablishedEpoch: FRR derives that from "now - uptime", so it moves by a second
        return n.path("connectionsEstablished").asText() + "/" + n.path("connectionsDropped").asText();
    }

    @Override
    PeerRoute peerRoute(String prefix) {
        JsonNode p = frr.path("ipv4", prefix);
        if (p == null) {
            return null;
        }
        Set<String> communities = new HashSet<>();
        String list = p.path("community").path("string").asText("");
        for (String s : list.split(" ")) {
            if (!s.isEmpty()) {
                communities.add(s);
            }
        }
        return new PeerRoute(p.path("metric").asLong(-1), p.path("aspath").path("string").asText(), communities,
                p.path("stale").asBoolean(false), p.path("lastUpdate").path("epoch").asText());
    }

    @Override
    String peerLog() {
        return frr == null ? "" : frr.log();
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

    @Test
    void bfdTakesLineADownAndTheKernelRouteMovesToLineB() throws Exception {
        bfd();
    }
}
