package net.archway.netlink;

import java.util.HashMap;
import java.util.Map;

import net.archway.netlink.socket.LibC;

/**
 * A Linux errno as a value: known numbers print by name ({@code EEXIST}), unknown ones still
 * decode and print ({@code E512}). Descriptions come from libc's {@code strerror}.
 */
public final class Errno {
    private static final Map<Integer, Errno> KNOWN = new HashMap<>();

    public static final Errno EPERM = known(1, "EPERM");
    public static final Errno ENOENT = known(2, "ENOENT");
    public static final Errno ESRCH = known(3, "ESRCH");
    public static final Errno EINTR = known(4, "EINTR");
    public static final Errno EIO = known(5, "EIO");
    public static final Errno EBADF = known(9, "EBADF");
    public static final Errno EAGAIN = known(11, "EAGAIN");
    public static final Errno ENOMEM = known(12, "ENOMEM");
    public static final Errno EACCES = known(13, "EACCES");
    public static final Errno EFAULT = known(14, "EFAULT");
    public static final Errno EBUSY = known(16, "EBUSY");
    public static final Errno EEXIST = known(17, "EEXIST");
    public static final Errno EXDEV = known(18, "EXDEV");
    public static final Errno ENODEV = known(19, "ENODEV");
    public static final Errno ENOTDIR = known(20, "ENOTDIR");
    public static final Errno EINVAL = known(22, "EINVAL");
    public static final Errno ENFILE = known(23, "ENFILE");
    public static final Errno EMFILE = known(24, "EMFILE");
    public static final Errno ENOSPC = known(28, "ENOSPC");
    public static final Errno ERANGE = known(34, "ERANGE");
    public static final Errno ENOSYS = known(38, "ENOSYS");
    public static final Errno ENODATA = known(61, "ENODATA");
    public static final Errno ENONET = known(64, "ENONET");
    public static final Errno EBADMSG = known(74, "EBADMSG");
    public static final Errno EOVERFLOW = known(75, "EOVERFLOW");
    public static final Errno EMSGSIZE = known(90, "EMSGSIZE");
    public static final Errno ENOPROTOOPT = known(92, "ENOPROTOOPT");
    public static final Errno EPROTONOSUPPORT = known(93, "EPROTONOSUPPORT");
    public static final Errno EOPNOTSUPP = known(95, "EOPNOTSUPP");
    public static final Errno EAFNOSUPPORT = known(97, "EAFNOSUPPORT");
    public static final Errno EADDRINUSE = known(98, "EADDRINUSE");
    public static final Errno EADDRNOTAVAIL = known(99, "EADDRNOTAVAIL");
    public static final Errno ENETDOWN = known(100, "ENETDOWN");
    public static final Errno ENETUNREACH = known(101, "ENETUNREACH");
    public static final Errno ENOBUFS = known(105, "ENOBUFS");
    public static final Errno ETIMEDOUT = known(110, "ETIMEDOUT");
    public static final Errno EHOSTUNREACH = known(113, "EHOSTUNREACH");
    public static final Errno EALREADY = known(114, "EALREADY");
    public static final Errno EINPROGRESS = known(115, "EINPROGRESS");
    public static final Errno ENOTSUP = EOPNOTSUPP;

    private final int number;
    private final String name;

    private Errno(int number, String name) {
        this.number = number;
        this.name = name;
    }

    private static Errno known(int number, String name) {
        Errno e = new Errno(number, name);
        KNOWN.put(number, e);
        return e;
    }

    /** The errno for a positive number; unknown numbers get a name of the form {@code E<n>}. */
    public static Errno valueOf(int number) {
        int n = Math.abs(number);
        Errno e = KNOWN.get(n);
        return e != null ? e : new Errno(n, "E" + n);
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    /** libc's text for this errno, for example "File exists". */
    public String description() {
        try {
            String text = LibC.INSTANCE.strerror(number);
            return text != null ? text : name;
        } catch (LinkageError e) {
            return name;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Errno other && other.number == number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    @Override
    public String toString() {
        return name;
    }
}
