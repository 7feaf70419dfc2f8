package net.archway.appliance.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.archway.cli.ManagementPlane;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigText;
import net.archway.cli.schema.Schema;

/**
 * The real Archway hierarchy: a realistic customer-edge configuration (scenario S4, plus the
 * statements S1–S5 use) round-trips in all three forms, validates, and the appliance's checks
 * name the place of what is wrong. {@code -Dgolden.update=true} rewrites the set and JSON files.
 */
class ArchwaySchemaTest {
    static final Schema SCHEMA = ArchwaySchema.build();
    static final Path DIR = Path.of("src/test/resources/schema");

    @Test
    void s4RoundTripsInAllThreeForms() throws Exception {
        String curly = Files.readString(DIR.resolve("s4-edge.conf"));
        ConfigNode tree = ConfigText.parse(SCHEMA, curly, ConfigText.Format.CURLY);
        String set = ConfigText.print(tree, ConfigText.Format.SET, true);
        String json = ConfigText.print(tree, ConfigText.Format.JSON, true);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(DIR.resolve("s4-edge.set"), set);
            Files.writeString(DIR.resolve("s4-edge.json"), json);
        }
        assertEquals(curly, ConfigText.print(tree, ConfigText.Format.CURLY, true));
        assertEquals(Files.readString(DIR.resolve("s4-edge.set")), set);
        assertEquals(Files.readString(DIR.resolve("s4-edge.json")), json);
        assertEquals(curly, ConfigText.print(ConfigText.parse(SCHEMA, set, ConfigText.Format.SET),
                ConfigText.Format.CURLY, true));
        assertEquals(curly, ConfigText.print(ConfigText.parse(SCHEMA, json, ConfigText.Format.JSON),
                ConfigText.Format.CURLY, true));
    }

    @Test
    void s4IsValid() {
        List<String> errors = ManagementPlane.checkConfig(SCHEMA, ArchwaySchema.checks(), DIR.resolve("s4-edge.conf"));
        assertEquals(List.of(), errors);
    }

    static List<String> check(String text) throws Exception {
        Path f = Files.createTempFile("archway-check", ".conf");
        try {
            Files.writeString(f, text);
            return ManagementPlane.checkConfig(SCHEMA, ArchwaySchema.checks(), f);
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void checksNameThePlace() throws Exception {
        assertEquals(List.of("[edit protocols bgp group cloud] 'peer-as' is missing"), check("""
                routing-options { autonomous-system 65020; }
                protocols { bgp { group cloud { type external; neighbor 192.0.2.1; } } }
                """));
        assertEquals(List.of("[edit protocols bgp group ibgp] 'routing-options autonomous-system' is missing: BGP "
                + "needs the local AS"), check("protocols { bgp { group ibgp { type internal; } } }\n"));
        List<String> e = check("""
                security {
                    ike { gateway g { ike-policy nope; external-interface ge-0/0/9.0; } }
                    ipsec { vpn v { bind-interface st0.3; ike { gateway g; ipsec-policy p; } } }
                }
                """);
        assertTrue(e.contains("[edit security ike gateway g] 'ike-policy': security ike policy 'nope' is not defined"),
                e.toString());
        assertTrue(e.contains("[edit security ipsec vpn v] 'bind-interface': interface st0.3 is not configured: set "
                + "interfaces st0 unit 3 family inet"), e.toString());
        assertTrue(e.contains("[edit security ike gateway g] 'external-interface': interface ge-0/0/9.0 is not "
                + "configured"), e.toString());
        assertTrue(check("system { host-name \"two words\"; }\n").get(0).contains("invalid value"));
        assertTrue(check("routing-options { static { route 10.0.0.0/8 next-hop 10.0.0.300; } }\n").get(0)
                .contains("line 1"));
    }

    @Test
    void s4CommitsThroughTheManagementPlane() throws Exception {
        Path state = Files.createTempDirectory("archway-schema-test");
        try {
            ManagementPlane.Builder b = ManagementPlane.builder(SCHEMA).stateDirectory(state).ssh("127.0.0.1", -1)
                    .version("test");
            ArchwaySchema.checks().forEach(b::check);
            try (ManagementPlane plane = b.build()) {
                plane.start();
                var out = new java.io.ByteArrayOutputStream();
                int status = plane.console(new java.io.ByteArrayInputStream(("configure\nload override "
                        + DIR.resolve("s4-edge.conf").toAbsolutePath() + "\ncommit\n"
                        + "set protocols bgp group provider peer-as 12077\nshow | compare\n"
                        + "delete protocols bgp group vpn peer-as\ncommit check\n").getBytes()), out);
                String o = out.toString();
                assertTrue(o.contains("commit complete"), o);
                assertTrue(o.contains("[edit protocols bgp group provider]\n-  peer-as 12076;\n+  peer-as 12077;\n"), o);
                assertTrue(o.contains("[edit protocols bgp group vpn] 'peer-as' is missing"), o);
                assertEquals(1, status);
                assertEquals("ce1-dc", plane.engine().active().child("system").leaf("host-name"));
            }
        } finally {
            try (var w = Files.walk(state)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
