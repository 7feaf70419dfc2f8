package net.archway.cli.config;

/** An edit that cannot be made (a statement that is not there, a rename onto an existing entry). */
public final class ConfigEditException extends Exception {
    public ConfigEditException(String message) {
        super(message);
    }
}
