package net.archway.appliance.interfaces;

import java.util.List;

import net.archway.netlink.route.LinkStats;

/**
 * What {@code show interfaces} reports for one kernel interface (or a configured one that is
 * missing): administrative and link state, MTU, addresses, counters.
 */
public record InterfaceStatus(String name, boolean configured, boolean present, boolean adminUp, boolean linkUp,
                              int mtu, String macAddress, String description, String kind, int vlanId,
                              List<String> inet, List<String> inet6, LinkStats stats) {
    public InterfaceStatus {
        inet = List.copyOf(inet);
        inet6 = List.copyOf(inet6);
    }
}
