package net.archway.routing.bfd.transport;

import java.util.function.Consumer;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;

/**
 * The socket BFD control packets arrive on: UDP 3784 (single-hop, RFC 5881 §4) or 4784 (multihop,
 * RFC 5883 §3) on every address of one family, registered with the BFD event loop. Each datagram
 * goes to the sink with its TTL, destination and interface; the sink runs on the loop.
 */
public final class ListeningSocket implements AutoCloseable {
    public static final int SINGLE_HOP_PORT = 3784;
    public static final int MULTIHOP_PORT = 4784;
    /** Datagrams read per wake-up before the loop turns to its timers. */
    private static final int BATCH = 64;

    private final BfdSocket socket;
    private final boolean multihop;
    private final BfdEventLoop loop;
    private final Consumer<ReceivedDatagram> sink;
    private final BfdSocket.ReceiveBuffers buffers = new BfdSocket.ReceiveBuffers();
    private volatile IoRegistration registration;
    private long oversized;

    private ListeningSocket(BfdSocket socket, boolean multihop, BfdEventLoop loop, Consumer<ReceivedDatagram> sink) {
        this.socket = socket;
        this.multihop = multihop;
        this.loop = loop;
        this.sink = sink;
    }

    /**
     * Opens and binds the socket on the calling thread (hence in its network namespace), then
     * registers it with {@code loop}.
     */
    public static ListeningSocket open(boolean ipv6, boolean multihop, BfdEventLoop loop, Consumer<ReceivedDatagram> sink) {
        String purpose = (multihop ? "multihop" : "single-hop") + (ipv6 ? " IPv6" : " IPv4") + " BFD listening";
        BfdSocket s = BfdSocket.open(ipv6, purpose);
        try {
            s.receiveAncillaryData();
            s.setInt(LibC.SOL_SOCKET, LibC.SO_RCVBUF, 1 << 20, "SO_RCVBUF");
            int port = multihop ? MULTIHOP_PORT : SINGLE_HOP_PORT;
            int errno = s.bind(null, port, 0);
            if (errno != 0) {
                throw new BfdTransportException("bind " + (ipv6 ? "[::]" : "0.0.0.0") + ":" + port + " for the " + purpose + " socket"
                        + (errno == LibC.EADDRINUSE ? " (another BFD daemon runs in this namespace?)" : ""), errno);
            }
            ListeningSocket l = new ListeningSocket(s, multihop, loop, sink);
            l.register();
            return l;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void register() {
        FileDescriptor fd = new FileDescriptor(socket.fd());
        EpollIoHandle handle = new EpollIoHandle() {
            @Override
            public FileDescriptor fd() {
                return fd;
            }

            @Override
            public void handle(IoRegistration reg, IoEvent event) {
                drain();
            }

            @Override
            public void close() {
                // The socket is closed by ListeningSocket.close().
            }
        };
        IoRegistration reg = loop.loop().register(handle).syncUninterruptibly().getNow();
        registration = reg;
        loop.call(() -> reg.submit(EpollIoOps.EPOLLIN));
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            int n = socket.receive(buffers);
            if (n < 0) {
                return;
            }
            if (buffers.truncated) {
                oversized++;
                continue;
            }
            sink.accept(new ReceivedDatagram(multihop, buffers.source, buffers.sourcePort, buffers.destination,
                    buffers.ifindex, buffers.ttl, buffers.payload));
        }
    }

    public boolean multihop() {
        return multihop;
    }

    public boolean ipv6() {
        return socket.ipv6();
    }

    /** Datagrams longer than any control packet could be, dropped unread. */
    public long oversized() {
        return oversized;
    }

    @Override
    public void close() {
        IoRegistration reg = registration;
        if (reg != null && !loop.loop().isShuttingDown()) {
            try {
                loop.call(reg::cancel);
            } catch (IllegalStateException ignored) {
                // the loop is gone; its registrations with it
            }
        }
        socket.close();
    }
}
