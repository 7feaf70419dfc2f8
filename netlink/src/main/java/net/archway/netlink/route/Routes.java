package net.archway.netlink.route;

import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import net.archway.netlink.BatchListener;
import net.archway.netlink.BatchResult;
import net.archway.netlink.Errno;
import net.archway.netlink.NetlinkConnection;
import net.archway.netlink.NetlinkKernelException;

/** Routes in any table, IPv4 and IPv6, single-path and multipath; one at a time or pipelined. */
public final class Routes {
    private final NetlinkConnection connection;

    Routes(NetlinkConnection connection) {
        this.connection = connection;
    }

    /** Every route of a family (AF_INET or AF_INET6) in every table. */
    public List<Route> list(int family) {
        return list(family, 0, 0);
    }

    /** Routes of a family in {@code table} (0: all) owned by {@code protocol} (0: any); a table that does not exist is empty. */
    public List<Route> list(int family, int table, int protocol) {
        try {
            return connection.dump(RouteCodec.dump(family, table, protocol), RouteCodec::decode);
        } catch (NetlinkKernelException e) {
            if (table != 0 && e.errno().equals(Errno.ENOENT)) {
                return List.of(); // "ipv4: FIB table does not exist"
            }
            throw e;
        }
    }

    /**
     * Streams the routes of a family, table and protocol to {@code sink} without holding them;
     * returns false if the kernel flagged the dump as inconsistent (dump again).
     */
    public boolean forEach(int family, int table, int protocol, Consumer<Route> sink) {
        try {
            return connection.dump(RouteCodec.dump(family, table, protocol), RouteCodec::decode, sink);
        } catch (NetlinkKernelException e) {
            if (table != 0 && e.errno().equals(Errno.ENOENT)) {
                return true;
            }
            throw e;
        }
    }

    /** Adds a route; an identical one already present is an EEXIST kernel error. */
    public void add(Route route) {
        connection.execute(RouteRequest.add(route));
    }

    /** Adds a route or replaces the one with the same destination, table, metric (and TOS). */
    public void replace(Route route) {
        connection.execute(RouteRequest.replace(route));
    }

    public void delete(Route route) {
        connection.execute(RouteRequest.delete(route));
    }

    /** Applies many route changes pipelined; each refusal is reported against its own request. */
    public BatchResult apply(Iterator<RouteRequest> requests, BatchListener<? super RouteRequest> listener) {
        return connection.batch(requests, listener);
    }
}
