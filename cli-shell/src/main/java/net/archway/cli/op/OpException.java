package net.archway.cli.op;

/** An operational command that failed; the message is shown to the user. */
public final class OpException extends Exception {
    public OpException(String message) {
        super(message);
    }
}
