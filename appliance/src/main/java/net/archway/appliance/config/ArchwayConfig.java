package net.archway.appliance.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.archway.appliance.interfaces.InterfaceSettings;
import net.archway.cli.config.ConfigCheck;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.Step;
import net.archway.routing.Prefix;
import net.archway.routing.probe.IpMonitoring;
import net.archway.routing.probe.LatencyGroups;
import net.archway.routing.probe.ProbeId;
import net.archway.routing.probe.ProbeSettings;
import net.archway.routing.rib.NextHop;
import net.archway.routing.staticroute.StaticRoute;
import net.archway.routing.staticroute.StaticSettings;

/**
 * Turns the committed configuration tree (inactive statements already removed) into the typed
 * settings of each subsystem. Pure functions: no kernel, no sockets. What the schema cannot say
 * (a next hop through an interface that is not configured, say) is refused here with its place.
 */
public final class ArchwayConfig {
    private ArchwayConfig() {
    }

    /** The path of a chain of nodes from just below the root. */
    static List<Step> path(ConfigNode... nodes) {
        List<Step> out = new ArrayList<>();
        for (ConfigNode n : nodes) {
            if (n != null) {
                out.add(new Step(n.def(), n.keys()));
            }
        }
        return out;
    }

    private static ConfigNode at(ConfigNode root, String... names) {
        ConfigNode n = root;
        for (String name : names) {
            if (n == null) {
                return null;
            }
            n = n.child(name);
        }
        return n;
    }

    /**
     * The commit-time mappings as a configuration check, so that {@code commit check} and
     * {@code archway check-config} refuse what a commit would: each subsystem's first problem,
     * with its place.
     */
    public static ConfigCheck check() {
        return (root, problems) -> {
            InterfaceSettings ifs;
            try {
                ifs = interfaces(root);
            } catch (MappingException e) {
                problems.error(e.path(), e.getMessage());
                return;
            }
            List<Runnable> mappings = List.of(() -> statics(root, ifs), () -> ipMonitoring(root, probes(root, ifs)),
                    () -> BgpConfig.bgp(root, ifs, false), () -> PolicyConfig.policyOptions(root));
            for (Runnable m : mappings) {
                try {
                    m.run();
                } catch (MappingException e) {
                    problems.error(e.path(), e.getMessage());
                }
            }
        };
    }

    // ---------------------------------------------------------------- system

    /** {@code system host-name}, or "archway". */
    public static String hostName(ConfigNode root) {
        ConfigNode sys = root.child("system");
        String h = sys == null ? null : sys.leaf("host-name");
        return h == null ? "archway" : h;
    }

    /** The SSH port from {@code system services ssh [port N]} (22 by default), or -1 without {@code ssh}. */
    public static int sshPort(ConfigNode root) {
        ConfigNode ssh = at(root, "system", "services", "ssh");
        if (ssh == null) {
            return -1;
        }
        String port = ssh.leaf("port");
        return port == null ? 22 : Integer.parseInt(port);
    }

    // ---------------------------------------------------------------- interfaces

    public static InterfaceSettings interfaces(ConfigNode root) {
        ConfigNode ifs = root.child("interfaces");
        if (ifs == null) {
            return InterfaceSettings.NONE;
        }
        List<InterfaceSettings.Physical> out = new ArrayList<>();
        for (ConfigNode i : ifs.entries("interface")) {
            List<InterfaceSettings.Unit> units = new ArrayList<>();
            for (ConfigNode u : i.entries("unit")) {
                units.add(new InterfaceSettings.Unit(Integer.parseInt(u.keys().get(0)),
                        u.leaf("vlan-id") == null ? null : Integer.valueOf(u.leaf("vlan-id")), u.child("disable") != null,
                        u.leaf("description"), addresses(u, "inet"), addresses(u, "inet6"),
                        at(u, "family", "inet", "dhcp") != null));
            }
            out.add(new InterfaceSettings.Physical(i.keys().get(0), i.child("disable") != null,
                    i.leaf("mtu") == null ? null : Integer.valueOf(i.leaf("mtu")), i.leaf("description"),
                    i.child("vlan-tagging") != null, units));
        }
        return new InterfaceSettings(out);
    }

    private static List<String> addresses(ConfigNode unit, String family) {
        ConfigNode f = at(unit, "family", family);
        List<String> out = new ArrayList<>();
        if (f != null) {
            for (ConfigNode a : f.entries("address")) {
                out.add(a.keys().get(0));
            }
        }
        return out;
    }

    /**
     * The kernel name of a logical interface of the configuration ({@code eth1.0} → {@code eth1},
     * {@code eth1.110} with a vlan-id → {@code eth1.110}, {@code lo0.0} → {@code lo}); null when
     * the unit is not configured.
     */
    public static String kernelInterface(InterfaceSettings settings, String logical) {
        int dot = logical.lastIndexOf('.');
        String physical = logical.substring(0, dot);
        int unit = Integer.parseInt(logical.substring(dot + 1));
        for (InterfaceSettings.Physical p : settings.interfaces()) {
            if (p.name().equals(physical)) {
                for (InterfaceSettings.Unit u : p.units()) {
                    if (u.number() == unit) {
                        return p.unitKernelName(u);
                    }
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- static routes

    /** A static next hop whose gateway BFD watches ({@code bfd-liveness-detection}). */
    public record StaticBfd(InetAddress gateway, String interfaceName, Duration minimumInterval, int multiplier) {
    }

    /** Static routes, the BFD sessions that guard their gateways, and latency-selected routes. */
    public record Statics(StaticSettings settings, List<StaticBfd> bfd, List<LatencyGroups.Group> latency) {
        public Statics(StaticSettings settings, List<StaticBfd> bfd) {
            this(settings, bfd, List.of());
        }
    }

    public static Statics statics(ConfigNode root, InterfaceSettings interfaces) {
        ConfigNode ro = root.child("routing-options");
        List<StaticRoute> routes = new ArrayList<>();
        Map<InetAddress, StaticBfd> bfd = new LinkedHashMap<>();
        List<LatencyGroups.Group> latency = new ArrayList<>();
        if (ro != null) {
            readStatics(root, ro, ro.child("static"), null, interfaces, routes, bfd, latency);
            for (ConfigNode rib : ro.entries("rib")) {
                readStatics(root, ro, rib.child("static"), rib, interfaces, routes, bfd, latency);
            }
        }
        return new Statics(new StaticSettings(5, routes), new ArrayList<>(bfd.values()), latency);
    }

    private static void readStatics(ConfigNode root, ConfigNode ro, ConfigNode stat, ConfigNode rib,
                                    InterfaceSettings interfaces, List<StaticRoute> routes, Map<InetAddress, StaticBfd> bfd,
                                    List<LatencyGroups.Group> latency) {
        if (stat == null) {
            return;
        }
        for (ConfigNode r : stat.entries("route")) {
            List<Step> at = path(ro, rib, stat, r);
            Prefix prefix = Prefix.parse(r.keys().get(0));
            Integer pref = r.leaf("preference") == null ? null : Integer.valueOf(r.leaf("preference"));
            long metric = r.leaf("metric") == null ? 0 : Long.parseLong(r.leaf("metric"));
            boolean discard = r.child("discard") != null;
            boolean reject = r.child("reject") != null;
            ConfigNode nh = r.child("next-hop");
            List<NextHop> hops = new ArrayList<>();
            if (nh != null) {
                for (String v : nh.values()) {
                    hops.add(nextHop(v, null, interfaces, at));
                }
            }
            List<StaticRoute.QualifiedNextHop> qualified = new ArrayList<>();
            Map<NextHop, ProbeId> measured = new LinkedHashMap<>();
            for (ConfigNode q : r.entries("qualified-next-hop")) {
                List<Step> qat = path(ro, rib, stat, r, q);
                NextHop hop = nextHop(q.keys().get(0), q.leaf("interface"), interfaces, qat);
                if (q.leaf("latency-probe") != null) {
                    measured.put(hop, probeOf(root, q.leaf("latency-probe"), qat));
                }
                qualified.add(new StaticRoute.QualifiedNextHop(hop,
                        q.leaf("preference") == null ? null : Integer.valueOf(q.leaf("preference")),
                        q.leaf("metric") == null ? null : Long.valueOf(q.leaf("metric"))));
                addBfd(bfd, q.child("bfd-liveness-detection"), hop);
            }
            for (NextHop h : hops) {
                addBfd(bfd, r.child("bfd-liveness-detection"), h);
            }
            int kinds = (discard ? 1 : 0) + (reject ? 1 : 0) + (hops.isEmpty() && qualified.isEmpty() ? 0 : 1);
            if (kinds != 1) {
                throw new MappingException(at, kinds == 0 ? "needs next-hop, qualified-next-hop, discard or reject"
                        : "may have only one of next-hop, discard and reject");
            }
            for (NextHop h : hops) {
                checkFamily(prefix, h, at);
            }
            for (StaticRoute.QualifiedNextHop q : qualified) {
                checkFamily(prefix, q.nextHop(), at);
            }
            ConfigNode sel = r.child("latency-selection");
            if (sel != null) {
                if (measured.size() < 2) {
                    throw new MappingException(at, "latency-selection needs at least two qualified-next-hops with a latency-probe");
                }
                latency.add(new LatencyGroups.Group(prefix, measured,
                        Duration.ofMillis(sel.leaf("margin") == null ? 5 : Long.parseLong(sel.leaf("margin"))),
                        sel.leaf("margin-percent") == null ? 10 : Integer.parseInt(sel.leaf("margin-percent")),
                        sel.leaf("stable-tests") == null ? 3 : Integer.parseInt(sel.leaf("stable-tests"))));
            } else if (!measured.isEmpty()) {
                throw new MappingException(at, "latency-probe on a qualified-next-hop needs 'latency-selection' on the route");
            }
            StaticRoute.Action action = discard ? StaticRoute.Action.DISCARD
                    : reject ? StaticRoute.Action.REJECT : StaticRoute.Action.FORWARD;
            routes.add(new StaticRoute(prefix, hops, qualified, pref, metric, action, false));
        }
    }

    /** The single test of RPM probe {@code owner} that measures a latency-selected next hop. */
    private static ProbeId probeOf(ConfigNode root, String owner, List<Step> at) {
        ConfigNode rpm = at(root, "services", "rpm");
        if (rpm != null) {
            for (ConfigNode probe : rpm.entries("probe")) {
                if (probe.keys().get(0).equals(owner)) {
                    List<ConfigNode> tests = probe.entries("test");
                    if (tests.size() != 1) {
                        throw new MappingException(at, "latency-probe " + owner + " must have exactly one test (it has "
                                + tests.size() + ")");
                    }
                    return new ProbeId(owner, tests.get(0).keys().get(0));
                }
            }
        }
        throw new MappingException(at, "latency-probe " + owner + " is not a configured rpm probe");
    }

    private static void checkFamily(Prefix prefix, NextHop h, List<Step> at) {
        if (h.gateway() != null && Prefix.host(h.gateway()).isIpv4() != prefix.isIpv4()) {
            throw new MappingException(at, "next hop " + Prefix.format(h.gateway()) + " is not of the family of " + prefix);
        }
    }

    private static void addBfd(Map<InetAddress, StaticBfd> bfd, ConfigNode b, NextHop hop) {
        if (b == null || hop.gateway() == null) {
            return;
        }
        int interval = b.leaf("minimum-interval") == null ? 300 : Integer.parseInt(b.leaf("minimum-interval"));
        int multiplier = b.leaf("multiplier") == null ? 3 : Integer.parseInt(b.leaf("multiplier"));
        bfd.putIfAbsent(hop.gateway(), new StaticBfd(hop.gateway(), hop.interfaceName(), Duration.ofMillis(interval),
                multiplier));
    }

    /** A next hop written as an address or a logical interface ({@code st0.1}). */
    private static NextHop nextHop(String value, String viaInterface, InterfaceSettings interfaces, List<Step> at) {
        if (value.indexOf(':') >= 0 || value.matches("[0-9.]+")) {
            InetAddress gw = Prefix.parseAddress(value, value);
            String dev = viaInterface == null ? null : logical(viaInterface, interfaces, at);
            return new NextHop(gw, dev, 1);
        }
        return NextHop.interfaceOnly(logical(value, interfaces, at));
    }

    private static String logical(String logical, InterfaceSettings interfaces, List<Step> at) {
        String kernel = kernelInterface(interfaces, logical);
        if (kernel == null) {
            throw new MappingException(at, "interface " + logical + " is not configured (interfaces "
                    + logical.substring(0, logical.lastIndexOf('.')) + " unit " + logical.substring(logical.lastIndexOf('.') + 1)
                    + ")");
        }
        return kernel;
    }

    // ---------------------------------------------------------------- services

    /** {@code services rpm probe OWNER test NAME}: one probe per test. */
    public static List<ProbeSettings> probes(ConfigNode root, InterfaceSettings interfaces) {
        ConfigNode rpm = at(root, "services", "rpm");
        List<ProbeSettings> out = new ArrayList<>();
        if (rpm == null) {
            return out;
        }
        ConfigNode services = root.child("services");
        for (ConfigNode probe : rpm.entries("probe")) {
            for (ConfigNode test : probe.entries("test")) {
                List<Step> at = path(services, rpm, probe, test);
                String type = test.leaf("probe-type") == null ? "icmp-ping" : test.leaf("probe-type");
                if (type.equals("udp-ping")) {
                    throw new MappingException(at, "probe-type udp-ping needs an RPM responder; use icmp-ping or tcp-ping");
                }
                ConfigNode target = test.child("target");
                String address = target == null ? null : target.leaf("address");
                if (address == null) {
                    throw new MappingException(at, "'target address' is missing");
                }
                String port = test.leaf("destination-port");
                if (type.equals("tcp-ping") && port == null) {
                    throw new MappingException(at, "a tcp-ping probe needs 'destination-port'");
                }
                String via = test.leaf("destination-interface");
                int interval = test.leaf("probe-interval") == null ? 3 : Integer.parseInt(test.leaf("probe-interval"));
                int count = test.leaf("probe-count") == null ? 1 : Integer.parseInt(test.leaf("probe-count"));
                ConfigNode th = test.child("thresholds");
                int successive = th == null || th.leaf("successive-loss") == null ? 1 : Integer.parseInt(th.leaf("successive-loss"));
                int total = th == null || th.leaf("total-loss") == null ? 0 : Integer.parseInt(th.leaf("total-loss"));
                Duration rtt = th == null || th.leaf("rtt") == null ? null : Duration.ofNanos(Long.parseLong(th.leaf("rtt")) * 1000);
                out.add(new ProbeSettings(new ProbeId(probe.keys().get(0), test.keys().get(0)),
                        type.equals("tcp-ping") ? ProbeSettings.Type.TCP_PING : ProbeSettings.Type.ICMP_PING,
                        Prefix.parseAddress(address, address), port == null ? 0 : Integer.parseInt(port),
                        test.leaf("source-address") == null ? null : Prefix.parseAddress(test.leaf("source-address"), ""),
                        via == null ? null : logical(via, interfaces, at), Duration.ofSeconds(interval), count,
                        Duration.ofSeconds(interval), new ProbeSettings.Thresholds(successive, total, rtt)));
            }
        }
        return out;
    }

    /** {@code services ip-monitoring policy NAME}: the probes of the matched owners, preferred routes, hold-down. */
    public static List<IpMonitoring.Policy> ipMonitoring(ConfigNode root, List<ProbeSettings> probes) {
        ConfigNode ipm = at(root, "services", "ip-monitoring");
        List<IpMonitoring.Policy> out = new ArrayList<>();
        if (ipm == null) {
            return out;
        }
        for (ConfigNode policy : ipm.entries("policy")) {
            List<Step> at = path(root.child("services"), ipm, policy);
            List<ProbeId> matched = new ArrayList<>();
            ConfigNode match = policy.child("match");
            if (match != null) {
                for (ConfigNode owner : match.entries("rpm-probe")) {
                    for (ProbeSettings p : probes) {
                        if (p.id().owner().equals(owner.keys().get(0))) {
                            matched.add(p.id());
                        }
                    }
                }
            }
            if (matched.isEmpty()) {
                throw new MappingException(at, "'match rpm-probe' names no configured probe test");
            }
            List<StaticRoute> preferred = new ArrayList<>();
            ConfigNode pr = at(policy, "then", "preferred-route");
            if (pr != null) {
                for (ConfigNode r : pr.entries("route")) {
                    InetAddress nh = Prefix.parseAddress(r.leaf("next-hop"), "");
                    long metric = r.leaf("preferred-metric") == null ? 0 : Long.parseLong(r.leaf("preferred-metric"));
                    preferred.add(new StaticRoute(Prefix.parse(r.keys().get(0)), List.of(NextHop.via(nh)), List.of(), 1,
                            metric, StaticRoute.Action.FORWARD, false));
                }
            }
            int hold = policy.leaf("no-preempt") == null ? 0 : Integer.parseInt(policy.leaf("no-preempt"));
            out.add(new IpMonitoring.Policy(policy.keys().get(0), matched, preferred, Duration.ofSeconds(hold)));
        }
        return out;
    }
}
