package net.archway.routing.bgp.message;

/**
 * A received message the session cannot go on from: carries the NOTIFICATION to send back
 * (RFC 4271 §6; for UPDATEs only the "session reset" cases of RFC 7606).
 */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient NotificationMessage notification;

    public MalformedMessageException(NotificationMessage notification, String reason) {
        super(reason);
        this.notification = notification;
    }

    public MalformedMessageException(ErrorSubcode subcode, byte[] data, String reason) {
        this(new NotificationMessage(subcode, data), reason);
    }

    /** The NOTIFICATION that answers the message. */
    public NotificationMessage notification() {
        return notification;
    }
}
