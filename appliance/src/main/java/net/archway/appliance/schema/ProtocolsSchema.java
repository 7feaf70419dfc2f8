package net.archway.appliance.schema;

import static net.archway.cli.schema.Statement.container;
import static net.archway.cli.schema.Statement.flag;
import static net.archway.cli.schema.Statement.key;
import static net.archway.cli.schema.Statement.leaf;
import static net.archway.cli.schema.Statement.leafList;
import static net.archway.cli.schema.Statement.list;

import java.util.ArrayList;
import java.util.List;

import net.archway.cli.config.ConfigCheck;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.Step;
import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;

/** {@code protocols bgp} (groups, neighbours) and {@code protocols bfd}. */
public final class ProtocolsSchema {
    private ProtocolsSchema() {
    }

    private static ValueType policy() {
        return ValueType.reference("<policy>", "policy-options", "policy-statement");
    }

    private static Statement family(String name, String help) {
        return container(name, help,
                container("unicast", "Include unicast NLRI",
                        container("prefix-limit", "Limit maximum number of prefixes from a peer",
                                leaf("maximum", "Maximum number of prefixes accepted from a peer",
                                        ValueType.integer("<maximum>", 1, 4294967295L)),
                                leaf("teardown", "Clear peer connection on reaching limit (percent to warn at)",
                                        ValueType.integer("<limit-threshold>", 1, 100)),
                                leaf("idle-timeout", "Timeout before the session is started again after a teardown",
                                        ValueType.union("<idle-timeout>", ValueType.enumeration("forever",
                                                "Stay down until cleared"), ValueType.integer("<minutes>", 1, 2400))))));
    }

    /** The statements a group and a neighbour share (and, partly, bgp itself). */
    private static List<Statement> peerStatements(boolean neighbor) {
        List<Statement> s = new ArrayList<>();
        s.add(leaf("description", "Text description", ValueType.string()));
        if (!neighbor) {
            s.add(leaf("type", "Type of peer group", ValueType.enumeration("internal", "IBGP group or peer",
                    "external", "EBGP group or peer")));
        }
        s.add(leaf("peer-as", "Autonomous system number", Types.AS));
        s.add(leaf("local-as", "Local autonomous system number", Types.AS));
        s.add(leaf("local-address", "Address of local end of BGP session", ValueType.ipAddress()));
        s.add(leaf("hold-time", "Hold time used when negotiating with a peer",
                ValueType.integer("<hold-time>", 0, 65535)));
        s.add(leaf("authentication-key", "MD5 authentication key", ValueType.secret("<authentication-key>")));
        s.add(container("multihop", "Configure an EBGP multihop session",
                leaf("ttl", "TTL value for the session", ValueType.integer("<ttl>", 1, 255))).oneLine());
        s.add(flag("passive", "Do not send open messages to a peer"));
        s.add(leaf("ttl-security", "Accept only packets that crossed at most this many hops (GTSM, RFC 5082; Archway)",
                ValueType.integer("<hops>", 1, 254)));
        s.add(leafList("import", "Import policy", policy()));
        s.add(leafList("export", "Export policy", policy()));
        s.add(leaf("local-preference", "Value of LOCAL_PREF path attribute", Types.U32));
        s.add(container("multipath", "Allow load sharing among multiple BGP paths",
                flag("multiple-as", "Use paths received from different ASs")).oneLine());
        s.add(container("family", "Protocol family for NLRIs in updates",
                family("inet", "IPv4 NLRI parameters"), family("inet6", "IPv6 NLRI parameters")));
        s.add(RoutingOptionsSchema.bfd());
        s.add(gracefulRestart());
        s.add(leaf("cluster", "Cluster identifier", ValueType.ipv4Address()));
        return s;
    }

    private static Statement gracefulRestart() {
        return container("graceful-restart", "BGP graceful restart options",
                flag("disable", "Disable graceful restart"),
                leaf("restart-time", "Restart time used when negotiating with a peer",
                        ValueType.integer("<restart-time>", 1, 600)),
                leaf("stale-routes-time", "Maximum time for which stale routes are kept",
                        ValueType.integer("<stale-routes-time>", 1, 600)));
    }

    public static Statement build() {
        Statement group = list("group", "Define a peer group", key("name", Types.NAME));
        group.add(peerStatements(false));
        Statement neighbor = list("neighbor", "Configure a neighbor", key("name", ValueType.ipAddress()));
        neighbor.add(peerStatements(true));
        group.add(neighbor);
        return container("protocols", "Routing protocol configuration",
                container("bgp", "BGP options",
                        leaf("local-preference", "Value of LOCAL_PREF path attribute", Types.U32),
                        leaf("hold-time", "Hold time used when negotiating with a peer",
                                ValueType.integer("<hold-time>", 0, 65535)),
                        leafList("import", "Import policy", policy()),
                        leafList("export", "Export policy", policy()),
                        gracefulRestart(),
                        container("defaults", "Default behaviour",
                                container("ebgp", "External peers",
                                        container("no-policy", "What to do with routes of external peers that have no policy"
                                                + " (RFC 8212; Archway rejects by default)",
                                                leaf("receive", "Routes received without an import policy",
                                                        ValueType.enumeration("accept", "Accept them", "reject",
                                                                "Reject them (RFC 8212)")),
                                                leaf("advertise", "Routes advertised without an export policy",
                                                        ValueType.enumeration("accept", "Advertise active BGP routes",
                                                                "reject", "Advertise nothing (RFC 8212)"))))),
                        group),
                container("bfd", "Bidirectional Forwarding Detection (BFD) options",
                        flag("no-issu-timer-negotiation", "Disable timer negotiation during an upgrade"),
                        container("traceoptions", "Trace options for BFD",
                                leaf("file", "Trace file", ValueType.identifier("<filename>")),
                                leafList("flag", "Tracing parameters", ValueType.enumeration("all", "Trace all",
                                        "error", "Trace errors", "session", "Trace sessions", "state",
                                        "Trace state changes")))));
    }

    /**
     * BGP rules beyond the schema: an external peer needs {@code peer-as} (on its group or
     * itself); internal groups need {@code routing-options autonomous-system}; a group needs
     * {@code type}.
     */
    public static ConfigCheck check() {
        return (root, problems) -> {
            ConfigNode protocols = root.child("protocols");
            ConfigNode bgp = protocols == null ? null : protocols.child("bgp");
            if (bgp == null) {
                return;
            }
            ConfigNode ro = root.child("routing-options");
            boolean hasAs = ro != null && ro.leaf("autonomous-system") != null;
            for (ConfigNode g : bgp.entries("group")) {
                List<Step> path = List.of(new Step(protocols.def(), List.of()), new Step(bgp.def(), List.of()),
                        new Step(g.def(), g.keys()));
                String type = g.leaf("type");
                if (type == null) {
                    problems.error(path, "'type' is missing: set type internal or external");
                    continue;
                }
                if (!hasAs) {
                    problems.error(path, "'routing-options autonomous-system' is missing: BGP needs the local AS");
                }
                if (type.equals("external") && g.leaf("peer-as") == null) {
                    List<ConfigNode> neighbors = g.entries("neighbor");
                    boolean all = !neighbors.isEmpty();
                    for (ConfigNode n : neighbors) {
                        all &= n.leaf("peer-as") != null;
                    }
                    if (!all) {
                        problems.error(path, "'peer-as' is missing");
                    }
                }
            }
        };
    }
}
