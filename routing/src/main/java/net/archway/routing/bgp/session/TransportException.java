package net.archway.routing.bgp.session;

/** The transport could not do what a session asked; the message says what and why. */
public class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean md5;

    public TransportException(String message, boolean md5KeyFailure) {
        super(message);
        this.md5 = md5KeyFailure;
    }

    /** The failure was installing the TCP MD5 key. */
    public boolean md5KeyFailure() {
        return md5;
    }
}
