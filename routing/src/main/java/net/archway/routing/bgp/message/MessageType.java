package net.archway.routing.bgp.message;

import java.util.HashMap;
import java.util.Map;

/**
 * BGP message types (RFC 4271 §4.1, IANA "BGP Message Types"). Known numbers print by name; unknown ones still decode, print and re-encode.
 */
public final class MessageType extends RegistryValue {
    private static final Map<Integer, MessageType> KNOWN = new HashMap<>();

    public static final MessageType OPEN = known(1, "OPEN");
    public static final MessageType UPDATE = known(2, "UPDATE");
    public static final MessageType NOTIFICATION = known(3, "NOTIFICATION");
    public static final MessageType KEEPALIVE = known(4, "KEEPALIVE");
    public static final MessageType ROUTE_REFRESH = known(5, "ROUTE-REFRESH");

    private MessageType(int number, String name) {
        super(number, name);
    }

    private static MessageType known(int number, String name) {
        MessageType v = new MessageType(number, name);
        KNOWN.put(number, v);
        return v;
    }

    public static MessageType valueOf(int number) {
        int n = number & 0xff;
        MessageType v = KNOWN.get(n);
        return v != null ? v : new MessageType(n, Integer.toString(n));
    }

    /** True when the number is one this implementation knows by name. */
    public boolean isKnown() {
        return KNOWN.get(number()) == this;
    }
}
