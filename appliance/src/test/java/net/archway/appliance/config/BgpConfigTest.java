package net.archway.appliance.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.archway.appliance.schema.ArchwaySchema;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigText;
import net.archway.cli.config.ConfigTrees;
import net.archway.cli.schema.Schema;
import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.session.PeerSettings;
import net.archway.routing.bgp.session.TcpMd5Key;
import net.archway.routing.bgp.speaker.NeighborSettings;
import net.archway.routing.policy.PolicyEngine;
import net.archway.routing.policy.PolicyOptions;
import net.archway.routing.policy.PolicyRoute;

/** {@code protocols bgp} and {@code policy-options} as the speaker and policy engine get them. */
class BgpConfigTest {
    static final Schema SCHEMA = ArchwaySchema.build();

    static ConfigNode parse(String text) throws Exception {
        return ConfigTrees.effective(ConfigText.parse(SCHEMA, text, ConfigText.Format.CURLY));
    }

    static ConfigNode s4() throws Exception {
        return parse(Files.readString(Path.of("src/test/resources/schema/s4-edge.conf")));
    }

    static NeighborSettings neighbor(BgpConfig.Bgp b, String address) {
        for (NeighborSettings n : b.speaker().neighbors()) {
            if (n.address().equals(Prefix.parseAddress(address, address))) {
                return n;
            }
        }
        throw new AssertionError("no neighbor " + address);
    }

    @Test
    void theEdgeConfigurationMapsWithEachStatementFromTheMostSpecificLevel() throws Exception {
        ConfigNode root = s4();
        BgpConfig.Bgp b = BgpConfig.bgp(root, ArchwayConfig.interfaces(root), false);
        assertEquals(65020, b.speaker().localAs());
        assertEquals(4, b.speaker().neighbors().size());

        NeighborSettings pe = neighbor(b, "192.168.11.18");
        PeerSettings s = pe.peer();
        assertEquals(12076, s.peerAs());
        assertEquals(Duration.ofSeconds(30), s.holdTime(), "the group's hold-time over bgp's");
        assertEquals(Prefix.parseAddress("192.168.11.17", ""), s.localAddress());
        assertNotNull(s.md5Key(), "the $9$ key decoded");
        assertEquals(List.of("from-cloud", "reject-all"), pe.importPolicies());
        assertEquals(List.of("to-cloud"), pe.exportPolicies());
        assertEquals(150L, pe.localPreference());
        assertTrue(pe.multipath() && pe.multipleAs());
        assertEquals(new NeighborSettings.PrefixLimit(1000, true, null), pe.prefixLimits().get(Family.IPV4_UNICAST));
        assertNotNull(s.gracefulRestart(), "graceful-restart from protocols bgp");
        assertEquals(Duration.ofSeconds(120), s.gracefulRestart().restartTime());
        assertEquals(Set.of(), s.gracefulRestart().forwardingPreserved(), "not restarting: no F bit");

        NeighborSettings vpn = neighbor(b, "10.17.11.77");
        assertEquals(2, vpn.peer().ttl());
        assertTrue(vpn.peer().passive());
        assertEquals(Duration.ofSeconds(90), vpn.peer().holdTime(), "bgp's hold-time");

        NeighborSettings fw = neighbor(b, "192.168.11.1");
        assertTrue(fw.internal());
        assertEquals(65020, fw.peer().effectiveLocalAs());
        assertNull(fw.peer().gracefulRestart(), "graceful-restart disable in the group");
        assertTrue(fw.routeReflectorClient());
        assertEquals(Set.of(Family.IPV6_UNICAST), fw.peer().families());
        assertEquals(Prefix.parseAddress("10.1.11.254", ""), java.net.InetAddress.getByAddress(
                java.nio.ByteBuffer.allocate(4).putInt(b.speaker().clusterId()).array()));

        assertEquals(1, b.bfd().size(), "BFD for the provider's neighbor only");
        assertEquals(new BgpConfig.NeighborBfd(Prefix.parseAddress("192.168.11.18", ""),
                Prefix.parseAddress("192.168.11.17", ""), false, Duration.ofMillis(300), 3), b.bfd().get(0));
        assertTrue(b.speaker().ebgpImportRequiresPolicy() && b.speaker().ebgpExportRequiresPolicy(), "RFC 8212 by default");
    }

    @Test
    void restartingAdvertisesForwardingPreserved() throws Exception {
        ConfigNode root = s4();
        BgpConfig.Bgp b = BgpConfig.bgp(root, ArchwayConfig.interfaces(root), true);
        PeerSettings s = neighbor(b, "192.168.11.18").peer();
        assertTrue(s.gracefulRestart().restarting());
        assertEquals(Set.of(Family.IPV4_UNICAST), s.gracefulRestart().forwardingPreserved());
    }

    @Test
    void theEdgePoliciesBehaveAsJunosWould() throws Exception {
        PolicyOptions o = PolicyConfig.policyOptions(s4());
        PolicyEngine e = new PolicyEngine(o);
        PolicyRoute site = PolicyRoute.of(Prefix.parse("10.1.11.0/25"), "direct");
        PolicyEngine.Outcome out = e.evaluate(List.of("to-cloud"), site, false, "default");
        assertTrue(out.accepted());
        assertEquals(50L, out.route().med());
        assertEquals(List.of(65020L, 65020L), out.route().asPath());
        assertEquals(Set.of(65020L << 16 | 1), out.route().communities());
        assertEquals("policy to-cloud term accept-site", out.decidedBy());
        assertFalse(e.evaluate(List.of("to-cloud"), PolicyRoute.of(Prefix.parse("10.9.0.0/16"), "static"), true, "d")
                .accepted());
        assertTrue(e.evaluate(List.of("next-hop-self"), site, false, "d").nextHopSelf());
    }

    @Test
    void mistakesAreRefusedWithTheirPlace() throws Exception {
        String base = "routing-options { autonomous-system 65000; router-id 10.0.0.1; }\n";
        MappingException e = assertThrows(MappingException.class, () -> BgpConfig.bgp(parse(base
                + "protocols { bgp { group a { type external; peer-as 65001; neighbor 10.0.0.2; }"
                + " group b { type external; peer-as 65002; neighbor 10.0.0.2; } } }"), ArchwayConfig.interfaces(parse(base)), false));
        assertEquals("[edit protocols bgp group b neighbor 10.0.0.2] neighbor 10.0.0.2 is configured in two groups", e.toString());
        e = assertThrows(MappingException.class, () -> BgpConfig.bgp(parse(base
                + "protocols { bgp { group a { type external; peer-as 65000; neighbor 10.0.0.2; } } }"),
                ArchwayConfig.interfaces(parse(base)), false));
        assertTrue(e.getMessage().contains("our own AS"), e.getMessage());
        e = assertThrows(MappingException.class, () -> BgpConfig.bgp(parse(base
                + "protocols { bgp { group a { type external; peer-as 65001; local-address 2001:db8::1; neighbor 10.0.0.2; } } }"),
                ArchwayConfig.interfaces(parse(base)), false));
        assertTrue(e.getMessage().contains("not of the neighbor's family"), e.getMessage());
        e = assertThrows(MappingException.class, () -> BgpConfig.bgp(parse("routing-options { autonomous-system 65000; }\n"
                + "protocols { bgp { group a { type external; peer-as 65001; neighbor 10.0.0.2; } } }"),
                ArchwayConfig.interfaces(parse(base)), false));
        assertTrue(e.getMessage().startsWith("no router ID"), e.getMessage());
        e = assertThrows(MappingException.class, () -> PolicyConfig.policyOptions(parse(
                "policy-options { policy-statement p { term t { from community nope; then accept; } } }")));
        assertTrue(e.getMessage().contains("community nope is not defined"), e.getMessage());
        e = assertThrows(MappingException.class, () -> PolicyConfig.policyOptions(parse(
                "policy-options { as-path bad \"65000 (\"; }")));
        assertTrue(e.toString().startsWith("[edit policy-options as-path bad"), e.toString());
    }

    @Test
    void defaultsAndKnobs() throws Exception {
        ConfigNode root = parse("""
                interfaces { eth1 { unit 0 { family inet { address 192.0.2.1/24; } family inet6 { address 2001:db8::1/64; } } } }
                routing-options { autonomous-system 65000; }
                protocols { bgp {
                    defaults { ebgp { no-policy { receive accept; } } }
                    group v6 { type external; peer-as 65001; ttl-security 1; neighbor 2001:db8::2; }
                    group lim { type external; peer-as 65002; authentication-key "plain-text-key";
                        family inet { unicast { prefix-limit { maximum 10; teardown 80; idle-timeout 5; } } }
                        neighbor 192.0.2.3; }
                } }
                """);
        BgpConfig.Bgp b = BgpConfig.bgp(root, ArchwayConfig.interfaces(root), false);
        assertEquals(0xc0000201, b.speaker().routerId(), "the lowest IPv4 address");
        assertFalse(b.speaker().ebgpImportRequiresPolicy());
        assertTrue(b.speaker().ebgpExportRequiresPolicy());
        NeighborSettings v6 = neighbor(b, "2001:db8::2");
        assertEquals(Set.of(Family.IPV6_UNICAST), v6.peer().families(), "the neighbor address's family by default");
        assertEquals(1, v6.peer().gtsmHops());
        assertNull(v6.peer().gracefulRestart(), "no graceful-restart statement: none advertised");
        NeighborSettings lim = neighbor(b, "192.0.2.3");
        assertEquals(new NeighborSettings.PrefixLimit(10, true, Duration.ofMinutes(5)), lim.prefixLimits().get(Family.IPV4_UNICAST));
        assertEquals(TcpMd5Key.of("plain-text-key"), lim.peer().md5Key(), "a plain key is encoded on entry and decoded here");
    }
}
