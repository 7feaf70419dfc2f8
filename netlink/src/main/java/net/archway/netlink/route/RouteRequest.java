package net.archway.netlink.route;

import static net.archway.netlink.route.Rtnl.*;

import net.archway.netlink.NetlinkRequest;
import net.archway.netlink.message.AttributeSchema;
import net.archway.netlink.message.MessageWriter;
import net.archway.netlink.message.Nl;

/** Adding, replacing or deleting one route; the unit of a route batch, reported back on failure. */
public final class RouteRequest implements NetlinkRequest {
    public enum Operation {
        /** RTM_NEWROUTE with CREATE|EXCL: an existing route is an EEXIST error. */
        ADD,
        /** RTM_NEWROUTE with CREATE|REPLACE: creates or replaces. */
        REPLACE,
        /** RTM_DELROUTE. */
        DELETE
    }

    private final Operation operation;
    private final Route route;

    private RouteRequest(Operation operation, Route route) {
        this.operation = operation;
        this.route = route;
    }

    public static RouteRequest add(Route route) {
        return new RouteRequest(Operation.ADD, route);
    }

    public static RouteRequest replace(Route route) {
        return new RouteRequest(Operation.REPLACE, route);
    }

    public static RouteRequest delete(Route route) {
        return new RouteRequest(Operation.DELETE, route);
    }

    public Operation operation() {
        return operation;
    }

    public Route route() {
        return route;
    }

    @Override
    public int type() {
        return operation == Operation.DELETE ? RTM_DELROUTE : RTM_NEWROUTE;
    }

    @Override
    public int flags() {
        return switch (operation) {
            case ADD -> Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;
            case REPLACE -> Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE;
            case DELETE -> 0;
        };
    }

    @Override
    public void writePayload(MessageWriter w) {
        RouteCodec.write(w, operation, route);
    }

    @Override
    public int headerLength() {
        return RTMSG_SIZE;
    }

    @Override
    public AttributeSchema schema() {
        return ROUTE_ATTRS;
    }

    @Override
    public String describe() {
        return Rtnl.messageName(type()) + (operation == Operation.REPLACE ? " (replace) " : " ") + route;
    }

    @Override
    public String toString() {
        return describe();
    }
}
