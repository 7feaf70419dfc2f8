package net.archway.appliance.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.archway.appliance.interfaces.InterfaceStatus;
import net.archway.appliance.show.CommandOutput;
import net.archway.appliance.show.DhcpClientBindings;
import net.archway.appliance.show.InterfaceDetail;
import net.archway.appliance.show.InterfacesTerse;
import net.archway.appliance.show.IpMonitoringView;
import net.archway.appliance.show.JunosTime;
import net.archway.appliance.show.LatencySelectionView;
import net.archway.appliance.show.ProbeResultsView;
import net.archway.appliance.show.RouteInformation;
import net.archway.appliance.show.RouteSummary;
import net.archway.cli.ManagementPlane;
import net.archway.cli.commit.CommitRecord;
import net.archway.cli.op.OpCommand;
import net.archway.cli.op.OpException;
import net.archway.cli.op.OpResult;
import net.archway.cli.op.Permission;
import net.archway.routing.Prefix;

/** The appliance's operational commands: routes, interfaces, probes, ping, traceroute, uptime, logs. */
final class ApplianceCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ApplianceCommands() {
    }

    static void register(ManagementPlane.Builder b, Daemon d) {
        Map<String, String> routeArgs = new LinkedHashMap<>();
        routeArgs.put("<destination>", "IP address or prefix");
        routeArgs.put("exact", "Show only the route that exactly matches the destination");
        routeArgs.put("table", "Name of the routing table (inet.0, inet6.0)");
        routeArgs.put("protocol", "Protocol name (static, direct, local, access-internal, bgp)");
        routeArgs.put("hidden", "Show only hidden routes");
        b.command(new OpCommand(List.of("show", "route"), "Show routing table information", Permission.VIEW, routeArgs,
                (ctx, args) -> BgpCommands.route(d, routeQuery(args))));
        BgpCommands.register(b, d);
        b.command(OpCommand.of("show route summary", "Show routing table summary", Permission.VIEW,
                (ctx, args) -> {
                    var root = ctx.activeConfiguration();
                    var ro = root.child("routing-options");
                    return RouteSummary.of(BgpCommands.get(d.rib().totals()), BgpCommands.get(d.bgp().pathCounts()),
                            ro == null ? null : ro.leaf("autonomous-system"),
                            ro == null ? null : ro.leaf("router-id"));
                }));

        Map<String, String> ifArgs = new LinkedHashMap<>();
        ifArgs.put("<interface-name>", "Name of the interface");
        ifArgs.put("terse", "Display terse output");
        b.command(new OpCommand(List.of("show", "interfaces"), "Show interface information", Permission.VIEW, ifArgs,
                (ctx, args) -> interfaces(d, args)));
        b.command(OpCommand.of("show interfaces terse", "Display terse output", Permission.VIEW,
                (ctx, args) -> InterfacesTerse.of(d.interfaces().status())));
        b.command(OpCommand.of("show dhcp client binding", "Show DHCP client bindings (family inet dhcp)", Permission.VIEW,
                (ctx, args) -> DhcpClientBindings.of(d.dhcp().bindings(), Instant.now())));

        b.command(OpCommand.of("show services rpm probe-results", "Show results of RPM probes", Permission.VIEW,
                (ctx, args) -> ProbeResultsView.of(d.prober().results().join())));
        b.command(OpCommand.of("show services ip-monitoring status", "Show status of IP monitoring policies",
                Permission.VIEW, (ctx, args) -> IpMonitoringView.of(d.ipMonitoring().status().join())));

        b.command(OpCommand.of("show services rpm latency-selection",
                "Show routes that follow the lowest measured round-trip time", Permission.VIEW,
                (ctx, args) -> LatencySelectionView.of(d.latencyStatus())));
        b.command(OpCommand.of("show system uptime", "Show time since the system and the daemon started",
                Permission.VIEW, (ctx, args) -> uptime(d)));
        Map<String, String> logArgs = new LinkedHashMap<>();
        logArgs.put("<filename>", "Name of the log file (" + DaemonLogging.FILE + ")");
        b.command(new OpCommand(List.of("show", "log"), "Show contents of a log file", Permission.VIEW, logArgs,
                (ctx, args) -> log(d, args)));

        Map<String, String> pingArgs = new LinkedHashMap<>();
        pingArgs.put("<host>", "IP address of the remote host");
        pingArgs.put("count", "Number of ping requests to send (default 5)");
        pingArgs.put("source", "Source address of the echo requests");
        pingArgs.put("interface", "Interface to send the echo requests from");
        pingArgs.put("size", "Size of the request payload (bytes)");
        pingArgs.put("rapid", "Send requests rapidly");
        pingArgs.put("ttl", "IP time-to-live value");
        pingArgs.put("wait", "Seconds to wait for each response");
        b.command(new OpCommand(List.of("ping"), "Ping a remote target", Permission.CONTROL, pingArgs,
                (ctx, args) -> ping(d, args)));
        Map<String, String> trArgs = new LinkedHashMap<>();
        trArgs.put("<host>", "IP address of the remote host");
        trArgs.put("source", "Source address of the probes");
        trArgs.put("interface", "Interface to send the probes from");
        trArgs.put("ttl", "Maximum time-to-live value");
        trArgs.put("wait", "Seconds to wait for each response");
        b.command(new OpCommand(List.of("traceroute"), "Trace the route to a remote host", Permission.CONTROL, trArgs,
                (ctx, args) -> traceroute(d, args)));
    }

    static RouteInformation.Query routeQuery(List<String> args) throws OpException {
        Prefix prefix = null;
        boolean exact = false;
        String table = null;
        String protocol = null;
        boolean hidden = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "exact" -> exact = true;
                case "hidden" -> hidden = true;
                case "table" -> table = value(args, ++i, "table");
                case "protocol" -> protocol = value(args, ++i, "protocol");
                default -> {
                    try {
                        prefix = a.contains("/") ? Prefix.parse(a) : Prefix.host(Prefix.parseAddress(a, a));
                    } catch (IllegalArgumentException e) {
                        throw new OpException("show route: '" + a + "' is not an address, a prefix or a keyword ("
                                + e.getMessage() + ")");
                    }
                }
            }
        }
        if (table != null && !table.equals("inet.0") && !table.equals("inet6.0")) {
            throw new OpException("show route table: no table " + table + " (inet.0, inet6.0)");
        }
        if (exact && prefix == null) {
            throw new OpException("show route exact: give the destination first");
        }
        return new RouteInformation.Query(prefix, exact, table, protocol, hidden);
    }

    private static String value(List<String> args, int i, String keyword) throws OpException {
        if (i >= args.size()) {
            throw new OpException("'" + keyword + "' needs a value");
        }
        return args.get(i);
    }

    private static OpResult interfaces(Daemon d, List<String> args) throws OpException {
        List<InterfaceStatus> all = d.interfaces().status();
        if (args.isEmpty()) {
            List<InterfaceDetail> out = new ArrayList<>();
            for (InterfaceStatus s : all) {
                out.add(InterfaceDetail.of(s));
            }
            return new InterfaceList(out);
        }
        if (args.get(0).equals("terse")) {
            return InterfacesTerse.of(all);
        }
        String name = args.get(0).endsWith(".0") ? args.get(0).substring(0, args.get(0).length() - 2) : args.get(0);
        name = name.equals("lo0") ? "lo" : name;
        for (InterfaceStatus s : all) {
            if (s.name().equals(name)) {
                return args.size() > 1 && args.get(1).equals("terse") ? InterfacesTerse.of(List.of(s)) : InterfaceDetail.of(s);
            }
        }
        throw new OpException("error: device " + args.get(0) + " not found");
    }

    /** {@code show interfaces}: every interface in detail. */
    record InterfaceList(List<InterfaceDetail> interfaces) implements OpResult {
        @Override
        public String text() {
            StringBuilder sb = new StringBuilder();
            interfaces.forEach(i -> sb.append(i.text()).append('\n'));
            return sb.toString();
        }
    }

    record Uptime(String currentTime, String daemonStarted, String daemonUptime, String lastConfigured,
                  String lastConfiguredBy, String systemUptime) implements OpResult {
        @Override
        public String text() {
            return "Current time: " + currentTime + "\nArchway started: " + daemonStarted + " (" + daemonUptime + " ago)\n"
                    + (lastConfigured == null ? "" : "Last configured: " + lastConfigured + " by " + lastConfiguredBy + "\n")
                    + (systemUptime == null ? "" : "System booted: " + systemUptime + " ago\n");
        }
    }

    private static Uptime uptime(Daemon d) {
        Instant now = Instant.now();
        CommitRecord r = d.management().engine().activeRecord();
        String system = null;
        try {
            String[] f = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+");
            system = JunosTime.age(Duration.ofMillis((long) (Double.parseDouble(f[0]) * 1000)));
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it out
        }
        return new Uptime(TIME.format(now), TIME.format(d.started()), JunosTime.age(Duration.between(d.started(), now)),
                r == null ? null : TIME.format(r.time()), r == null ? null : r.user(), system);
    }

    private static OpResult log(Daemon d, List<String> args) throws OpException {
        Path dir = d.logDirectory();
        if (args.isEmpty()) {
            try (var files = Files.list(dir)) {
                StringBuilder sb = new StringBuilder();
                files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lck")).sorted()
                        .forEach(n -> sb.append(n).append('\n'));
                return OpResult.text(sb.toString());
            } catch (IOException e) {
                throw new OpException("cannot list " + dir + ": " + e.getMessage());
            }
        }
        String name = args.get(0);
        if (name.equals("archway")) {
            name = DaemonLogging.FILE;
        }
        if (name.contains("/") || name.startsWith(".")) {
            throw new OpException("show log: '" + args.get(0) + "' is not a log file name");
        }
        Path file = dir.resolve(name.equals(DaemonLogging.FILE) ? DaemonLogging.FILE + ".0" : name);
        if (!Files.exists(file)) {
            file = dir.resolve(name);
        }
        if (!Files.isRegularFile(file)) {
            throw new OpException("show log: no log file " + args.get(0) + " (see 'show log')");
        }
        try {
            return OpResult.text(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OpException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static CommandOutput ping(Daemon d, List<String> args) throws OpException {
        if (args.isEmpty()) {
            throw new OpException("ping: which host? (ping HOST [count N] [source ADDRESS] [interface NAME] [size N] "
                    + "[rapid] [ttl N] [wait SECONDS])");
        }
        String host = address(args.get(0), "ping");
        List<String> cmd = new ArrayList<>(List.of("ping", "-n"));
        String count = "5";
        boolean rapid = false;
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "count" -> count = number(args, ++i, "count", 1, 100000);
                case "source", "interface" -> {
                    String v = value(args, ++i, args.get(i - 1));
                    cmd.addAll(List.of("-I", args.get(i - 1).equals("interface") ? kernelName(v) : address(v, "ping source")));
                }
                case "size" -> cmd.addAll(List.of("-s", number(args, ++i, "size", 0, 65468)));
                case "ttl" -> cmd.addAll(List.of("-t", number(args, ++i, "ttl", 1, 255)));
                case "wait" -> cmd.addAll(List.of("-W", number(args, ++i, "wait", 1, 60)));
                case "rapid" -> rapid = true;
                default -> throw new OpException("ping: unknown option '" + args.get(i) + "'");
            }
        }
        cmd.addAll(List.of("-c", count));
        if (rapid) {
            cmd.addAll(List.of("-i", "0.01", "-q"));
        }
        cmd.add(host);
        int limit = 10 + Integer.parseInt(count) * (rapid ? 1 : 2);
        return CommandOutput.run(d.options().namespace(), cmd, Math.min(limit, 600));
    }

    private static CommandOutput traceroute(Daemon d, List<String> args) throws OpException {
        if (args.isEmpty()) {
            throw new OpException("traceroute: which host? (traceroute HOST [source ADDRESS] [interface NAME] [ttl N] [wait SECONDS])");
        }
        List<String> cmd = new ArrayList<>(List.of("traceroute", "-n"));
        String host = address(args.get(0), "traceroute");
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "source" -> cmd.addAll(List.of("-s", address(value(args, ++i, "source"), "traceroute source")));
                case "interface" -> cmd.addAll(List.of("-i", kernelName(value(args, ++i, "interface"))));
                case "ttl" -> cmd.addAll(List.of("-m", number(args, ++i, "ttl", 1, 255)));
                case "wait" -> cmd.addAll(List.of("-w", number(args, ++i, "wait", 1, 60)));
                default -> throw new OpException("traceroute: unknown option '" + args.get(i) + "'");
            }
        }
        cmd.add(host);
        return CommandOutput.run(d.options().namespace(), cmd, 120);
    }

    private static String address(String text, String what) throws OpException {
        try {
            return Prefix.format(Prefix.parseAddress(text, text));
        } catch (IllegalArgumentException e) {
            throw new OpException(what + ": '" + text + "' is not an IP address");
        }
    }

    private static String number(List<String> args, int i, String keyword, int min, int max) throws OpException {
        String v = value(args, i, keyword);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return Integer.toString(n);
        } catch (NumberFormatException e) {
            throw new OpException("'" + keyword + "' must be a number " + min + "-" + max + ", not '" + v + "'");
        }
    }

    private static String kernelName(String configured) throws OpException {
        if (!configured.matches("[a-z][a-z0-9_.-]{0,20}")) {
            throw new OpException("'" + configured + "' is not an interface name");
        }
        String n = configured.endsWith(".0") ? configured.substring(0, configured.length() - 2) : configured;
        return n.equals("lo0") ? "lo" : n;
    }
}
