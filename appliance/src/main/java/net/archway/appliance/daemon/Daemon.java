package net.archway.appliance.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import net.archway.appliance.Main;
import net.archway.appliance.config.ArchwayConfig;
import net.archway.appliance.config.BgpConfig;
import net.archway.appliance.config.PolicyConfig;
import net.archway.appliance.config.MappingException;
import net.archway.appliance.fib.KernelFib;
import net.archway.appliance.interfaces.InterfaceApplyException;
import net.archway.appliance.interfaces.InterfaceManager;
import net.archway.appliance.interfaces.DhcpClients;
import net.archway.appliance.interfaces.InterfaceSettings;
import net.archway.appliance.schema.ArchwaySchema;
import net.archway.appliance.spi.ApplianceExtension;
import net.archway.cli.ManagementPlane;
import net.archway.cli.commit.ApplyException;
import net.archway.cli.commit.CommitException;
import net.archway.cli.commit.CommitHistory;
import net.archway.cli.commit.CommitRefusedException;
import net.archway.cli.commit.CommitRequest;
import net.archway.cli.commit.Subsystem;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigParser;
import net.archway.cli.config.ConfigSyntaxException;
import net.archway.cli.config.ConfigText;
import net.archway.cli.config.ConfigTrees;
import net.archway.cli.schema.Schema;
import net.archway.netlink.route.Rtnetlink;
import net.archway.netlink.socket.NetworkNamespace;
import net.archway.routing.Prefix;
import net.archway.routing.SocketScope;
import net.archway.routing.bfd.Bfd;
import net.archway.routing.bfd.BfdClient;
import net.archway.routing.bfd.BfdListener;
import net.archway.routing.bfd.BfdSessionKey;
import net.archway.routing.bfd.BfdSessionSettings;
import net.archway.routing.bfd.BfdSessionSnapshot;
import net.archway.routing.bfd.packet.Diagnostic;
import net.archway.routing.bfd.transport.ThreadCpus;
import net.archway.routing.bgp.speaker.BgpSpeaker;
import net.archway.routing.bgp.transport.BgpTransport;
import net.archway.routing.policy.PolicyOptions;
import net.archway.routing.probe.IpMonitoring;
import net.archway.routing.probe.LatencyGroups;
import net.archway.routing.probe.ProbeSettings;
import net.archway.routing.probe.Prober;
import net.archway.routing.probe.SocketProbeTransport;
import net.archway.routing.rib.NextHop;
import net.archway.routing.rib.Protocol;
import net.archway.routing.rib.Rib;
import net.archway.routing.rib.RibRoute;
import net.archway.routing.rib.RouteAction;
import net.archway.routing.staticroute.StaticRouting;

/**
 * The Archway daemon: the composition root. Netlink (in the chosen namespace), the RIB on its
 * own thread, the FIB writer, the interface manager, static routes with BFD, RPM probes and
 * ip-monitoring, all given their settings by the commit engine through subsystems, and the
 * operational commands that show them. Everything that opens a socket does it in the
 * daemon's namespace.
 */
public final class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    /** How the daemon was started ({@code archway run}). */
    public record Options(Path config, Path stateDirectory, String namespace, String sshHost, Integer sshPortOverride) {
    }

    private final Options options;
    private final Instant started = Instant.now();
    /** Firmware additions found on the classpath (the image module's system software commands). */
    private final List<ApplianceExtension> extensions = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private final SocketScope scope;
    private final Schema schema = ArchwaySchema.build();

    private Rtnetlink rtnl;
    private ExecutorService ribThread;
    private KernelFib fib;
    private Rib rib;
    private InterfaceManager interfaces;
    private DhcpClients dhcp;
    /** The RIB instance of each interface's DHCP default route. */
    private final Map<String, Integer> dhcpRouteInstance = new HashMap<>();
    private StaticRouting statics;
    private ScheduledExecutorService probeThread;
    private SocketProbeTransport probeTransport;
    private Prober prober;
    private IpMonitoring ipMonitoring;
    private LatencyGroups latencyGroups;
    private Bfd bfd;
    private final Map<InetAddress, BfdClient> staticBfd = new HashMap<>();
    private BgpTransport bgpTransport;
    private BgpSpeaker bgp;
    private final Map<InetAddress, BfdClient> bgpBfd = new HashMap<>();
    private List<BgpConfig.NeighborBfd> appliedBgpBfd = List.of();
    /** Archway's routes from an earlier run were in the kernel at start: a graceful restart. */
    private boolean restarting;
    private ManagementPlane management;

    public Daemon(Options options) {
        this.options = options;
        String ns = options.namespace();
        this.scope = ns == null ? SocketScope.CURRENT : new SocketScope() {
            @Override
            public <T> T call(Supplier<T> body) {
                return NetworkNamespace.callIn(ns, body);
            }
        };
    }

    public Instant started() {
        return started;
    }

    public Options options() {
        return options;
    }

    /** Starts everything, applies the active (or first-boot) configuration; returns the errors of applying it. */
    public List<String> start() throws IOException {
        Files.createDirectories(options.stateDirectory());
        Files.setPosixFilePermissions(options.stateDirectory(), PosixFilePermissions.fromString("rwx------"));
        enableForwarding();
        rtnl = Rtnetlink.open(options.namespace());
        ribThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "rib"));
        InterfaceManager[] im = new InterfaceManager[1];
        fib = new KernelFib(rtnl.routes(), name -> im[0].ifindex(name), (p, e, err) -> LOG.log(System.Logger.Level.WARNING,
                "route " + p + " not installed: " + err.getMessage()));
        rib = new Rib(ribThread, fib, clock);
        interfaces = new InterfaceManager(rtnl, rib);
        im[0] = interfaces;
        dhcp = new DhcpClients(options.namespace() == null ? List.of() : List.of("ip", "netns", "exec", options.namespace()),
                options.stateDirectory().resolve("dhcp"), dhcpListener(), clock);
        statics = new StaticRouting(rib);
        probeThread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "probes"));
        probeTransport = new SocketProbeTransport(scope);
        ipMonitoring = new IpMonitoring(probeThread, clock, (policy, routes) -> statics.setInjected(policy, routes));
        latencyGroups = new LatencyGroups((name, routes) -> statics.setInjected(name, routes));
        prober = new Prober(probeThread, probeTransport, clock, new Prober.Listener() {
            public void passingChanged(net.archway.routing.probe.ProbeId id, boolean passing) {
                ipMonitoring.probeChanged(id, passing);
                latencyGroups.passingChanged(id, passing);
            }

            public void testCompleted(net.archway.routing.probe.ProbeId id, boolean passing,
                                      net.archway.routing.probe.ProbeResults.TestStats stats) {
                latencyGroups.testCompleted(id, passing, stats);
            }
        });
        bfd = Bfd.start(scope);
        keepFibWriterOffBfdsCpu();
        restarting = fib.start() > 0;
        interfaces.start();
        bgpTransport = BgpTransport.create(scope);
        bgp = new BgpSpeaker(bgpTransport, bgpTransport::newScheduler, rib, this::nextHopSelf);
        if (restarting) {
            bgp.restarting();
        }

        ConfigNode initial = initialConfiguration();
        int sshPort = options.sshPortOverride() != null ? options.sshPortOverride() : ArchwayConfig.sshPort(initial);
        ManagementPlane.Builder b = ManagementPlane.builder(schema).stateDirectory(options.stateDirectory())
                .version(Main.version()).ssh(options.sshHost() == null ? "0.0.0.0" : options.sshHost(), sshPort);
        ArchwaySchema.checks().forEach(b::check);
        b.subsystem(interfacesSubsystem()).subsystem(staticsSubsystem()).subsystem(servicesSubsystem())
                .subsystem(bgpSubsystem());
        ApplianceCommands.register(b, this);
        try {
            ServiceLoader.load(ApplianceExtension.class).forEach(extensions::add);
        } catch (ServiceConfigurationError e) {
            // a broken firmware addition costs its commands, never the router
            LOG.log(System.Logger.Level.ERROR, "firmware extensions not loaded: " + e.getMessage(), e);
        }
        if (extensions.isEmpty()) {
            FirmwareOnlyCommands.register(b);
        }
        extensions.forEach(x -> x.register(b));
        management = b.build();
        List<String> errors = new ArrayList<>(scope.call(() -> {
            try {
                return management.start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        if (management.engine().activeRecord() == null) {
            errors.addAll(firstBoot());
        }
        rib.drained().join(); // the RIB has taken the configuration in
        CompletableFuture<Void> relearnt = CompletableFuture.completedFuture(null);
        if (restarting && !appliedBgpSettings().neighbors().isEmpty()) {
            // keep an earlier run's routes forwarding until BGP has relearnt them (RFC 4724 section 4.1)
            Duration deferral = Duration.ofSeconds(BgpConfig.DEFAULT_RESTART_TIME);
            LOG.log(System.Logger.Level.INFO, "restarting with routes in the kernel: they stay until every BGP neighbor has"
                    + " sent End-of-RIB (at most " + deferral.toSeconds() + " s)");
            relearnt = bgp.initialConvergence(deferral);
        } else {
            bgp.initialConvergence(Duration.ZERO);
        }
        if (restarting && !dhcp.bindings().isEmpty()) {
            // and a DHCP default route until the client has its lease again (or its first tries failed)
            LOG.log(System.Logger.Level.INFO, "restarting with DHCP: its default route stays until the lease is back (at most "
                    + DHCP_RESTART_HOLD.toSeconds() + " s)");
            relearnt = CompletableFuture.allOf(relearnt,
                    dhcp.firstAnswers().completeOnTimeout(null, DHCP_RESTART_HOLD.toMillis(), TimeUnit.MILLISECONDS));
        }
        if (relearnt.isDone()) {
            rib.drained().join(); // a lease that came meanwhile is in the RIB before the sweep
            fib.finishStartup();
        } else {
            relearnt.thenRun(() -> rib.drained().thenRun(fib::finishStartup));
        }
        LOG.log(System.Logger.Level.INFO, "Archway " + Main.version() + " running"
                + (options.namespace() == null ? "" : " in network namespace " + options.namespace())
                + (management.sshPort() >= 0 ? "; SSH CLI on port " + management.sshPort() : "; no SSH (system services ssh)"));
        for (ApplianceExtension x : extensions) {
            try {
                x.running(errors.isEmpty());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, x.getClass().getName() + " failed at start: " + e, e);
            }
        }
        return errors;
    }

    /**
     * The RIB's thread writes every route into the kernel (the FIB writer): while BFD sessions
     * exist it stays off BFD's CPU, so that a long route insert cannot hold BFD's thread on a
     * kernel without full preemption ({@link net.archway.routing.bfd.BfdCpuReservation}).
     */
    private void keepFibWriterOffBfdsCpu() {
        try {
            bfd.keepOffItsCpu(ribThread.submit(ThreadCpus::currentThreadId).get(10, TimeUnit.SECONDS), "rib");
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "the FIB writer may share BFD's CPU: its thread id is unknown: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A router forwards: IPv4 and IPv6 forwarding on in the daemon's namespace. And removing an
     * interface's primary IPv4 address promotes the next one of its subnet instead of deleting
     * them all (the kernel's default): a changed address or a new DHCP lease goes on before the
     * old one comes off, and the link never loses its routes. /proc/sys/net shows the namespace
     * of the thread that opens it, so the files are written from inside it.
     */
    private void enableForwarding() throws IOException {
        List<String> failed = scope.call(() -> {
            List<String> f = new ArrayList<>();
            for (String file : List.of("/proc/sys/net/ipv4/ip_forward", "/proc/sys/net/ipv6/conf/all/forwarding",
                    "/proc/sys/net/ipv4/conf/all/promote_secondaries")) {
                try {
                    Files.writeString(Path.of(file), "1\n");
                } catch (IOException e) {
                    f.add(file + ": " + e.getMessage());
                }
            }
            return f;
        });
        if (!failed.isEmpty()) {
            throw new IOException("cannot set up forwarding: " + String.join("; ", failed));
        }
    }

    /** The newest committed configuration, or the {@code --config} file on first boot. */
    private ConfigNode initialConfiguration() throws IOException {
        CommitHistory.Entry newest = new CommitHistory(options.stateDirectory(), null).newest();
        try {
            if (newest != null) {
                return ConfigTrees.effective(ConfigParser.parse(schema, newest.text()));
            }
            return ConfigTrees.effective(parseFile());
        } catch (ConfigSyntaxException e) {
            throw new IOException((newest != null ? "the active configuration" : options.config().toString()) + ": "
                    + e.getMessage());
        }
    }

    private ConfigNode parseFile() throws IOException, ConfigSyntaxException {
        if (options.config() == null) {
            throw new IOException("no configuration has been committed yet and no --config FILE was given");
        }
        String text = Files.readString(options.config(), StandardCharsets.UTF_8);
        return ConfigText.parse(schema, text, ConfigText.detect(text));
    }

    /** First boot: the {@code --config} file becomes commit 0. */
    private List<String> firstBoot() throws IOException {
        try {
            management.engine().commit(parseFile(), new CommitRequest("root", "boot",
                    "initial configuration from " + options.config(), null));
            LOG.log(System.Logger.Level.INFO, "first boot: " + options.config() + " committed as commit 0");
            return List.of();
        } catch (ConfigSyntaxException e) {
            return List.of(options.config() + ": " + e.getMessage());
        } catch (CommitException e) {
            return e.errors();
        }
    }

    // ---------------------------------------------------------------- subsystems

    private static CommitRefusedException refused(MappingException e) {
        return new CommitRefusedException(e.path(), e.getMessage());
    }

    private Subsystem interfacesSubsystem() {
        return new Subsystem() {
            public String name() {
                return "interfaces";
            }

            public StagedChange stage(ConfigNode active, ConfigNode candidate) throws CommitRefusedException {
                InterfaceSettings next;
                try {
                    next = ArchwayConfig.interfaces(candidate);
                } catch (MappingException e) {
                    throw refused(e);
                }
                List<String> problems = interfaces.check(next);
                if (!problems.isEmpty()) {
                    throw new CommitRefusedException(List.of(), problems.get(0));
                }
                String firstDhcp = firstDhcpUnit(next);
                if (firstDhcp != null && DhcpClients.unavailable().isPresent()) {
                    throw new CommitRefusedException(List.of(), "[edit interfaces " + firstDhcp + " family inet dhcp] "
                            + DhcpClients.unavailable().get());
                }
                InterfaceSettings previous = interfaces.settings();
                return new StagedChange() {
                    public void apply() throws ApplyException {
                        try {
                            interfaces.apply(next);
                        } catch (InterfaceApplyException e) {
                            throw new ApplyException(e.getMessage(), e);
                        }
                        dhcp.apply(dhcpKernelNames(next));
                    }

                    public void revert() {
                        interfaces.apply(previous);
                        dhcp.apply(dhcpKernelNames(previous));
                    }
                };
            }
        };
    }

    /** The kernel interfaces of the units with {@code family inet dhcp}. */
    private static List<String> dhcpKernelNames(InterfaceSettings settings) {
        List<String> out = new ArrayList<>();
        for (InterfaceSettings.Physical p : settings.interfaces()) {
            for (InterfaceSettings.Unit u : p.units()) {
                if (u.dhcp()) {
                    out.add(p.unitKernelName(u));
                }
            }
        }
        return out;
    }

    /** The first unit with {@code family inet dhcp}, as {@code eth0 unit 0}, or null. */
    private static String firstDhcpUnit(InterfaceSettings settings) {
        for (InterfaceSettings.Physical p : settings.interfaces()) {
            for (InterfaceSettings.Unit u : p.units()) {
                if (u.dhcp()) {
                    return p.name() + " unit " + u.number();
                }
            }
        }
        return null;
    }

    private static final Prefix DEFAULT_ROUTE = Prefix.parse("0.0.0.0/0");
    /** udhcpc's first tries take 9 s (3 of 3 s): a restart waits that long for the lease, and a little more. */
    static final Duration DHCP_RESTART_HOLD = Duration.ofSeconds(15);

    /** A lease: its address on the interface, its router as an Access-internal default route. */
    private DhcpClients.Listener dhcpListener() {
        return new DhcpClients.Listener() {
            public void bound(String interfaceName, String address, String previousAddress, InetAddress router) {
                interfaces.leaseAddress(interfaceName, address, previousAddress);
                int instance = instance(interfaceName);
                if (router != null) {
                    rib.update(new RibRoute(DEFAULT_ROUTE, Protocol.ACCESS_INTERNAL, instance,
                            Protocol.ACCESS_INTERNAL.defaultPreference(), 0,
                            RouteAction.forward(NextHop.via(router, interfaceName)), false, null));
                } else {
                    rib.withdraw(DEFAULT_ROUTE, Protocol.ACCESS_INTERNAL, instance);
                }
            }

            public void lost(String interfaceName, String address) {
                rib.withdraw(DEFAULT_ROUTE, Protocol.ACCESS_INTERNAL, instance(interfaceName));
                interfaces.releaseAddress(interfaceName, address);
            }

            private int instance(String interfaceName) {
                synchronized (dhcpRouteInstance) {
                    return dhcpRouteInstance.computeIfAbsent(interfaceName, n -> dhcpRouteInstance.size());
                }
            }
        };
    }

    private Subsystem staticsSubsystem() {
        return new Subsystem() {
            public String name() {
                return "static routes";
            }

            public StagedChange stage(ConfigNode active, ConfigNode candidate) throws CommitRefusedException {
                ArchwayConfig.Statics next;
                try {
                    next = ArchwayConfig.statics(candidate, ArchwayConfig.interfaces(candidate));
                } catch (MappingException e) {
                    throw refused(e);
                }
                ArchwayConfig.Statics previous = new ArchwayConfig.Statics(statics.settings(), currentStaticBfd(),
                        appliedLatency);
                List<LatencyGroups.Group> applyingLatency = next.latency();
                List<BfdSessionSettings> sessions = new ArrayList<>();
                for (ArchwayConfig.StaticBfd s : next.bfd()) {
                    sessions.add(bfdSettings(s, ArchwayConfig.interfaces(candidate), "next hop"));
                }
                return new StagedChange() {
                    public void apply() {
                        applyStaticBfd(next.bfd(), sessions);
                        statics.apply(next.settings());
                        probeThread.execute(() -> latencyGroups.apply(applyingLatency));
                        appliedLatency = applyingLatency;
                    }

                    public void revert() {
                        statics.apply(previous.settings());
                        probeThread.execute(() -> latencyGroups.apply(previous.latency()));
                        appliedLatency = previous.latency();
                    }
                };
            }
        };
    }

    private final List<ArchwayConfig.StaticBfd> appliedStaticBfd = new ArrayList<>();
    private volatile List<LatencyGroups.Group> appliedLatency = List.of();

    private synchronized List<ArchwayConfig.StaticBfd> currentStaticBfd() {
        return List.copyOf(appliedStaticBfd);
    }

    /** BFD single-hop to a static gateway, from our configured address on its subnet. */
    private BfdSessionSettings bfdSettings(ArchwayConfig.StaticBfd s, InterfaceSettings ifs, String what)
            throws CommitRefusedException {
        for (InterfaceSettings.Physical p : ifs.interfaces()) {
            for (InterfaceSettings.Unit u : p.units()) {
                List<String> all = new ArrayList<>(u.inet());
                all.addAll(u.inet6());
                for (String a : all) {
                    int slash = a.indexOf('/');
                    InetAddress local = Prefix.parseAddress(a.substring(0, slash), a);
                    Prefix subnet = Prefix.of(local, Integer.parseInt(a.substring(slash + 1)));
                    if (subnet.contains(s.gateway())) {
                        String dev = p.unitKernelName(u);
                        return BfdSessionSettings.singleHop(s.gateway(), local, dev)
                                .withTiming(s.minimumInterval(), s.multiplier());
                    }
                }
            }
        }
        throw new CommitRefusedException(List.of(), "bfd-liveness-detection for " + what + " " + Prefix.format(s.gateway())
                + ": no configured interface address is on its subnet (a multihop session needs multihop and local-address)");
    }

    private synchronized void applyStaticBfd(List<ArchwayConfig.StaticBfd> wanted, List<BfdSessionSettings> sessions) {
        Map<InetAddress, BfdSessionSettings> byGateway = new HashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            byGateway.put(wanted.get(i).gateway(), sessions.get(i));
        }
        for (InetAddress gw : new ArrayList<>(staticBfd.keySet())) {
            BfdClient c = staticBfd.get(gw);
            if (!c.settings().equals(byGateway.get(gw))) {
                c.close();
                staticBfd.remove(gw);
                statics.gatewayAlive(gw, true);
            }
        }
        for (Map.Entry<InetAddress, BfdSessionSettings> e : byGateway.entrySet()) {
            if (!staticBfd.containsKey(e.getKey())) {
                InetAddress gw = e.getKey();
                statics.gatewayAlive(gw, false); // Junos: a BFD-guarded next hop waits for the session
                staticBfd.put(gw, bfd.add(e.getValue(), new BfdListener() {
                    public void up(BfdSessionKey s) {
                        statics.gatewayAlive(gw, true);
                    }

                    public void down(BfdSessionKey s, Diagnostic d, boolean peerAdminDown) {
                        if (!peerAdminDown) { // RFC 5882 section 3.2
                            statics.gatewayAlive(gw, false);
                        }
                    }
                }));
            }
        }
        appliedStaticBfd.clear();
        appliedStaticBfd.addAll(wanted);
    }

    private Subsystem servicesSubsystem() {
        return new Subsystem() {
            public String name() {
                return "services";
            }

            public StagedChange stage(ConfigNode active, ConfigNode candidate) throws CommitRefusedException {
                List<ProbeSettings> probes;
                List<IpMonitoring.Policy> policies;
                List<ProbeSettings> oldProbes;
                List<IpMonitoring.Policy> oldPolicies;
                try {
                    InterfaceSettings ifs = ArchwayConfig.interfaces(candidate);
                    probes = ArchwayConfig.probes(candidate, ifs);
                    policies = ArchwayConfig.ipMonitoring(candidate, probes);
                    InterfaceSettings oldIfs = ArchwayConfig.interfaces(active);
                    oldProbes = ArchwayConfig.probes(active, oldIfs);
                    oldPolicies = ArchwayConfig.ipMonitoring(active, oldProbes);
                } catch (MappingException e) {
                    throw refused(e);
                }
                return new StagedChange() {
                    public void apply() {
                        prober.apply(probes);
                        ipMonitoring.apply(policies);
                    }

                    public void revert() {
                        prober.apply(oldProbes);
                        ipMonitoring.apply(oldPolicies);
                    }
                };
            }
        };
    }

    private volatile BgpConfig.Bgp appliedBgp = BgpConfig.Bgp.NONE;

    private net.archway.routing.bgp.speaker.SpeakerSettings appliedBgpSettings() {
        return appliedBgp.speaker();
    }

    /** {@code protocols bgp} and {@code policy-options}: the speaker, and BFD for its neighbours. */
    private Subsystem bgpSubsystem() {
        return new Subsystem() {
            public String name() {
                return "bgp";
            }

            public StagedChange stage(ConfigNode active, ConfigNode candidate) throws CommitRefusedException {
                BgpConfig.Bgp next;
                PolicyOptions policies;
                List<BfdSessionSettings> sessions = new ArrayList<>();
                try {
                    InterfaceSettings ifs = ArchwayConfig.interfaces(candidate);
                    next = BgpConfig.bgp(candidate, ifs, restarting);
                    policies = PolicyConfig.policyOptions(candidate);
                    for (BgpConfig.NeighborBfd n : next.bfd()) {
                        sessions.add(n.multihop()
                                ? BfdSessionSettings.multihop(n.neighbor(), n.localAddress())
                                        .withTiming(n.minimumInterval(), n.multiplier())
                                : bfdSettings(new ArchwayConfig.StaticBfd(n.neighbor(), null, n.minimumInterval(),
                                        n.multiplier()), ifs, "BGP neighbor"));
                    }
                } catch (MappingException e) {
                    throw refused(e);
                }
                BgpConfig.Bgp previous = appliedBgp;
                PolicyOptions previousPolicies = appliedPolicies;
                List<BfdSessionSettings> previousSessions = appliedBgpSessions;
                return new StagedChange() {
                    public void apply() {
                        applyBgp(next, policies, sessions);
                    }

                    public void revert() {
                        applyBgp(previous, previousPolicies, previousSessions);
                    }
                };
            }
        };
    }

    private volatile PolicyOptions appliedPolicies = PolicyOptions.NONE;
    private volatile List<BfdSessionSettings> appliedBgpSessions = List.of();

    private synchronized void applyBgp(BgpConfig.Bgp next, PolicyOptions policies, List<BfdSessionSettings> sessions) {
        Map<InetAddress, BfdSessionSettings> wanted = new HashMap<>();
        for (int i = 0; i < next.bfd().size(); i++) {
            wanted.put(next.bfd().get(i).neighbor(), sessions.get(i));
        }
        for (InetAddress n : new ArrayList<>(bgpBfd.keySet())) {
            BfdClient c = bgpBfd.get(n);
            if (!c.settings().equals(wanted.get(n))) {
                c.close();
                bgpBfd.remove(n);
                bgp.bfdChanged(n, true);
            }
        }
        for (Map.Entry<InetAddress, BfdSessionSettings> e : wanted.entrySet()) {
            InetAddress n = e.getKey();
            if (!bgpBfd.containsKey(n)) {
                bgpBfd.put(n, bfd.add(e.getValue(), new BfdListener() {
                    public void up(BfdSessionKey s) {
                        bgp.bfdChanged(n, true);
                    }

                    public void down(BfdSessionKey s, Diagnostic d, boolean peerAdminDown) {
                        if (!peerAdminDown) { // RFC 5882 section 3.2: the peer stopped BFD, not forwarding
                            bgp.bfdChanged(n, false);
                        }
                    }
                }));
            }
        }
        bgp.apply(next.speaker(), policies);
        appliedBgp = next;
        appliedPolicies = policies;
        appliedBgpSessions = List.copyOf(sessions);
        appliedBgpBfd = next.bfd();
    }

    /**
     * {@code next-hop self} towards a peer: the session's own local address when the family
     * matches; else an address of the other family on the interface that holds it.
     */
    private InetAddress nextHopSelf(InetAddress peer, InetAddress sessionLocal, boolean ipv6) {
        if ((sessionLocal instanceof java.net.Inet6Address) == ipv6) {
            return sessionLocal;
        }
        // asked per exported route (a full table of IPv6 over an IPv4 session): answered once per
        // session address and family for each interface configuration
        InterfaceSettings settings = interfaces.settings();
        CrossFamilySelf cache = crossFamilySelf;
        if (cache == null || cache.settings() != settings) {
            cache = new CrossFamilySelf(settings, new java.util.concurrent.ConcurrentHashMap<>(),
                    new java.util.concurrent.ConcurrentHashMap<>());
            crossFamilySelf = cache;
        }
        return (ipv6 ? cache.ipv6() : cache.ipv4()).computeIfAbsent(sessionLocal,
                k -> java.util.Optional.ofNullable(crossFamilySelf(settings, sessionLocal, ipv6))).orElse(null);
    }

    /** Cross-family next-hop-self answers for one interface configuration, by session address and wanted family. */
    private record CrossFamilySelf(InterfaceSettings settings, Map<InetAddress, java.util.Optional<InetAddress>> ipv4,
                                   Map<InetAddress, java.util.Optional<InetAddress>> ipv6) {
    }

    private volatile CrossFamilySelf crossFamilySelf;

    /** An address of the other family on the unit that holds {@code sessionLocal}, or null. */
    private static InetAddress crossFamilySelf(InterfaceSettings settings, InetAddress sessionLocal, boolean ipv6) {
        for (InterfaceSettings.Physical p : settings.interfaces()) {
            for (InterfaceSettings.Unit u : p.units()) {
                boolean holds = false;
                for (String a : (ipv6 ? u.inet() : u.inet6())) {
                    holds |= Prefix.parseAddress(a.substring(0, a.indexOf('/')), a).equals(sessionLocal);
                }
                if (holds) {
                    for (String a : (ipv6 ? u.inet6() : u.inet())) {
                        InetAddress x = Prefix.parseAddress(a.substring(0, a.indexOf('/')), a);
                        if (!x.isLinkLocalAddress()) {
                            return x;
                        }
                    }
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- for commands and tests

    public Rib rib() {
        return rib;
    }

    public DhcpClients dhcp() {
        return dhcp;
    }

    public InterfaceManager interfaces() {
        return interfaces;
    }

    public Prober prober() {
        return prober;
    }

    public IpMonitoring ipMonitoring() {
        return ipMonitoring;
    }

    /** The latency groups' choices, made on the prober's thread. */
    public List<LatencyGroups.GroupStatus> latencyStatus() {
        java.util.concurrent.CompletableFuture<List<LatencyGroups.GroupStatus>> f = new java.util.concurrent.CompletableFuture<>();
        probeThread.execute(() -> f.complete(latencyGroups.status()));
        return f.join();
    }

    public Bfd bfd() {
        return bfd;
    }

    public BgpSpeaker bgp() {
        return bgp;
    }

    /** Whether BFD guards BGP neighbor {@code address}. */
    public synchronized boolean bgpBfdConfigured(InetAddress address) {
        return bgpBfd.containsKey(address);
    }

    /** The protocol a BFD session serves, for {@code show bfd session detail}. */
    public synchronized String bfdClientName(BfdSessionSnapshot s) {
        InetAddress peer = s.key().peer();
        boolean b = bgpBfd.containsKey(peer);
        boolean st = staticBfd.containsKey(peer);
        return b && st ? "BGP, Static" : b ? "BGP" : st ? "Static" : "none";
    }

    public ManagementPlane management() {
        return management;
    }

    public Path logDirectory() {
        return DaemonLogging.directory(options.stateDirectory());
    }

    @Override
    public void close() {
        LOG.log(System.Logger.Level.INFO, "stopping; Archway's routes stay in the kernel for the next start to adopt");
        closeQuietly(management);
        if (prober != null) {
            prober.close();
        }
        closeQuietly(probeTransport);
        if (probeThread != null) {
            probeThread.shutdownNow();
        }
        closeQuietly(bgp);
        closeQuietly(bgpTransport);
        closeQuietly(bfd);
        closeQuietly(dhcp);
        closeQuietly(interfaces);
        if (ribThread != null) {
            ribThread.shutdownNow();
        }
        closeQuietly(rtnl);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "while stopping: " + e);
        }
    }
}
