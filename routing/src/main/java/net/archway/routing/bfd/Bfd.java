package net.archway.routing.bfd;

import net.archway.routing.SocketScope;
import java.io.IOException;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import net.archway.routing.bfd.packet.ControlPacket;
import net.archway.routing.bfd.packet.DropReason;
import net.archway.routing.bfd.transport.BfdEventLoop;
import net.archway.routing.bfd.transport.ListeningSocket;
import net.archway.routing.bfd.transport.SendPath;
import net.archway.routing.bfd.transport.ThreadCpus;

/**
 * A BFD instance: sessions in asynchronous mode (RFC 5880) over UDP, single-hop (RFC 5881) and
 * multihop (RFC 5883), IPv4 and IPv6, on an epoll event loop of its own. Sockets are opened
 * inside the {@link SocketScope} given at start, on the thread that adds a session. Thread-safe:
 * configuration calls wait for the loop; listeners are called on it. While any session exists, the
 * loop's thread has a CPU to itself against the threads given to {@link #keepOffItsCpu}
 * ({@link BfdCpuReservation}).
 *
 * <pre>{@code
 * try (Bfd bfd = Bfd.start(SocketScope.CURRENT)) {
 *     BfdClient c = bfd.add(BfdSessionSettings.singleHop(peer, local, "eth1")
 *             .withTiming(Duration.ofMillis(300), 3), listener);
 *     ...
 *     bfd.sessions();   // for show bfd session
 *     c.close();
 * }
 * }</pre>
 */
public final class Bfd implements AutoCloseable {
    private final SocketScope scope;
    private final BfdEventLoop loop;
    private final SessionTable table;
    private final Object config = new Object();
    /** Listening sockets by (IPv6, multihop), opened on first use; guarded by {@link #config}. */
    private final Map<List<Boolean>, ListeningSocket> listeners = new HashMap<>();
    private final Map<BfdSessionKey, SendPath> paths = new HashMap<>();
    /** BFD's CPU while sessions exist; null where thread affinity cannot be read (not Linux). */
    private final BfdCpuReservation cpu;
    private boolean closed;

    private Bfd(SocketScope scope, String name) {
        this.scope = Objects.requireNonNull(scope);
        this.loop = new BfdEventLoop(name);
        this.table = loop.call(() -> new SessionTable(loop, new SplittableRandom()));
        this.cpu = reservation(loop);
    }

    private static BfdCpuReservation reservation(BfdEventLoop loop) {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return null;
        }
        try {
            int thread = loop.call(ThreadCpus::currentThreadId);
            return new BfdCpuReservation(ThreadCpus.linux(), thread, loop.threadName());
        } catch (IOException | RuntimeException | LinkageError e) {
            System.getLogger(Bfd.class.getName()).log(System.Logger.Level.WARNING,
                    "BFD's thread cannot be given a CPU of its own: " + e.getMessage());
            return null;
        }
    }

    /**
     * Keeps thread {@code threadId} (a thread id as the kernel knows it, such as the FIB writer's)
     * off the CPU BFD's thread has while any session exists: see {@link BfdCpuReservation}.
     */
    public void keepOffItsCpu(int threadId, String name) {
        if (cpu != null) {
            cpu.keepOff(threadId, name);
        }
    }

    /** The name of the event loop's thread. */
    String threadName() {
        return loop.threadName();
    }

    /** The CPU BFD's thread has to itself now, if any. */
    public OptionalInt reservedCpu() {
        return cpu == null ? OptionalInt.empty() : cpu.reservedCpu();
    }

    /** After every change of the sessions, with {@link #config} held. */
    private void sessionsChanged() {
        if (cpu != null) {
            cpu.sessions(closed ? 0 : paths.size());
        }
    }

    /** Starts an instance whose sockets live where {@code scope} puts them. */
    public static Bfd start(SocketScope scope) {
        return new Bfd(scope, "bfd");
    }

    /** As {@link #start(SocketScope)}, naming the event loop's thread {@code name-N}. */
    public static Bfd start(SocketScope scope, String name) {
        return new Bfd(scope, name);
    }

    /**
     * Adds a client to the session its settings name, creating the session (and its sockets)
     * when it is the first. Throws {@link net.archway.routing.bfd.transport.BfdTransportException}
     * when a socket cannot be opened (no such interface, address not local, port taken).
     */
    public BfdClient add(BfdSessionSettings settings, BfdListener listener) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        ClientHandle h = new ClientHandle(new SessionTable.Client(settings, listener));
        synchronized (config) {
            try {
                attach(h.client, settings);
            } finally {
                sessionsChanged();
            }
        }
        return h;
    }

    private void attach(SessionTable.Client client, BfdSessionSettings settings) {
        if (closed) {
            throw new IllegalStateException("this BFD instance is closed");
        }
        BfdSessionKey key = settings.key();
        boolean ipv6 = key.peer() instanceof Inet6Address;
        listeners.computeIfAbsent(List.of(ipv6, key.multihop()),
                k -> scope.call(() -> ListeningSocket.open(ipv6, key.multihop(), loop, table::receive)));
        SendPath path = paths.get(key);
        SendPath opened = null;
        if (path == null) {
            opened = scope.call(() -> SendPath.open(key.peer(), key.localAddress(), key.interfaceName(), key.multihop()));
            path = opened;
        }
        SessionTable.PeerPath peerPath = wrap(path);
        boolean created = loop.call(() -> table.add(client, peerPath));
        if (created) {
            paths.put(key, path);
        } else if (opened != null) {
            opened.close();
        }
    }

    private void detach(SessionTable.Client client) {
        SessionTable.PeerPath gone = loop.call(() -> table.remove(client));
        if (gone != null) {
            BfdSessionKey key = null;
            for (var e : paths.entrySet()) {
                if (wrapped(e.getValue()) == gone) {
                    key = e.getKey();
                }
            }
            if (key != null) {
                SendPath p = paths.remove(key);
                wrappers.remove(p);
                p.close();
            }
        }
    }

    private final Map<SendPath, SessionTable.PeerPath> wrappers = new HashMap<>();

    private SessionTable.PeerPath wrap(SendPath path) {
        return wrappers.computeIfAbsent(path, p -> new SessionTable.PeerPath() {
            @Override
            public boolean send(ControlPacket packet) {
                return p.send(packet);
            }

            @Override
            public int ifindex() {
                return p.ifindex();
            }

            @Override
            public int sourcePort() {
                return p.sourcePort();
            }
        });
    }

    private SessionTable.PeerPath wrapped(SendPath path) {
        return wrappers.get(path);
    }

    /** Every session, for {@code show bfd session}. */
    public List<BfdSessionSnapshot> sessions() {
        return loop.call(table::snapshot);
    }

    public Optional<BfdSessionSnapshot> session(BfdSessionKey key) {
        return Optional.ofNullable(loop.call(() -> table.snapshot(key)));
    }

    /** Packets that matched no session, by reason (malformed ones, unknown discriminators, TTL below 255 on single-hop). */
    public Map<DropReason, Long> unmatchedDrops() {
        return loop.call(table::unmatchedDrops);
    }

    /** Stops every session (without telling peers: they detect it), closes every socket and the loop. */
    @Override
    public void close() {
        synchronized (config) {
            if (closed) {
                return;
            }
            closed = true;
            loop.call(() -> {
                table.closeAll();
                return null;
            });
            sessionsChanged();
            for (ListeningSocket l : new ArrayList<>(listeners.values())) {
                l.close();
            }
            listeners.clear();
            for (SendPath p : paths.values()) {
                p.close();
            }
            paths.clear();
            loop.close();
        }
    }

    private final class ClientHandle implements BfdClient {
        final SessionTable.Client client;

        ClientHandle(SessionTable.Client client) {
            this.client = client;
        }

        @Override
        public BfdSessionSettings settings() {
            synchronized (config) {
                return client.settings;
            }
        }

        @Override
        public void update(BfdSessionSettings settings) {
            Objects.requireNonNull(settings, "settings");
            synchronized (config) {
                if (closed || client.entry == null) {
                    throw new IllegalStateException("this BFD client (" + client.settings.key() + ") is closed");
                }
                if (settings.key().equals(client.settings.key())) {
                    loop.call(() -> {
                        table.update(client, settings);
                        return null;
                    });
                } else {
                    try {
                        detach(client);
                        client.settings = settings;
                        attach(client, settings);
                    } finally {
                        sessionsChanged();
                    }
                }
            }
        }

        @Override
        public void close() {
            synchronized (config) {
                if (!closed && client.entry != null) {
                    detach(client);
                    sessionsChanged();
                }
            }
        }

        @Override
        public String toString() {
            return "BFD client of " + client.settings.key();
        }
    }
}
