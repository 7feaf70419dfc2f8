package net.archway.routing.bfd.transport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

/**
 * One non-blocking UDP socket opened through libc, so that received packets come with their
 * TTL / hop limit, destination address and interface (control messages of recvmsg). The fd is
 * opened on the calling thread, hence in that thread's network namespace, and stays there.
 * Receiving and sending use buffers owned by the caller's single thread.
 */
final class BfdSocket implements AutoCloseable {
    private static final LibC C = LibC.INSTANCE;

    private final int fd;
    private final boolean ipv6;
    private final String purpose;
    private boolean closed;

    private BfdSocket(int fd, boolean ipv6, String purpose) {
        this.fd = fd;
        this.ipv6 = ipv6;
        this.purpose = purpose;
    }

    static BfdSocket open(boolean ipv6, String purpose) {
        int fd = C.socket(ipv6 ? LibC.AF_INET6 : LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new BfdTransportException("socket for " + purpose, LibC.errno());
        }
        BfdSocket s = new BfdSocket(fd, ipv6, purpose);
        try {
            if (ipv6) {
                s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, 1, "IPV6_V6ONLY");
            }
            // RFC 5881 §5, RFC 5883 §5: sent with TTL / hop limit 255; DSCP CS6 as routing protocols.
            if (ipv6) {
                s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_UNICAST_HOPS, 255, "IPV6_UNICAST_HOPS");
                s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_TCLASS, 0xc0, "IPV6_TCLASS");
            } else {
                s.setInt(LibC.IPPROTO_IP, LibC.IP_TTL, 255, "IP_TTL");
                s.setInt(LibC.IPPROTO_IP, LibC.IP_TOS, 0xc0, "IP_TOS");
            }
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    int fd() {
        return fd;
    }

    boolean ipv6() {
        return ipv6;
    }

    /** Asks for the TTL / hop limit, destination and interface of every received packet. */
    void receiveAncillaryData() {
        if (ipv6) {
            setInt(LibC.IPPROTO_IPV6, LibC.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
            setInt(LibC.IPPROTO_IPV6, LibC.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
        } else {
            setInt(LibC.IPPROTO_IP, LibC.IP_RECVTTL, 1, "IP_RECVTTL");
            setInt(LibC.IPPROTO_IP, LibC.IP_PKTINFO, 1, "IP_PKTINFO");
        }
    }

    void setInt(int level, int option, int value, String name) {
        if (C.setsockopt(fd, level, option, new IntByReference(value), 4) < 0) {
            throw new BfdTransportException("setsockopt " + name + " on the " + purpose + " socket", LibC.errno());
        }
    }

    void bindToDevice(String ifname) {
        byte[] name = (ifname + "\0").getBytes(StandardCharsets.US_ASCII);
        if (C.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, name, name.length) < 0) {
            throw new BfdTransportException("SO_BINDTODEVICE " + ifname + " on the " + purpose + " socket", LibC.errno());
        }
    }

    /** Binds to {@code address} (null: any) and {@code port}; returns errno, 0 on success. */
    int bind(InetAddress address, int port, int scopeId) {
        Pointer sa = Memory.allocateDirect(LibC.RUNTIME, 28, true);
        int len = writeSockaddr(sa, ipv6, address, port, scopeId);
        return C.bind(fd, sa, len) < 0 ? LibC.errno() : 0;
    }

    /** Writes a sockaddr_in or sockaddr_in6; returns its length. */
    static int writeSockaddr(Pointer sa, boolean ipv6, InetAddress address, int port, int scopeId) {
        for (int i = 0; i < 28; i++) {
            sa.putByte(i, (byte) 0);
        }
        sa.putShort(0, (short) (ipv6 ? LibC.AF_INET6 : LibC.AF_INET));
        sa.putByte(2, (byte) (port >>> 8));
        sa.putByte(3, (byte) port);
        if (ipv6) {
            if (address != null) {
                sa.put(8, address.getAddress(), 0, 16);
            }
            sa.putInt(24, scopeId);
            return 28;
        }
        if (address != null) {
            sa.put(4, address.getAddress(), 0, 4);
        }
        return 16;
    }

    /**
     * Reads one datagram without blocking into {@code b}. Returns its length, or -1 when none is
     * waiting; throws on any other error.
     */
    int receive(ReceiveBuffers b) {
        b.prepare();
        long n = C.recvmsg(fd, b.msghdr, LibC.MSG_DONTWAIT);
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
                return -1;
            }
            throw new BfdTransportException("recvmsg on the " + purpose + " socket", errno);
        }
        b.parse((int) n);
        return (int) n;
    }

    /** Sends {@code length} bytes of {@code data} to {@code address}:{@code port}; returns errno, 0 on success. */
    int sendTo(Pointer data, int length, Pointer sockaddr, int sockaddrLength) {
        long n = C.sendto(fd, data, length, LibC.MSG_DONTWAIT, sockaddr, sockaddrLength);
        return n < 0 ? LibC.errno() : 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            C.close(fd);
        }
    }

    @Override
    public String toString() {
        return purpose + " socket fd " + fd;
    }

    /**
     * The msghdr, iovec, address, control and data buffers of recvmsg (LP64 layout), reused for
     * every datagram read by one thread, and what was parsed out of the last one.
     */
    static final class ReceiveBuffers {
        static final int DATA = 2048;
        static final int CONTROL = 256;

        final Pointer msghdr = Memory.allocateDirect(LibC.RUNTIME, 56, true);
        final Pointer iov = Memory.allocateDirect(LibC.RUNTIME, 16, true);
        final Pointer name = Memory.allocateDirect(LibC.RUNTIME, 28, true);
        final Pointer control = Memory.allocateDirect(LibC.RUNTIME, CONTROL, true);
        final Pointer data = Memory.allocateDirect(LibC.RUNTIME, DATA, true);
        final byte[] bytes = new byte[DATA];
        final ByteBuffer payload = ByteBuffer.wrap(bytes);

        InetAddress source;
        int sourcePort;
        InetAddress destination;
        int ifindex;
        int ttl;
        boolean truncated;

        ReceiveBuffers() {
            iov.putAddress(0, data.address());
            iov.putLong(8, DATA);
        }

        void prepare() {
            msghdr.putAddress(0, name.address());
            msghdr.putInt(8, 28);
            msghdr.putAddress(16, iov.address());
            msghdr.putLong(24, 1);
            msghdr.putAddress(32, control.address());
            msghdr.putLong(40, CONTROL);
            msghdr.putInt(48, 0);
        }

        void parse(int n) {
            int length = Math.min(n, DATA);
            data.get(0, bytes, 0, length);
            payload.clear().limit(length);
            truncated = (msghdr.getInt(48) & LibC.MSG_TRUNC) != 0;
            int family = name.getShort(0) & 0xffff;
            sourcePort = ((name.getByte(2) & 0xff) << 8) | (name.getByte(3) & 0xff);
            byte[] addr = new byte[family == LibC.AF_INET6 ? 16 : 4];
            name.get(family == LibC.AF_INET6 ? 8 : 4, addr, 0, addr.length);
            source = address(addr, family == LibC.AF_INET6 ? name.getInt(24) : 0);
            ttl = -1;
            ifindex = 0;
            destination = null;
            long controlLength = msghdr.getLong(40);
            long off = 0;
            while (off + 16 <= controlLength) {
                long len = control.getLong(off);
                if (len < 16 || off + len > controlLength) {
                    break;
                }
                int level = control.getInt(off + 8);
                int type = control.getInt(off + 12);
                long d = off + 16;
                if (level == LibC.IPPROTO_IP && type == LibC.IP_TTL) {
                    ttl = control.getInt(d);
                } else if (level == LibC.IPPROTO_IP && type == LibC.IP_PKTINFO) {
                    // struct in_pktinfo { int ipi_ifindex; struct in_addr ipi_spec_dst, ipi_addr; }
                    ifindex = control.getInt(d);
                    byte[] a = new byte[4];
                    control.get(d + 8, a, 0, 4);
                    destination = address(a, 0);
                } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_HOPLIMIT) {
                    ttl = control.getInt(d);
                } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_PKTINFO) {
                    // struct in6_pktinfo { struct in6_addr ipi6_addr; int ipi6_ifindex; }
                    byte[] a = new byte[16];
                    control.get(d, a, 0, 16);
                    ifindex = control.getInt(d + 16);
                    destination = address(a, 0);
                }
                off += (len + 7) & ~7L;
            }
        }

        private static InetAddress address(byte[] a, int scopeId) {
            try {
                if (a.length == 16 && scopeId != 0) {
                    return Inet6Address.getByAddress(null, a, scopeId);
                }
                return InetAddress.getByAddress(a);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A sockaddr for sendto, written once per session. */
    static Pointer sockaddr(InetAddress address, int port, int scopeId) {
        Pointer sa = Memory.allocateDirect(LibC.RUNTIME, 28, true);
        writeSockaddr(sa, address instanceof Inet6Address, address, port, scopeId);
        return sa;
    }

    static int sockaddrLength(InetAddress address) {
        return address instanceof Inet4Address ? 16 : 28;
    }
}
