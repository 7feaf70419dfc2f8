package net.archway.netlink;

/**
 * Base of every error the netlink module raises. Unchecked: callers decide where a kernel refusal
 * becomes a user-visible message; the subclasses say what kind of failure it was.
 */
public class NetlinkException extends RuntimeException {
    public NetlinkException(String message) {
        super(message);
    }

    public NetlinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
