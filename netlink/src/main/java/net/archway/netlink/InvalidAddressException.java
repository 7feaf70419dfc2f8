package net.archway.netlink;

/** A textual IP address or prefix that is not valid, with the reason. */
public final class InvalidAddressException extends IllegalArgumentException {
    private final String input;

    public InvalidAddressException(String input, String reason) {
        super("invalid address or prefix '" + input + "': " + reason);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
