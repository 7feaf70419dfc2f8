package net.archway.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.archway.cli.testing.Cli;
import net.archway.cli.testing.TestPlane;

/** Every configuration-mode command, through a session. */
class ConfigurationModeTest {
    TestPlane t;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        t = new TestPlane(false);
        cli = new Cli(t);
        cli.ok("configure");
    }

    @AfterEach
    void tearDown() throws Exception {
        t.close();
    }

    @Test
    void setEditUpTopShow() {
        cli.ok("set system host-name r1", "edit protocols bgp group cloud", "set type external", "set peer-as 12076",
                "set neighbor 192.0.2.1 description \"primary link\"");
        assertEquals("[edit protocols bgp group cloud]\nadmin@archway# ", cli.session.prompt());
        assertEquals("""
                type external;
                peer-as 12076;
                neighbor 192.0.2.1 {
                    description "primary link";
                }
                """, cli.ok("show"));
        cli.ok("up");
        assertEquals("[edit protocols bgp]\nadmin@archway# ", cli.session.prompt());
        cli.ok("up 5");
        assertEquals("[edit]\nadmin@archway# ", cli.session.prompt());
        cli.ok("edit protocols bgp", "top");
        assertTrue(cli.ok("show protocols bgp group cloud peer-as").contains("peer-as 12076;"));
        assertTrue(cli.ok("sh prot").contains("group cloud"), "abbreviations");
    }

    @Test
    void deleteStatementsValuesAndWholeLists() {
        cli.ok("set policy-options community c members 1:1", "set policy-options community c members 1:2",
                "set routing-options static route 10.0.0.0/8 next-hop 192.0.2.1",
                "set routing-options static route 10.1.0.0/16 discard");
        cli.ok("delete policy-options community c members 1:1");
        assertTrue(cli.ok("show policy-options").contains("community c members 1:2;"));
        cli.ok("delete routing-options static route");
        assertEquals("", cli.ok("show routing-options static"));
        assertTrue(cli.fails("delete system host-name").contains("statement not found"));
    }

    @Test
    void copyRenameInsertAnnotateDeactivateActivate() {
        cli.ok("set policy-options policy-statement p term a then accept",
                "set policy-options policy-statement p term b then reject",
                "insert policy-options policy-statement p term b before term a",
                "copy policy-options policy-statement p to policy-statement q",
                "rename policy-options policy-statement q term a to term z",
                "edit policy-options", "annotate policy-statement p \"ordered: b first\"",
                "deactivate policy-statement q", "top");
        assertEquals("""
                policy-options {
                    /* ordered: b first */
                    policy-statement p {
                        term b {
                            then reject;
                        }
                        term a {
                            then accept;
                        }
                    }
                    inactive: policy-statement q {
                        term b {
                            then reject;
                        }
                        term z {
                            then accept;
                        }
                    }
                }
                """, cli.ok("show"));
        cli.ok("activate policy-options policy-statement q");
        assertFalse(cli.ok("show").contains("inactive:"));
        assertTrue(cli.fails("insert system login before x").contains("error"));
        assertTrue(cli.fails("set routing-options static route 10.0.0.0/8 next-hop 1.1.1.1 junk").contains("^"));
    }

    @Test
    void commitCheckAndCompare() throws Exception {
        cli.ok("set system host-name r1");
        assertEquals("""
                [edit]
                +  system {
                +      host-name r1;
                +  }
                """, cli.ok("show | compare"));
        assertEquals("configuration check succeeds\n", cli.ok("commit check"));
        assertTrue(t.plane.engine().records().isEmpty(), "commit check commits nothing");
        assertEquals("commit complete\n", cli.ok("commit comment \"first one\""));
        cli.ok("set system host-name r2");
        assertEquals("""
                [edit system]
                -  host-name r1;
                +  host-name r2;
                """, cli.ok("show | compare"));
        cli.ok("commit");
        assertEquals("""
                [edit system]
                -  host-name r1;
                +  host-name r2;
                """, cli.ok("show | compare rollback 1"), "from rollback 1 (r1) to the candidate (r2)");
        String history = cli.ok("run show system commit");
        assertTrue(history.startsWith("0   2026-11-22 02:00:00 UTC by admin via cli\n1   "), history);
        assertTrue(history.contains("    first one\n"), history);
        cli.ok("rollback 1");
        assertTrue(cli.ok("show system").contains("host-name r1;"));
        assertTrue(cli.ok("commit and-quit").contains("Exiting configuration mode"));
        assertFalse(cli.session.inConfigurationMode());
    }

    @Test
    void compareInOperationalModeAndPipes() {
        cli.ok("set system host-name r1", "set routing-options static route 10.0.0.0/8 next-hop 192.0.2.1",
                "set routing-options static route 10.1.0.0/16 next-hop 192.0.2.1", "commit", "exit");
        assertEquals("Count: 2 lines\n", cli.ok("show configuration routing-options static | count"));
        assertEquals("    route 10.1.0.0/16 next-hop 192.0.2.1;\n",
                cli.ok("show configuration routing-options | match 10.1 | no-more"));
        assertEquals("}\n", cli.ok("show configuration | last 1"));
        assertFalse(cli.ok("show configuration | except static").contains("static"));
        assertTrue(cli.ok("show configuration | display set | match host").equals("set system host-name r1\n"));
        assertTrue(cli.ok("show system commit | display json").contains("\"commits\""));
        assertTrue(cli.fails("show version | display set").contains("configuration only"));
        assertTrue(cli.fails("show configuration | bogus").contains("unknown pipe"));
    }

    @Test
    void loadOverrideMergeReplaceSetFromFilesAndTerminal() throws Exception {
        Path f = t.dir.resolve("new.conf");
        Files.writeString(f, "system { host-name from-file; }\nrouting-options { router-id 192.0.2.9; }\n");
        cli.ok("set protocols bgp group g type internal");
        cli.ok("load override " + f);
        assertEquals("system {\n    host-name from-file;\n}\nrouting-options {\n    router-id 192.0.2.9;\n}\n", cli.ok("show"));
        Files.writeString(f, "system { ntp { server 192.0.2.123; } }\n");
        cli.ok("load merge " + f);
        assertTrue(cli.ok("show system").contains("host-name from-file;"));
        assertTrue(cli.ok("show system").contains("server 192.0.2.123;"));
        Files.writeString(f, "system { replace: ntp { server 192.0.2.124; } }\n");
        cli.ok("load replace " + f);
        assertFalse(cli.ok("show system").contains("192.0.2.123"));
        cli.input("set system host-name typed", "delete routing-options", "^D");
        cli.ok("load set terminal");
        assertEquals("system {\n    host-name typed;\n    ntp {\n        server 192.0.2.124;\n    }\n}\n", cli.ok("show"));
        cli.input("system { host-name json-next; }", "\u0004");
        cli.ok("load merge terminal");
        assertTrue(cli.ok("show system host-name").contains("json-next"));
        String bad = cli.fails("load override /nonexistent/file");
        assertTrue(bad.contains("could not read"), bad);
        Files.writeString(f, "system { host-name x;\n");
        assertTrue(cli.fails("load override " + f).contains("missing '}'"));
        assertTrue(cli.ok("show system host-name").contains("json-next"), "a failed load changes nothing");
    }

    @Test
    void plainTextPasswordIsPromptedAndStoredEncrypted() {
        cli.ok("set system login user bob class operator");
        cli.input("hunter2-pw", "hunter2-pw");
        cli.ok("set system login user bob authentication plain-text-password");
        String shown = cli.ok("show system login user bob");
        assertTrue(shown.contains("encrypted-password \"$6$"), shown);
        cli.input("one-password", "another-one");
        assertTrue(cli.fails("set system login user bob authentication plain-text-password").contains("do not match"));
    }

    @Test
    void exitLeavesLevelsThenConfigurationMode() {
        cli.ok("edit protocols bgp", "exit");
        assertEquals("[edit protocols]\nadmin@archway# ", cli.session.prompt());
        cli.ok("exit configuration-mode");
        assertFalse(cli.session.inConfigurationMode());
        cli.ok("configure", "set system host-name r9");
        assertTrue(cli.ok("exit").contains("The configuration has been changed but not committed"));
        assertTrue(cli.ok("configure").contains("The configuration has been changed but not committed"));
        assertTrue(cli.ok("status").contains("admin"));
        assertTrue(cli.ok("help").contains("commit"));
        assertTrue(cli.ok("run show version").contains("Hostname"));
    }
}
