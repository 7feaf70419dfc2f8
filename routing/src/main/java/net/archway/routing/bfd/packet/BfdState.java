package net.archway.routing.bfd.packet;

/**
 * A BFD session state (RFC 5880 §4.1 "Sta", §6.2), named as the RFC names them. The field has two
 * bits and the RFC defines all four values, so no code can be unknown: an enum is the value class.
 */
public enum BfdState {
    ADMIN_DOWN(0, "AdminDown"),
    DOWN(1, "Down"),
    INIT(2, "Init"),
    UP(3, "Up");

    private static final BfdState[] BY_CODE = {ADMIN_DOWN, DOWN, INIT, UP};

    private final int code;
    private final String rfcName;

    BfdState(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    public static BfdState valueOf(int code) {
        if (code < 0 || code > 3) {
            throw new IllegalArgumentException("BFD state " + code + " is outside 0-3");
        }
        return BY_CODE[code];
    }

    public int code() {
        return code;
    }

    /** The RFC's name: AdminDown, Down, Init, Up (also what {@code show bfd session} prints). */
    public String rfcName() {
        return rfcName;
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
