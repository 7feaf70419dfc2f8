package net.archway.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;

import net.archway.cli.testing.TestPlane;

/**
 * {@code archway cli}: root's CLI on the box through the loopback-only server, with no user in
 * {@code system login} (the way back in), super-user rights; the server takes its own key only.
 */
class LocalCliIT {
    private static String run(TestPlane t, String lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = LocalCli.client(t.dir.resolve("state"), new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), false);
        return status + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rootGetsASuperUserCliWithoutAnyConfiguredUser() throws Exception {
        try (TestPlane t = new TestPlane(false)) { // not even system services ssh
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    LocalCli.keyFile(t.dir.resolve("state")))));
            String out = run(t, "show version\nconfigure\nset system host-name from-console\ncommit and-quit\n"
                    + "show configuration system host-name\n");
            assertTrue(out.startsWith("0\n") && out.contains("Hostname:") && out.contains("commit complete")
                    && out.contains("host-name from-console;"), out);
            String users = run(t, "show system users\n");
            assertTrue(users.contains("root"), users);
            assertTrue(run(t, "show configuration protocols frob\n").startsWith("1\n"), "a failed command's status");
        }
    }

    @Test
    void theLocalServerTakesItsOwnKeyOnlyAndSaysWhenNothingRuns() throws Exception {
        java.nio.file.Path state;
        try (TestPlane t = new TestPlane(false)) {
            state = t.dir.resolve("state");
            int port = Integer.parseInt(Files.readString(LocalCli.portFile(state)).trim());
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            KeyPair other = g.generateKeyPair();
            SshClient client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession s = client.connect("root", "127.0.0.1", port).verify(Duration.ofSeconds(10)).getSession()) {
                s.addPublicKeyIdentity(other);
                assertThrows(Exception.class, () -> s.auth().verify(Duration.ofSeconds(10)));
            } finally {
                client.stop();
            }
            try (ClientSession s = connect(port)) {
                s.addPasswordIdentity("anything");
                assertThrows(Exception.class, () -> s.auth().verify(Duration.ofSeconds(10)));
            }
        }
        IOException e = assertThrows(IOException.class, () -> LocalCli.client(state, new ByteArrayInputStream(new byte[0]),
                System.out, System.err, false));
        assertTrue(e.getMessage().contains("running"), e.getMessage()); // "not running", or no key: the state directory went with it
    }

    private static ClientSession connect(int port) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        return client.connect("root", "127.0.0.1", port).verify(Duration.ofSeconds(10)).getSession();
    }
}
