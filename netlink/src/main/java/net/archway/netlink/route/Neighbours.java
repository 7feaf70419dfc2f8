package net.archway.netlink.route;

import java.util.List;

import net.archway.netlink.NetlinkConnection;

/** The ARP and NDP caches. */
public final class Neighbours {
    private final NetlinkConnection connection;

    Neighbours(NetlinkConnection connection) {
        this.connection = connection;
    }

    /** Every neighbour entry of a family (AF_INET, AF_INET6 or AF_UNSPEC for both). */
    public List<Neighbour> list(int family) {
        return connection.dump(NeighbourCodec.dump(family), NeighbourCodec::decode);
    }
}
