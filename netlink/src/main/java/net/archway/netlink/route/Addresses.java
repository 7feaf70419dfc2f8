package net.archway.netlink.route;

import java.util.List;
import java.util.stream.Collectors;

import net.archway.netlink.NetlinkConnection;

/** Interface addresses, IPv4 and IPv6: list, add, replace, delete. */
public final class Addresses {
    private final NetlinkConnection connection;

    Addresses(NetlinkConnection connection) {
        this.connection = connection;
    }

    /** Every address of every interface, both families. */
    public List<InterfaceAddress> list() {
        return connection.dump(AddressCodec.dump(Rtnl.AF_UNSPEC), AddressCodec::decode);
    }

    public List<InterfaceAddress> list(int index) {
        return list().stream().filter(a -> a.index() == index).collect(Collectors.toList());
    }

    /** Adds an address; one that is already there is an EEXIST kernel error. */
    public void add(InterfaceAddress address) {
        connection.execute(AddressCodec.add(address, false));
    }

    /** Adds an address or updates the one that is there. */
    public void replace(InterfaceAddress address) {
        connection.execute(AddressCodec.add(address, true));
    }

    public void delete(InterfaceAddress address) {
        connection.execute(AddressCodec.delete(address));
    }
}
