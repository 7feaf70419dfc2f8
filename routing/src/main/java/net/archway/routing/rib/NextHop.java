package net.archway.routing.rib;

import java.net.InetAddress;

import net.archway.routing.Prefix;

/**
 * A next hop as a protocol gives it: a gateway address, an interface, or both, with a weight
 * for unequal-cost multipath (1-256). A gateway without an interface is resolved by the RIB.
 */
public record NextHop(InetAddress gateway, String interfaceName, int weight) {
    public NextHop {
        if (gateway == null && interfaceName == null) {
            throw new IllegalArgumentException("a next hop needs a gateway or an interface");
        }
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("next-hop weight " + weight + " is outside 1-256");
        }
    }

    public static NextHop via(InetAddress gateway) {
        return new NextHop(gateway, null, 1);
    }

    public static NextHop via(InetAddress gateway, String interfaceName) {
        return new NextHop(gateway, interfaceName, 1);
    }

    public static NextHop interfaceOnly(String interfaceName) {
        return new NextHop(null, interfaceName, 1);
    }

    public NextHop withWeight(int weight) {
        return new NextHop(gateway, interfaceName, weight);
    }

    @Override
    public String toString() {
        if (gateway == null) {
            return "via " + interfaceName;
        }
        return "to " + Prefix.format(gateway) + (interfaceName == null ? "" : " via " + interfaceName);
    }
}
