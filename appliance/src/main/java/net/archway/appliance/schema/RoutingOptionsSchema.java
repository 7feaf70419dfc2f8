package net.archway.appliance.schema;

import static net.archway.cli.schema.Statement.container;
import static net.archway.cli.schema.Statement.flag;
import static net.archway.cli.schema.Statement.key;
import static net.archway.cli.schema.Statement.leaf;
import static net.archway.cli.schema.Statement.leafList;
import static net.archway.cli.schema.Statement.list;

import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;

/**
 * {@code routing-options}: router id, AS, static routes ({@code rib inet6.0 static} for IPv6)
 * with next hops, qualified next hops, preference, metric, discard, reject and BFD.
 */
public final class RoutingOptionsSchema {
    private RoutingOptionsSchema() {
    }

    /** {@code bfd-liveness-detection}, shared by static routes and BGP. */
    static Statement bfd() {
        return container("bfd-liveness-detection", "Bidirectional Forwarding Detection (BFD) options",
                leaf("minimum-interval", "Minimum transmit and receive interval (milliseconds)",
                        ValueType.integer("<minimum-interval>", 1, 255000)),
                leaf("minimum-receive-interval", "Minimum receive interval (milliseconds)",
                        ValueType.integer("<minimum-receive-interval>", 1, 255000)),
                leaf("multiplier", "Detection time multiplier", ValueType.integer("<multiplier>", 1, 255)),
                flag("no-adaptation", "Disable adaptation"),
                leaf("local-address", "BFD local address (for multihop only)", ValueType.ipAddress()));
    }

    static Statement staticRoutes(boolean v6) {
        ValueType address = v6 ? ValueType.ipv6Address() : ValueType.ipv4Address();
        return container("static", "Static routes",
                list("route", "Static route", key("name", v6 ? ValueType.ipv6Prefix() : ValueType.ipv4Prefix()),
                        leafList("next-hop", "Next hop to destination", ValueType.union("<next-hop>", address,
                                ValueType.pattern("<interface>", "interface name.unit",
                                        "[a-z][a-z0-9_-]{0,14}(/[0-9]{1,3}){0,3}\\.[0-9]{1,5}"))),
                        list("qualified-next-hop", "Next hop with qualifiers", key("name", ValueType.union(
                                "<next-hop>", address, Types.INTERFACE_UNIT)),
                                leaf("preference", "Preference of qualified next hop", Types.PREFERENCE),
                                leaf("metric", "Metric of qualified next hop", Types.METRIC),
                                leaf("interface", "Interface of qualified next hop", Types.INTERFACE_UNIT),
                                leaf("latency-probe", "RPM probe measuring this next hop (Archway: latency selection)",
                                        ValueType.reference("<probe>", "services", "rpm", "probe")),
                                bfd()),
                        container("latency-selection",
                                "Forward through the measured qualified next hop with the lowest round-trip time (Archway)",
                                leaf("margin", "Milliseconds a faster next hop must win by before traffic moves",
                                        ValueType.integer("<milliseconds>", 0, 60000)),
                                leaf("margin-percent", "Percent of the current round-trip time it must win by",
                                        ValueType.integer("<percent>", 0, 100)),
                                leaf("stable-tests", "Probe tests in a row it must win before traffic moves",
                                        ValueType.integer("<tests>", 1, 100))),
                        leaf("preference", "Preference value", Types.PREFERENCE),
                        leaf("metric", "Metric value", Types.METRIC),
                        flag("discard", "Drop packets to destination; send no ICMP unreachables"),
                        flag("reject", "Drop packets to destination; send ICMP unreachables"),
                        bfd()).oneLine());
    }

    public static Statement build() {
        return container("routing-options", "Protocol-independent routing option configuration",
                leaf("router-id", "Router identifier", ValueType.ipv4Address()),
                leaf("autonomous-system", "Autonomous system number", Types.AS),
                list("rib", "Routing table options", key("name", ValueType.enumeration("inet6.0", "IPv6 unicast table")),
                        staticRoutes(true)),
                staticRoutes(false),
                container("forwarding-table", "Forwarding table",
                        leafList("export", "Export policy", ValueType.reference("<policy>", "policy-options",
                                "policy-statement"))).oneLine());
    }
}
