package net.archway.appliance.interfaces;

/**
 * Converging the interfaces failed; everything done before the failing step was undone. The
 * message names the configuration place ({@code [edit interfaces eth1 unit 110]}) and the
 * kernel's reason.
 */
public final class InterfaceApplyException extends RuntimeException {
    private final String path;

    public InterfaceApplyException(String path, String message, Throwable cause) {
        super(path + " " + message, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
