package net.archway.routing.bgp.message;

/**
 * How a malformed UPDATE is handled, weakest first (RFC 7606 §2). When several errors occur
 * the strongest approach wins (§3 h). {@code SESSION_RESET} never reaches the upper layer as an
 * update: the session sends a NOTIFICATION and goes down.
 */
public enum ErrorHandling {
    /** Nothing was malformed. */
    NONE,
    /** A malformed attribute that cannot affect route selection was dropped; the routes stand. */
    ATTRIBUTE_DISCARD,
    /** The UPDATE's announced routes are handled as withdrawn; the session stays up. */
    TREAT_AS_WITHDRAW,
    /** A NOTIFICATION is sent and the session reset. */
    SESSION_RESET;

    public ErrorHandling strongest(ErrorHandling other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
