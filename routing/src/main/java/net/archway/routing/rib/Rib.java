package net.archway.routing.rib;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

import net.archway.routing.CompactElements;
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
    private static final Comparator<Candidate> CANDIDATE_ORDER = Comparator.comparing(x -> x.route, ORDER);
    /** Bounds {@link #resolvedActions}; a full table through a few gateways needs a handful of entries. */
    private static final int RESOLVED_ACTIONS_MAX = 4096;

    private final Executor executor;
    private final Fib fib;
    private final Clock clock;

    private final Map<Prefix, Destination> table = new HashMap<>();
    private final Map<String, InterfaceState> interfaces = new HashMap<>();
    private final Map<String, Integer> interfaceIds = new HashMap<>();
    private final Map<String, Set<Prefix>> interfaceDependents = new HashMap<>();
    private final Map<InetAddress, TrackedGateway> gateways = new HashMap<>();
    /** Destinations to recompute in the next settle; replaced, not cleared, after a large step (see {@link #settle}). */
    private LinkedHashSet<Prefix> dirty = new LinkedHashSet<>();
    private final Map<InetAddress, List<GatewayWatcher>> watchers = new HashMap<>();
    private final List<ActiveRouteListener> activeListeners = new ArrayList<>();
    private final List<Fib.Change> pendingFib = new ArrayList<>();
    private final Map<List<ForwardingHop>, FibEntry.Forward> sharedForwarding = new HashMap<>();
    /** Watch and unwatch requests, run at the start of the next step (see {@link #watch}); any thread adds. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> urgent = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /**
     * What each forwarding action (with or without recursion) resolves to now: a full table
     * through a few gateways shares a few actions, so a route's recomputation is one lookup, not
     * a resolution with its sets and lists. Emptied whenever a tracked gateway resolves
     * differently, stops being tracked, or an interface changes (everything a resolution reads).
     */
    private final Map<RouteAction.Forward, Resolved> resolvedActions = new HashMap<>();
    private final Map<RouteAction.Forward, Resolved> resolvedRecursiveActions = new HashMap<>();

    /**
     * What a route's action resolves to: the shared FIB entry of its forwarding hops (null when
     * none resolves), the gateways and interfaces it depends on, and the covering routes it resolved
     * through. Immutable, shared by every route with the same action.
     */
    private record Resolved(FibEntry.Forward entry, Set<InetAddress> gateways, Set<String> interfaces,
                            Set<Prefix> vias) {
        static final Resolved NONE = new Resolved(null, Set.of(), Set.of(), Set.of());

        List<ForwardingHop> hops() {
            return entry == null ? List.of() : entry.hops();
        }
    }

    /** One offer and what the RIB made of it. */
    private static final class Candidate {
        final RibRoute route;
        /** When it was offered, in epoch milliseconds (a long, not an Instant: one per route of a full table). */
        final long sinceMillis;
        Resolved resolved = Resolved.NONE;
        boolean usable;

        List<ForwardingHop> hops() {
            return resolved.hops();
        }

        Candidate(RibRoute route, long sinceMillis) {
            this.route = route;
            this.sinceMillis = sinceMillis;
        }
    }

    private static final class Destination {
        final Prefix prefix;
        /** Its candidates in {@link #ORDER}: null, the one candidate, or an array (no list object per destination of a full table). */
        private Object candidates;
        Candidate active;
        FibEntry programmed;
        Set<InetAddress> gatewaysUsed = Set.of();
        Set<String> interfacesUsed = Set.of();

        Destination(Prefix prefix) {
            this.prefix = prefix;
        }

        int count() {
            return CompactElements.size(candidates);
        }

        Candidate candidate(int i) {
            return CompactElements.get(candidates, i, Candidate.class);
        }

        /** Adds {@code c}, or puts it in place of the one at {@code replacing} (0 or more), keeping the order. */
        void put(Candidate c, int replacing) {
            candidates = replacing >= 0 ? CompactElements.replaced(candidates, replacing, c)
                    : CompactElements.with(candidates, c, Candidate[]::new);
            if (candidates instanceof Candidate[] a) {
                Arrays.sort(a, CANDIDATE_ORDER); // stable: equal candidates keep their order
            }
        }

        /** Removes the candidate of (protocol, instance); false when there was none. */
        boolean remove(Protocol protocol, int instance) {
            for (int i = 0; i < count(); i++) {
                Candidate c = candidate(i);
                if (c.route.protocol() == protocol && c.route.instance() == instance) {
                    candidates = CompactElements.without(candidates, i, Candidate[]::new);
                    return true;
                }
            }
            return false;
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

    /**
     * How a gateway resolves now, and how many destinations depend on it (those naming it in their
     * {@code gatewaysUsed}). A count, not a set of prefixes: a full table through one gateway would
     * hold a million-entry set; when the gateway resolves differently the table is walked instead.
     */
    private static final class TrackedGateway {
        int dependents;
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
                for (int i = 0; i < d.count(); i++) {
                    Candidate c = d.candidate(i);
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

    /**
     * Watches a gateway's reachability until {@link #unwatch}; the watcher hears the current state
     * at once. Watches (and unwatches) go ahead of route changes already queued: BGP learns whether
     * a new next hop is reachable within one step, not after the table it is learning (a full
     * IPv4 table queued ahead of the first IPv6 next hop held every IPv6 route back for seconds).
     * Later changes reach the watcher in order as usual.
     */
    public void watch(InetAddress gateway, GatewayWatcher watcher) {
        urgently(() -> {
            watchers.computeIfAbsent(gateway, g -> new ArrayList<>()).add(watcher);
            TrackedGateway t = gateways.computeIfAbsent(gateway, g -> {
                TrackedGateway x = new TrackedGateway();
                x.resolution = resolveGateway(g);
                return x;
            });
            watcher.changed(gateway, t.resolution.reachable(), t.resolution.metric());
        });
    }

    public void unwatch(InetAddress gateway, GatewayWatcher watcher) {
        urgently(() -> {
            List<GatewayWatcher> l = watchers.get(gateway);
            if (l != null) {
                l.remove(watcher);
                if (l.isEmpty()) {
                    watchers.remove(gateway);
                    TrackedGateway t = gateways.get(gateway);
                    if (t != null && t.dependents == 0) {
                        gateways.remove(gateway);
                        forgetResolvedActions(); // nobody updates its resolution now
                    }
                }
            }
        });
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
                    for (int i = 0; i < d.count(); i++) {
                        Candidate c = d.candidate(i);
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

    /** Runs {@code change} at the start of the RIB thread's next step, ahead of whatever is queued. */
    private void urgently(Runnable change) {
        urgent.add(change);
        executor.execute(() -> step(() -> { }));
    }

    private void step(Runnable change) {
        try {
            for (Runnable u; (u = urgent.poll()) != null; ) {
                try {
                    u.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "RIB: a gateway watch failed; the RIB goes on", e);
                }
            }
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
        int replacing = -1;
        for (int i = 0; i < d.count(); i++) {
            Candidate c = d.candidate(i);
            if (c.route.protocol() == route.protocol() && c.route.instance() == route.instance()) {
                if (c.route.equals(route)) {
                    return;
                }
                replacing = i;
                break;
            }
        }
        d.put(new Candidate(route, clock.millis()), replacing);
        dirty.add(route.prefix());
    }

    private void remove(Prefix prefix, Protocol protocol, int instance) {
        Destination d = table.get(prefix);
        if (d != null && d.remove(protocol, instance)) {
            dirty.add(prefix);
        }
    }

    private void setInterface(InterfaceState state) {
        forgetResolvedActions();
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
                dirty = new LinkedHashSet<>();
                return;
            }
            List<Prefix> work = new ArrayList<>(dirty);
            // clear() costs the set's capacity, not its size: after a full table went through in one
            // step every later step would pay for a million empty slots
            if (work.size() > 4096) {
                dirty = new LinkedHashSet<>();
            } else {
                dirty.clear();
            }
            List<Prefix> changedActive = new ArrayList<>(); // distinct: dirty was a set
            for (Prefix p : work) {
                if (recompute(p)) {
                    changedActive.add(p);
                }
            }
            if (changedActive.isEmpty() || gateways.isEmpty()) {
                continue;
            }
            Set<InetAddress> moved = new HashSet<>();
            for (Map.Entry<InetAddress, TrackedGateway> e : gateways.entrySet()) {
                Prefix host = Prefix.host(e.getKey());
                for (Prefix p : changedActive) {
                    if (p.contains(host)) {
                        Resolution r = resolveGateway(e.getKey());
                        if (!r.equals(e.getValue().resolution)) {
                            Resolution before = e.getValue().resolution;
                            e.getValue().resolution = r;
                            forgetResolvedActions();
                            moved.add(e.getKey());
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
            if (!moved.isEmpty()) {
                for (Destination d : table.values()) {
                    for (InetAddress g : d.gatewaysUsed) {
                        if (moved.contains(g)) {
                            dirty.add(d.prefix);
                            break;
                        }
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
        List<ForwardingHop> oldHops = oldActive == null ? List.of() : oldActive.hops();
        Set<InetAddress> usedGateways = Set.of();
        Set<String> usedInterfaces = Set.of();
        Candidate active = null;
        for (int i = 0; i < d.count(); i++) {
            Candidate c = d.candidate(i);
            Resolved r = resolved(c.route);
            boolean usable = !(c.route.action() instanceof RouteAction.Forward) || r.entry != null;
            c.resolved = r;
            c.usable = usable;
            if (usable && active == null) {
                active = c;
            }
            usedGateways = union(usedGateways, r.gateways);
            usedInterfaces = union(usedInterfaces, r.interfaces);
        }
        track(d, usedGateways, usedInterfaces);
        d.active = active;
        if (d.count() == 0) {
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
        boolean changed = oldActive != active || !oldHops.equals(active == null ? List.of() : active.hops());
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
        return active.resolved.entry; // an active forwarding route has hops, hence an entry
    }

    /** Both sets; one of them itself when the other adds nothing (the common case: one candidate). */
    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        if (b.isEmpty() || a.equals(b)) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Set<T> u = new HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    /** {@code route}'s action resolved now: from {@link #resolvedActions} when another route asked the same. */
    private Resolved resolved(RibRoute route) {
        if (!(route.action() instanceof RouteAction.Forward f)) {
            return Resolved.NONE;
        }
        Map<RouteAction.Forward, Resolved> cache = route.resolve() ? resolvedRecursiveActions : resolvedActions;
        Resolved r = cache.get(f);
        // a route never resolves through itself: a cached answer through this very prefix is not its answer
        if (r != null && !r.vias.contains(route.prefix())) {
            return r;
        }
        r = resolve(f, route);
        if (!r.vias.contains(route.prefix())) {
            if (cache.size() >= RESOLVED_ACTIONS_MAX) {
                cache.clear();
            }
            cache.put(f, r);
        }
        return r;
    }

    /** Everything that {@link #resolvedActions} caches depends on tracked gateways' resolutions and on interfaces. */
    private void forgetResolvedActions() {
        resolvedActions.clear();
        resolvedRecursiveActions.clear();
    }

    private Resolved resolve(RouteAction.Forward f, RibRoute route) {
        Set<InetAddress> usedGateways = new HashSet<>();
        Set<String> usedInterfaces = new HashSet<>();
        Set<Prefix> vias = new HashSet<>();
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
                vias.add(r.via());
                for (ForwardingHop x : r.hops()) {
                    out.add(new ForwardingHop(x.gateway() != null ? x.gateway() : h.gateway(), x.interfaceName(),
                            h.weight()));
                }
            } else if (route.resolve() && r.via() != null) {
                vias.add(r.via()); // through itself: not usable, and not cached for this prefix
            }
        }
        FibEntry.Forward entry = out.isEmpty() ? null : shared(List.copyOf(out));
        return new Resolved(entry, Set.copyOf(usedGateways), Set.copyOf(usedInterfaces), Set.copyOf(vias));
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
            if (r.protocol() == Protocol.DIRECT && !d.active.hops().isEmpty()) {
                return new Resolution(d.active.hops().get(0).interfaceName(), d.prefix, List.of(), 0);
            }
            if (!(r.action() instanceof RouteAction.Forward) || d.active.hops().isEmpty()) {
                return Resolution.NONE; // a discard or reject route covers it
            }
            return new Resolution(null, d.prefix, d.active.hops(), r.metric());
        }
        return Resolution.NONE;
    }

    /**
     * Records which gateways and interfaces {@code d} depends on now ({@code usedGateways} and
     * {@code usedInterfaces} are immutable, and mostly the very sets of the cached resolution).
     */
    private void track(Destination d, Set<InetAddress> usedGateways, Set<String> usedInterfaces) {
        if (d.gatewaysUsed.equals(usedGateways) && d.interfacesUsed.equals(usedInterfaces)) {
            return; // as before: a gateway in gatewaysUsed counts d among its dependents until track says otherwise
        }
        for (InetAddress g : d.gatewaysUsed) {
            if (!usedGateways.contains(g)) {
                TrackedGateway t = gateways.get(g);
                if (t != null) {
                    t.dependents--;
                    if (t.dependents == 0 && !watchers.containsKey(g)) {
                        gateways.remove(g);
                        forgetResolvedActions(); // nobody updates its resolution now
                    }
                }
            }
        }
        for (InetAddress g : usedGateways) {
            if (!d.gatewaysUsed.contains(g)) {
                gateways.computeIfAbsent(g, x -> {
                    TrackedGateway t = new TrackedGateway();
                    t.resolution = resolveGateway(x);
                    return t;
                }).dependents++;
            }
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
        // shared immutable sets: a HashSet per route of a full table would cost ~200 bytes
        d.gatewaysUsed = usedGateways;
        d.interfacesUsed = usedInterfaces;
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
        List<RibSnapshot.Route> routes = new ArrayList<>(d.count());
        for (int i = 0; i < d.count(); i++) {
            Candidate c = d.candidate(i);
            routes.add(new RibSnapshot.Route(c.route, c == d.active, c.usable, c.hops(), Instant.ofEpochMilli(c.sinceMillis)));
        }
        return new RibSnapshot.Destination(d.prefix, routes);
    }
}
