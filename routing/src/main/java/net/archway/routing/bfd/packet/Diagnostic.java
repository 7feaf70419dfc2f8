package net.archway.routing.bfd.packet;

import java.util.HashMap;
import java.util.Map;

/**
 * A BFD diagnostic code (RFC 5880 §4.1, IANA "BFD Diagnostic Codes"): why the sender's session
 * last left Up. Five bits on the wire; known codes print by name, unknown ones still decode,
 * print and re-encode.
 */
public final class Diagnostic {
    private static final Map<Integer, Diagnostic> KNOWN = new HashMap<>();

    public static final Diagnostic NONE = known(0, "No Diagnostic");
    public static final Diagnostic CONTROL_DETECTION_TIME_EXPIRED = known(1, "Control Detection Time Expired");
    public static final Diagnostic ECHO_FUNCTION_FAILED = known(2, "Echo Function Failed");
    public static final Diagnostic NEIGHBOR_SIGNALED_SESSION_DOWN = known(3, "Neighbor Signaled Session Down");
    public static final Diagnostic FORWARDING_PLANE_RESET = known(4, "Forwarding Plane Reset");
    public static final Diagnostic PATH_DOWN = known(5, "Path Down");
    public static final Diagnostic CONCATENATED_PATH_DOWN = known(6, "Concatenated Path Down");
    public static final Diagnostic ADMINISTRATIVELY_DOWN = known(7, "Administratively Down");
    public static final Diagnostic REVERSE_CONCATENATED_PATH_DOWN = known(8, "Reverse Concatenated Path Down");
    /** RFC 9747 (unaffiliated echo). */
    public static final Diagnostic MIS_CONNECTIVITY_DEFECT = known(9, "Mis-Connectivity Defect");

    private final int code;
    private final String name;

    private Diagnostic(int code, String name) {
        this.code = code;
        this.name = name;
    }

    private static Diagnostic known(int code, String name) {
        Diagnostic d = new Diagnostic(code, name);
        KNOWN.put(code, d);
        return d;
    }

    /** The diagnostic for a 5-bit code. */
    public static Diagnostic valueOf(int code) {
        if (code < 0 || code > 31) {
            throw new IllegalArgumentException("BFD diagnostic code " + code + " is outside 0-31");
        }
        Diagnostic d = KNOWN.get(code);
        return d != null ? d : new Diagnostic(code, "Diagnostic " + code);
    }

    public int code() {
        return code;
    }

    public String name() {
        return name;
    }

    public boolean isKnown() {
        return KNOWN.containsKey(code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Diagnostic other && other.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return name;
    }
}
