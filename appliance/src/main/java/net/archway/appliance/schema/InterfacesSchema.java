package net.archway.appliance.schema;

import static net.archway.cli.schema.Statement.container;
import static net.archway.cli.schema.Statement.flag;
import static net.archway.cli.schema.Statement.key;
import static net.archway.cli.schema.Statement.leaf;
import static net.archway.cli.schema.Statement.list;

import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;

/**
 * {@code interfaces}: physical interfaces (named directly, as Junos: {@code ge-0/0/0 { ... }}),
 * {@code lo0}, and {@code st0} units for route-based tunnels.
 */
public final class InterfacesSchema {
    private InterfacesSchema() {
    }

    public static Statement build() {
        return container("interfaces", "Interface configuration",
                list("interface", "Interface name", key("name", Types.INTERFACE),
                        leaf("description", "Text description of interface", ValueType.string()),
                        flag("disable", "Disable this interface"),
                        flag("vlan-tagging", "802.1q VLAN tagging support"),
                        leaf("mtu", "Maximum transmit packet size", ValueType.integer("<mtu>", 256, 9216)),
                        list("unit", "Logical interface", key("name", ValueType.integer("<unit>", 0, 16385)),
                                leaf("description", "Text description of interface", ValueType.string()),
                                flag("disable", "Disable this logical interface"),
                                leaf("vlan-id", "Virtual LAN identifier value for 802.1q VLAN tags",
                                        ValueType.integer("<vlan-id>", 1, 4094)),
                                container("family", "Protocol family",
                                        container("inet", "IPv4 parameters",
                                                leaf("mtu", "Protocol family maximum transmission unit",
                                                        ValueType.integer("<mtu>", 256, 9216)),
                                                flag("dhcp", "Enable DHCP client and configure its address and default route"),
                                                list("address", "Interface address/destination prefix",
                                                        key("name", ValueType.interfaceAddress(false)),
                                                        flag("primary", "Candidate for primary address in system"))),
                                        container("inet6", "IPv6 parameters",
                                                leaf("mtu", "Protocol family maximum transmission unit",
                                                        ValueType.integer("<mtu>", 1280, 9216)),
                                                list("address", "Interface address/destination prefix",
                                                        key("name", ValueType.interfaceAddress(true)),
                                                        flag("primary", "Candidate for primary address in system")))))
                ).nameless());
    }
}
