package net.archway.appliance.schema;

import static net.archway.cli.schema.Statement.container;
import static net.archway.cli.schema.Statement.flag;
import static net.archway.cli.schema.Statement.key;
import static net.archway.cli.schema.Statement.leaf;
import static net.archway.cli.schema.Statement.leafList;
import static net.archway.cli.schema.Statement.list;

import java.util.List;

import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;

/**
 * {@code policy-options}: prefix lists, policy statements with ordered terms ({@code from} /
 * {@code then}), communities and AS-path regular expressions.
 */
public final class PolicyOptionsSchema {
    private PolicyOptionsSchema() {
    }

    private static Statement from() {
        return container("from", "Conditions to match the source of a route",
                leafList("prefix-list", "List of prefix-lists of routes to match",
                        ValueType.reference("<prefix-list>", "policy-options", "prefix-list")),
                list("route-filter", "Routes to match", List.of(key("address", ValueType.ipPrefix()),
                        key("choice-ident", Types.routeFilterMatch())),
                        flag("accept", "Accept a route"),
                        flag("reject", "Reject a route")).oneLine(),
                leafList("protocol", "Protocol from which route was learned", ValueType.enumeration(
                        "aggregate", "Aggregate routes", "bgp", "Border Gateway Protocol", "direct",
                        "Directly connected routes", "local", "Local system addresses", "static", "Static routes")),
                leafList("community", "BGP community",
                        ValueType.reference("<community>", "policy-options", "community")),
                leafList("as-path", "Name of AS path regular expression (BGP only)",
                        ValueType.reference("<as-path>", "policy-options", "as-path")),
                leafList("neighbor", "Neighboring router", ValueType.ipAddress()),
                leaf("family", "IP family", ValueType.enumeration("inet", "IPv4", "inet6", "IPv6"))).oneLine();
    }

    private static Statement then() {
        ValueType community = ValueType.reference("<community>", "policy-options", "community");
        return container("then", "Actions to take if 'from' and 'to' conditions match",
                leaf("local-preference", "Local preference associated with a route", Types.U32),
                leaf("metric", "Metric value", Types.METRIC),
                leaf("preference", "Preference value", Types.PREFERENCE),
                leaf("as-path-prepend", "Prepend AS numbers to an AS path (BGP only)",
                        ValueType.pattern("<as-path>", "AS numbers separated by spaces",
                                "[0-9]{1,10}( [0-9]{1,10}){0,31}")),
                container("community", "BGP community properties associated with a route",
                        leafList("add", "Add BGP communities to set", community),
                        leafList("delete", "Delete BGP communities from set", community),
                        leafList("set", "Set the BGP communities in a route", community)).oneLine(),
                leaf("next-hop", "Set the address of the next-hop router", ValueType.union("<next-hop>",
                        ValueType.enumeration("self", "Use a local address as the next-hop address", "peer-address",
                                "Use the remote peer address as the next-hop address"), ValueType.ipAddress())),
                leaf("next", "Skip to next policy or term", ValueType.enumeration("policy", "Skip to next policy",
                        "term", "Skip to next term")),
                flag("accept", "Accept a route"),
                flag("reject", "Reject a route")).oneLine();
    }

    public static Statement build() {
        return container("policy-options", "Policy option configuration",
                list("prefix-list", "Define a named list of address prefixes", key("name", Types.NAME),
                        list("prefix", "Address prefix", key("name", ValueType.ipPrefix())).nameless()),
                list("policy-statement", "Routing policy", key("name", Types.NAME),
                        leaf("description", "Text description of policy", ValueType.string()),
                        list("term", "Policy term", key("name", Types.NAME), from(), then()).ordered(),
                        from(), then()),
                list("community", "BGP community information", key("name", Types.NAME),
                        leafList("members", "Community members", ValueType.pattern("<members>",
                                "community (65000:100, or a regular expression, or no-export...)", "[^\\s]{1,128}"))
                                .mandatory()).oneLine(),
                list("as-path", "BGP autonomous system path regular expression", List.of(key("name", Types.NAME),
                        key("path", ValueType.string("<regular-expression>", "AS path regular expression")))));
    }
}
