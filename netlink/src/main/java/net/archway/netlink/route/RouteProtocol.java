package net.archway.netlink.route;

import java.util.HashMap;
import java.util.Map;

/**
 * Who installed a route (rtm_protocol, RTPROT_*; names as in /etc/iproute2/rt_protos). Known numbers print by name; unknown ones still decode, print and re-encode.
 */
public final class RouteProtocol {
    private static final Map<Integer, RouteProtocol> KNOWN = new HashMap<>();

    public static final RouteProtocol UNSPEC = known(0, "unspec");
    public static final RouteProtocol REDIRECT = known(1, "redirect");
    public static final RouteProtocol KERNEL = known(2, "kernel");
    public static final RouteProtocol BOOT = known(3, "boot");
    public static final RouteProtocol STATIC = known(4, "static");
    public static final RouteProtocol GATED = known(8, "gated");
    public static final RouteProtocol RA = known(9, "ra");
    public static final RouteProtocol MRT = known(10, "mrt");
    public static final RouteProtocol ZEBRA = known(11, "zebra");
    public static final RouteProtocol BIRD = known(12, "bird");
    public static final RouteProtocol DNROUTED = known(13, "dnrouted");
    public static final RouteProtocol XORP = known(14, "xorp");
    public static final RouteProtocol NTK = known(15, "ntk");
    public static final RouteProtocol DHCP = known(16, "dhcp");
    public static final RouteProtocol MROUTED = known(17, "mrouted");
    public static final RouteProtocol KEEPALIVED = known(18, "keepalived");
    public static final RouteProtocol BABEL = known(42, "babel");
    public static final RouteProtocol OPENR = known(99, "openr");
    public static final RouteProtocol BGP = known(186, "bgp");
    public static final RouteProtocol ISIS = known(187, "isis");
    public static final RouteProtocol OSPF = known(188, "ospf");
    public static final RouteProtocol RIP = known(189, "rip");
    public static final RouteProtocol EIGRP = known(192, "eigrp");

    private final int number;
    private final String name;

    private RouteProtocol(int number, String name) {
        this.number = number;
        this.name = name;
    }

    private static RouteProtocol known(int number, String name) {
        RouteProtocol v = new RouteProtocol(number, name);
        KNOWN.put(number, v);
        return v;
    }

    public static RouteProtocol valueOf(int number) {
        RouteProtocol v = KNOWN.get(number & 0xff);
        return v != null ? v : new RouteProtocol(number & 0xff, Integer.toString(number & 0xff));
    }

    /** By name as `ip` prints it, or by number. */
    public static RouteProtocol parse(String text) {
        for (RouteProtocol v : KNOWN.values()) {
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
        throw new IllegalArgumentException("unknown RouteProtocol: '" + text + "'");
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteProtocol other && other.number == number;
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
