package net.archway.netlink.route;

import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import net.archway.netlink.NetlinkConnection;
import net.archway.netlink.NetlinkProtocol;
import net.archway.netlink.NetlinkSubscription;

/**
 * rtnetlink for one network namespace: links, addresses, routes, rules, neighbours, nexthop objects, and
 * subscriptions to their changes. Requests go through one connection, one at a time.
 */
public final class Rtnetlink implements AutoCloseable {
    private final NetlinkConnection connection;
    private final Links links;
    private final Addresses addresses;
    private final Routes routes;
    private final Rules rules;
    private final Neighbours neighbours;
    private final Nexthops nexthops;

    private Rtnetlink(NetlinkConnection connection) {
        this.connection = connection;
        this.links = new Links(connection);
        this.addresses = new Addresses(connection);
        this.routes = new Routes(connection);
        this.rules = new Rules(connection);
        this.neighbours = new Neighbours(connection);
        this.nexthops = new Nexthops(connection);
    }

    /** rtnetlink in the JVM's own network namespace. */
    public static Rtnetlink open() {
        return open(null);
    }

    /** rtnetlink in the named network namespace ({@code /var/run/netns/NAME}); null for the JVM's own. */
    public static Rtnetlink open(String namespace) {
        return new Rtnetlink(NetlinkConnection.open(NetlinkProtocol.ROUTE, namespace));
    }

    public String namespace() {
        return connection.namespace();
    }

    public Links links() {
        return links;
    }

    public Addresses addresses() {
        return addresses;
    }

    public Routes routes() {
        return routes;
    }

    public Rules rules() {
        return rules;
    }

    public Neighbours neighbours() {
        return neighbours;
    }

    /** Kernel nexthop objects and groups (RTA_NH_ID routes). */
    public Nexthops nexthops() {
        return nexthops;
    }

    /** The connection underneath, for pipelined batches mixing kinds of request. */
    public NetlinkConnection connection() {
        return connection;
    }

    /**
     * Delivers changes in {@code groups} to {@code handler} on a thread of the subscription's
     * own. {@code overrun} runs when the kernel dropped notifications: dump again to resync.
     */
    public NetlinkSubscription subscribe(Set<RtnetlinkEvent.Group> groups, Consumer<RtnetlinkEvent> handler,
                                         Runnable overrun) {
        Objects.requireNonNull(handler);
        Objects.requireNonNull(overrun);
        int[] numbers = groups.stream().mapToInt(RtnetlinkEvent.Group::number).toArray();
        return NetlinkSubscription.start(NetlinkProtocol.ROUTE, connection.namespace(), numbers,
                "rtnetlink-events" + (connection.namespace() == null ? "" : "-" + connection.namespace()), m -> {
                    RtnetlinkEvent e = RtnetlinkEvent.decode(m);
                    if (e != null) {
                        handler.accept(e);
                    }
                }, overrun);
    }

    @Override
    public void close() {
        connection.close();
    }
}
