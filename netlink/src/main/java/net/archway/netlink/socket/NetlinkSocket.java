package net.archway.netlink.socket;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.ffi.byref.IntByReference;
import net.archway.netlink.Errno;
import net.archway.netlink.NetlinkIoException;
import net.archway.netlink.NetlinkProtocol;

/**
 * One AF_NETLINK socket: open (optionally inside a named network namespace), bind, options,
 * send, receive with a timeout, and a wake-up so that a thread blocked in {@link #await} can be
 * released by {@link #close} from another thread. Not thread-safe beyond that wake-up.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int SOCKADDR_NL_SIZE = 12;

    private final NetlinkProtocol protocol;
    private final String namespace;
    private final int fd;
    private final int wakeFd;
    private final int portId;
    private final ByteBuffer pollFds = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    private final ByteBuffer eventCounter = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    private volatile boolean closed;

    private NetlinkSocket(NetlinkProtocol protocol, String namespace, int fd, int wakeFd, int portId) {
        this.protocol = protocol;
        this.namespace = namespace;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.portId = portId;
    }

    /** Opens and binds a socket in the caller's network namespace. */
    public static NetlinkSocket open(NetlinkProtocol protocol) {
        return open(protocol, null);
    }

    /** Opens and binds a socket inside the named network namespace (null: the caller's own). */
    public static NetlinkSocket open(NetlinkProtocol protocol, String namespace) {
        LibC c = LibC.INSTANCE;
        int fd = NetworkNamespace.callIn(namespace,
                () -> c.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol.number()));
        if (fd < 0) {
            throw new NetlinkIoException("socket", Errno.valueOf(LibC.errno()),
                    "AF_NETLINK " + protocol + where(namespace));
        }
        int wakeFd = -1;
        try {
            ByteBuffer addr = ByteBuffer.allocateDirect(SOCKADDR_NL_SIZE).order(ByteOrder.nativeOrder());
            addr.putShort(0, (short) LibC.AF_NETLINK); // nl_pid 0: the kernel assigns a port id
            if (c.bind(fd, addr, SOCKADDR_NL_SIZE) < 0) {
                throw new NetlinkIoException("bind", Errno.valueOf(LibC.errno()), protocol + where(namespace));
            }
            IntByReference len = new IntByReference(SOCKADDR_NL_SIZE);
            if (c.getsockname(fd, addr, len) < 0) {
                throw new NetlinkIoException("getsockname", Errno.valueOf(LibC.errno()), protocol.toString());
            }
            int portId = addr.getInt(4);
            wakeFd = c.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
            if (wakeFd < 0) {
                throw new NetlinkIoException("eventfd", Errno.valueOf(LibC.errno()), "");
            }
            return new NetlinkSocket(protocol, namespace, fd, wakeFd, portId);
        } catch (RuntimeException e) {
            c.close(fd);
            if (wakeFd >= 0) {
                c.close(wakeFd);
            }
            throw e;
        }
    }

    private static String where(String namespace) {
        return namespace == null ? "" : " in network namespace " + namespace;
    }

    public NetlinkProtocol protocol() {
        return protocol;
    }

    /** The namespace name this socket was opened in, or null for the JVM's own. */
    public String namespace() {
        return namespace;
    }

    /** The port id (nl_pid) the kernel assigned on bind. */
    public int portId() {
        return portId;
    }

    public void setOption(int level, int name, int value) {
        if (LibC.INSTANCE.setsockopt(fd, level, name, new IntByReference(value), 4) < 0) {
            throw new NetlinkIoException("setsockopt", Errno.valueOf(LibC.errno()),
                    "level " + level + " option " + name);
        }
    }

    /** Like {@link #setOption} but reports failure instead of throwing (for optional features). */
    public boolean trySetOption(int level, int name, int value) {
        return LibC.INSTANCE.setsockopt(fd, level, name, new IntByReference(value), 4) == 0;
    }

    public int getOption(int level, int name) {
        IntByReference value = new IntByReference();
        IntByReference len = new IntByReference(4);
        if (LibC.INSTANCE.getsockopt(fd, level, name, value, len) < 0) {
            throw new NetlinkIoException("getsockopt", Errno.valueOf(LibC.errno()), "level " + level + " option " + name);
        }
        return value.intValue();
    }

    /** Sets the receive buffer, beyond rmem_max when the process may (CAP_NET_ADMIN). */
    public void setReceiveBufferSize(int bytes) {
        if (!trySetOption(LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, bytes)) {
            setOption(LibC.SOL_SOCKET, LibC.SO_RCVBUF, bytes);
        }
    }

    public void setSendBufferSize(int bytes) {
        if (!trySetOption(LibC.SOL_SOCKET, LibC.SO_SNDBUFFORCE, bytes)) {
            setOption(LibC.SOL_SOCKET, LibC.SO_SNDBUF, bytes);
        }
    }

    public int receiveBufferSize() {
        return getOption(LibC.SOL_SOCKET, LibC.SO_RCVBUF);
    }

    public void joinGroup(int group) {
        setOption(LibC.SOL_NETLINK, LibC.NETLINK_ADD_MEMBERSHIP, group);
    }

    public void leaveGroup(int group) {
        setOption(LibC.SOL_NETLINK, LibC.NETLINK_DROP_MEMBERSHIP, group);
    }

    /** Sends the bytes between the buffer's position and limit as one datagram to the kernel. */
    public void send(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("netlink send needs a direct buffer");
        }
        int length = direct.remaining();
        while (true) {
            long n = LibC.INSTANCE.send(fd, direct, length, 0);
            if (n >= 0) {
                if (n != length) {
                    throw new NetlinkIoException("send", Errno.EMSGSIZE, "sent " + n + " of " + length + " bytes");
                }
                direct.position(direct.limit());
                return;
            }
            Errno errno = Errno.valueOf(LibC.errno());
            if (!errno.equals(Errno.EINTR)) {
                throw new NetlinkIoException("send", errno, length + " bytes on " + protocol + " socket");
            }
        }
    }

    /**
     * Receives one datagram into {@code direct} (from position 0) without blocking; returns its
     * length, or 0 when nothing is queued. The buffer's limit is set to the datagram's end.
     */
    public int receiveNow(ByteBuffer direct) {
        direct.clear();
        while (true) {
            long n = LibC.INSTANCE.recv(fd, direct, direct.capacity(), LibC.MSG_DONTWAIT | LibC.MSG_TRUNC);
            if (n >= 0) {
                if (n > direct.capacity()) {
                    throw new NetlinkIoException("recv", Errno.EMSGSIZE,
                            "datagram of " + n + " bytes exceeds the " + direct.capacity() + "-byte buffer");
                }
                direct.limit((int) n);
                return (int) n;
            }
            Errno errno = Errno.valueOf(LibC.errno());
            if (errno.equals(Errno.EAGAIN)) {
                direct.limit(0);
                return 0;
            }
            if (!errno.equals(Errno.EINTR)) {
                throw new NetlinkIoException("recv", errno, protocol + " socket");
            }
        }
    }

    /**
     * Waits until a datagram is queued, the timeout passes or {@link #wakeUp()} is called.
     * Returns true when data is ready.
     */
    public boolean await(int timeoutMillis) {
        pollFds.clear();
        pollFds.putInt(0, fd).putShort(4, LibC.POLLIN).putShort(6, (short) 0);
        pollFds.putInt(8, wakeFd).putShort(12, LibC.POLLIN).putShort(14, (short) 0);
        while (true) {
            int n = LibC.INSTANCE.poll(pollFds, 2, timeoutMillis);
            if (n >= 0) {
                if ((pollFds.getShort(14) & LibC.POLLIN) != 0) {
                    eventCounter.clear();
                    LibC.INSTANCE.read(wakeFd, eventCounter, 8);
                }
                return (pollFds.getShort(6) & LibC.POLLIN) != 0;
            }
            Errno errno = Errno.valueOf(LibC.errno());
            if (!errno.equals(Errno.EINTR)) {
                throw new NetlinkIoException("poll", errno, protocol + " socket");
            }
        }
    }

    /** Releases a thread blocked in {@link #await}. */
    public void wakeUp() {
        ByteBuffer one = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        one.putLong(0, 1L);
        LibC.INSTANCE.write(wakeFd, one, 8);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LibC.INSTANCE.close(fd);
        LibC.INSTANCE.close(wakeFd);
    }
}
