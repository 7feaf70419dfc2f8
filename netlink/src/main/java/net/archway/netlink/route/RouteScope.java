package net.archway.netlink.route;

import java.util.HashMap;
import java.util.Map;

/**
 * The scope of a route or address (rtm_scope / ifa_scope, RT_SCOPE_*). Known numbers print by name; unknown ones still decode, print and re-encode.
 */
public final class RouteScope {
    private static final Map<Integer, RouteScope> KNOWN = new HashMap<>();

    public static final RouteScope UNIVERSE = known(0, "global");
    public static final RouteScope SITE = known(200, "site");
    public static final RouteScope LINK = known(253, "link");
    public static final RouteScope HOST = known(254, "host");
    public static final RouteScope NOWHERE = known(255, "nowhere");

    private final int number;
    private final String name;

    private RouteScope(int number, String name) {
        this.number = number;
        this.name = name;
    }

    private static RouteScope known(int number, String name) {
        RouteScope v = new RouteScope(number, name);
        KNOWN.put(number, v);
        return v;
    }

    public static RouteScope valueOf(int number) {
        RouteScope v = KNOWN.get(number & 0xff);
        return v != null ? v : new RouteScope(number & 0xff, Integer.toString(number & 0xff));
    }

    /** By name as `ip` prints it, or by number. */
    public static RouteScope parse(String text) {
        for (RouteScope v : KNOWN.values()) {
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
        throw new IllegalArgumentException("unknown RouteScope: '" + text + "'");
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteScope other && other.number == number;
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
