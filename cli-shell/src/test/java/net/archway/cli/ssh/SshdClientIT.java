package net.archway.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.EnumSet;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import net.archway.cli.testing.TestPlane;

/** The same server through sshd's client API: password and ECDSA key logins, exec, shell, broadcasts. */
class SshdClientIT {
    static TestPlane t;
    static SshClient client;
    static KeyPair ecdsa;

    @BeforeAll
    static void start() throws Exception {
        t = new TestPlane(true);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        ecdsa = g.generateKeyPair();
        String hash = Sha2Crypt.sha512Crypt("s3cret-pass".getBytes(StandardCharsets.UTF_8));
        String out = t.console("configure\nset system login user admin class super-user\n"
                + "set system login user admin authentication encrypted-password \"" + hash + "\"\n"
                + "set system login user keyed class operator\n"
                + "set system login user keyed authentication ssh-ecdsa \"" + PublicKeyEntry.toString(ecdsa.getPublic())
                + " keyed@test\"\ncommit\n");
        assertTrue(out.contains("commit complete"), out);
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    @AfterAll
    static void stop() throws Exception {
        client.stop();
        t.close();
    }

    static ClientSession login(String user, String password, KeyPair key) throws Exception {
        ClientSession s = client.connect(user, "127.0.0.1", t.plane.sshPort()).verify(Duration.ofSeconds(10)).getSession();
        if (password != null) {
            s.addPasswordIdentity(password);
        }
        if (key != null) {
            s.addPublicKeyIdentity(key);
        }
        s.auth().verify(Duration.ofSeconds(10));
        return s;
    }

    record Result(int status, String out) {
    }

    static Result exec(ClientSession s, String command) throws Exception {
        try (ChannelExec ch = s.createExecChannel(command)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ch.setOut(out);
            ch.setErr(out);
            ch.open().verify(Duration.ofSeconds(10));
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
            return new Result(ch.getExitStatus(), out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void passwordLoginExecWithStatus() throws Exception {
        try (ClientSession s = login("admin", "s3cret-pass", null)) {
            Result r = exec(s, "show version");
            assertEquals(0, r.status());
            assertTrue(r.out().contains("Hostname: archway"), r.out());
            Result bad = exec(s, "show configuration protocols frob");
            assertEquals(1, bad.status(), bad.out());
            assertTrue(bad.out().contains("unknown statement 'frob'"), bad.out());
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> login("admin", "wrong", null));
        assertTrue(e.getMessage() != null);
    }

    @Test
    void ecdsaKeyLoginAndOperatorClass() throws Exception {
        try (ClientSession s = login("keyed", null, ecdsa)) {
            assertEquals(0, exec(s, "show system users").status());
            Result r = exec(s, "configure");
            assertEquals(1, r.status());
            assertTrue(r.out().contains("permission denied"), r.out());
        }
    }

    @Test
    void shellWithoutPtyRunsAScript() throws Exception {
        try (ClientSession s = login("admin", "s3cret-pass", null); ChannelShell ch = s.createShellChannel()) {
            ch.setUsePty(false);
            ch.setIn(new ByteArrayInputStream(("configure\nset system host-name via-api\ncommit and-quit\n"
                    + "show configuration system host-name\n").getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ch.setOut(out);
            ch.setErr(out);
            ch.open().verify(Duration.ofSeconds(10));
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
            assertEquals(0, ch.getExitStatus(), out.toString());
            assertTrue(out.toString().contains("host-name via-api;"), out.toString());
        }
        t.console("configure\ndelete system host-name\ncommit\n");
    }

    @Test
    void commitConfirmedExpiryIsBroadcastToLoggedInUsers() throws Exception {
        try (ClientSession s = login("admin", "s3cret-pass", null); ChannelShell ch = s.createShellChannel()) {
            ch.setUsePty(false);
            PipedOutputStream feed = new PipedOutputStream();
            ch.setIn(new PipedInputStream(feed));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ch.setOut(out);
            ch.open().verify(Duration.ofSeconds(10));
            feed.write("configure\nset system host-name risky\ncommit confirmed 1\n".getBytes(StandardCharsets.UTF_8));
            feed.flush();
            for (int i = 0; i < 100 && !out.toString().contains("commit complete"); i++) {
                Thread.sleep(50);
            }
            assertTrue(out.toString().contains("commit complete"), out.toString());
            t.clock.advance(Duration.ofMinutes(1));
            for (int i = 0; i < 100 && !out.toString().contains("automatic rollback complete"); i++) {
                Thread.sleep(50);
            }
            assertTrue(out.toString().contains("Broadcast message from archway: Commit was not confirmed; automatic "
                    + "rollback complete."), out.toString());
            feed.close();
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
        }
    }
}
