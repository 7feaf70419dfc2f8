package net.archway.appliance.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import net.archway.netlink.socket.NetworkNamespace;

/**
 * A wire with a delay, for tests on a kernel without netem: frames arriving on one interface of
 * a namespace leave by the other after {@link #setDelayMillis} milliseconds, both ways, through
 * AF_PACKET sockets. Everything passes (ARP included); nothing is reordered.
 */
public final class DelayLine implements AutoCloseable {
    /** The libc calls for AF_PACKET sockets. */
    public interface Packet {
        int AF_PACKET = 17;
        int SOCK_RAW = 3;
        int ETH_P_ALL_BE = 0x0300; // htons(ETH_P_ALL)
        int PACKET_OUTGOING = 4;
        int SOL_SOCKET = 1;
        int SO_RCVTIMEO = 20;

        @SaveError
        int socket(int domain, int type, int protocol);

        @SaveError
        int bind(int fd, @In ByteBuffer addr, int len);

        @SaveError
        int setsockopt(int fd, int level, int name, @In ByteBuffer value, int len);

        @SaveError
        @ssize_t long recvfrom(int fd, @Out ByteBuffer buf, @size_t long len, int flags, @Out ByteBuffer addr,
                               IntByReference addrLen);

        @SaveError
        @ssize_t long send(int fd, @In ByteBuffer buf, @size_t long len, int flags);

        int close(int fd);

        int if_nametoindex(String name);
    }

    private static final Packet C = LibraryLoader.create(Packet.class).load("c");
    private static final Runtime RT = Runtime.getRuntime(C);

    private final int fdA;
    private final int fdB;
    private final ScheduledExecutorService out = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "delay-line"));
    private final Thread ab;
    private final Thread ba;
    private volatile long delayMillis;
    private volatile boolean running = true;

    public DelayLine(String namespace, String interfaceA, String interfaceB, long delayMillis) {
        this.delayMillis = delayMillis;
        this.fdA = NetworkNamespace.callIn(namespace, () -> open(interfaceA));
        this.fdB = NetworkNamespace.callIn(namespace, () -> open(interfaceB));
        ab = new Thread(() -> pump(fdA, fdB), "delay-" + interfaceA);
        ba = new Thread(() -> pump(fdB, fdA), "delay-" + interfaceB);
        ab.setDaemon(true);
        ba.setDaemon(true);
        ab.start();
        ba.start();
    }

    private static int open(String name) {
        int index = C.if_nametoindex(name);
        if (index == 0) {
            throw new IllegalStateException("no interface " + name);
        }
        int fd = C.socket(Packet.AF_PACKET, Packet.SOCK_RAW, Packet.ETH_P_ALL_BE);
        if (fd < 0) {
            throw new IllegalStateException("AF_PACKET socket: errno " + RT.getLastError());
        }
        ByteBuffer sll = ByteBuffer.allocateDirect(20).order(ByteOrder.nativeOrder());
        sll.putShort(0, (short) Packet.AF_PACKET);
        sll.put(2, (byte) 0x00).put(3, (byte) 0x03); // sll_protocol = htons(ETH_P_ALL)
        sll.putInt(4, index);
        if (C.bind(fd, sll, 20) < 0) {
            throw new IllegalStateException("bind to " + name + ": errno " + RT.getLastError());
        }
        ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        tv.putLong(0, 0).putLong(8, 200_000); // 200 ms receive timeout, to notice close()
        C.setsockopt(fd, Packet.SOL_SOCKET, Packet.SO_RCVTIMEO, tv, 16);
        return fd;
    }

    private void pump(int from, int to) {
        ByteBuffer addr = ByteBuffer.allocateDirect(20).order(ByteOrder.nativeOrder());
        while (running) {
            ByteBuffer frame = ByteBuffer.allocateDirect(65536);
            IntByReference len = new IntByReference(20);
            long n = C.recvfrom(from, frame, 65536, 0, addr, len);
            if (n <= 0) {
                continue;
            }
            if ((addr.get(10) & 0xff) == Packet.PACKET_OUTGOING) {
                continue; // a frame we sent ourselves
            }
            frame.limit((int) n);
            out.schedule(() -> {
                if (running) {
                    C.send(to, frame, frame.limit(), 0);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        }
    }


    public void setDelayMillis(long millis) {
        this.delayMillis = millis;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        ab.join(2000);
        ba.join(2000);
        out.shutdownNow();
        C.close(fdA);
        C.close(fdB);
    }
}
