package net.archway.cli.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import net.archway.cli.shell.CliContext;

/**
 * The SSH server (Apache MINA sshd): host key kept in {@code STATE/ssh/host-key-ecdsa} (0600),
 * password and public-key authentication against the active {@code system login}, the CLI as
 * shell and exec. No forwarding, no SFTP, no keyboard-interactive.
 */
public final class CliServer implements AutoCloseable {
    private final SshServer sshd;

    public CliServer(CliContext ctx, Path stateDirectory, String host, int port) throws IOException {
        SimpleGeneratorHostKeyProvider keys = ecdsaKey(hostKeyFile(stateDirectory));
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost(host);
        sshd.setPort(port);
        sshd.setKeyPairProvider(keys);
        sshd.setPasswordAuthenticator((user, password, session) -> Logins.password(ctx.engine().active(), user, password));
        sshd.setPublickeyAuthenticator((user, key, session) -> Logins.publicKey(ctx.engine().active(), user, key));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setShellFactory(channel -> new CliCommand(ctx, null));
        sshd.setCommandFactory((channel, command) -> new CliCommand(ctx, command));
    }

    static Path hostKeyFile(Path stateDirectory) {
        return stateDirectory.resolve("ssh").resolve("host-key-ecdsa");
    }

    /**
     * An ECDSA P-256 key pair kept in {@code file} (0600, in a 0700 directory made if missing),
     * made now when the file does not exist yet, so the file exists and has its mode before anyone
     * uses it.
     */
    static SimpleGeneratorHostKeyProvider ecdsaKey(Path file) throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(file);
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        keys.setKeySize(256);
        keys.loadKeys(null);
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return keys;
    }

    public void start() throws IOException {
        sshd.start();
    }

    /** The port listened on (useful when started with port 0). */
    public int port() {
        return sshd.getPort();
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
