package net.archway.routing.bfd.transport;

/** A BFD socket could not be opened, configured or bound; the message names the call, errno and what it was for. */
public final class BfdTransportException extends RuntimeException {
    private final int errno;

    public BfdTransportException(String message, int errno) {
        super(message + (errno != 0 ? ": " + LibC.INSTANCE.strerror(errno) + " (errno " + errno + ")" : ""));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
