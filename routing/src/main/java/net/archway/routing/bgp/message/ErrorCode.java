package net.archway.routing.bgp.message;

import java.util.HashMap;
import java.util.Map;

/**
 * NOTIFICATION error codes (RFC 4271 §4.5; IANA "BGP Error (Notification) Codes"). Known numbers print by name; unknown ones still decode, print and re-encode.
 */
public final class ErrorCode extends RegistryValue {
    private static final Map<Integer, ErrorCode> KNOWN = new HashMap<>();

    public static final ErrorCode MESSAGE_HEADER_ERROR = known(1, "Message Header Error");
    public static final ErrorCode OPEN_MESSAGE_ERROR = known(2, "OPEN Message Error");
    public static final ErrorCode UPDATE_MESSAGE_ERROR = known(3, "UPDATE Message Error");
    public static final ErrorCode HOLD_TIMER_EXPIRED = known(4, "Hold Timer Expired");
    public static final ErrorCode FSM_ERROR = known(5, "Finite State Machine Error");
    public static final ErrorCode CEASE = known(6, "Cease");
    public static final ErrorCode ROUTE_REFRESH_MESSAGE_ERROR = known(7, "ROUTE-REFRESH Message Error");

    private ErrorCode(int number, String name) {
        super(number, name);
    }

    private static ErrorCode known(int number, String name) {
        ErrorCode v = new ErrorCode(number, name);
        KNOWN.put(number, v);
        return v;
    }

    public static ErrorCode valueOf(int number) {
        int n = number & 0xff;
        ErrorCode v = KNOWN.get(n);
        return v != null ? v : new ErrorCode(n, Integer.toString(n));
    }

    /** True when the number is one this implementation knows by name. */
    public boolean isKnown() {
        return KNOWN.get(number()) == this;
    }
}
