package net.archway.netlink;

/** The kernel sent something this module cannot decode (truncated or malformed message). */
public final class NetlinkProtocolException extends NetlinkException {
    public NetlinkProtocolException(String message) {
        super(message);
    }
}
