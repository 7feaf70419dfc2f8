package net.archway.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.archway.cli.testing.TestPlane;
import net.archway.cli.testing.TestPlane.Run;

/** Every mode and command through OpenSSH's ssh client: exec, shell without a terminal, classes. */
class OpenSshIT {
    static TestPlane t;
    static Path admin;
    static Path watcher;
    static Path operator;

    @BeforeAll
    static void start() throws Exception {
        t = new TestPlane(true);
        admin = t.keygen("admin");
        watcher = t.keygen("watcher");
        operator = t.keygen("oper");
        t.addUser("admin", "super-user", admin);
        t.addUser("watcher", "read-only", watcher);
        t.addUser("oper", "operator", operator);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    static Run ssh(Path key, String user, String... cmd) throws Exception {
        return TestPlane.run(t.ssh(user, key, cmd));
    }

    static Run shell(Path key, String user, String stdin) throws Exception {
        return TestPlane.run(t.ssh(user, key, "-T"), stdin);
    }

    @Test
    void execRunsOneCommandAndExitsWithItsStatus() throws Exception {
        Run r = ssh(admin, "admin", "show version");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Model: archway"), r.out());
        Run bad = ssh(admin, "admin", "show nonsense");
        assertNotEquals(0, bad.status());
        assertTrue(bad.out().contains("^"), bad.out());
    }

    @Test
    void displayJsonIsJsonOfTheActiveConfiguration() throws Exception {
        Run r = ssh(admin, "admin", "show configuration | display json");
        assertEquals(0, r.status(), r.out() + r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("admin", j.path("configuration").path("system").path("login").path("user").get(0).path("name").asText());
        Run set = ssh(admin, "admin", "show configuration system | display set");
        assertTrue(set.out().startsWith("set system login user admin class super-user"), set.out());
    }

    @Test
    void shellWithoutTerminalReadsCommandsFromStandardInput() throws Exception {
        Run r = shell(admin, "admin", "configure\nset system host-name r2\nset routing-options static route 10.0.0.0/8 "
                + "next-hop 192.0.2.1\ncommit and-quit\nshow configuration routing-options\n");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("commit complete"), r.out());
        assertTrue(r.out().contains("route 10.0.0.0/8 next-hop 192.0.2.1;"), r.out());
        assertTrue(ssh(admin, "admin", "show version").out().contains("Hostname: r2"));
        // an error in the middle: printed, the session goes on, the status is non-zero
        Run e = shell(admin, "admin", "configure\nset protocols bgp grop x\nset system host-name r3\ncommit and-quit\n");
        assertNotEquals(0, e.status());
        assertTrue(e.out().contains("unknown statement 'grop'"), e.out());
        assertTrue(e.out().contains("commit complete"), e.out());
        t.console("configure\nset system host-name r1\ncommit\n");
    }

    @Test
    void readOnlyAndOperatorCannotConfigure() throws Exception {
        Run r = ssh(watcher, "watcher", "configure");
        assertNotEquals(0, r.status());
        assertTrue(r.out().contains("permission denied"), r.out());
        Run o = shell(operator, "oper", "configure\nset system host-name evil\ncommit\n");
        assertNotEquals(0, o.status());
        assertTrue(ssh(watcher, "watcher", "show system commit").status() == 0);
        // secrets are hidden from classes without the secret permission
        t.console("configure\nset protocols bgp group g type internal\nset protocols bgp group g authentication-key s3cret\ncommit\n");
        Run s = ssh(watcher, "watcher", "show configuration protocols");
        assertTrue(s.out().contains("/* SECRET-DATA */"), s.out());
        assertTrue(!s.out().contains("$9$"), s.out());
        Run a = ssh(admin, "admin", "show configuration protocols");
        assertTrue(a.out().contains("$9$") && a.out().contains("## SECRET-DATA"), a.out());
        t.console("configure\ndelete protocols\ncommit\n");
    }

    @Test
    void passwordAuthenticationWithSha512Crypt() throws Exception {
        Path askpass = t.dir.resolve("askpass");
        Files.writeString(askpass, "#!/bin/sh\necho 'correct horse'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        String hash = org.apache.commons.codec.digest.Sha2Crypt.sha512Crypt("correct horse".getBytes());
        t.console("configure\nset system login user pw class read-only\nset system login user pw authentication "
                + "encrypted-password \"" + hash + "\"\ncommit\n");
        List<String> cmd = new ArrayList<>(List.of("env", "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force",
                "DISPLAY=none", "setsid", "-w", "ssh", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
                "-p", Integer.toString(t.plane.sshPort()), "pw@127.0.0.1", "show version"));
        Run r = TestPlane.run(cmd);
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("Hostname:"));
    }

    @Test
    void unknownUserAndWrongKeyAreRefused() throws Exception {
        Run r = ssh(watcher, "admin", "show version");
        assertEquals(255, r.status());
        Run u = ssh(admin, "nobody", "show version");
        assertEquals(255, u.status());
    }

    @Test
    void everyConfigurationCommandThroughAScript() throws Exception {
        Path f = t.dir.resolve("merge.conf");
        Files.writeString(f, "policy-options { community c members 65000:1; }\n");
        Run r = shell(admin, "admin", String.join("\n",
                "configure private",
                "edit policy-options policy-statement p",
                "set term a then accept",
                "set term b then reject",
                "insert term b before term a",
                "up",
                "copy policy-statement p to policy-statement q",
                "rename policy-statement q to policy-statement r",
                "annotate policy-statement r \"a copy\"",
                "deactivate policy-statement r",
                "activate policy-statement r",
                "top",
                "load merge " + f,
                "show policy-options | display set",
                "show | compare",
                "status",
                "run show system users",
                "commit check",
                "commit comment \"scripted\"",
                "exit",
                "configure exclusive",
                "set system host-name r5",
                "commit confirmed 10",
                "commit",
                "rollback 2",
                "show | compare",
                "exit configuration-mode",
                "show system commit",
                "show configuration policy-options | display json | match members",
                "quit", ""));
        assertEquals(0, r.status(), r.out() + r.err());
        String o = r.out();
        assertTrue(o.contains("set policy-options policy-statement p term b then reject\n"
                + "set policy-options policy-statement p term a then accept\n"), o);
        assertTrue(o.contains("annotate policy-options policy-statement r \"a copy\""), o);
        assertTrue(o.contains("+      community c members 65000:1;"), o);
        assertTrue(o.contains("(private) [this session]"), o);
        assertTrue(o.contains("USER"), o);
        assertTrue(o.contains("configuration check succeeds"), o);
        assertTrue(o.contains("commit confirmed will be automatically rolled back in 10 minutes unless confirmed"), o);
        assertTrue(o.contains("-  host-name r5;"), o);
        assertTrue(o.contains("warning: uncommitted changes discarded on exit (configure exclusive)"), o);
        assertTrue(o.contains("by admin via cli\n    scripted"), o);
        assertTrue(o.contains("\"members\" : [ \"65000:1\" ]"), o);
        t.console("configure\ndelete policy-options\ndelete system host-name\ncommit\n");
    }
}
