package net.archway.routing.bgp.message;

/**
 * ROUTE-REFRESH (RFC 2918 §3): asks the peer to send its Adj-RIB-Out for a family again. The
 * octet that RFC 2918 reserved is the Message Subtype of enhanced route refresh (RFC 7313 §3.2):
 * 0 a normal request, 1 Beginning of Route Refresh (BoRR), 2 End of Route Refresh (EoRR).
 */
public record RouteRefreshMessage(Family family, int subtype) implements BgpMessage {
    public static final int NORMAL = 0;
    public static final int BEGIN = 1;
    public static final int END = 2;

    public RouteRefreshMessage {
        if (subtype < 0 || subtype > 255) {
            throw new IllegalArgumentException("route refresh subtype " + subtype + " is outside 0-255");
        }
    }

    public static RouteRefreshMessage request(Family family) {
        return new RouteRefreshMessage(family, NORMAL);
    }

    @Override
    public MessageType type() {
        return MessageType.ROUTE_REFRESH;
    }

    @Override
    public String toString() {
        String what = switch (subtype) {
            case NORMAL -> "request";
            case BEGIN -> "BoRR";
            case END -> "EoRR";
            default -> "subtype " + subtype;
        };
        return "ROUTE-REFRESH " + family + " " + what;
    }
}
