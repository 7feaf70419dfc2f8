package net.archway.routing.bfd.transport;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls BFD's UDP sockets need, bound with jnr-ffi: what Netty's datagram channel does
 * not offer is the TTL / hop limit and the interface of each received packet (IP_RECVTTL,
 * IPV6_RECVHOPLIMIT, IP_PKTINFO, IPV6_RECVPKTINFO read from recvmsg's control messages). Numbers
 * are Linux's (x86-64 and arm64 share them). Every call saves errno, read back with {@link #errno()}.
 * Public only because jnr-ffi generates its implementation in another class loader.
 */
public interface LibC {
    int AF_INET = 2;
    int AF_INET6 = 10;
    int SOCK_DGRAM = 2;
    int SOCK_NONBLOCK = 0x800;
    int SOCK_CLOEXEC = 0x80000;

    int SOL_SOCKET = 1;
    int SO_REUSEADDR = 2;
    int SO_RCVBUF = 8;
    int SO_BINDTODEVICE = 25;

    int IPPROTO_IP = 0;
    int IP_TOS = 1;
    int IP_TTL = 2;
    int IP_PKTINFO = 8;
    int IP_RECVTTL = 12;

    int IPPROTO_IPV6 = 41;
    int IPV6_UNICAST_HOPS = 16;
    int IPV6_V6ONLY = 26;
    int IPV6_RECVPKTINFO = 49;
    int IPV6_PKTINFO = 50;
    int IPV6_RECVHOPLIMIT = 51;
    int IPV6_HOPLIMIT = 52;
    int IPV6_TCLASS = 67;

    int MSG_DONTWAIT = 0x40;
    int MSG_TRUNC = 0x20;

    int EAGAIN = 11;
    int EINTR = 4;
    int EADDRINUSE = 98;

    int SCHED_FIFO = 1;

    LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");
    Runtime RUNTIME = Runtime.getRuntime(INSTANCE);

    static int errno() {
        return RUNTIME.getLastError();
    }

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In Pointer sockaddr, int addrlen);

    @SaveError
    int setsockopt(int fd, int level, int optname, @In IntByReference optval, int optlen);

    @SaveError
    int setsockopt(int fd, int level, int optname, @In byte[] optval, int optlen);

    @SaveError
    @ssize_t long recvmsg(int fd, Pointer msghdr, int flags);

    @SaveError
    @ssize_t long sendto(int fd, @In Pointer buf, @size_t long len, int flags, @In Pointer addr, int addrlen);

    @SaveError
    int close(int fd);

    int if_nametoindex(String name);

    /** pid 0 is the calling thread; param is struct sched_param (one int, the priority). */
    @SaveError
    int sched_setscheduler(int pid, int policy, @In IntByReference param);

    /** pid is a thread id (0: the calling thread); mask is a cpu_set_t of {@code cpusetsize} bytes, CPU n at bit n % 8 of byte n / 8. */
    @SaveError
    int sched_setaffinity(int pid, @size_t long cpusetsize, @In byte[] mask);

    @SaveError
    int sched_getaffinity(int pid, @size_t long cpusetsize, @Out byte[] mask);

    String strerror(int errnum);
}
