package net.archway.netlink.socket;

import java.nio.ByteBuffer;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The few libc calls the netlink module needs, bound with jnr-ffi. Buffers are direct
 * {@link ByteBuffer}s: jnr passes their address plus position, so callers pass explicit lengths.
 * Every call saves errno, read back with {@link #errno()}.
 */
public interface LibC {

    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;

    int SOL_SOCKET = 1;
    int SO_SNDBUF = 7;
    int SO_RCVBUF = 8;
    int SO_SNDBUFFORCE = 32;
    int SO_RCVBUFFORCE = 33;

    int SOL_NETLINK = 270;
    int NETLINK_ADD_MEMBERSHIP = 1;
    int NETLINK_DROP_MEMBERSHIP = 2;
    int NETLINK_NO_ENOBUFS = 5;
    int NETLINK_CAP_ACK = 10;
    int NETLINK_EXT_ACK = 11;
    int NETLINK_GET_STRICT_CHK = 12;

    int MSG_DONTWAIT = 0x40;
    int MSG_TRUNC = 0x20;

    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;

    int EFD_CLOEXEC = 0x80000;
    int EFD_NONBLOCK = 0x800;

    short POLLIN = 0x1;

    LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");
    Runtime RUNTIME = Runtime.getRuntime(INSTANCE);

    /** errno of the last call made by this thread through this interface. */
    static int errno() {
        return RUNTIME.getLastError();
    }

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In ByteBuffer sockaddr, int addrlen);

    @SaveError
    int getsockname(int fd, @Out ByteBuffer sockaddr, IntByReference addrlen);

    @SaveError
    int setsockopt(int fd, int level, int optname, @In IntByReference optval, int optlen);

    @SaveError
    int getsockopt(int fd, int level, int optname, @Out IntByReference optval, IntByReference optlen);

    @SaveError
    @ssize_t long send(int fd, @In ByteBuffer buf, @size_t long len, int flags);

    @SaveError
    @ssize_t long recv(int fd, @Out ByteBuffer buf, @size_t long len, int flags);

    /** pollfd array: {int fd; short events; short revents} per entry, 8 bytes each. */
    @SaveError
    int poll(ByteBuffer fds, long nfds, int timeoutMillis);

    @SaveError
    int eventfd(int initval, int flags);

    @SaveError
    @ssize_t long write(int fd, @In ByteBuffer buf, @size_t long count);

    @SaveError
    @ssize_t long read(int fd, @Out ByteBuffer buf, @size_t long count);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int close(int fd);

    @SaveError
    int setns(int fd, int nstype);

    String strerror(int errnum);
}
