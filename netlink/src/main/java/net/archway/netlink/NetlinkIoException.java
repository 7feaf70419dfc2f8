package net.archway.netlink;

/** A system call on a netlink socket or namespace file failed. */
public class NetlinkIoException extends NetlinkException {
    private final String call;
    private final Errno errno;

    public NetlinkIoException(String call, Errno errno, String context) {
        super(call + " failed: " + errno.name() + " (" + errno.description() + ")"
                + (context == null || context.isEmpty() ? "" : ", " + context));
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public Errno errno() {
        return errno;
    }
}
