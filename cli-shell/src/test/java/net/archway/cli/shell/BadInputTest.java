package net.archway.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import net.archway.cli.config.ConfigNode;
import net.archway.cli.op.LoginClass;
import net.archway.cli.testing.Cli;
import net.archway.cli.testing.TestPlane;

/**
 * Bad input: each line gives a clear error (the expected fragment) and changes neither the
 * candidate nor the active configuration.
 */
class BadInputTest {
    static TestPlane t;
    static Cli admin;
    static Cli watcher;
    static Cli operator;

    @BeforeAll
    static void start() throws Exception {
        t = new TestPlane(false);
        admin = new Cli(t);
        admin.ok("configure", "set system host-name r1", "set protocols bgp group cloud type external",
                "set policy-options community c members 1:1", "commit");
        watcher = new Cli(t, "watcher", LoginClass.READ_ONLY);
        operator = new Cli(t, "oper", LoginClass.OPERATOR);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    static String huge(int n) {
        return "x".repeat(n);
    }

    static Stream<Arguments> configurationMode() {
        List<Arguments> a = new ArrayList<>();
        // unknown statements
        a.add(Arguments.of("set protocols ospf area 0", "unknown statement 'ospf'"));
        a.add(Arguments.of("set system hostname r2", "unknown statement 'hostname'"));
        a.add(Arguments.of("set interfaces ge-0/0/0 unit 0 family mpls", "unknown statement 'mpls'"));
        a.add(Arguments.of("set routing-options static route 10.0.0.0/8 gateway 1.1.1.1", "unknown statement 'gateway'"));
        a.add(Arguments.of("set bogus", "unknown statement 'bogus'"));
        a.add(Arguments.of("edit protocols bgp group cloud neighbour 1.1.1.1", "unknown statement 'neighbour'"));
        a.add(Arguments.of("delete protocols isis", "unknown statement 'isis'"));
        a.add(Arguments.of("frobnicate", "unknown command"));
        a.add(Arguments.of("s system host-name r2", "ambiguous"));
        // wrong types and ranges
        a.add(Arguments.of("set protocols bgp group cloud peer-as 4294967296", "not within range"));
        a.add(Arguments.of("set protocols bgp group cloud peer-as -1", "invalid number"));
        a.add(Arguments.of("set protocols bgp group cloud peer-as 65000x", "invalid number"));
        a.add(Arguments.of("set protocols bgp group cloud type confederation", "expected one of internal, external"));
        a.add(Arguments.of("set protocols bgp group cloud neighbor 300.1.1.1", "invalid IPv4 address"));
        a.add(Arguments.of("set protocols bgp group cloud neighbor 10.1.1", "invalid IPv4 address"));
        a.add(Arguments.of("set protocols bgp group cloud neighbor 2001:db8:::1", "invalid IPv6 address"));
        a.add(Arguments.of("set protocols bgp group cloud neighbor 01.1.1.1", "invalid IPv4 address"));
        a.add(Arguments.of("set routing-options static route 10.0.0.0 next-hop 1.1.1.1", "missing /length"));
        a.add(Arguments.of("set routing-options static route 10.0.0.0/33 next-hop 1.1.1.1", "length over 32"));
        a.add(Arguments.of("set routing-options static route 10.0.0.0/8 next-hop host.example", "invalid IPv4 address"));
        a.add(Arguments.of("set routing-options static route 10.0.0.0/8 preference many", "invalid number"));
        a.add(Arguments.of("set routing-options router-id 1.2.3.4/32", "invalid IPv4 address"));
        a.add(Arguments.of("set interfaces ge-0/0/0 mtu 100", "not within range (256..9216)"));
        a.add(Arguments.of("set interfaces ge-0/0/0 unit 70000", "not within range"));
        a.add(Arguments.of("set interfaces ge-0/0/0 unit 0 vlan-id 4095", "not within range (1..4094)"));
        a.add(Arguments.of("set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1", "missing /length"));
        a.add(Arguments.of("set system services ssh port 0", "not within range"));
        a.add(Arguments.of("set system login user Admin class super-user", "invalid value 'Admin'"));
        a.add(Arguments.of("set system login user bob class wizard", "expected one of super-user, operator, read-only"));
        a.add(Arguments.of("set system login user bob authentication encrypted-password plain", "SHA-512 crypt"));
        a.add(Arguments.of("set system host-name \"with space\"", "invalid name"));
        a.add(Arguments.of("set protocols bgp group cloud authentication-key \"$9$\"", "malformed $9$"));
        a.add(Arguments.of("set policy-options policy-statement p term t from route-filter 10.0.0.0/8 upto",
                "needs an argument"));
        a.add(Arguments.of("set policy-options policy-statement p term t from route-filter 10.0.0.0/8 sideways",
                "expected one of exact"));
        // missing values, extra words
        a.add(Arguments.of("set protocols bgp group cloud peer-as", "missing <as>"));
        a.add(Arguments.of("set protocols bgp group", "missing <group-name>"));
        a.add(Arguments.of("set system host-name r2 r3", "unexpected 'r3'"));
        a.add(Arguments.of("set protocols bgp group cloud passive yes", "unexpected 'yes'"));
        a.add(Arguments.of("set", "syntax error"));
        a.add(Arguments.of("edit system host-name", "not a container"));
        a.add(Arguments.of("set policy-options community c members [ 1:2", "missing ']'"));
        a.add(Arguments.of("set system host-name \"unterminated", "unterminated quoted string"));
        // statements that are not there
        a.add(Arguments.of("delete protocols bgp group nope", "statement not found"));
        a.add(Arguments.of("deactivate routing-options", "statement not found"));
        a.add(Arguments.of("rename protocols bgp group nope to group x", "statement not found"));
        a.add(Arguments.of("insert protocols bgp group cloud before group x", "not ordered"));
        a.add(Arguments.of("annotate system \"a */ b\"", "cannot contain"));
        a.add(Arguments.of("rollback 99", "0 to 49"));
        a.add(Arguments.of("rollback 7", "does not exist"));
        a.add(Arguments.of("load override /does/not/exist", "could not read"));
        a.add(Arguments.of("load sideways terminal", "load (merge"));
        a.add(Arguments.of("commit sometime", "syntax error"));
        a.add(Arguments.of("commit confirmed 0", "minutes 1..65535"));
        a.add(Arguments.of("up many", "up [N]"));
        // enormous lines and binary garbage
        a.add(Arguments.of("set system host-name " + huge(70_000), "too long"));
        a.add(Arguments.of("set system host-name " + huge(2_000), "invalid name"));
        a.add(Arguments.of("set protocols bgp group cloud neighbor 1.1.1.1 description \"" + huge(2_000) + "\"",
                "too long"));
        a.add(Arguments.of("set system host-name \u0000\u0001\u0002", "unexpected character"));
        a.add(Arguments.of("\u001b[A\u001b[B\u0007", "unexpected character"));
        a.add(Arguments.of("set system host-name caf\u00e9\ufffd\ufffd", "unexpected character"));
        a.add(Arguments.of("\u00ff\u00fe\u00fd set", "unknown command"));
        // pipes
        a.add(Arguments.of("show | match", "REGEX"));
        a.add(Arguments.of("show | match \"(\"", "bad regular expression"));
        a.add(Arguments.of("show | last x", "| last N"));
        a.add(Arguments.of("show | display xml", "display (set | json)"));
        a.add(Arguments.of("show | compare rollback x", "compare rollback N"));
        a.add(Arguments.of("set system host-name r2 | count", "takes no pipe"));
        return a.stream();
    }

    @ParameterizedTest
    @MethodSource("configurationMode")
    void configurationModeInputIsRefusedWithoutChange(String line, String expected) {
        ConfigNode candidateBefore = admin.session.candidate();
        ConfigNode activeBefore = t.plane.engine().active();
        String out = admin.run(line);
        assertNotEquals(0, admin.status, "should fail: " + out);
        assertTrue(out.contains(expected), "expected '" + expected + "' in: " + out);
        assertSame(candidateBefore, admin.session.candidate(), "the candidate is unchanged");
        assertSame(activeBefore, t.plane.engine().active(), "the active configuration is unchanged");
    }

    static Stream<Arguments> commitTime() {
        return Stream.of(
                Arguments.of("set protocols bgp group cloud import missing-policy", "'missing-policy' is not defined"),
                Arguments.of("set policy-options policy-statement p term t from prefix-list nope", "'nope' is not defined"),
                Arguments.of("set protocols bgp group other peer-as 1", "[edit protocols bgp group other] 'type' is missing"),
                Arguments.of("set policy-options community d", "[edit policy-options community d] 'members' is missing"),
                Arguments.of("set system login user eve authentication plain-text-password", "only") // refused at prompt
        );
    }

    @ParameterizedTest
    @MethodSource("commitTime")
    void commitRefusesDanglingReferencesAndMissingStatements(String line, String expected) {
        ConfigNode activeBefore = t.plane.engine().active();
        String set = admin.run(line);
        String out = admin.status == 0 ? admin.run("commit") : set;
        if (line.endsWith("plain-text-password")) {
            assertTrue(set.contains("do not match") || set.contains("error"), set);
        } else {
            assertNotEquals(0, admin.status, out);
            assertTrue(out.contains(expected), "expected '" + expected + "' in: " + out);
        }
        assertSame(activeBefore, t.plane.engine().active());
        admin.ok("rollback 0");
    }

    static Stream<Arguments> loads() {
        return Stream.of(
                Arguments.of("system { host-name r2;\n", "missing '}'"),
                Arguments.of("system { host-name r2; } }\n", "unexpected '}'"),
                Arguments.of("system { host-name r2 }\n", "missing ';'"),
                Arguments.of("system { host-name; }\n", "missing <host-name>"),
                Arguments.of("system { frob; }\n", "unknown statement 'frob'"),
                Arguments.of("/* never closed\nsystem { }\n", "unterminated comment"),
                Arguments.of("{ \"configuration\": { \"system\": { \"host-name\": [1] } } }\n", "must be a value"),
                Arguments.of("{ \"configuration\": { \"system\": \n", "invalid JSON"),
                Arguments.of("{ \"nothing\": 1 }\n", "must be an object {\"configuration\""),
                Arguments.of("set system host-name r2\nset protocols bgp group g peer-as x\n", "line 2"),
                Arguments.of("PK\u0003\u0004\u0014\u0000binary\u0000\u00ff\n", "unexpected character"));
    }

    @ParameterizedTest
    @MethodSource("loads")
    void aBadFileLoadsNothing(String text, String expected) {
        ConfigNode candidateBefore = admin.session.candidate();
        for (String how : List.of("override", "merge")) {
            if (text.startsWith("set ") && how.equals("merge")) {
                continue;
            }
            admin.input(text.split("\n"));
            admin.input("\u0004");
            String out = admin.run("load " + (text.startsWith("set ") ? "set" : how) + " terminal");
            assertNotEquals(0, admin.status, out);
            assertTrue(out.contains(expected), "expected '" + expected + "' in: " + out);
            assertTrue(out.contains("nothing was changed"), out);
            assertSame(candidateBefore, admin.session.candidate());
        }
    }

    static Stream<Arguments> unauthorised() {
        return Stream.of(
                Arguments.of("watcher", "configure"),
                Arguments.of("watcher", "configure private"),
                Arguments.of("watcher", "configure exclusive"),
                Arguments.of("oper", "configure"),
                Arguments.of("oper", "configure exclusive"));
    }

    @ParameterizedTest
    @MethodSource("unauthorised")
    void classesWithoutConfigurePermissionCannotConfigure(String who, String line) {
        Cli c = who.equals("watcher") ? watcher : operator;
        ConfigNode activeBefore = t.plane.engine().active();
        String out = c.run(line);
        assertNotEquals(0, c.status);
        assertTrue(out.contains("permission denied") && out.contains("class"), out);
        assertTrue(!c.session.inConfigurationMode());
        assertSame(activeBefore, t.plane.engine().active());
        assertEquals(0, c.run("show configuration") == null ? 1 : c.status);
    }
}
