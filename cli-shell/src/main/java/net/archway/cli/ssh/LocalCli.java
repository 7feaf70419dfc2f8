package net.archway.cli.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import net.archway.cli.op.LoginClass;
import net.archway.cli.shell.CliContext;

/**
 * The CLI for whoever is root on the box itself (the serial console, Junos' {@code cli} after a
 * root login): {@code archway cli}. The daemon runs a second SSH server on the loopback
 * address only, on a port of the kernel's choosing written to {@code STATE/ssh/local-cli.port},
 * that accepts one key: {@code STATE/ssh/local-cli-key}, made at start, readable by root alone
 * (the state directory is 0700). Its sessions are {@code root}, class super-user, whatever
 * {@code system login} says: the way back in when no SSH user is left, and always on, also
 * without {@code system services ssh}. No passwords, no forwarding.
 */
public final class LocalCli {
    public static final String USER = "root";

    private LocalCli() {
    }

    static Path keyFile(Path stateDirectory) {
        return stateDirectory.resolve("ssh").resolve("local-cli-key");
    }

    static Path portFile(Path stateDirectory) {
        return stateDirectory.resolve("ssh").resolve("local-cli.port");
    }

    private static KeyPair key(Path stateDirectory, boolean create) throws IOException {
        Path file = keyFile(stateDirectory);
        if (!create && !Files.isRegularFile(file)) {
            throw new IOException("no " + file + ": is Archway running with --state-dir " + stateDirectory + "?");
        }
        if (!create && !Files.isReadable(file)) {
            throw new IOException("cannot read " + file + ": the local CLI is root's (the state directory is)");
        }
        Iterator<KeyPair> keys = CliServer.ecdsaKey(file).loadKeys(null).iterator();
        if (!keys.hasNext()) {
            throw new IOException("no key in " + file);
        }
        return keys.next();
    }

    /** The daemon's side: the loopback-only server. */
    public static final class Server implements AutoCloseable {
        private final SshServer sshd;
        private final Path stateDirectory;

        public Server(CliContext ctx, Path stateDirectory) throws IOException {
            this.stateDirectory = stateDirectory;
            KeyPair local = key(stateDirectory, true);
            SimpleGeneratorHostKeyProvider host = CliServer.ecdsaKey(CliServer.hostKeyFile(stateDirectory));
            sshd = SshServer.setUpDefaultServer();
            sshd.setHost(InetAddress.getLoopbackAddress().getHostAddress());
            sshd.setPort(0);
            sshd.setKeyPairProvider(host);
            sshd.setPasswordAuthenticator(null);
            sshd.setKeyboardInteractiveAuthenticator(null);
            sshd.setPublickeyAuthenticator((user, offered, session) -> USER.equals(user)
                    && KeyUtils.compareKeys(local.getPublic(), offered)
                    && session.getClientAddress() instanceof InetSocketAddress a && a.getAddress().isLoopbackAddress());
            sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
            sshd.setShellFactory(channel -> new CliCommand(ctx, null, LoginClass.SUPER_USER));
            sshd.setCommandFactory((channel, command) -> new CliCommand(ctx, command, LoginClass.SUPER_USER));
        }

        public void start() throws IOException {
            sshd.start();
            Path port = portFile(stateDirectory);
            Path tmp = port.resolveSibling(port.getFileName() + ".new");
            Files.writeString(tmp, sshd.getPort() + "\n");
            Files.move(tmp, port, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(portFile(stateDirectory));
            sshd.stop(true);
        }
    }

    /**
     * {@code archway cli}: a CLI session with the daemon whose state directory this is. With a
     * terminal ({@code tty} true) the session gets a PTY of the terminal's type and size and the
     * terminal is put in raw mode meanwhile (stty), so line editing, completion and the pager
     * are the SSH CLI's; without one, commands are read line by line from {@code in}. Returns
     * the session's exit status.
     */
    public static int client(Path stateDirectory, InputStream in, PrintStream out, PrintStream err, boolean tty)
            throws IOException {
        KeyPair key = key(stateDirectory, false);
        Path portFile = portFile(stateDirectory);
        if (!Files.isRegularFile(portFile)) {
            throw new IOException("Archway is not running (no " + portFile + ")");
        }
        int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE); // loopback, and the key file proves who we are
        client.start();
        String saved = null;
        try (ClientSession s = client.connect(USER, InetAddress.getLoopbackAddress().getHostAddress(), port)
                .verify(Duration.ofSeconds(30)).getSession()) {
            s.addPublicKeyIdentity(key);
            s.auth().verify(Duration.ofSeconds(30));
            try (ChannelShell ch = s.createShellChannel()) {
                ch.setUsePty(tty);
                if (tty) {
                    String term = System.getenv().getOrDefault("TERM", "vt100");
                    ch.setPtyType(term.isEmpty() ? "vt100" : term);
                    int[] size = terminalSize();
                    ch.setPtyColumns(size[1]);
                    ch.setPtyLines(size[0]);
                    saved = stty("-g").trim();
                    stty("raw", "-echo");
                }
                ch.setIn(in);
                ch.setOut(out);
                ch.setErr(err);
                ch.open().verify(Duration.ofSeconds(30));
                ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
                Integer status = ch.getExitStatus();
                return status == null ? 0 : status;
            }
        } finally {
            if (saved != null) {
                stty(saved);
            }
            client.stop();
        }
    }

    /** Rows and columns of the controlling terminal (24 x 80 when unknown). */
    private static int[] terminalSize() {
        try {
            String[] rc = stty("size").trim().split("\\s+");
            return new int[] {Integer.parseInt(rc[0]), Integer.parseInt(rc[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {24, 80};
        }
    }

    private static String stty(String... args) throws IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("stty"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + ": " + text.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return text;
    }
}
