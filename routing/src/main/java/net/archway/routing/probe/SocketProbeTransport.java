package net.archway.routing.probe;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import jnr.ffi.byref.IntByReference;
import net.archway.routing.Prefix;
import net.archway.routing.SocketScope;

/**
 * Probes on real sockets, all served by one thread polling them: ICMP echo over raw sockets
 * (IPv4 and IPv6; one socket per source address and interface, replies matched by identifier
 * and sequence) and TCP connection attempts (non-blocking connect; a SYN-ACK or a RST is the
 * reply). Sockets are opened through the {@link SocketScope}, so they live in the namespace the
 * daemon runs routing in. Needs CAP_NET_RAW for ICMP.
 */
public final class SocketProbeTransport implements ProbeTransport {
    private static final System.Logger LOG = System.getLogger(SocketProbeTransport.class.getName());
    private static final int PAYLOAD = 48;

    private final SocketScope scope;
    private final Posix c = Posix.INSTANCE;
    private final int wakeFd;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    // loop-thread state
    private final int identifier = ThreadLocalRandom.current().nextInt(1, 0xffff);
    private int nextSequence;
    private final Map<String, Integer> icmpSockets = new HashMap<>();
    private final Map<Integer, Boolean> icmpIsV6 = new HashMap<>();
    private final Map<Integer, Pending> echoes = new HashMap<>();
    private final Map<Integer, Pending> connects = new HashMap<>();
    private final ByteBuffer rx = ByteBuffer.allocateDirect(2048).order(ByteOrder.BIG_ENDIAN);
    private final ByteBuffer from = ByteBuffer.allocateDirect(28).order(ByteOrder.nativeOrder());

    private record Pending(CompletableFuture<Duration> result, long sentNanos, long deadlineNanos, InetAddress target) {
    }

    public SocketProbeTransport(SocketScope scope) {
        this.scope = Objects.requireNonNull(scope);
        this.wakeFd = c.eventfd(0, Posix.EFD_CLOEXEC | Posix.EFD_NONBLOCK);
        if (wakeFd < 0) {
            throw new IllegalStateException("eventfd failed: " + c.strerror(Posix.errno()));
        }
        this.thread = new Thread(this::loop, "rpm-probes");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public CompletableFuture<Duration> send(ProbeSettings s, int sequence) {
        CompletableFuture<Duration> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new IllegalStateException("the probe transport is closed"));
            return f;
        }
        tasks.add(() -> {
            try {
                if (s.type() == ProbeSettings.Type.ICMP_PING) {
                    sendEcho(s, f);
                } else {
                    startConnect(s, f);
                }
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        wake();
        return f;
    }

    private void wake() {
        ByteBuffer one = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        one.putLong(0, 1);
        c.write(wakeFd, one, 8);
    }

    // ---------------------------------------------------------------- sockets

    private IllegalStateException failure(String what, ProbeSettings s) {
        int errno = Posix.errno();
        return new IllegalStateException(what + " for " + s.id() + " failed: " + c.strerror(errno));
    }

    private int open(ProbeSettings s, int type, int protocol) {
        boolean v6 = !(s.target() instanceof Inet4Address);
        int fd = scope.call(() -> c.socket(v6 ? Posix.AF_INET6 : Posix.AF_INET,
                type | Posix.SOCK_NONBLOCK | Posix.SOCK_CLOEXEC, protocol));
        if (fd < 0) {
            throw failure("socket", s);
        }
        try {
            if (s.sourceInterface() != null) {
                byte[] name = (s.sourceInterface() + "\0").getBytes(StandardCharsets.US_ASCII);
                ByteBuffer b = ByteBuffer.allocateDirect(name.length).put(name);
                b.flip();
                if (c.setsockopt(fd, Posix.SOL_SOCKET, Posix.SO_BINDTODEVICE, b, name.length) < 0) {
                    throw new IllegalStateException("interface " + s.sourceInterface() + " for " + s.id() + ": "
                            + c.strerror(Posix.errno()));
                }
            }
            if (s.source() != null) {
                ByteBuffer addr = sockaddr(s.source(), 0);
                if (c.bind(fd, addr, addr.capacity()) < 0) {
                    throw new IllegalStateException("source address " + Prefix.format(s.source()) + " for " + s.id()
                            + ": " + c.strerror(Posix.errno()));
                }
            }
            return fd;
        } catch (RuntimeException e) {
            c.close(fd);
            throw e;
        }
    }

    private static ByteBuffer sockaddr(InetAddress a, int port) {
        byte[] raw = a.getAddress();
        ByteBuffer b = ByteBuffer.allocateDirect(raw.length == 4 ? 16 : 28).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) (raw.length == 4 ? Posix.AF_INET : Posix.AF_INET6));
        b.put(2, (byte) (port >>> 8)).put(3, (byte) port);
        b.put(raw.length == 4 ? 4 : 8, raw);
        return b;
    }

    // ---------------------------------------------------------------- ICMP echo

    private void sendEcho(ProbeSettings s, CompletableFuture<Duration> f) {
        boolean v6 = !(s.target() instanceof Inet4Address);
        String key = (v6 ? "6" : "4") + "/" + (s.source() == null ? "" : Prefix.format(s.source())) + "/"
                + (s.sourceInterface() == null ? "" : s.sourceInterface());
        Integer fd = icmpSockets.get(key);
        if (fd == null) {
            fd = open(s, Posix.SOCK_RAW, v6 ? Posix.IPPROTO_ICMPV6 : Posix.IPPROTO_ICMP);
            icmpSockets.put(key, fd);
            icmpIsV6.put(fd, v6);
        }
        int seq = nextSequence = (nextSequence + 1) & 0xffff;
        ByteBuffer p = ByteBuffer.allocateDirect(8 + PAYLOAD).order(ByteOrder.BIG_ENDIAN);
        p.put((byte) (v6 ? 128 : 8)).put((byte) 0).putShort((short) 0).putShort((short) identifier).putShort((short) seq);
        p.putLong(System.nanoTime());
        while (p.hasRemaining()) {
            p.put((byte) 0x61);
        }
        if (!v6) {
            p.putShort(2, checksum(p, 8 + PAYLOAD)); // the kernel computes ICMPv6 checksums itself
        }
        p.flip();
        ByteBuffer to = sockaddr(s.target(), 0);
        long now = System.nanoTime();
        if (c.sendto(fd, p, 8 + PAYLOAD, 0, to, to.capacity()) < 0) {
            throw failure("sending an echo request to " + Prefix.format(s.target()), s);
        }
        Pending old = echoes.put(seq, new Pending(f, now, now + s.timeout().toNanos(), s.target()));
        if (old != null) {
            old.result().complete(null);
        }
    }

    static short checksum(ByteBuffer b, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((b.get(i) & 0xff) << 8) | (b.get(i + 1) & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (b.get(length - 1) & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    private void readEchoes(int fd) {
        boolean v6 = icmpIsV6.get(fd);
        while (true) {
            rx.clear();
            from.clear();
            IntByReference fromLen = new IntByReference(from.capacity());
            long n = c.recvfrom(fd, rx, rx.capacity(), Posix.MSG_DONTWAIT, from, fromLen);
            if (n <= 0) {
                return;
            }
            long now = System.nanoTime();
            int off = v6 ? 0 : (rx.get(0) & 0x0f) * 4; // IPv4 raw sockets deliver the IP header
            if (n < off + 8) {
                continue;
            }
            int type = rx.get(off) & 0xff;
            int id = rx.getShort(off + 4) & 0xffff;
            int seq = rx.getShort(off + 6) & 0xffff;
            if (type != (v6 ? 129 : 0) || id != identifier) {
                continue; // someone else's ping, or not a reply
            }
            Pending p = echoes.get(seq);
            if (p != null && p.target().equals(sender(v6))) {
                echoes.remove(seq);
                p.result().complete(Duration.ofNanos(now - p.sentNanos()));
            }
        }
    }

    private InetAddress sender(boolean v6) {
        byte[] raw = new byte[v6 ? 16 : 4];
        from.get(v6 ? 8 : 4, raw);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- TCP connect

    private void startConnect(ProbeSettings s, CompletableFuture<Duration> f) {
        int fd = open(s, Posix.SOCK_STREAM, Posix.IPPROTO_TCP);
        ByteBuffer to = sockaddr(s.target(), s.port());
        long now = System.nanoTime();
        int r = c.connect(fd, to, to.capacity());
        if (r == 0) {
            c.close(fd);
            f.complete(Duration.ofNanos(System.nanoTime() - now));
            return;
        }
        int errno = Posix.errno();
        if (errno == Posix.ECONNREFUSED) {
            c.close(fd);
            f.complete(Duration.ofNanos(System.nanoTime() - now));
            return;
        }
        if (errno != Posix.EINPROGRESS) {
            c.close(fd);
            throw new IllegalStateException("connecting to " + Prefix.format(s.target()) + " port " + s.port() + " for "
                    + s.id() + ": " + c.strerror(errno));
        }
        connects.put(fd, new Pending(f, now, now + s.timeout().toNanos(), s.target()));
    }

    private void finishConnect(int fd) {
        Pending p = connects.remove(fd);
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        IntByReference len = new IntByReference(4);
        int error = c.getsockopt(fd, Posix.SOL_SOCKET, Posix.SO_ERROR, v, len) < 0 ? Posix.errno() : v.getInt(0);
        c.close(fd);
        long rtt = System.nanoTime() - p.sentNanos();
        if (error == 0 || error == Posix.ECONNREFUSED) {
            p.result().complete(Duration.ofNanos(rtt)); // a SYN-ACK or a RST: the path works
        } else {
            p.result().completeExceptionally(new IllegalStateException("connecting to "
                    + Prefix.format(p.target()) + ": " + c.strerror(error)));
        }
    }

    // ---------------------------------------------------------------- the loop

    private void loop() {
        ByteBuffer counter = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        while (running) {
            try {
                Runnable t;
                while ((t = tasks.poll()) != null) {
                    t.run();
                }
                long now = System.nanoTime();
                expire(echoes.values().iterator(), now);
                expireConnects(now);
                List<Integer> fds = new ArrayList<>();
                List<Short> events = new ArrayList<>();
                fds.add(wakeFd);
                events.add(Posix.POLLIN);
                for (int fd : icmpIsV6.keySet()) {
                    fds.add(fd);
                    events.add(Posix.POLLIN);
                }
                for (int fd : connects.keySet()) {
                    fds.add(fd);
                    events.add(Posix.POLLOUT);
                }
                ByteBuffer pfd = ByteBuffer.allocateDirect(8 * fds.size()).order(ByteOrder.nativeOrder());
                for (int i = 0; i < fds.size(); i++) {
                    pfd.putInt(8 * i, fds.get(i)).putShort(8 * i + 4, events.get(i)).putShort(8 * i + 6, (short) 0);
                }
                long next = Long.MAX_VALUE;
                for (Pending p : echoes.values()) {
                    next = Math.min(next, p.deadlineNanos());
                }
                for (Pending p : connects.values()) {
                    next = Math.min(next, p.deadlineNanos());
                }
                int timeout = next == Long.MAX_VALUE ? 1000 : (int) Math.max(0, Math.min(1000, (next - now) / 1_000_000 + 1));
                if (c.poll(pfd, fds.size(), timeout) < 0) {
                    continue; // EINTR
                }
                for (int i = 0; i < fds.size(); i++) {
                    short revents = pfd.getShort(8 * i + 6);
                    if (revents == 0) {
                        continue;
                    }
                    int fd = fds.get(i);
                    if (fd == wakeFd) {
                        c.read(wakeFd, counter, 8);
                    } else if (icmpIsV6.containsKey(fd)) {
                        readEchoes(fd);
                    } else if (connects.containsKey(fd)) {
                        finishConnect(fd);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "probe loop error; going on", e);
            }
        }
    }

    private static void expire(Iterator<Pending> it, long now) {
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.deadlineNanos() <= now) {
                it.remove();
                p.result().complete(null);
            }
        }
    }

    private void expireConnects(long now) {
        Iterator<Map.Entry<Integer, Pending>> it = connects.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, Pending> e = it.next();
            if (e.getValue().deadlineNanos() <= now) {
                it.remove();
                c.close(e.getKey());
                e.getValue().result().complete(null);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int fd : icmpIsV6.keySet()) {
            c.close(fd);
        }
        for (Map.Entry<Integer, Pending> e : connects.entrySet()) {
            c.close(e.getKey());
            e.getValue().result().complete(null);
        }
        echoes.values().forEach(p -> p.result().complete(null));
        c.close(wakeFd);
    }
}
