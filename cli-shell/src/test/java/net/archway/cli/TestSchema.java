package net.archway.cli;

import static net.archway.cli.schema.Statement.container;
import static net.archway.cli.schema.Statement.flag;
import static net.archway.cli.schema.Statement.key;
import static net.archway.cli.schema.Statement.leaf;
import static net.archway.cli.schema.Statement.leafList;
import static net.archway.cli.schema.Statement.list;
import static net.archway.cli.schema.ValueType.enumeration;
import static net.archway.cli.schema.ValueType.identifier;
import static net.archway.cli.schema.ValueType.integer;
import static net.archway.cli.schema.ValueType.interfaceAddress;
import static net.archway.cli.schema.ValueType.ipAddress;
import static net.archway.cli.schema.ValueType.ipv4Address;
import static net.archway.cli.schema.ValueType.ipv4Prefix;
import static net.archway.cli.schema.ValueType.passwordHash;
import static net.archway.cli.schema.ValueType.reference;
import static net.archway.cli.schema.ValueType.secret;
import static net.archway.cli.schema.ValueType.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.archway.cli.schema.Schema;
import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;
import net.archway.cli.ssh.LoginSchema;

/** A compact Junos-like schema for cli-shell's own tests: every kind of statement, no protocol meaning. */
public final class TestSchema {
    private TestSchema() {
    }

    public static Schema build() {
        Map<String, ValueType> match = new LinkedHashMap<>();
        match.put("exact", null);
        match.put("orlonger", null);
        match.put("longer", null);
        match.put("upto", ValueType.pattern("/<length>", "/length", "/[0-9]{1,3}"));
        match.put("prefix-length-range", ValueType.pattern("/<a>-/<b>", "/a-/b", "/[0-9]{1,3}-/[0-9]{1,3}"));
        Map<String, String> matchHelp = new LinkedHashMap<>();
        matchHelp.put("exact", "Exactly this prefix");
        matchHelp.put("orlonger", "This prefix or longer");
        matchHelp.put("longer", "Longer than this prefix");
        matchHelp.put("upto", "Up to a length");
        matchHelp.put("prefix-length-range", "Lengths in a range");

        Statement system = container("system", "System parameters",
                leaf("host-name", "Hostname for this router", identifier("<host-name>")),
                LoginSchema.login(),
                container("services", "System services",
                        container("ssh", "Allow ssh access",
                                leaf("port", "Port number to accept incoming connections", integer("<port>", 1, 65535)))),
                container("ntp", "Network time protocol",
                        list("server", "NTP server", key("name", ipAddress()),
                                flag("prefer", "Prefer this server"))));

        Statement interfaces = container("interfaces", "Interface configuration",
                list("interface", "Interface name", key("name", identifier("<interface-name>")),
                        leaf("description", "Text description of interface", string()),
                        flag("disable", "Disable this interface"),
                        flag("vlan-tagging", "802.1Q VLAN tagging support"),
                        leaf("mtu", "Maximum transmit packet size", integer("<mtu>", 256, 9216)),
                        list("unit", "Logical interface", key("name", integer("<unit>", 0, 16385)),
                                leaf("description", "Text description", string()),
                                leaf("vlan-id", "Virtual LAN identifier", integer("<vlan-id>", 1, 4094)),
                                container("family", "Protocol family",
                                        container("inet", "IPv4 parameters",
                                                list("address", "Interface address", key("name", interfaceAddress(false)))),
                                        container("inet6", "IPv6 parameters",
                                                list("address", "Interface address", key("name", interfaceAddress(true))))))
                ).nameless());

        Statement routingOptions = container("routing-options", "Protocol-independent routing option",
                leaf("router-id", "Router identifier", ipv4Address()),
                leaf("autonomous-system", "Autonomous system number", integer("<as>", 1, 4294967295L)),
                container("static", "Static routes",
                        list("route", "Static route", key("name", ipv4Prefix()),
                                leafList("next-hop", "Next hop to destination", ipAddress()),
                                leaf("preference", "Preference value", integer("<preference>", 0, 4294967295L)),
                                flag("discard", "Drop packets to destination; send no ICMP unreachables")).oneLine()));

        Statement bgpCommon = null;
        Statement protocols = container("protocols", "Routing protocol configuration",
                container("bgp", "BGP options",
                        list("group", "Define a peer group", key("name", identifier("<group-name>")),
                                leaf("type", "Type of peer group", enumeration("internal", "IBGP group",
                                        "external", "EBGP group")).mandatory(),
                                leaf("peer-as", "Autonomous system number", integer("<as>", 1, 4294967295L)),
                                leafList("import", "Import policy", reference("<policy>", "policy-options", "policy-statement")),
                                leafList("export", "Export policy", reference("<policy>", "policy-options", "policy-statement")),
                                leaf("authentication-key", "MD5 authentication key", secret("<key>")),
                                container("multipath", "Allow load sharing among multiple BGP paths",
                                        flag("multiple-as", "Use paths received from different ASs")).oneLine(),
                                flag("passive", "Do not send open messages to a peer"),
                                list("neighbor", "Configure a neighbor", key("name", ipAddress()),
                                        leaf("description", "Text description", string()),
                                        leaf("peer-as", "Autonomous system number", integer("<as>", 1, 4294967295L)),
                                        leaf("authentication-key", "MD5 authentication key", secret("<key>"))))));

        Statement policy = container("policy-options", "Policy option configuration",
                list("prefix-list", "Define a named list of address prefixes", key("name", identifier("<name>")),
                        list("prefix", "Address prefix", key("name", ipv4Prefix()))
                ),
                list("policy-statement", "Routing policy", key("name", identifier("<policy-name>")),
                        list("term", "Policy term", key("name", identifier("<term-name>")),
                                container("from", "Conditions to match the source of a route",
                                        leafList("prefix-list", "List of prefix-lists of routes to match",
                                                reference("<prefix-list>", "policy-options", "prefix-list")),
                                        list("route-filter", "Routes to match", List.of(key("address", ipv4Prefix()),
                                                key("choice-ident", ValueType.keywordWithArgument("<match-type>", match, matchHelp))),
                                                flag("accept", "Accept a route"),
                                                flag("reject", "Reject a route")).oneLine(),
                                        leafList("protocol", "Protocol from which route was learned",
                                                enumeration("bgp", "BGP", "static", "Static", "direct", "Directly connected"))).oneLine(),
                                container("then", "Actions to take if 'from' and 'to' conditions match",
                                        leaf("local-preference", "Local preference", integer("<local-preference>", 0, 4294967295L)),
                                        flag("accept", "Accept a route"),
                                        flag("reject", "Reject a route")).oneLine()).ordered()),
                list("community", "BGP community information", key("name", identifier("<community-name>")),
                        leafList("members", "Community members", string("<members>", "community")).mandatory()).oneLine());

        return Schema.builder().add(system, interfaces, routingOptions, protocols, policy).build();
    }
}
