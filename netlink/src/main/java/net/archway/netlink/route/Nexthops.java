package net.archway.netlink.route;

import java.util.List;

import net.archway.netlink.NetlinkConnection;

/** Kernel nexthop objects and groups: list, add, replace, delete. */
public final class Nexthops {
    private final NetlinkConnection connection;

    Nexthops(NetlinkConnection connection) {
        this.connection = connection;
    }

    public List<NexthopObject> list() {
        return connection.dump(NexthopCodec.dump(), NexthopCodec::decode);
    }

    /** Adds a nexthop object or group; an id in use is an EEXIST error. */
    public void add(NexthopObject nexthop) {
        connection.execute(NexthopCodec.add(nexthop, false));
    }

    /** Replaces the object with this id: every route using it follows at once. */
    public void replace(NexthopObject nexthop) {
        connection.execute(NexthopCodec.add(nexthop, true));
    }

    /** Deletes a nexthop object; the kernel removes the routes that use it, and it from groups. */
    public void delete(int id) {
        connection.execute(NexthopCodec.delete(id));
    }
}
