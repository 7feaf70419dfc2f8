package net.archway.routing.rib;

import java.net.InetAddress;

import net.archway.routing.Prefix;

/** A resolved next hop: the directly reachable gateway (or none) and the output interface. */
public record ForwardingHop(InetAddress gateway, String interfaceName, int weight) implements Comparable<ForwardingHop> {
    @Override
    public int compareTo(ForwardingHop o) {
        int c = interfaceName.compareTo(o.interfaceName);
        if (c != 0) {
            return c;
        }
        if (gateway == null || o.gateway == null) {
            return gateway == null ? (o.gateway == null ? 0 : -1) : 1;
        }
        return Prefix.host(gateway).compareTo(Prefix.host(o.gateway));
    }

    @Override
    public String toString() {
        return gateway == null ? "via " + interfaceName : "to " + Prefix.format(gateway) + " via " + interfaceName;
    }
}
