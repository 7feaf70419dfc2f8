package net.archway.routing.rib;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import net.archway.routing.Prefix;

/**
 * The routing information base: every protocol's candidate routes per prefix, the active one
 * chosen the Junos way (lowest preference, then protocol, metric, instance), next hops resolved
 * (directly over connected subnets of usable interfaces, or recursively through another route
 * where the route allows it), and the forwarding result handed to the {@link Fib} in batches.
 *
 * <p>Single-threaded: every change is a task on the given executor (one thread), so the
 * selection code holds no locks. Callers on other threads only enqueue. A route none of whose
 * next hops resolves is kept but unusable ("hidden" in Junos words); the next candidate becomes
 * active, which is how floating statics and carrier loss work.
 */
public final class Rib {
    private static final System.Logger LOG = System.getLogger(Rib.class.getName());
    private static final int MAX_SETTLE_ROUNDS = 32;

    private static final Comparator<RibRoute> ORDER = Comparator.comparingInt(RibRoute::preference)
            .thenComparingInt(r -> r.protocol().rank()).thenComparingLong(RibRoute::metric)
            .thenComparingInt(RibRoute::instance);

    private final Executor executor;
    private final Fib fib;
    private final Clock clock;

    private final Map<Prefix, Destination> table = new HashMap<>();
    private final Map<String, InterfaceState> interfaces = new HashMap<>();
    private final Map<String, Integer> interfaceIds = new HashMap<>();
    private final Map<String, Set<Prefix>> interfaceDependents = new HashMap<>();
    private final Map<InetAddress, TrackedGateway> gateways = new HashMap<>();
    private final LinkedHashSet<Prefix> dirty = new LinkedHashSet<>();
    private final Map<InetAddress, List<GatewayWatcher>> watchers = new HashMap<>();
    private final List<ActiveRouteListener> activeListeners = new ArrayList<>();
    private final List<Fib.Change> pendingFib = new ArrayList<>();
    private final Map<List<ForwardingHop>, FibEntry.Forward> sharedForwarding = new HashMap<>();

    /** One offer and what the RIB made of it. */
    private static final class Candidate {
        final RibRoute route;
        /** When it was offered, in epoch milliseconds (a long, not an Instant: one per route of a full table). */
        final long sinceMillis;
        List<ForwardingHop> hops = List.of();
        boolean usable;

        Candidate(RibRoute route, long sinceMillis) {
            this.route = route;
            this.sinceMillis = sinceMillis;
        }
    }

    private static final class Destination {
        final Prefix prefix;
        final List<Candidate> candidates = new ArrayList<>(2);
        Candidate active;
        FibEntry programmed;
        Set<InetAddress> gatewaysUsed = Set.of();
        Set<String> interfacesUsed = Set.of();

        Destination(Prefix prefix) {
            this.prefix = prefix;
        }
    }

    /**
     * Hears whether a gateway is reachable (BGP next hops, RFC 4271 section 9.1.2.1) and at what
     * cost: the metric of the route it resolves through (0 when on a connected subnet). Called
     * on the RIB's thread, at once with the current state and then on every change.
     */
    public interface GatewayWatcher {
        void changed(InetAddress gateway, boolean reachable, long metric);
    }

    /**
     * Hears the active route of every prefix change (exports of static and direct routes into
     * BGP): {@code active} null when the prefix has none. Called on the RIB's thread.
     */
    public interface ActiveRouteListener {
        void changed(Prefix prefix, RibRoute active);
    }

    /** How a gateway resolves now, and which prefixes depend on it. */
    private static final class TrackedGateway {
        final Set<Prefix> dependents = new HashSet<>();
        Resolution resolution;
    }

    /** Direct (on a connected subnet: interface known) or through {@code via}'s forwarding hops at {@code metric}. */
    private record Resolution(String directInterface, Prefix via, List<ForwardingHop> hops, long metric) {
        static final Resolution NONE = new Resolution(null, null, List.of(), 0);

        boolean reachable() {
            return directInterface != null || !hops.isEmpty();
        }
    }

    public Rib(Executor executor, Fib fib, Clock clock) {
        this.executor = Objects.requireNonNull(executor);
        this.fib = Objects.requireNonNull(fib);
        this.clock = Objects.requireNonNull(clock);
    }

    // ---------------------------------------------------------------- public API (enqueues)

    /** Adds or replaces the offer named by (prefix, protocol, instance). */
    public void update(RibRoute route) {
        executor.execute(() -> step(() -> put(route)));
    }

    /** Takes back the offer named by (prefix, protocol, instance), if there is one. */
    public void withdraw(Prefix prefix, Protocol protocol, int instance) {
        executor.execute(() -> step(() -> remove(prefix, protocol, instance)));
    }

    /** Applies many offers and withdrawals as one step (one FIB batch). */
    public void apply(Collection<RibRoute> updates, Collection<Withdrawal> withdrawals) {
        List<RibRoute> u = List.copyOf(updates);
        List<Withdrawal> w = List.copyOf(withdrawals);
        executor.execute(() -> step(() -> {
            for (Withdrawal x : w) {
                remove(x.prefix(), x.protocol(), x.instance());
            }
            for (RibRoute r : u) {
                put(r);
            }
        }));
    }

    /** A withdrawal for {@link #apply}. */
    public record Withdrawal(Prefix prefix, Protocol protocol, int instance) {
    }

    /**
     * Makes {@code routes} the whole set of {@code protocol}'s offers: offers not in it are
     * withdrawn, changed ones replaced, unchanged ones left alone (their age too). This is how a
     * commit hands its static routes over.
     */
    public void replaceAll(Protocol protocol, Collection<RibRoute> routes) {
        List<RibRoute> wanted = List.copyOf(routes);
        executor.execute(() -> step(() -> {
            Map<Object, RibRoute> byKey = new HashMap<>();
            for (RibRoute r : wanted) {
                if (r.protocol() != protocol) {
                    throw new IllegalArgumentException("replaceAll(" + protocol + ") given a " + r.protocol() + " route");
                }
                byKey.put(List.of(r.prefix(), r.instance()), r);
            }
            List<Withdrawal> gone = new ArrayList<>();
            for (Destination d : table.values()) {
                for (Candidate c : d.candidates) {
                    if (c.route.protocol() == protocol && !byKey.containsKey(List.of(d.prefix, c.route.instance()))) {
                        gone.add(new Withdrawal(d.prefix, protocol, c.route.instance()));
                    }
                }
            }
            for (Withdrawal w : gone) {
                remove(w.prefix(), w.protocol(), w.instance());
            }
            for (RibRoute r : wanted) {
                put(r);
            }
        }));
    }

    /** An interface appeared or changed (usable or not, addresses). */
    public void interfaceChanged(InterfaceState state) {
        executor.execute(() -> step(() -> setInterface(state)));
    }

    /** An interface is gone. */
    public void interfaceRemoved(String name) {
        executor.execute(() -> step(() -> setInterface(new InterfaceState(name, false, List.of()))));
    }

    /** Watches a gateway's reachability until {@link #unwatch}; the watcher hears the current state at once. */
    public void watch(InetAddress gateway, GatewayWatcher watcher) {
        executor.execute(() -> step(() -> {
            watchers.computeIfAbsent(gateway, g -> new ArrayList<>()).add(watcher);
            TrackedGateway t = gateways.computeIfAbsent(gateway, g -> {
                TrackedGateway x = new TrackedGateway();
                x.resolution = resolveGateway(g);
                return x;
            });
            watcher.changed(gateway, t.resolution.reachable(), t.resolution.metric());
        }));
    }

    public void unwatch(InetAddress gateway, GatewayWatcher watcher) {
        executor.execute(() -> step(() -> {
            List<GatewayWatcher> l = watchers.get(gateway);
            if (l != null) {
                l.remove(watcher);
                if (l.isEmpty()) {
                    watchers.remove(gateway);
                    TrackedGateway t = gateways.get(gateway);
                    if (t != null && t.dependents.isEmpty()) {
                        gateways.remove(gateway);
                    }
                }
            }
        }));
    }

    /** Adds a listener to active-route changes; it hears every current active route at once. */
    public void addActiveRouteListener(ActiveRouteListener listener) {
        executor.execute(() -> step(() -> {
            activeListeners.add(listener);
            for (Destination d : table.values()) {
                if (d.active != null) {
                    listener.changed(d.prefix, d.active.route);
                }
            }
        }));
    }

    /** A consistent, immutable copy of the RIB for show commands, made on the RIB's thread. */
    public CompletableFuture<RibSnapshot> snapshot() {
        return onRibThread(this::buildSnapshot);
    }

    /**
     * Like {@link #snapshot()}, with only the destinations of {@code prefixes} (those the RIB
     * holds): a show command walks a large table in pieces without copying all of it at once.
     */
    public CompletableFuture<RibSnapshot> snapshot(Collection<Prefix> prefixes) {
        return onRibThread(() -> {
            List<RibSnapshot.Destination> out = new ArrayList<>(prefixes.size());
            for (Prefix p : prefixes) {
                Destination d = table.get(p);
                if (d != null) {
                    out.add(snapshotOf(d));
                }
            }
            out.sort(Comparator.comparing(RibSnapshot.Destination::prefix));
            return new RibSnapshot(clock.instant(), out);
        });
    }

    /**
     * Completes on the RIB's thread once everything submitted before it has run, with whatever
     * that work told its listeners and watchers already on its way to them.
     */
    public CompletableFuture<Void> drained() {
        return onRibThread(() -> null);
    }

    /** The prefixes of the destinations {@code which} accepts, unordered; no route is copied. */
    public CompletableFuture<List<Prefix>> prefixes(java.util.function.Predicate<Prefix> which) {
        return onRibThread(() -> {
            List<Prefix> out = new ArrayList<>();
            for (Prefix p : table.keySet()) {
                if (which.test(p)) {
                    out.add(p);
                }
            }
            return out;
        });
    }

    /**
     * Table-wide counts of one family, computed where the table lives, without a snapshot: the
     * {@code show route} header and {@code show route summary} over a full table.
     */
    public record Totals(RibSnapshot.Summary summary, Map<Protocol, Integer> routesByProtocol,
                         Map<Protocol, Integer> activeByProtocol) {
    }

    /** Totals for IPv4 (index 0) and IPv6 (index 1). */
    public CompletableFuture<List<Totals>> totals() {
        return onRibThread(() -> {
            List<Totals> out = new ArrayList<>(2);
            for (boolean v6 : new boolean[] {false, true}) {
                int dests = 0;
                int routes = 0;
                int active = 0;
                int hidden = 0;
                Map<Protocol, Integer> byProtocol = new HashMap<>();
                Map<Protocol, Integer> activeByProtocol = new HashMap<>();
                for (Destination d : table.values()) {
                    if (d.prefix.isIpv6() != v6) {
                        continue;
                    }
                    dests++;
                    for (int i = 0; i < d.candidates.size(); i++) { // indexed: no iterator per destination
                        Candidate c = d.candidates.get(i);
                        routes++;
                        active += c == d.active ? 1 : 0;
                        hidden += c.usable ? 0 : 1;
                        byProtocol.merge(c.route.protocol(), 1, Integer::sum);
                        if (c == d.active) {
                            activeByProtocol.merge(c.route.protocol(), 1, Integer::sum);
                        }
                    }
                }
                out.add(new Totals(new RibSnapshot.Summary(v6 ? "inet6.0" : "inet.0", dests, routes, active, 0, hidden),
                        byProtocol, activeByProtocol));
            }
            return out;
        });
    }

    private <T> CompletableFuture<T> onRibThread(java.util.function.Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    // ---------------------------------------------------------------- one step

    private void step(Runnable change) {
        try {
            change.run();
            settle();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "RIB step failed; the RIB keeps its previous state for what was not applied", e);
        } finally {
            if (!pendingFib.isEmpty()) {
                List<Fib.Change> batch = List.copyOf(pendingFib);
                pendingFib.clear();
                try {
                    fib.apply(batch);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "FIB refused a batch of " + batch.size() + " changes", e);
                }
            }
        }
    }

    private void put(RibRoute route) {
        Destination d = table.computeIfAbsent(route.prefix(), Destination::new);
        for (int i = 0; i < d.candidates.size(); i++) {
            Candidate c = d.candidates.get(i);
            if (c.route.protocol() == route.protocol() && c.route.instance() == route.instance()) {
                if (c.route.equals(route)) {
                    return;
                }
                d.candidates.set(i, new Candidate(route, clock.millis()));
                d.candidates.sort(Comparator.comparing(x -> x.route, ORDER));
                dirty.add(route.prefix());
                return;
            }
        }
        d.candidates.add(new Candidate(route, clock.millis()));
        d.candidates.sort(Comparator.comparing(x -> x.route, ORDER));
        dirty.add(route.prefix());
    }

    private void remove(Prefix prefix, Protocol protocol, int instance) {
        Destination d = table.get(prefix);
        if (d != null && d.candidates.removeIf(c -> c.route.protocol() == protocol && c.route.instance() == instance)) {
            dirty.add(prefix);
        }
    }

    private void setInterface(InterfaceState state) {
        InterfaceState before = interfaces.get(state.name());
        int id = interfaceIds.computeIfAbsent(state.name(), n -> interfaceIds.size() + 1);
        // Direct and Local routes follow the interface: present while it is usable
        if (before != null) {
            for (InterfaceState.Address a : before.addresses()) {
                remove(a.subnet(), Protocol.DIRECT, id);
                remove(a.host(), Protocol.LOCAL, id);
            }
        }
        if (state.usable() || !state.addresses().isEmpty()) {
            interfaces.put(state.name(), state);
        } else {
            interfaces.remove(state.name());
        }
        if (state.usable()) {
            for (InterfaceState.Address a : state.addresses()) {
                put(new RibRoute(a.subnet(), Protocol.DIRECT, id, 0, 0, RouteAction.forward(NextHop.interfaceOnly(state.name())),
                        false, null));
                put(new RibRoute(a.host(), Protocol.LOCAL, id, 0, 0, RouteAction.forward(NextHop.interfaceOnly(state.name())),
                        false, null));
            }
        }
        Set<Prefix> deps = interfaceDependents.get(state.name());
        if (deps != null) {
            dirty.addAll(deps);
        }
    }

    // ---------------------------------------------------------------- selection and resolution

    /** Recomputes dirty destinations, and whatever depends on gateways they cover, until stable. */
    private void settle() {
        for (int round = 0; !dirty.isEmpty(); round++) {
            if (round == MAX_SETTLE_ROUNDS) {
                LOG.log(System.Logger.Level.WARNING, "next-hop resolution did not settle after " + round
                        + " rounds (a resolution loop?); " + dirty.size() + " destinations left as they are");
                dirty.clear();
                return;
            }
            List<Prefix> work = new ArrayList<>(dirty);
            dirty.clear();
            Set<Prefix> changedActive = new HashSet<>();
            for (Prefix p : work) {
                if (recompute(p)) {
                    changedActive.add(p);
                }
            }
            if (changedActive.isEmpty() || gateways.isEmpty()) {
                continue;
            }
            for (Map.Entry<InetAddress, TrackedGateway> e : gateways.entrySet()) {
                Prefix host = Prefix.host(e.getKey());
                for (Prefix p : changedActive) {
                    if (p.contains(host)) {
                        Resolution r = resolveGateway(e.getKey());
                        if (!r.equals(e.getValue().resolution)) {
                            Resolution before = e.getValue().resolution;
                            e.getValue().resolution = r;
                            dirty.addAll(e.getValue().dependents);
                            if (before.reachable() != r.reachable() || before.metric() != r.metric()) {
                                for (GatewayWatcher w : watchers.getOrDefault(e.getKey(), List.of())) {
                                    w.changed(e.getKey(), r.reachable(), r.metric());
                                }
                            }
                        }
                        break;
                    }
                }
            }
        }
    }

    /** Recomputes one destination; returns true when its active route or forwarding changed. */
    private boolean recompute(Prefix prefix) {
        Destination d = table.get(prefix);
        if (d == null) {
            return false;
        }
        Candidate oldActive = d.active;
        List<ForwardingHop> oldHops = oldActive == null ? List.of() : oldActive.hops;
        Set<InetAddress> usedGateways = new HashSet<>();
        Set<String> usedInterfaces = new HashSet<>();
        Candidate active = null;
        for (Candidate c : d.candidates) {
            List<ForwardingHop> hops = resolve(c.route, usedGateways, usedInterfaces);
            boolean usable = !(c.route.action() instanceof RouteAction.Forward) || !hops.isEmpty();
            c.hops = hops;
            c.usable = usable;
            if (usable && active == null) {
                active = c;
            }
        }
        track(d, usedGateways, usedInterfaces);
        d.active = active;
        if (d.candidates.isEmpty()) {
            track(d, Set.of(), Set.of());
            table.remove(prefix);
        }
        FibEntry wanted = fibEntry(active);
        if (!Objects.equals(wanted, d.programmed)) {
            boolean wasProgrammed = d.programmed != null;
            d.programmed = wanted;
            if (wanted != null || wasProgrammed) {
                pendingFib.add(new Fib.Change(prefix, wanted));
            }
        }
        boolean changed = oldActive != active || !oldHops.equals(active == null ? List.of() : active.hops);
        if (oldActive != active && !activeListeners.isEmpty()) {
            RibRoute r = active == null ? null : active.route;
            for (ActiveRouteListener l : activeListeners) {
                l.changed(prefix, r);
            }
        }
        return changed;
    }

    private FibEntry fibEntry(Candidate active) {
        if (active == null || active.route.protocol().kernelOwned()) {
            return null;
        }
        RouteAction a = active.route.action();
        if (a instanceof RouteAction.Discard) {
            return new FibEntry.Discard();
        }
        if (a instanceof RouteAction.Reject) {
            return new FibEntry.Reject();
        }
        return shared(active.hops);
    }

    private List<ForwardingHop> resolve(RibRoute route, Set<InetAddress> usedGateways, Set<String> usedInterfaces) {
        if (!(route.action() instanceof RouteAction.Forward f)) {
            return List.of();
        }
        TreeSet<ForwardingHop> out = new TreeSet<>();
        for (NextHop h : f.nextHops()) {
            if (h.interfaceName() != null) {
                usedInterfaces.add(h.interfaceName());
                InterfaceState i = interfaces.get(h.interfaceName());
                if (i != null && i.usable()) {
                    out.add(new ForwardingHop(h.gateway(), h.interfaceName(), h.weight()));
                }
                continue;
            }
            usedGateways.add(h.gateway());
            Resolution r = gateway(h.gateway());
            if (r.directInterface() != null) {
                out.add(new ForwardingHop(h.gateway(), r.directInterface(), h.weight()));
            } else if (route.resolve() && r.via() != null && !r.via().equals(route.prefix())) {
                for (ForwardingHop x : r.hops()) {
                    out.add(new ForwardingHop(x.gateway() != null ? x.gateway() : h.gateway(), x.interfaceName(),
                            h.weight()));
                }
            }
        }
        return out.isEmpty() ? List.of() : shared(List.copyOf(out)).hops();
    }

    /**
     * The one FIB entry (and hop list) for {@code hops}, shared by every route that forwards the
     * same way: a full table through a few gateways then holds a few lists, not one per route.
     * Entries are immutable values, so the cache is only bounded (cleared past 4096), never kept exact.
     */
    private FibEntry.Forward shared(List<ForwardingHop> hops) {
        FibEntry.Forward f = sharedForwarding.get(hops);
        if (f == null) {
            if (sharedForwarding.size() >= 4096) {
                sharedForwarding.clear();
            }
            f = new FibEntry.Forward(hops);
            sharedForwarding.put(f.hops(), f);
        }
        return f;
    }

    private Resolution gateway(InetAddress g) {
        TrackedGateway t = gateways.get(g);
        if (t == null) {
            t = new TrackedGateway();
            t.resolution = resolveGateway(g);
            gateways.put(g, t);
        }
        return t.resolution;
    }

    /** Longest-match active route covering {@code g}: direct when it is a connected subnet. */
    private Resolution resolveGateway(InetAddress g) {
        Prefix host = Prefix.host(g);
        int max = host.length();
        for (int len = max; len >= 0; len--) {
            Destination d = table.get(host.isIpv4() ? Prefix.ipv4(host.ipv4Address(), len)
                    : Prefix.ipv6(host.high(), host.low(), len));
            if (d == null || d.active == null) {
                continue;
            }
            RibRoute r = d.active.route;
            if (r.protocol() == Protocol.LOCAL) {
                return Resolution.NONE; // our own address is no gateway
            }
            if (r.protocol() == Protocol.DIRECT && !d.active.hops.isEmpty()) {
                return new Resolution(d.active.hops.get(0).interfaceName(), d.prefix, List.of(), 0);
            }
            if (!(r.action() instanceof RouteAction.Forward) || d.active.hops.isEmpty()) {
                return Resolution.NONE; // a discard or reject route covers it
            }
            return new Resolution(null, d.prefix, d.active.hops, r.metric());
        }
        return Resolution.NONE;
    }

    private void track(Destination d, Set<InetAddress> usedGateways, Set<String> usedInterfaces) {
        for (InetAddress g : d.gatewaysUsed) {
            if (!usedGateways.contains(g)) {
                TrackedGateway t = gateways.get(g);
                if (t != null) {
                    t.dependents.remove(d.prefix);
                    if (t.dependents.isEmpty() && !watchers.containsKey(g)) {
                        gateways.remove(g);
                    }
                }
            }
        }
        for (InetAddress g : usedGateways) {
            gateways.computeIfAbsent(g, x -> {
                TrackedGateway t = new TrackedGateway();
                t.resolution = resolveGateway(x);
                return t;
            }).dependents.add(d.prefix);
        }
        for (String i : d.interfacesUsed) {
            if (!usedInterfaces.contains(i)) {
                Set<Prefix> s = interfaceDependents.get(i);
                if (s != null) {
                    s.remove(d.prefix);
                    if (s.isEmpty()) {
                        interfaceDependents.remove(i);
                    }
                }
            }
        }
        for (String i : usedInterfaces) {
            interfaceDependents.computeIfAbsent(i, x -> new HashSet<>()).add(d.prefix);
        }
        // immutable copies: a route mostly uses one gateway, and a HashSet per route of a full table costs ~200 bytes
        d.gatewaysUsed = usedGateways.isEmpty() ? Set.of() : Set.copyOf(usedGateways);
        d.interfacesUsed = usedInterfaces.isEmpty() ? Set.of() : Set.copyOf(usedInterfaces);
    }

    // ---------------------------------------------------------------- snapshots

    private RibSnapshot buildSnapshot() {
        List<RibSnapshot.Destination> out = new ArrayList<>(table.size());
        for (Destination d : table.values()) {
            out.add(snapshotOf(d));
        }
        out.sort(Comparator.comparing(RibSnapshot.Destination::prefix));
        return new RibSnapshot(clock.instant(), out);
    }

    private static RibSnapshot.Destination snapshotOf(Destination d) {
        List<RibSnapshot.Route> routes = new ArrayList<>(d.candidates.size());
        for (Candidate c : d.candidates) {
            routes.add(new RibSnapshot.Route(c.route, c == d.active, c.usable, c.hops, Instant.ofEpochMilli(c.sinceMillis)));
        }
        return new RibSnapshot.Destination(d.prefix, routes);
    }
}
