package net.archway.routing.bfd.packet;

/**
 * A received control packet failed one of RFC 5880 §6.8.6's checks on the packet alone. Thrown
 * for every malformed datagram an attacker may send, so it carries no stack trace.
 */
public final class MalformedPacketException extends Exception {
    private final DropReason reason;

    public MalformedPacketException(DropReason reason, String detail) {
        super(reason.description() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public DropReason reason() {
        return reason;
    }
}
