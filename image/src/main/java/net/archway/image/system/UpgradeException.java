package net.archway.image.system;

/** An upgrade or slot operation refused or failed; the message says what and that nothing changed. */
public final class UpgradeException extends Exception {
    public UpgradeException(String message) {
        super(message);
    }
}
