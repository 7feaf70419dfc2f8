package net.archway.cli.schema;

/** A value that its statement's type does not accept; the message says what was expected. */
public final class InvalidValueException extends Exception {
    public InvalidValueException(String message) {
        super(message);
    }
}
