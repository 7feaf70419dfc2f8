package net.archway.netlink.socket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import net.archway.netlink.Errno;
import net.archway.netlink.NamespaceNotFoundException;
import net.archway.netlink.NetlinkIoException;

/**
 * Runs code with the calling thread inside a named network namespace, the way
 * {@code ip netns exec} names them ({@code /var/run/netns/NAME}). A network namespace is a
 * per-thread attribute in Linux, so a socket opened while the thread is inside stays bound to
 * that namespace after the thread switches back; one JVM can therefore manage many namespaces.
 */
public final class NetworkNamespace {
    public static final Path NETNS_DIR = Path.of("/var/run/netns");

    private NetworkNamespace() {
    }

    /** The path of a named namespace; the name must be a plain file name. */
    public static Path path(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid network namespace name '" + name + "'");
        }
        return NETNS_DIR.resolve(name);
    }

    public static boolean exists(String name) {
        return Files.exists(path(name));
    }

    /**
     * Calls {@code body} with this thread in namespace {@code name} (or in the current one when
     * {@code name} is null), then returns the thread to the namespace it was in.
     */
    public static <T> T callIn(String name, Supplier<T> body) {
        if (name == null) {
            return body.get();
        }
        Path target = path(name);
        LibC c = LibC.INSTANCE;
        int original = c.open("/proc/thread-self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (original < 0) {
            throw new NetlinkIoException("open", Errno.valueOf(LibC.errno()), "/proc/thread-self/ns/net");
        }
        try {
            int fd = c.open(target.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
            if (fd < 0) {
                Errno errno = Errno.valueOf(LibC.errno());
                if (errno.equals(Errno.ENOENT)) {
                    throw new NamespaceNotFoundException(name, target.toString());
                }
                throw new NetlinkIoException("open", errno, target.toString());
            }
            try {
                if (c.setns(fd, LibC.CLONE_NEWNET) < 0) {
                    Errno errno = Errno.valueOf(LibC.errno());
                    if (errno.equals(Errno.EINVAL)) {
                        throw new NamespaceNotFoundException(name, target + " (not a network namespace)");
                    }
                    throw new NetlinkIoException("setns", errno, target.toString());
                }
            } finally {
                c.close(fd);
            }
            try {
                return body.get();
            } finally {
                if (c.setns(original, LibC.CLONE_NEWNET) < 0) {
                    // The thread would go on in the wrong namespace: that must never pass silently.
                    throw new IllegalStateException("could not return thread " + Thread.currentThread().getName()
                            + " to its network namespace: " + Errno.valueOf(LibC.errno()));
                }
            }
        } finally {
            c.close(original);
        }
    }
}
