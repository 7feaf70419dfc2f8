package net.archway.routing.bfd;

import net.archway.routing.SocketScope;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import net.archway.netlink.socket.NetworkNamespace;
import net.archway.netlink.testing.TestNamespace;
import net.archway.routing.Prefix;
import net.archway.routing.bfd.packet.Diagnostic;

/**
 * Two throwaway namespaces joined by a veth pair: Archway's BFD sockets in {@code archway}
 * (arch0: 10.90.0.1/24, fd00:90::1/64), a peer in {@code peer} (peer0: 10.90.0.2/24,
 * fd00:90::2/64). Can make the link drop everything silently (nftables in the peer namespace).
 * {@link #close()} stops what it started and deletes both namespaces.
 */
final class BfdTestbed implements AutoCloseable {
    static final InetAddress ARCHWAY4 = Prefix.parseAddress("10.90.0.1", "");
    static final InetAddress PEER4 = Prefix.parseAddress("10.90.0.2", "");
    static final InetAddress ARCHWAY6 = Prefix.parseAddress("fd00:90::1", "");
    static final InetAddress PEER6 = Prefix.parseAddress("fd00:90::2", "");

    final TestNamespace archway;
    final TestNamespace peer;
    final SocketScope archwayScope;
    final SocketScope peerScope;
    final Path dir;
    private final List<AutoCloseable> started = new ArrayList<>();

    BfdTestbed(String purpose) {
        requirePrograms("ip", "nft");
        TestNamespace a = TestNamespace.create(purpose + "a");
        TestNamespace p = null;
        try {
            p = TestNamespace.create(purpose + "p");
            TestNamespace.run(List.of("ip", "link", "add", "arch0", "netns", a.name(), "type", "veth", "peer", "name", "peer0", "netns", p.name()));
            a.ip("addr", "add", "10.90.0.1/24", "dev", "arch0");
            p.ip("addr", "add", "10.90.0.2/24", "dev", "peer0");
            a.ip("addr", "add", "fd00:90::1/64", "dev", "arch0", "nodad");
            p.ip("addr", "add", "fd00:90::2/64", "dev", "peer0", "nodad");
            a.ip("link", "set", "arch0", "up");
            p.ip("link", "set", "peer0", "up");
            this.dir = Files.createTempDirectory("archway-bfd-");
            dir.toFile().setReadable(true, false);
            dir.toFile().setExecutable(true, false);
        } catch (IOException | RuntimeException | AssertionError e) {
            a.close();
            if (p != null) {
                p.close();
            }
            throw new AssertionError("could not build the BFD test bed: " + e, e);
        }
        this.archway = a;
        this.peer = p;
        String an = a.name();
        String pn = p.name();
        this.archwayScope = new SocketScope() {
            @Override
            public <T> T call(java.util.function.Supplier<T> body) {
                return NetworkNamespace.callIn(an, body);
            }
        };
        this.peerScope = new SocketScope() {
            @Override
            public <T> T call(java.util.function.Supplier<T> body) {
                return NetworkNamespace.callIn(pn, body);
            }
        };
    }

    /** Fails the test (never skips) when a program the test needs is missing. */
    static void requirePrograms(String... programs) {
        TestNamespace.requireRoot();
        for (String p : programs) {
            boolean found = p.startsWith("/") ? Files.isExecutable(Path.of(p))
                    : TestNamespace.runQuietly(List.of("sh", "-c", "command -v " + p)).exit() == 0;
            if (!found) {
                throw new AssertionError(p + " is missing: install the Debian packages in scripts/test-packages (scripts/test does)");
            }
        }
    }

    /** Something to stop at {@link #close()}, last started first. */
    <T extends AutoCloseable> T started(T thing) {
        started.add(thing);
        return thing;
    }

    Bfd startArchway() {
        return started(Bfd.start(archwayScope, "bfd-test"));
    }

    /** The link silently stops forwarding: the peer namespace drops everything in and out of peer0. */
    void cutLink() {
        peer.exec("nft", "add table inet bfdtest { chain in { type filter hook input priority 0; iifname \"peer0\" drop; }; "
                + "chain out { type filter hook output priority 0; oifname \"peer0\" drop; }; }");
    }

    void restoreLink() {
        peer.exec("nft", "delete", "table", "inet", "bfdtest");
    }

    /** Waits for {@code condition}, polling every 10 ms; fails with {@code what} after {@code limit}. Returns the time waited. */
    static Duration await(BooleanSupplier condition, Duration limit, String what) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        List<Throwable> errors = new ArrayList<>();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception | AssertionError e) {
                errors.add(e);
            }
        }
        for (TestNamespace ns : List.of(archway, peer)) {
            try {
                ns.close();
            } catch (RuntimeException | AssertionError e) {
                errors.add(e);
            }
        }
        TestNamespace.runQuietly(List.of("rm", "-rf", dir.toString()));
        if (!errors.isEmpty()) {
            AssertionError e = new AssertionError("cleaning up the BFD test bed failed: " + errors.get(0), errors.get(0));
            errors.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    /** A listener that records what it is told, with the time, for the tests to wait on. */
    static final class Recorder implements BfdListener {
        record Event(boolean up, Diagnostic diagnostic, boolean peerAdminDown, long nanos) {
        }

        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void up(BfdSessionKey session) {
            events.add(new Event(true, Diagnostic.NONE, false, System.nanoTime()));
        }

        @Override
        public void down(BfdSessionKey session, Diagnostic diagnostic, boolean peerAdminDown) {
            events.add(new Event(false, diagnostic, peerAdminDown, System.nanoTime()));
        }

        boolean isUp() {
            return !events.isEmpty() && events.get(events.size() - 1).up();
        }

        Event last() {
            return events.get(events.size() - 1);
        }
    }
}
