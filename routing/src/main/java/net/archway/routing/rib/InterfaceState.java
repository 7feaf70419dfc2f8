package net.archway.routing.rib;

import java.util.List;

import net.archway.routing.Prefix;

/**
 * What the RIB needs to know of an interface: whether it can carry traffic (administratively
 * up AND with carrier: Junos takes routes off an interface the moment its carrier goes, whatever
 * the kernel keeps) and its addresses, from which come the Direct and Local routes.
 */
public record InterfaceState(String name, boolean usable, List<Address> addresses) {
    public InterfaceState {
        addresses = List.copyOf(addresses);
    }

    /** An address on the interface: {@code 192.0.2.1/24} gives Direct 192.0.2.0/24 and Local 192.0.2.1/32. */
    public record Address(java.net.InetAddress address, int prefixLength) {
        public Prefix subnet() {
            return Prefix.of(address, prefixLength);
        }

        public Prefix host() {
            return Prefix.host(address);
        }
    }
}
