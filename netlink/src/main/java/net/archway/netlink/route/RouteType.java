package net.archway.netlink.route;

import java.util.HashMap;
import java.util.Map;

/**
 * The type of a route (rtm_type, RTN_*). Known numbers print by name; unknown ones still decode, print and re-encode.
 */
public final class RouteType {
    private static final Map<Integer, RouteType> KNOWN = new HashMap<>();

    public static final RouteType UNSPEC = known(0, "unspec");
    public static final RouteType UNICAST = known(1, "unicast");
    public static final RouteType LOCAL = known(2, "local");
    public static final RouteType BROADCAST = known(3, "broadcast");
    public static final RouteType ANYCAST = known(4, "anycast");
    public static final RouteType MULTICAST = known(5, "multicast");
    public static final RouteType BLACKHOLE = known(6, "blackhole");
    public static final RouteType UNREACHABLE = known(7, "unreachable");
    public static final RouteType PROHIBIT = known(8, "prohibit");
    public static final RouteType THROW = known(9, "throw");
    public static final RouteType NAT = known(10, "nat");

    private final int number;
    private final String name;

    private RouteType(int number, String name) {
        this.number = number;
        this.name = name;
    }

    private static RouteType known(int number, String name) {
        RouteType v = new RouteType(number, name);
        KNOWN.put(number, v);
        return v;
    }

    public static RouteType valueOf(int number) {
        RouteType v = KNOWN.get(number & 0xff);
        return v != null ? v : new RouteType(number & 0xff, Integer.toString(number & 0xff));
    }

    /** By name as `ip` prints it, or by number. */
    public static RouteType parse(String text) {
        for (RouteType v : KNOWN.values()) {
            if (v.name.equals(text)) {
                return v;
            }
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 255) {
                return valueOf(n);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error
        }
        throw new IllegalArgumentException("unknown RouteType: '" + text + "'");
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteType other && other.number == number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    @Override
    public String toString() {
        return name;
    }
}
