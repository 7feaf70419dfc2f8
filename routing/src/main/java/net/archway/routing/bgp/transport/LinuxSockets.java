package net.archway.routing.bgp.transport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;

/**
 * The socket options Netty does not offer, set with setsockopt(2) through jnr-ffi: TCP MD5
 * signatures (RFC 2385, {@code struct tcp_md5sig} of linux/tcp.h), TTL and hop limit,
 * IP_MINTTL and IPV6_MINHOPCOUNT for GTSM (RFC 5082), IPV6_V6ONLY, and the CS6 class of service.
 */
final class LinuxSockets {
    /** The libc calls used; public because jnr-ffi implements it from another class loader. */
    public interface LibC {
        @SaveError
        int setsockopt(int fd, int level, int optname, @In ByteBuffer optval, int optlen);

        String strerror(int errnum);
    }

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_IPV6 = 41;
    static final int IP_TOS = 1;
    static final int IP_TTL = 2;
    static final int IP_MINTTL = 21;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_V6ONLY = 26;
    static final int IPV6_TCLASS = 67;
    static final int IPV6_MINHOPCOUNT = 73;
    static final int TCP_MD5SIG = 14;
    /** linux/tcp.h: sockaddr_storage (128), flags, prefixlen, keylen (2), ifindex (4), key[80]. */
    static final int TCP_MD5SIG_SIZE = 216;
    /** DSCP CS6, network control, as BGP implementations mark their packets. */
    static final int CS6 = 0xc0;

    /** Loaded on first use; a failure to load is reported per call, never as an Error on an event loop. */
    private static final class Native {
        static final LibC C;
        static final Runtime RUNTIME;
        static final String FAILURE;

        static {
            LibC c = null;
            Runtime r = null;
            String failure = null;
            try {
                c = LibraryLoader.create(LibC.class).load("c");
                r = Runtime.getRuntime(c);
            } catch (RuntimeException | LinkageError e) {
                failure = "cannot call libc through jnr-ffi: " + e;
            }
            C = c;
            RUNTIME = r;
            FAILURE = failure;
        }
    }

    private LinuxSockets() {
    }

    /** A failed setsockopt: what was being set and the kernel's reason. */
    static final class OptionException extends Exception {
        private static final long serialVersionUID = 1L;

        OptionException(String message) {
            super(message);
        }
    }

    /**
     * Installs (or, with a null key, removes) the TCP MD5 key for one peer on a socket: on a
     * listening socket it signs and checks every connection from that address, and the accepted
     * sockets inherit it; on a connecting socket it must be set before connect(2).
     */
    static void setMd5Key(int fd, boolean ipv6Socket, InetAddress peer, byte[] key) throws OptionException {
        ByteBuffer b = ByteBuffer.allocateDirect(TCP_MD5SIG_SIZE).order(ByteOrder.nativeOrder());
        writeSockaddr(b, ipv6Socket, peer);
        int len = key == null ? 0 : key.length;
        b.putShort(130, (short) len);
        if (key != null) {
            for (int i = 0; i < key.length; i++) {
                b.put(136 + i, key[i]);
            }
        }
        try {
            set(fd, IPPROTO_TCP, TCP_MD5SIG, b, "TCP MD5 key (TCP_MD5SIG)");
        } finally {
            for (int i = 136; i < TCP_MD5SIG_SIZE; i++) {
                b.put(i, (byte) 0); // do not leave the secret in native memory longer than needed
            }
        }
    }

    /** sockaddr_in or sockaddr_in6 at the start of the buffer (an IPv4 peer on an IPv6 socket is v4-mapped). */
    private static void writeSockaddr(ByteBuffer b, boolean ipv6Socket, InetAddress peer) {
        byte[] a = peer.getAddress();
        if (!ipv6Socket) {
            b.putShort(0, (short) AF_INET);
            for (int i = 0; i < 4; i++) {
                b.put(4 + i, a[i]);
            }
            return;
        }
        b.putShort(0, (short) AF_INET6);
        if (peer instanceof Inet4Address) {
            b.put(8 + 10, (byte) 0xff);
            b.put(8 + 11, (byte) 0xff);
            for (int i = 0; i < 4; i++) {
                b.put(8 + 12 + i, a[i]);
            }
        } else {
            for (int i = 0; i < 16; i++) {
                b.put(8 + i, a[i]);
            }
            if (peer instanceof Inet6Address v6 && v6.getScopeId() != 0) {
                b.putInt(24, v6.getScopeId());
            }
        }
    }

    static void setTtl(int fd, boolean ipv6, int ttl) throws OptionException {
        setInt(fd, ipv6 ? IPPROTO_IPV6 : IPPROTO_IP, ipv6 ? IPV6_UNICAST_HOPS : IP_TTL, ttl, ipv6 ? "IPV6_UNICAST_HOPS" : "IP_TTL");
    }

    static void setMinTtl(int fd, boolean ipv6, int minTtl) throws OptionException {
        setInt(fd, ipv6 ? IPPROTO_IPV6 : IPPROTO_IP, ipv6 ? IPV6_MINHOPCOUNT : IP_MINTTL, minTtl, ipv6 ? "IPV6_MINHOPCOUNT" : "IP_MINTTL");
    }

    static void setV6Only(int fd) throws OptionException {
        setInt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
    }

    static void setNetworkControlClass(int fd, boolean ipv6) throws OptionException {
        setInt(fd, ipv6 ? IPPROTO_IPV6 : IPPROTO_IP, ipv6 ? IPV6_TCLASS : IP_TOS, CS6, ipv6 ? "IPV6_TCLASS" : "IP_TOS");
    }

    private static void setInt(int fd, int level, int opt, int value, String what) throws OptionException {
        ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        b.putInt(0, value);
        set(fd, level, opt, b, what + " " + value);
    }

    private static void set(int fd, int level, int opt, ByteBuffer value, String what) throws OptionException {
        if (Native.FAILURE != null) {
            throw new OptionException("setsockopt " + what + ": " + Native.FAILURE);
        }
        if (Native.C.setsockopt(fd, level, opt, value, value.capacity()) < 0) {
            int errno = Native.RUNTIME.getLastError();
            throw new OptionException("setsockopt " + what + " failed: " + Native.C.strerror(errno) + " (errno " + errno + ")");
        }
    }
}
