package net.archway.cli.commit;

/** Applying a staged change failed (the kernel refused a route, a socket could not be bound). */
public final class ApplyException extends Exception {
    public ApplyException(String message) {
        super(message);
    }

    public ApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
