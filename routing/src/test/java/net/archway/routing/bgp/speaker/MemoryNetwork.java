package net.archway.routing.bgp.speaker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import net.archway.routing.bgp.session.BgpConnection;
import net.archway.routing.bgp.session.PeerSettings;
import net.archway.routing.bgp.session.SessionTransport;

/**
 * TCP without sockets for speaker tests: each router's {@link SessionTransport} connects to the
 * router registered at the peer address, which must have registered the caller as its peer.
 * Bytes cross on one "wire" thread, in order per connection. {@link #cut} breaks every
 * connection between two routers, as a failed link would once TCP notices.
 */
final class MemoryNetwork implements AutoCloseable {
    private final Map<InetAddress, Endpoint> routers = new ConcurrentHashMap<>();
    private final List<Pipe> pipes = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger ports = new java.util.concurrent.atomic.AtomicInteger(40_000);
    private final ExecutorService wire = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "memory-wire");
        t.setDaemon(true);
        return t;
    });

    SessionTransport endpoint(InetAddress self) {
        Endpoint e = new Endpoint(self);
        routers.put(self, e);
        return e;
    }

    private final Set<List<InetAddress>> partitions = ConcurrentHashMap.newKeySet();

    /** Cuts {@code a} from {@code b} and refuses their connections until {@link #heal}. */
    void partition(InetAddress a, InetAddress b) {
        partitions.add(List.of(a, b));
        partitions.add(List.of(b, a));
        cut(a, b);
    }

    void heal(InetAddress a, InetAddress b) {
        partitions.remove(List.of(a, b));
        partitions.remove(List.of(b, a));
    }

    /** Closes every connection between {@code a} and {@code b}; both ends hear it. */
    void cut(InetAddress a, InetAddress b) {
        List<Pipe> hit = new ArrayList<>();
        synchronized (pipes) {
            for (Pipe p : pipes) {
                if ((p.a.local.equals(a) && p.a.remote.equals(b)) || (p.a.local.equals(b) && p.a.remote.equals(a))) {
                    hit.add(p);
                }
            }
            pipes.removeAll(hit);
        }
        for (Pipe p : hit) {
            p.a.lost("connection reset (link cut)");
            p.b.lost("connection reset (link cut)");
        }
    }

    @Override
    public void close() {
        wire.shutdownNow();
        try {
            wire.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Endpoint implements SessionTransport {
        final InetAddress self;
        final Map<InetAddress, Consumer<BgpConnection>> acceptors = new ConcurrentHashMap<>();

        Endpoint(InetAddress self) {
            this.self = self;
        }

        @Override
        public void register(PeerSettings settings, Consumer<BgpConnection> acceptor) {
            acceptors.put(settings.peerAddress(), acceptor);
        }

        @Override
        public void unregister(PeerSettings settings) {
            acceptors.remove(settings.peerAddress());
        }

        @Override
        public ConnectAttempt connect(PeerSettings settings, ConnectCallback callback) {
            boolean[] cancelled = new boolean[1];
            wire.execute(() -> {
                Endpoint there = routers.get(settings.peerAddress());
                Consumer<BgpConnection> acceptor = there == null ? null : there.acceptors.get(self);
                if (cancelled[0]) {
                    return;
                }
                if (acceptor == null || partitions.contains(List.of(self, settings.peerAddress()))) {
                    callback.failed("connection refused", false);
                    return;
                }
                Pipe p = new Pipe(self, settings.peerAddress());
                synchronized (pipes) {
                    pipes.add(p);
                }
                acceptor.accept(p.b);
                callback.connected(p.a);
            });
            return () -> cancelled[0] = true;
        }
    }

    /** Two ends of one connection. */
    private final class Pipe {
        final End a;
        final End b;

        Pipe(InetAddress from, InetAddress to) {
            a = new End(from, ports.incrementAndGet(), to, 179);
            b = new End(to, 179, from, a.localPort);
            a.other = b;
            b.other = a;
        }
    }

    private final class End implements BgpConnection {
        final InetAddress local;
        final int localPort;
        final InetAddress remote;
        final int remotePort;
        End other;
        private Handler handler;
        private final List<byte[]> early = new ArrayList<>();
        private volatile boolean closed;

        End(InetAddress local, int localPort, InetAddress remote, int remotePort) {
            this.local = local;
            this.localPort = localPort;
            this.remote = remote;
            this.remotePort = remotePort;
        }

        @Override
        public void start(Handler h) {
            List<byte[]> queued;
            synchronized (this) {
                handler = h;
                queued = new ArrayList<>(early);
                early.clear();
            }
            wire.execute(() -> queued.forEach(h::received));
        }

        private void deliver(byte[] m) {
            Handler h;
            synchronized (this) {
                if (closed) {
                    return;
                }
                h = handler;
                if (h == null) {
                    early.add(m);
                    return;
                }
            }
            h.received(m);
        }

        void lost(String reason) {
            Handler h;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                h = handler;
            }
            if (h != null) {
                wire.execute(() -> h.closed(reason));
            }
        }

        @Override
        public void send(byte[] message, int offset, int length) {
            if (closed) {
                return;
            }
            byte[] copy = java.util.Arrays.copyOfRange(message, offset, offset + length);
            End o = other;
            wire.execute(() -> o.deliver(copy));
        }

        @Override
        public void flush() {
        }

        @Override
        public void sendAndClose(byte[] message) {
            send(message);
            close();
        }

        @Override
        public void close() {
            closed = true;
            End o = other;
            wire.execute(() -> o.lost("connection closed by the peer"));
        }

        @Override
        public void setReading(boolean reading) {
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(local, localPort);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress(remote, remotePort);
        }
    }
}
