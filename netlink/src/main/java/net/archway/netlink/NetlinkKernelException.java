package net.archway.netlink;

import java.util.Optional;

/**
 * The kernel answered a request with an error. Carries the errno, the extended-ACK message
 * (NETLINK_EXT_ACK), the attribute the kernel pointed at (by name, with its nesting path), and
 * a description of the request, so that a user-facing layer can say what was wrong and where.
 */
public class NetlinkKernelException extends NetlinkException {
    private final Errno errno;
    private final String request;
    private final String extAckMessage;
    private final String offendingAttribute;

    public NetlinkKernelException(Errno errno, String request, String extAckMessage, String offendingAttribute) {
        super(format(errno, request, extAckMessage, offendingAttribute));
        this.errno = errno;
        this.request = request;
        this.extAckMessage = extAckMessage;
        this.offendingAttribute = offendingAttribute;
    }

    private static String format(Errno errno, String request, String extAck, String attribute) {
        StringBuilder sb = new StringBuilder("kernel refused ").append(request).append(": ")
                .append(errno.name()).append(" (").append(errno.description()).append(")");
        if (extAck != null && !extAck.isEmpty()) {
            sb.append(": ").append(extAck);
        }
        if (attribute != null) {
            sb.append(" [attribute ").append(attribute).append("]");
        }
        return sb.toString();
    }

    public Errno errno() {
        return errno;
    }

    /** What was asked, for example {@code RTM_NEWROUTE 10.0.0.0/24 table 254}. */
    public String request() {
        return request;
    }

    /** The kernel's extended-ACK text, if it sent one. */
    public Optional<String> extAckMessage() {
        return Optional.ofNullable(extAckMessage);
    }

    /** The attribute the kernel's extended ACK pointed at, for example {@code IFLA_LINKINFO/IFLA_INFO_KIND}. */
    public Optional<String> offendingAttribute() {
        return Optional.ofNullable(offendingAttribute);
    }
}
