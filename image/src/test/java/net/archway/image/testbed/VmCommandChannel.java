package net.archway.image.testbed;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * The test command channel: a root shell inside the VM on the virtio-serial port
 * {@code archway.test} (started by the test overlay's {@code boot.d/10-test-channel.sh}),
 * reached here through QEMU's unix socket for that port. Each script travels base64-encoded in
 * one line, runs with its output captured, and ends with a marker line carrying its exit status.
 */
final class VmCommandChannel implements AutoCloseable {
    private final Path socket;
    private SocketChannel channel;
    private Selector selector;
    private final StringBuilder pending = new StringBuilder();
    private int sequence;

    VmCommandChannel(Path socket) {
        this.socket = socket;
    }

    /** Runs {@code script} with {@code sh} in the VM; throws when no answer comes within {@code timeout}. */
    synchronized CommandResult run(String script, Duration timeout) throws IOException {
        connect();
        int n = ++sequence;
        String marker = "@@archway-test-end " + n + " ";
        String b64 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        String line = "printf %s " + b64 + " | base64 -d > /tmp/.cmd" + n + ".sh; sh /tmp/.cmd" + n
                + ".sh </dev/null 2>&1; echo \"" + marker + "$?\"; rm -f /tmp/.cmd" + n + ".sh\n";
        ByteBuffer out = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer in = ByteBuffer.allocate(65536);
        while (true) {
            int at = pending.indexOf(marker);
            if (at >= 0) {
                int eol = pending.indexOf("\n", at);
                if (eol >= 0) {
                    int exit = Integer.parseInt(pending.substring(at + marker.length(), eol).trim());
                    String output = pending.substring(0, at);
                    pending.delete(0, eol + 1);
                    return new CommandResult(exit, output);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("no answer from the VM's command channel within " + timeout.toSeconds()
                        + " s to: " + script + "\nso far: " + pending);
            }
            if (selector.select(Math.max(1, left / 1_000_000)) == 0) {
                continue;
            }
            selector.selectedKeys().clear();
            in.clear();
            int r = channel.read(in);
            if (r < 0) {
                throw new IOException("the VM's command channel closed (did the VM stop?)");
            }
            pending.append(new String(in.array(), 0, r, StandardCharsets.UTF_8));
        }
    }

    private void connect() throws IOException {
        if (channel != null) {
            return;
        }
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    @Override
    public synchronized void close() {
        try {
            if (selector != null) {
                selector.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the VM is going away
        }
    }
}
