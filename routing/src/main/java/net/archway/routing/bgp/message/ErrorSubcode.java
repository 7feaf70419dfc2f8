package net.archway.routing.bgp.message;

import java.util.HashMap;
import java.util.Map;

/**
 * A NOTIFICATION error subcode, which only means something together with its error code (RFC
 * 4271 §4.5, RFC 4486 and RFC 8538 for Cease, RFC 6608 for FSM errors, RFC 7313 for
 * ROUTE-REFRESH; IANA "BGP Error Subcodes"). Known pairs print by name; unknown ones still
 * decode, print and re-encode.
 */
public final class ErrorSubcode {
    private static final Map<Integer, ErrorSubcode> KNOWN = new HashMap<>();

    public static final ErrorSubcode UNSPECIFIC_HEADER = known(ErrorCode.MESSAGE_HEADER_ERROR, 0, "Unspecific");
    public static final ErrorSubcode CONNECTION_NOT_SYNCHRONIZED = known(ErrorCode.MESSAGE_HEADER_ERROR, 1, "Connection Not Synchronized");
    public static final ErrorSubcode BAD_MESSAGE_LENGTH = known(ErrorCode.MESSAGE_HEADER_ERROR, 2, "Bad Message Length");
    public static final ErrorSubcode BAD_MESSAGE_TYPE = known(ErrorCode.MESSAGE_HEADER_ERROR, 3, "Bad Message Type");

    public static final ErrorSubcode UNSPECIFIC_OPEN = known(ErrorCode.OPEN_MESSAGE_ERROR, 0, "Unspecific");
    public static final ErrorSubcode UNSUPPORTED_VERSION_NUMBER = known(ErrorCode.OPEN_MESSAGE_ERROR, 1, "Unsupported Version Number");
    public static final ErrorSubcode BAD_PEER_AS = known(ErrorCode.OPEN_MESSAGE_ERROR, 2, "Bad Peer AS");
    public static final ErrorSubcode BAD_BGP_IDENTIFIER = known(ErrorCode.OPEN_MESSAGE_ERROR, 3, "Bad BGP Identifier");
    public static final ErrorSubcode UNSUPPORTED_OPTIONAL_PARAMETER = known(ErrorCode.OPEN_MESSAGE_ERROR, 4, "Unsupported Optional Parameter");
    public static final ErrorSubcode UNACCEPTABLE_HOLD_TIME = known(ErrorCode.OPEN_MESSAGE_ERROR, 6, "Unacceptable Hold Time");
    public static final ErrorSubcode UNSUPPORTED_CAPABILITY = known(ErrorCode.OPEN_MESSAGE_ERROR, 7, "Unsupported Capability");
    public static final ErrorSubcode ROLE_MISMATCH = known(ErrorCode.OPEN_MESSAGE_ERROR, 11, "Role Mismatch");

    public static final ErrorSubcode UNSPECIFIC_UPDATE = known(ErrorCode.UPDATE_MESSAGE_ERROR, 0, "Unspecific");
    public static final ErrorSubcode MALFORMED_ATTRIBUTE_LIST = known(ErrorCode.UPDATE_MESSAGE_ERROR, 1, "Malformed Attribute List");
    public static final ErrorSubcode UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = known(ErrorCode.UPDATE_MESSAGE_ERROR, 2, "Unrecognized Well-known Attribute");
    public static final ErrorSubcode MISSING_WELL_KNOWN_ATTRIBUTE = known(ErrorCode.UPDATE_MESSAGE_ERROR, 3, "Missing Well-known Attribute");
    public static final ErrorSubcode ATTRIBUTE_FLAGS_ERROR = known(ErrorCode.UPDATE_MESSAGE_ERROR, 4, "Attribute Flags Error");
    public static final ErrorSubcode ATTRIBUTE_LENGTH_ERROR = known(ErrorCode.UPDATE_MESSAGE_ERROR, 5, "Attribute Length Error");
    public static final ErrorSubcode INVALID_ORIGIN_ATTRIBUTE = known(ErrorCode.UPDATE_MESSAGE_ERROR, 6, "Invalid ORIGIN Attribute");
    public static final ErrorSubcode INVALID_NEXT_HOP_ATTRIBUTE = known(ErrorCode.UPDATE_MESSAGE_ERROR, 8, "Invalid NEXT_HOP Attribute");
    public static final ErrorSubcode OPTIONAL_ATTRIBUTE_ERROR = known(ErrorCode.UPDATE_MESSAGE_ERROR, 9, "Optional Attribute Error");
    public static final ErrorSubcode INVALID_NETWORK_FIELD = known(ErrorCode.UPDATE_MESSAGE_ERROR, 10, "Invalid Network Field");
    public static final ErrorSubcode MALFORMED_AS_PATH = known(ErrorCode.UPDATE_MESSAGE_ERROR, 11, "Malformed AS_PATH");

    public static final ErrorSubcode HOLD_TIMER_EXPIRED = known(ErrorCode.HOLD_TIMER_EXPIRED, 0, "Unspecific");

    public static final ErrorSubcode FSM_UNSPECIFIED = known(ErrorCode.FSM_ERROR, 0, "Unspecified Error");
    public static final ErrorSubcode FSM_UNEXPECTED_IN_OPEN_SENT = known(ErrorCode.FSM_ERROR, 1, "Receive Unexpected Message in OpenSent State");
    public static final ErrorSubcode FSM_UNEXPECTED_IN_OPEN_CONFIRM = known(ErrorCode.FSM_ERROR, 2, "Receive Unexpected Message in OpenConfirm State");
    public static final ErrorSubcode FSM_UNEXPECTED_IN_ESTABLISHED = known(ErrorCode.FSM_ERROR, 3, "Receive Unexpected Message in Established State");

    public static final ErrorSubcode CEASE_UNSPECIFIC = known(ErrorCode.CEASE, 0, "Unspecific");
    public static final ErrorSubcode MAXIMUM_PREFIXES_REACHED = known(ErrorCode.CEASE, 1, "Maximum Number of Prefixes Reached");
    public static final ErrorSubcode ADMINISTRATIVE_SHUTDOWN = known(ErrorCode.CEASE, 2, "Administrative Shutdown");
    public static final ErrorSubcode PEER_DECONFIGURED = known(ErrorCode.CEASE, 3, "Peer De-configured");
    public static final ErrorSubcode ADMINISTRATIVE_RESET = known(ErrorCode.CEASE, 4, "Administrative Reset");
    public static final ErrorSubcode CONNECTION_REJECTED = known(ErrorCode.CEASE, 5, "Connection Rejected");
    public static final ErrorSubcode OTHER_CONFIGURATION_CHANGE = known(ErrorCode.CEASE, 6, "Other Configuration Change");
    public static final ErrorSubcode CONNECTION_COLLISION_RESOLUTION = known(ErrorCode.CEASE, 7, "Connection Collision Resolution");
    public static final ErrorSubcode OUT_OF_RESOURCES = known(ErrorCode.CEASE, 8, "Out of Resources");
    public static final ErrorSubcode HARD_RESET = known(ErrorCode.CEASE, 9, "Hard Reset");
    public static final ErrorSubcode BFD_DOWN = known(ErrorCode.CEASE, 10, "BFD Down");

    public static final ErrorSubcode INVALID_ROUTE_REFRESH_LENGTH = known(ErrorCode.ROUTE_REFRESH_MESSAGE_ERROR, 1, "Invalid Message Length");

    private final ErrorCode code;
    private final int subcode;
    private final String name;

    private ErrorSubcode(ErrorCode code, int subcode, String name) {
        this.code = code;
        this.subcode = subcode;
        this.name = name;
    }

    private static ErrorSubcode known(ErrorCode code, int subcode, String name) {
        ErrorSubcode v = new ErrorSubcode(code, subcode, name);
        KNOWN.put(key(code.number(), subcode), v);
        return v;
    }

    private static int key(int code, int subcode) {
        return (code & 0xff) << 8 | (subcode & 0xff);
    }

    public static ErrorSubcode valueOf(int code, int subcode) {
        ErrorSubcode v = KNOWN.get(key(code, subcode));
        return v != null ? v : new ErrorSubcode(ErrorCode.valueOf(code), subcode & 0xff, Integer.toString(subcode & 0xff));
    }

    public ErrorCode code() {
        return code;
    }

    public int subcode() {
        return subcode;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorSubcode other && other.code.equals(code) && other.subcode == subcode;
    }

    @Override
    public int hashCode() {
        return key(code.number(), subcode);
    }

    /** "Cease/Administrative Shutdown", "Hold Timer Expired" (a subcode 0 with no other meaning is left out). */
    @Override
    public String toString() {
        if (subcode == 0 && (code.equals(ErrorCode.HOLD_TIMER_EXPIRED) || !KNOWN.containsKey(key(code.number(), 0)))) {
            return code.toString();
        }
        return code + "/" + name;
    }
}
