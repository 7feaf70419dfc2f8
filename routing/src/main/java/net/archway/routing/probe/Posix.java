package net.archway.routing.probe;

import java.nio.ByteBuffer;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The libc calls the probe sockets need (raw ICMP, non-blocking TCP connect, poll), through jnr-ffi (which needs it public). */
public interface Posix {
    int AF_INET = 2;
    int AF_INET6 = 10;
    int SOCK_STREAM = 1;
    int SOCK_RAW = 3;
    int SOCK_NONBLOCK = 0x800;
    int SOCK_CLOEXEC = 0x80000;
    int IPPROTO_ICMP = 1;
    int IPPROTO_TCP = 6;
    int IPPROTO_ICMPV6 = 58;
    int SOL_SOCKET = 1;
    int SO_ERROR = 4;
    int SO_BINDTODEVICE = 25;
    int EINPROGRESS = 115;
    int EAGAIN = 11;
    int EINTR = 4;
    int ECONNREFUSED = 111;
    int MSG_DONTWAIT = 0x40;
    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    int EFD_CLOEXEC = 0x80000;
    int EFD_NONBLOCK = 0x800;

    Posix INSTANCE = LibraryLoader.create(Posix.class).load("c");
    Runtime RUNTIME = Runtime.getRuntime(INSTANCE);

    static int errno() {
        return RUNTIME.getLastError();
    }

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In ByteBuffer addr, int len);

    @SaveError
    int connect(int fd, @In ByteBuffer addr, int len);

    @SaveError
    int setsockopt(int fd, int level, int name, @In ByteBuffer value, int len);

    @SaveError
    int getsockopt(int fd, int level, int name, @Out ByteBuffer value, IntByReference len);

    @SaveError
    @ssize_t long sendto(int fd, @In ByteBuffer buf, @size_t long len, int flags, @In ByteBuffer addr, int addrLen);

    @SaveError
    @ssize_t long recvfrom(int fd, @Out ByteBuffer buf, @size_t long len, int flags, @Out ByteBuffer addr,
                           IntByReference addrLen);

    @SaveError
    int poll(ByteBuffer fds, long nfds, int timeout);

    @SaveError
    int eventfd(int initval, int flags);

    @SaveError
    @ssize_t long read(int fd, @Out ByteBuffer buf, @size_t long count);

    @SaveError
    @ssize_t long write(int fd, @In ByteBuffer buf, @size_t long count);

    @SaveError
    int close(int fd);

    String strerror(int errnum);
}
