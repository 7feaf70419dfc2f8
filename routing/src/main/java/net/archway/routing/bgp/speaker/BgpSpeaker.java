package net.archway.routing.bgp.speaker;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import net.archway.routing.CompactElements;
import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.Announcement;
import net.archway.routing.bgp.message.AttributeInterner;
import net.archway.routing.bgp.message.ClusterList;
import net.archway.routing.bgp.message.AsPath;
import net.archway.routing.bgp.message.Communities;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.NextHop;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.message.UpdateMessage;
import net.archway.routing.bgp.session.BgpSession;
import net.archway.routing.bgp.session.NegotiatedSession;
import net.archway.routing.bgp.session.PeerSettings;
import net.archway.routing.bgp.session.SessionDown;
import net.archway.routing.bgp.session.SessionSnapshot;
import net.archway.routing.bgp.session.SessionTransport;
import net.archway.routing.policy.PolicyEngine;
import net.archway.routing.policy.PolicyOptions;
import net.archway.routing.policy.PolicyRoute;
import net.archway.routing.rib.Protocol;
import net.archway.routing.rib.Rib;
import net.archway.routing.rib.RibRoute;
import net.archway.routing.rib.RouteAction;

/**
 * The BGP speaker above the sessions: Adj-RIB-In (received attributes are kept, so import policy
 * can be re-run without the peer), import policy, the Loc-RIB with every path per prefix and the
 * best (and multipath) set chosen in Junos' order among paths whose next hop the RIB can reach,
 * the best set offered to the RIB as one BGP route, and the export side: export policy, the
 * eBGP/iBGP/route-reflection rules, Adj-RIB-Out per peer, UPDATEs packed per attribute set.
 *
 * <p>Everything runs on one thread of its own ("bgp"): sessions hand their events to it and
 * keep sending keepalives on their event loops whatever it is doing; the RIB has its own thread.
 * When the queue of received UPDATEs grows past a mark, the sessions stop reading (TCP flow
 * control) until it drains.
 */
public final class BgpSpeaker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BgpSpeaker.class.getName());
    private static final int QUEUE_HIGH = 2_000;
    private static final int QUEUE_LOW = 500;
    /** Prefixes {@link #flush} takes from a peer's queue at a time, before it lets other work run. */
    private static final int FLUSH_CHUNK = 20_000;
    private static final int DEFAULT_PREFERENCE = Protocol.BGP.defaultPreference();

    /** The address this router puts as next hop for a peer ({@code next-hop self}), per address family. */
    public interface LocalAddresses {
        InetAddress nextHopSelf(InetAddress peer, InetAddress sessionLocal, boolean ipv6);
    }

    /** How to clear a neighbour ({@code clear bgp neighbor}). */
    public enum Clear {
        /** Reset the session. */
        HARD,
        /** Re-run import and export policy and ask the peer for its routes again (route refresh), without dropping the session. */
        SOFT,
        /** Re-run import policy on the routes kept from the peer. */
        SOFT_INBOUND
    }

    private final SessionTransport transport;
    private final java.util.function.Supplier<net.archway.routing.bgp.session.Scheduler> schedulers;
    private final Rib rib;
    private final LocalAddresses locals;
    private final ScheduledExecutorService thread;
    private final AttributeInterner interner = new AttributeInterner();
    private final AtomicInteger queued = new AtomicInteger();
    private final long startedNanos = System.nanoTime();
    private final Instant started = Instant.now();

    // ---- owned by the speaker's thread ----
    private SpeakerSettings settings = SpeakerSettings.NONE;
    private PolicyEngine policy = new PolicyEngine(PolicyOptions.NONE);
    private final Map<InetAddress, Peer> peers = new LinkedHashMap<>();
    private final Map<Prefix, Dest> locRib = new HashMap<>();
    private final Map<Prefix, RibRoute> localActive = new HashMap<>();
    private final Map<InetAddress, NextHopState> nextHops = new HashMap<>();
    // What the current task changed; emptied by finish(), and replaced instead of cleared when large
    // (clear() costs a hash table's capacity, so one full-table task would tax every later one).
    private Set<Prefix> changed = new LinkedHashSet<>();
    private Map<Prefix, RibRoute> ribUpdates = new LinkedHashMap<>();
    private Set<Prefix> ribWithdrawals = new LinkedHashSet<>();
    private static final int REPLACE_WHEN_LARGER = 4096;
    private final Set<Peer> paused = new HashSet<>();
    private final Map<InetAddress, RouteAction.Forward> forwardVia = new HashMap<>();
    /** The policy engine's view of each attribute set, made once per set, not per route. */
    private final PolicyAdapter.PartsCache policyParts = new PolicyAdapter.PartsCache();
    /** AS paths with our AS prepended (eBGP export), per interned path: one per set, not per route. */
    private final Map<AsPath, AsPath> prepended = new HashMap<>();
    private long prependedAs = -1;
    private final Map<InetAddress, NextHop> selfHops = new HashMap<>();
    /**
     * The {@code show route} detail of each offer, one per (attribute set, peer, path count) rather
     * than one per route; immutable values, so the cache is only bounded (cleared past
     * {@link #ROUTE_DETAILS_MAX}), never kept exact.
     */
    private final Map<BgpRouteDetail, BgpRouteDetail> routeDetails = new HashMap<>();
    private static final int ROUTE_DETAILS_MAX = 1 << 16;
    private int flushChunk = FLUSH_CHUNK;
    private final CompletableFuture<Void> converged = new CompletableFuture<>();
    /** How many times the speaker has offered the RIB routes or withdrawals; convergence waits for it to stand still. */
    private long ribOffers;
    /** Bounds the speaker-RIB rounds of convergence (each may resolve one more level of recursive next hops). */
    private static final int MAX_SETTLE_ROUNDS = 16;
    /** RFC 4724 section 4.1: after our own restart, send nothing (and no End-of-RIB) until converged. */
    private boolean deferring;
    private final Rib.GatewayWatcher watcher = (g, reachable, metric) -> post(() -> nextHopChanged(g, reachable, metric));

    private static final class Dest {
        final Prefix prefix;
        /** Its paths, one per peer: null, the one path, or an array of them (no list object per destination of a full table). */
        private Object paths;
        BgpPath best;
        /** The active set when it has more than {@link #best} in it; null otherwise (most routes: no list per route). */
        List<BgpPath> multipath;
        RibRoute offered;

        Dest(Prefix prefix) {
            this.prefix = prefix;
        }

        int pathCount() {
            return CompactElements.size(paths);
        }

        BgpPath path(int i) {
            return CompactElements.get(paths, i, BgpPath.class);
        }

        void addPath(BgpPath p) {
            paths = CompactElements.with(paths, p, BgpPath[]::new);
        }

        void removePath(int i) {
            paths = CompactElements.without(paths, i, BgpPath[]::new);
        }

        /** A copy of its paths, for the show commands (hot paths index with {@link #path}). */
        List<BgpPath> paths() {
            return List.of(CompactElements.toArray(paths, BgpPath[]::new));
        }

        /** The active (multipath) set: empty, the best path alone, or the paths multipath chose. */
        List<BgpPath> multipath() {
            return multipath != null ? multipath : best == null ? List.of() : List.of(best);
        }
    }

    private static final class NextHopState {
        boolean reachable;
        long metric;
    }

    public BgpSpeaker(SessionTransport transport, java.util.function.Supplier<net.archway.routing.bgp.session.Scheduler> schedulers,
                      Rib rib, LocalAddresses locals) {
        this.transport = transport;
        this.schedulers = schedulers;
        this.rib = rib;
        this.locals = locals;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bgp");
            t.setDaemon(true);
            return t;
        });
        // Non-BGP active routes are the candidates for export; BGP's own routes coming back
        // from the RIB are not news, so only the (few) other protocols' prefixes are posted.
        Set<Prefix> nonBgpActive = new HashSet<>(); // the RIB's thread only
        rib.addActiveRouteListener((prefix, active) -> {
            if (active != null && active.protocol() != Protocol.BGP) {
                nonBgpActive.add(prefix);
                post(() -> localRouteChanged(prefix, active));
            } else if (nonBgpActive.remove(prefix)) {
                post(() -> localRouteChanged(prefix, null));
            }
        });
    }

    // ---------------------------------------------------------------- the thread

    /** Runs {@code task} on the speaker's thread, then sends the RIB and the peers what it changed. */
    void post(Runnable task) {
        if (thread.isShutdown()) {
            return; // closed: late session events have nobody to go to
        }
        thread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "BGP: a task failed; the speaker goes on", e);
            }
            finish();
        });
    }

    private void emptyChanged() {
        if (changed.size() > REPLACE_WHEN_LARGER) {
            changed = new LinkedHashSet<>();
        } else {
            changed.clear();
        }
    }

    private void finish() {
        if (deferring) {
            emptyChanged(); // the whole table goes out when the deferral ends
        }
        if (!changed.isEmpty()) {
            for (Peer peer : peers.values()) {
                if (peer.established) {
                    if (changed.size() == 1) {
                        stageExport(peer, changed.iterator().next());
                    } else {
                        stageGrouped(peer, changed);
                    }
                }
            }
            emptyChanged();
        }
        if (!ribUpdates.isEmpty() || !ribWithdrawals.isEmpty()) {
            List<Rib.Withdrawal> w = new ArrayList<>(ribWithdrawals.size());
            for (Prefix p : ribWithdrawals) {
                w.add(new Rib.Withdrawal(p, Protocol.BGP, 0));
            }
            rib.apply(new ArrayList<>(ribUpdates.values()), w);
            ribOffers++;
            if (ribUpdates.size() > REPLACE_WHEN_LARGER) {
                ribUpdates = new LinkedHashMap<>();
            } else {
                ribUpdates.clear();
            }
            if (ribWithdrawals.size() > REPLACE_WHEN_LARGER) {
                ribWithdrawals = new LinkedHashSet<>();
            } else {
                ribWithdrawals.clear();
            }
        }
        for (Peer peer : peers.values()) {
            if (!peer.pendingOut.isEmpty()) {
                flush(peer);
            }
        }
    }

    // ---------------------------------------------------------------- configuration

    /** Makes {@code s} the speaker's configuration (a commit); policies apply to routes already known. */
    public void apply(SpeakerSettings s, PolicyOptions options) {
        post(() -> reconfigure(s, options));
    }

    private void reconfigure(SpeakerSettings s, PolicyOptions options) {
        boolean policiesChanged = !policy.options().equals(options) || s.ebgpImportRequiresPolicy() != settings.ebgpImportRequiresPolicy()
                || s.ebgpExportRequiresPolicy() != settings.ebgpExportRequiresPolicy()
                || s.localAs() != settings.localAs() || s.routerId() != settings.routerId() || s.clusterId() != settings.clusterId();
        settings = s;
        policy = new PolicyEngine(options);
        Map<InetAddress, NeighborSettings> wanted = new LinkedHashMap<>();
        for (NeighborSettings n : s.neighbors()) {
            wanted.put(n.address(), n);
        }
        for (Peer peer : new ArrayList<>(peers.values())) {
            NeighborSettings n = wanted.get(peer.settings.address());
            if (n == null || !n.peer().equals(peer.settings.peer())) {
                removePeer(peer, n == null ? "neighbor removed from the configuration" : "neighbor settings changed");
            }
        }
        for (NeighborSettings n : s.neighbors()) {
            Peer peer = peers.get(n.address());
            if (peer == null) {
                peer = new Peer(this, n);
                peers.put(n.address(), peer);
                peer.session = new BgpSession(n.peer(), peer, schedulers.get(), transport, interner);
                peer.session.start();
            } else {
                boolean importChanged = !peer.settings.importPolicies().equals(n.importPolicies());
                boolean exportChanged = !peer.settings.exportPolicies().equals(n.exportPolicies())
                        || !Objects.equals(peer.settings.localPreference(), n.localPreference())
                        || peer.settings.routeReflectorClient() != n.routeReflectorClient();
                boolean multipathChanged = peer.settings.multipath() != n.multipath() || peer.settings.multipleAs() != n.multipleAs();
                peer.settings = n;
                if (importChanged || policiesChanged || multipathChanged) {
                    reimport(peer);
                }
                if (exportChanged && !policiesChanged) {
                    reexport(peer); // with policiesChanged every peer is re-exported below, once
                }
            }
        }
        if (policiesChanged) {
            for (Peer peer : peers.values()) {
                reexport(peer);
            }
        }
        checkConvergence();
    }

    private void removePeer(Peer peer, String why) {
        peers.remove(peer.settings.address());
        peer.session.stop(why);
        if (peer.staleTimer != null) {
            peer.staleTimer.cancel(false);
        }
        dropPaths(peer, p -> true);
        LOG.log(System.Logger.Level.INFO, "BGP " + Prefix.format(peer.settings.address()) + ": " + why);
    }

    // ---------------------------------------------------------------- receiving

    /** On the session's event loop: queue the UPDATE; stop reading while the queue is long. */
    void received(Peer peer, BgpSession s, UpdateMessage update) {
        if (queued.incrementAndGet() > QUEUE_HIGH) {
            s.setReceiving(false);
            post(() -> paused.add(peer));
        }
        post(() -> {
            queued.decrementAndGet();
            if (s == peer.session) {
                process(peer, update);
            }
            if (!paused.isEmpty() && queued.get() < QUEUE_LOW) {
                for (Peer p : paused) {
                    p.session.setReceiving(true);
                }
                paused.clear();
            }
        });
    }

    private void process(Peer peer, UpdateMessage u) {
        if (u.isEndOfRib()) {
            peer.endOfRibReceived.add(u.endOfRib());
            if (peer.staleRoutes) {
                dropStale(peer, u.endOfRib());
                if (peer.endOfRibReceived.containsAll(peer.families())) {
                    peer.staleRoutes = false;
                    if (peer.staleTimer != null) {
                        peer.staleTimer.cancel(false);
                    }
                }
            }
            checkConvergence();
            return;
        }
        for (Prefix p : u.withdrawn()) {
            Dest d = locRib.get(p);
            if (d != null && removePath(d, peer)) {
                recompute(d);
            }
        }
        for (Announcement a : u.announced()) {
            for (Prefix p : a.prefixes()) {
                Dest d = locRib.computeIfAbsent(p, Dest::new);
                BgpPath path = pathOf(d, peer);
                int now = (int) ((System.nanoTime() - startedNanos) / 1_000_000_000L);
                if (path == null) {
                    path = new BgpPath(peer, a.attributes(), now);
                    d.addPath(path);
                    peer.countReceived(p, 1);
                } else {
                    path.received = a.attributes();
                    path.receivedAt = now;
                }
                path.stale = false;
                importPath(peer, d, path);
                recompute(d);
            }
        }
        enforcePrefixLimits(peer);
    }

    private static BgpPath pathOf(Dest d, Peer peer) {
        for (int i = 0; i < d.pathCount(); i++) {
            BgpPath p = d.path(i);
            if (p.peer == peer) {
                return p;
            }
        }
        return null;
    }

    private boolean removePath(Dest d, Peer peer) {
        for (int i = 0; i < d.pathCount(); i++) {
            BgpPath p = d.path(i);
            if (p.peer == peer) {
                d.removePath(i);
                peer.countReceived(d.prefix, -1);
                if (p.accepted != null) {
                    peer.countAccepted(d.prefix, -1);
                }
                return true;
            }
        }
        return false;
    }

    /** Loop checks, then the import chain (or RFC 8212's default), on the attributes as received. */
    private void importPath(Peer peer, Dest d, BgpPath path) {
        boolean was = path.accepted != null;
        PathAttributes a = path.received;
        String reason = null;
        PathAttributes out = null;
        Integer preference = null;
        if (!peer.settings.internal() && a.asPath().contains(peer.settings.peer().effectiveLocalAs())) {
            reason = "AS path loop: it contains our AS " + peer.settings.peer().effectiveLocalAs();
        } else if (a.hasOriginatorId() && a.originatorId() == settings.routerId()) {
            reason = "ORIGINATOR_ID is our own router ID (route reflection loop)";
        } else if (settings.clusterId() != 0 && a.clusterList().contains(settings.clusterId())) {
            reason = "CLUSTER_LIST contains our cluster ID (route reflection loop)";
        } else if (!peer.settings.internal() && settings.ebgpImportRequiresPolicy() && peer.settings.importPolicies().isEmpty()) {
            reason = "no import policy for an external peer (RFC 8212 default: reject)";
        } else {
            PolicyRoute in = PolicyAdapter.toPolicy(d.prefix, a, peer.settings.address(), "bgp", policyParts);
            PolicyEngine.Outcome o = policy.evaluate(peer.settings.importPolicies(), in, true, "default BGP import policy");
            if (o.accepted()) {
                out = interner.intern(PolicyAdapter.fromPolicy(a, in, o.route()));
                preference = o.route().preference();
            } else {
                reason = "rejected by " + o.decidedBy();
            }
        }
        path.accepted = out;
        path.rejectedBecause = reason;
        path.preference = preference;
        if (was != (out != null)) {
            peer.countAccepted(d.prefix, out != null ? 1 : -1);
        }
    }

    /**
     * The action "forward via {@code gateway}", one per gateway rather than one per route (a full
     * table has a few next hops); immutable, so the cache is only bounded (cleared past 4096).
     */
    private RouteAction.Forward forwardVia(InetAddress gateway) {
        RouteAction.Forward f = forwardVia.get(gateway);
        if (f == null) {
            if (forwardVia.size() >= 4096) {
                forwardVia.clear();
            }
            f = new RouteAction.Forward(List.of(net.archway.routing.rib.NextHop.via(gateway)));
            forwardVia.put(gateway, f);
        }
        return f;
    }

    /** Whether two path lists are equal, without the iterator {@code List.equals} makes per call (a full table's worth). */
    private static boolean sameElements(List<BgpPath> a, List<BgpPath> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Chooses the best path (and multipath set) among usable ones, and offers it to the RIB. */
    private void recompute(Dest d) {
        List<BgpPath> usable = new ArrayList<>(d.pathCount());
        for (int i = 0; i < d.pathCount(); i++) {
            BgpPath p = d.path(i);
            if (p.accepted != null && reachable(p)) {
                usable.add(p);
            }
        }
        BgpPath best = null;
        List<BgpPath> multi = List.of();
        if (usable.size() == 1) { // most of a full table: nothing to compare
            best = usable.get(0);
            multi = usable;
        } else if (!usable.isEmpty()) {
            // eliminations first (MED only within a neighbouring AS), then a total order
            List<BgpPath> contenders = BestPath.contenders(usable, this::candidate);
            contenders.sort((x, y) -> BestPath.compare(candidate(x), candidate(y), false, false));
            best = contenders.get(0);
            if (best.peer.settings.multipath()) {
                List<BgpPath> m = new ArrayList<>();
                for (BgpPath p : contenders) {
                    if (BestPath.compare(candidate(best), candidate(p), true, best.peer.settings.multipleAs()) == 0) {
                        m.add(p);
                    }
                }
                multi = m;
            } else {
                multi = List.of(best);
            }
        }
        List<BgpPath> before = d.multipath();
        boolean multipathChanged = !sameElements(multi, before);
        boolean bestChanged = best != d.best || (best != null && best.accepted != (d.best == null ? null : d.best.accepted))
                || multipathChanged;
        d.best = best;
        if (multipathChanged) {
            for (BgpPath p : before) {
                if (!multi.contains(p)) {
                    p.peer.countActive(d.prefix, -1);
                }
            }
            for (BgpPath p : multi) {
                if (!before.contains(p)) {
                    p.peer.countActive(d.prefix, 1);
                }
            }
        }
        d.multipath = multi.size() > 1 ? multi : null; // one path is best itself
        RibRoute offer = null;
        if (best != null) {
            RouteAction.Forward action;
            if (multi.size() == 1) {
                action = forwardVia(best.accepted.nextHop().address());
            } else {
                List<net.archway.routing.rib.NextHop> hops = new ArrayList<>();
                for (BgpPath p : multi) {
                    net.archway.routing.rib.NextHop h = net.archway.routing.rib.NextHop.via(p.accepted.nextHop().address());
                    if (!hops.contains(h)) {
                        hops.add(h);
                    }
                }
                action = new RouteAction.Forward(hops);
            }
            int pref = best.preference != null ? best.preference : DEFAULT_PREFERENCE;
            offer = new RibRoute(d.prefix, Protocol.BGP, 0, pref, 0, action, true,
                    routeDetail(BgpRouteDetail.of(best.accepted, best.peer.settings.address(), !best.peer.settings.internal(),
                            d.pathCount())));
        }
        if (!Objects.equals(offer, d.offered)) {
            if (offer == null) {
                ribUpdates.remove(d.prefix);
                ribWithdrawals.add(d.prefix);
            } else {
                ribWithdrawals.remove(d.prefix);
                ribUpdates.put(d.prefix, offer);
            }
            d.offered = offer;
        }
        if (bestChanged) {
            changed.add(d.prefix);
        }
        if (d.pathCount() == 0) {
            locRib.remove(d.prefix);
        }
    }

    private BgpRouteDetail routeDetail(BgpRouteDetail detail) {
        BgpRouteDetail shared = routeDetails.get(detail);
        if (shared != null) {
            return shared;
        }
        if (routeDetails.size() >= ROUTE_DETAILS_MAX) {
            routeDetails.clear();
        }
        routeDetails.put(detail, detail);
        return detail;
    }

    private BestPath.Candidate candidate(BgpPath p) {
        NextHopState s = nextHops.get(p.accepted.nextHop().address());
        int id = p.peer.negotiated == null ? 0 : p.peer.negotiated.peerBgpIdentifier();
        return new BestPath.Candidate(p.accepted, !p.peer.settings.internal(), s == null ? 0 : s.metric, id,
                p.peer.settings.address());
    }

    private boolean reachable(BgpPath p) {
        NextHop nh = p.accepted.nextHop();
        if (nh == null) {
            return false;
        }
        InetAddress g = nh.address();
        NextHopState s = nextHops.get(g);
        if (s == null) {
            s = new NextHopState();
            nextHops.put(g, s);
            rib.watch(g, watcher);
        }
        return s.reachable;
    }

    private void nextHopChanged(InetAddress g, boolean reachable, long metric) {
        NextHopState s = nextHops.computeIfAbsent(g, x -> new NextHopState());
        if (s.reachable == reachable && s.metric == metric) {
            return;
        }
        s.reachable = reachable;
        s.metric = metric;
        // no copy of the Loc-RIB: recompute(d) removes d only when it has no path, and d has the one found
        for (Dest d : locRib.values()) {
            for (int i = 0; i < d.pathCount(); i++) {
                BgpPath p = d.path(i);
                if (p.accepted != null && p.accepted.nextHop() != null && p.accepted.nextHop().address().equals(g)) {
                    recompute(d);
                    break;
                }
            }
        }
    }

    /** Drops {@code peer}'s stale paths of {@code family} (all families when null). */
    private void dropStale(Peer peer, Family family) {
        dropPaths(peer, d -> {
            BgpPath p = pathOf(d, peer);
            return p != null && p.stale && (family == null || Family.unicastOf(d.prefix).equals(family));
        });
    }

    private void dropPaths(Peer peer, java.util.function.Predicate<Dest> which) {
        for (Dest d : new ArrayList<>(locRib.values())) {
            if (which.test(d) && removePath(d, peer)) {
                recompute(d);
            }
        }
    }

    private void enforcePrefixLimits(Peer peer) {
        for (Map.Entry<Family, NeighborSettings.PrefixLimit> e : peer.settings.prefixLimits().entrySet()) {
            long n = peer.acceptedIn(e.getKey());
            NeighborSettings.PrefixLimit l = e.getValue();
            if (n > l.maximum() && l.teardown() && !peer.prefixLimitHit) {
                peer.prefixLimitHit = true;
                LOG.log(System.Logger.Level.WARNING, "BGP " + Prefix.format(peer.settings.address()) + ": " + n + " " + e.getKey()
                        + " prefixes exceed the limit of " + l.maximum() + "; tearing the session down");
                peer.session.teardownForPrefixLimit(e.getKey(), l.maximum(), l.idleTimeout());
            } else if (n > l.maximum() && !l.teardown() && !peer.prefixLimitHit) {
                peer.prefixLimitHit = true; // warned once per session
                LOG.log(System.Logger.Level.WARNING, "BGP " + Prefix.format(peer.settings.address()) + ": " + n + " prefixes exceed "
                        + l.maximum());
            }
        }
    }

    // ---------------------------------------------------------------- session events

    void peerEstablished(Peer peer, BgpSession s, NegotiatedSession n) {
        if (s != peer.session) {
            return;
        }
        peer.negotiated = n;
        peer.established = true;
        peer.writable = true;
        peer.prefixLimitHit = false;
        peer.endOfRibReceived.clear();
        peer.adjRibOut.clear();
        peer.pendingOut.clear();
        LOG.log(System.Logger.Level.INFO, "BGP " + Prefix.format(peer.settings.address()) + " Established (AS " + n.peerAs() + ")");
        if (peer.staleRoutes) {
            // the peer is back from its restart: its End-of-RIB sweeps the stale routes, or this timer does
            scheduleStaleSweep(peer, peer.settings.staleRoutesTime());
        }
        if (!deferring) {
            sendInitialTable(peer);
        }
        checkConvergence();
    }

    /** The whole table to a newly established peer, then End-of-RIB for each family. */
    private void sendInitialTable(Peer peer) {
        stageGrouped(peer, exportable());
        flush(peer);
        for (Family f : peer.negotiated.families()) {
            peer.session.sendEndOfRib(f);
        }
    }

    /**
     * This speaker has just restarted with its forwarding state kept (the routes an earlier run
     * left in the kernel): defer advertising until every peer has sent End-of-RIB or the
     * deferral time of {@link #initialConvergence} passes. Call before the first {@link #apply}.
     */
    public void restarting() {
        post(() -> deferring = true);
    }

    private Set<Prefix> exportable() {
        Set<Prefix> all = new LinkedHashSet<>(localActive.keySet());
        for (Dest d : locRib.values()) {
            if (d.best != null) {
                all.add(d.prefix);
            }
        }
        return all;
    }

    void peerDown(Peer peer, BgpSession s, SessionDown down) {
        if (s != peer.session) {
            return;
        }
        peer.lastDown = down;
        boolean wasUp = peer.established;
        peer.established = false;
        peer.adjRibOut.clear();
        peer.pendingOut.clear();
        if (!down.wasEstablished() && !wasUp) {
            return;
        }
        peer.flaps++;
        LOG.log(System.Logger.Level.INFO, "BGP " + Prefix.format(peer.settings.address()) + " down: " + down);
        // a forwarding failure BFD saw is no restart: keeping the routes would black-hole traffic
        if (down.gracefulRestart() && peer.bfdUp && peer.negotiated != null && peer.negotiated.peerGracefulRestart() != null) {
            // RFC 4724 section 4.2: keep the peer's routes, marked stale, for its restart time
            peer.staleRoutes = true;
            for (Dest d : locRib.values()) {
                BgpPath p = pathOf(d, peer);
                if (p != null) {
                    p.stale = true;
                }
            }
            scheduleStaleSweep(peer, Duration.ofSeconds(Math.max(1, peer.negotiated.peerGracefulRestart().restartTime())));
            return;
        }
        dropPaths(peer, d -> true);
    }

    private void scheduleStaleSweep(Peer peer, Duration after) {
        if (peer.staleTimer != null) {
            peer.staleTimer.cancel(false);
        }
        peer.staleTimer = thread.schedule(() -> post(() -> {
            if (peer.staleRoutes) {
                LOG.log(System.Logger.Level.INFO, "BGP " + Prefix.format(peer.settings.address()) + ": no End-of-RIB within "
                        + after.toSeconds() + " s; its stale routes go");
                peer.staleRoutes = false;
                dropStale(peer, null);
            }
        }), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    void refreshRequested(Peer peer, BgpSession s, Family family) {
        if (s != peer.session || !peer.established || deferring) {
            return;
        }
        s.sendRouteRefreshDemarcation(family, true);
        for (Map.Entry<Prefix, PathAttributes> e : peer.adjRibOut.entrySet()) {
            if (Family.unicastOf(e.getKey()).equals(family)) {
                peer.pendingOut.put(e.getKey(), e.getValue());
            }
        }
        peer.adjRibOut.keySet().removeIf(p -> Family.unicastOf(p).equals(family));
        flush(peer);
        s.sendRouteRefreshDemarcation(family, false);
    }

    void demarcation(Peer peer, BgpSession s, Family family, boolean begin) {
        if (s != peer.session) {
            return;
        }
        if (begin) {
            for (Dest d : locRib.values()) {
                BgpPath p = pathOf(d, peer);
                if (p != null && Family.unicastOf(d.prefix).equals(family)) {
                    p.stale = true;
                }
            }
        } else {
            dropStale(peer, family);
        }
    }

    // ---------------------------------------------------------------- exporting

    private void localRouteChanged(Prefix prefix, RibRoute active) {
        if (active == null) {
            if (localActive.remove(prefix) == null) {
                return;
            }
        } else {
            localActive.put(prefix, active);
        }
        changed.add(prefix);
    }

    private void reexport(Peer peer) {
        if (!peer.established) {
            return;
        }
        long start = System.nanoTime();
        Set<Prefix> all = exportable();
        all.addAll(peer.adjRibOut.keySet());
        stageGrouped(peer, all);
        if (all.size() >= LOGGED_TABLE) {
            LOG.log(System.Logger.Level.INFO, String.format("BGP %s: export policy applied again to %,d prefixes in %.1f s",
                    Prefix.format(peer.settings.address()), all.size(), (System.nanoTime() - start) / 1e9));
        }
    }

    /** Destinations re-imported per speaker task: between two, UPDATEs, show commands and timers get the thread. */
    static final int REIMPORT_CHUNK = 20_000;
    private int reimportChunk = REIMPORT_CHUNK;
    /** Tables from this size get a log line when a policy is applied to them again. */
    private static final int LOGGED_TABLE = 10_000;

    /**
     * Applies import policy again to every path from {@code peer} (a policy change, {@code clear
     * bgp neighbor soft-inbound}), {@link #REIMPORT_CHUNK} destinations per task: over a full
     * table one task would hold the speaker's thread for many seconds. A path withdrawn or
     * replaced between two tasks is skipped or imported with the new policy as it arrives.
     */
    private void reimport(Peer peer) {
        List<Prefix> prefixes = new ArrayList<>();
        for (Dest d : locRib.values()) {
            if (pathOf(d, peer) != null) {
                prefixes.add(d.prefix);
            }
        }
        reimport(peer, prefixes, 0, System.nanoTime());
    }

    private void reimport(Peer peer, List<Prefix> prefixes, int from, long start) {
        int to = Math.min(prefixes.size(), from + reimportChunk);
        for (int i = from; i < to; i++) {
            Dest d = locRib.get(prefixes.get(i));
            BgpPath p = d == null ? null : pathOf(d, peer);
            if (p != null) {
                importPath(peer, d, p);
                recompute(d);
            }
        }
        if (to < prefixes.size()) {
            post(() -> reimport(peer, prefixes, to, start));
        } else if (prefixes.size() >= LOGGED_TABLE) {
            LOG.log(System.Logger.Level.INFO, String.format("BGP %s: import policy applied again to %,d paths in %.1f s",
                    Prefix.format(peer.settings.address()), prefixes.size(), (System.nanoTime() - start) / 1e9));
        }
    }

    /** Computes what {@code peer} should have for {@code prefix} and queues the difference. */
    private void stageExport(Peer peer, Prefix prefix) {
        PathAttributes q = toQueue(peer, prefix);
        if (q == null) {
            peer.pendingOut.remove(prefix);
        } else {
            peer.pendingOut.put(prefix, q);
        }
    }

    /**
     * As {@link #stageExport} for many prefixes (a whole table), queued grouped by attribute set:
     * an UPDATE carries one set, and {@link #flush} sends the queue in order, so prefixes that
     * share a set must be next to each other or a table whose sets are spread over the address
     * space goes out as about one UPDATE per prefix.
     */
    private void stageGrouped(Peer peer, Iterable<Prefix> prefixes) {
        Map<PathAttributes, List<Prefix>> groups = new LinkedHashMap<>();
        for (Prefix p : prefixes) {
            PathAttributes q = toQueue(peer, p);
            peer.pendingOut.remove(p);
            if (q != null) {
                groups.computeIfAbsent(q, k -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<PathAttributes, List<Prefix>> g : groups.entrySet()) {
            for (Prefix p : g.getValue()) {
                peer.pendingOut.put(p, g.getKey());
            }
        }
    }

    /** What to queue for {@code prefix} to {@code peer}: its attributes, {@link Peer#WITHDRAW}, or null when it has it already. */
    private PathAttributes toQueue(Peer peer, Prefix prefix) {
        PathAttributes want = exportFor(peer, prefix);
        PathAttributes have = peer.adjRibOut.get(prefix);
        if (Objects.equals(want, have)) {
            return null;
        }
        if (want == null) {
            return have != null ? Peer.WITHDRAW : null;
        }
        return want;
    }

    private PathAttributes exportFor(Peer peer, Prefix prefix) {
        if (!peer.families().contains(Family.unicastOf(prefix))) {
            return null;
        }
        RibRoute local = localActive.get(prefix);
        Dest d = locRib.get(prefix);
        BgpPath source = null;
        PathAttributes attrs;
        String protocol;
        if (local != null) {
            if (local.protocol() == Protocol.LOCAL) {
                return null; // host routes of our own addresses are never advertised by default
            }
            attrs = PolicyAdapter.local(local.metric());
            protocol = local.protocol().name().toLowerCase();
        } else if (d != null && d.best != null) {
            source = d.best;
            attrs = source.accepted;
            protocol = "bgp";
            if (source.peer == peer) {
                return null;
            }
            if (!peer.settings.internal() && attrs.asPath().firstAs() == peer.settings.peer().peerAs()) {
                return null; // Junos' default (no advertise-peer-as): not back to the AS it came from
            }
            Communities c = attrs.communities();
            if (c.contains(Communities.NO_ADVERTISE) || (!peer.settings.internal() && c.contains(Communities.NO_EXPORT))) {
                return null;
            }
            if (source.peer.settings.internal() && peer.settings.internal()) {
                boolean reflector = settings.clusterId() != 0;
                if (!reflector || (!source.peer.settings.routeReflectorClient() && !peer.settings.routeReflectorClient())) {
                    return null; // RFC 4456: iBGP routes go to iBGP peers only when reflected
                }
            }
        } else {
            return null;
        }
        List<String> chain = peer.settings.exportPolicies();
        if (!peer.settings.internal() && settings.ebgpExportRequiresPolicy() && chain.isEmpty()) {
            return null; // RFC 8212: nothing to an external peer without an export policy
        }
        PolicyRoute in = PolicyAdapter.toPolicy(prefix, attrs, peer.settings.address(), protocol, policyParts);
        PolicyEngine.Outcome o = policy.evaluate(chain, in, source != null, "default BGP export policy");
        if (!o.accepted()) {
            return null;
        }
        PathAttributes out = PolicyAdapter.fromPolicy(attrs, in, o.route());
        PathAttributes.Builder b = out.toBuilder();
        boolean policySetNextHop = o.route().nextHop() != null && !o.route().nextHop().equals(in.nextHop());
        InetAddress self = peer.negotiated == null ? null
                : locals.nextHopSelf(peer.settings.address(), peer.negotiated.localAddress().getAddress(), prefix.isIpv6());
        if (!peer.settings.internal()) {
            b.asPath(prependOwnAs(out.asPath(), peer.settings.peer().effectiveLocalAs()));
            if (!policySetNextHop && self != null) {
                b.nextHop(selfHop(self));
            }
            b.noLocalPref();
            if (source != null && !source.peer.settings.internal() && Objects.equals(in.med(), o.route().med())) {
                b.noMultiExitDisc(); // RFC 4271 section 5.1.4: a neighbour AS's MED goes no further
            }
            b.noOriginatorId();
            b.clusterList(ClusterList.EMPTY);
        } else {
            if ((o.nextHopSelf() || source == null) && self != null) {
                b.nextHop(selfHop(self));
            }
            if (peer.settings.localPreference() != null) {
                b.localPref(peer.settings.localPreference());
            } else if (!out.hasLocalPref()) {
                b.localPref(BestPath.DEFAULT_LOCAL_PREF);
            }
            if (source != null && source.peer.settings.internal()) {
                if (!out.hasOriginatorId()) {
                    b.originatorId(source.peer.negotiated == null ? 0 : source.peer.negotiated.peerBgpIdentifier());
                }
                b.clusterList(out.clusterList().prepend(settings.clusterId()));
            }
        }
        PathAttributes result = b.build();
        if (result.nextHop() == null) {
            return null; // no address of the family to put as next hop
        }
        return interner.intern(result);
    }

    /** Our own address as a BGP next hop, made once per address (next hop self is set on every route sent). */
    private NextHop selfHop(InetAddress self) {
        if (selfHops.size() >= 1024) {
            selfHops.clear();
        }
        return selfHops.computeIfAbsent(self, NextHop::of);
    }

    private AsPath prependOwnAs(AsPath path, long as) {
        if (as != prependedAs || prepended.size() >= 65_536) {
            prepended.clear();
            prependedAs = as;
        }
        return prepended.computeIfAbsent(path, p -> p.prepend(as, 1));
    }

    /** Tests: a smaller {@link #REIMPORT_CHUNK}, so a small table is re-imported over several tasks as a full one is. */
    void reimportChunk(int destinations) {
        post(() -> reimportChunk = destinations);
    }

    /** Tests: a smaller {@link #FLUSH_CHUNK}, so a small table spans several flushes as a full one does. */
    void flushChunk(int prefixes) {
        post(() -> flushChunk = prefixes);
    }

    /** Sends what waits for {@code peer}, grouped per attribute set, while its connection takes it. */
    void flush(Peer peer) {
        if (!peer.established) {
            return;
        }
        List<Prefix> withdraw = new ArrayList<>();
        Map<PathAttributes, List<Prefix>> announce = new LinkedHashMap<>();
        int taken = 0;
        var it = peer.pendingOut.entrySet().iterator();
        while (it.hasNext() && taken < flushChunk) {
            var e = it.next();
            if (e.getValue() == Peer.WITHDRAW) {
                withdraw.add(e.getKey());
                peer.adjRibOut.remove(e.getKey());
            } else {
                announce.computeIfAbsent(e.getValue(), a -> new ArrayList<>()).add(e.getKey());
                peer.adjRibOut.put(e.getKey(), e.getValue());
            }
            it.remove();
            taken++;
        }
        if (!withdraw.isEmpty()) {
            peer.session.withdraw(withdraw);
        }
        for (Map.Entry<PathAttributes, List<Prefix>> e : announce.entrySet()) {
            Map<Family, List<Prefix>> byFamily = new LinkedHashMap<>();
            for (Prefix p : e.getValue()) {
                byFamily.computeIfAbsent(Family.unicastOf(p), f -> new ArrayList<>()).add(p);
            }
            for (List<Prefix> l : byFamily.values()) {
                try {
                    peer.session.announce(e.getKey(), l);
                } catch (IllegalArgumentException ex) {
                    LOG.log(System.Logger.Level.WARNING, "BGP " + Prefix.format(peer.settings.address()) + ": cannot announce "
                            + l.size() + " prefixes: " + ex.getMessage());
                    l.forEach(peer.adjRibOut::remove);
                }
            }
        }
        if (!peer.pendingOut.isEmpty()) {
            if (peer.session.isWritable()) {
                post(() -> { }); // more to send: come back after other work
            }
        }
    }

    // ---------------------------------------------------------------- operations

    /** {@code clear bgp neighbor ADDRESS [soft | soft-inbound]}; false when there is no such neighbour. */
    public CompletableFuture<Boolean> clear(InetAddress neighbor, Clear how) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        post(() -> {
            Peer peer = peers.get(neighbor);
            if (peer == null) {
                f.complete(false);
                return;
            }
            switch (how) {
                case HARD -> peer.session.reset("cleared by the operator");
                case SOFT -> {
                    reimport(peer);
                    reexport(peer);
                    if (peer.established && peer.negotiated.routeRefresh()) {
                        // and ask the peer to send its routes again (RFC 2918), catching anything it changed
                        for (Family fam : peer.negotiated.families()) {
                            peer.session.requestRouteRefresh(fam);
                        }
                    }
                }
                case SOFT_INBOUND -> reimport(peer);
            }
            f.complete(true);
        });
        return f;
    }

    /** BFD says whether the neighbour forwards; a BFD failure takes the session down at once. */
    public void bfdChanged(InetAddress neighbor, boolean up) {
        post(() -> {
            Peer peer = peers.get(neighbor);
            if (peer == null || peer.bfdUp == up) {
                return;
            }
            peer.bfdUp = up;
            if (!up && peer.established) {
                LOG.log(System.Logger.Level.INFO, "BGP " + Prefix.format(neighbor) + ": BFD session down; the BGP session goes down");
                peer.session.teardown(net.archway.routing.bgp.message.ErrorSubcode.BFD_DOWN,
                        "BFD says the neighbor stopped forwarding", peer.settings.peer().idleHoldTime());
            }
        });
    }

    /**
     * Completes when every configured neighbour that came up has sent End-of-RIB for its
     * families, or {@code timeout} after the first call: the moment a restarted router may
     * sweep the routes its previous run left in the kernel.
     */
    public CompletableFuture<Void> initialConvergence(Duration timeout) {
        thread.schedule(this::declareConverged, timeout.toMillis(), TimeUnit.MILLISECONDS);
        converged.thenRun(() -> post(this::endDeferral));
        post(this::checkConvergence);
        return converged;
    }

    private void endDeferral() {
        if (!deferring) {
            return;
        }
        deferring = false;
        LOG.log(System.Logger.Level.INFO, "BGP: restart complete; advertising to the established peers");
        for (Peer peer : peers.values()) {
            if (peer.established) {
                sendInitialTable(peer);
            }
        }
    }

    private void checkConvergence() {
        if (converged.isDone()) {
            return;
        }
        for (Peer p : peers.values()) {
            if (!p.established || !p.endOfRibReceived.containsAll(p.families())) {
                return;
            }
        }
        declareConverged();
    }

    /**
     * Completes {@link #converged} once the RIB has taken in everything learnt so far. A path's
     * next hop is resolved by the RIB and the answer comes back here as a task of its own (which
     * is when the path is offered to the RIB), so the speaker and the RIB pass a barrier back and
     * forth until a round offers the RIB nothing new: only then can a restarted router sweep
     * what its previous run left in the kernel without sweeping a route it has just relearnt.
     */
    private void declareConverged() {
        settleWithRib(0);
    }

    private void settleWithRib(int round) {
        if (thread.isShutdown() || converged.isDone()) {
            return;
        }
        long offeredBefore = ribOffers;
        rib.drained().thenRun(() -> post(() -> {
            if (ribOffers != offeredBefore && round < MAX_SETTLE_ROUNDS) {
                settleWithRib(round + 1);
            } else {
                converged.complete(null);
            }
        }));
    }

    // ---------------------------------------------------------------- views for show commands

    /** A neighbour for {@code show bgp summary} and {@code show bgp neighbor}. */
    public record PeerView(InetAddress address, String group, boolean internal, long peerAs, long localAs,
                           SessionSnapshot session, Counts ipv4, Counts ipv6, long outputQueue, long flaps, Instant since,
                           boolean bfdUp, boolean staleRoutes, List<String> importPolicies, List<String> exportPolicies) {
        public Counts counts(Family f) {
            return f.equals(Family.IPV6_UNICAST) ? ipv6 : ipv4;
        }
    }

    /** Prefixes of one family: received (Adj-RIB-In), accepted by import policy, active (best), advertised (Adj-RIB-Out). */
    public record Counts(long received, long accepted, long active, long advertised) {
    }

    /** One path for {@code receive-protocol}, {@code advertising-protocol} and {@code show route}. */
    public record RouteView(Prefix prefix, InetAddress peer, PathAttributes attributes, PathAttributes received,
                            String rejectedBecause, boolean active, boolean stale, boolean external, int preference,
                            Instant receivedAt) {
    }

    public CompletableFuture<List<PeerView>> peers() {
        CompletableFuture<List<PeerView>> f = new CompletableFuture<>();
        post(() -> {
            List<PeerView> out = new ArrayList<>();
            for (Peer p : peers.values()) {
                PeerSettings s = p.settings.peer();
                long adv6 = 0;
                for (Prefix x : p.adjRibOut.keySet()) {
                    adv6 += x.isIpv6() ? 1 : 0;
                }
                out.add(new PeerView(s.peerAddress(), p.settings.group(), s.internal(), s.peerAs(), s.effectiveLocalAs(),
                        p.session.snapshot(), new Counts(p.receivedV4, p.acceptedV4, p.activeV4, p.adjRibOut.size() - adv6),
                        new Counts(p.receivedV6, p.acceptedV6, p.activeV6, adv6), p.pendingOut.size(), p.flaps, p.since, p.bfdUp, p.staleRoutes,
                        p.settings.importPolicies(), p.settings.exportPolicies()));
            }
            f.complete(out);
        });
        return f;
    }

    /** What a neighbour sent: accepted paths, or with {@code hidden} the rejected ones with the reason. */
    public CompletableFuture<List<RouteView>> receivedFrom(InetAddress neighbor, boolean hidden) {
        return receivedPrefixes(neighbor, hidden).thenCompose(prefixes -> receivedFrom(neighbor, hidden, prefixes))
                .thenApply(views -> {
                    List<RouteView> out = new ArrayList<>(views);
                    out.sort(Comparator.comparing(RouteView::prefix));
                    return out;
                });
    }

    private boolean received(BgpPath p, boolean hidden) {
        return (p.accepted == null || !reachable(p)) == hidden;
    }

    /** The prefixes {@link #receivedFrom} would list, unordered: a listing then fetches them in pieces. */
    public CompletableFuture<List<Prefix>> receivedPrefixes(InetAddress neighbor, boolean hidden) {
        CompletableFuture<List<Prefix>> f = new CompletableFuture<>();
        post(() -> {
            List<Prefix> out = new ArrayList<>();
            Peer peer = peers.get(neighbor);
            if (peer != null) {
                for (Dest d : locRib.values()) {
                    BgpPath p = pathOf(d, peer);
                    if (p != null && received(p, hidden)) {
                        out.add(d.prefix);
                    }
                }
            }
            f.complete(out);
        });
        return f;
    }

    /** {@link #receivedFrom} for these prefixes only (those still as asked). */
    public CompletableFuture<List<RouteView>> receivedFrom(InetAddress neighbor, boolean hidden, Collection<Prefix> prefixes) {
        List<Prefix> wanted = List.copyOf(prefixes);
        CompletableFuture<List<RouteView>> f = new CompletableFuture<>();
        post(() -> {
            List<RouteView> out = new ArrayList<>();
            Peer peer = peers.get(neighbor);
            for (Prefix x : peer == null ? List.<Prefix>of() : wanted) {
                Dest d = locRib.get(x);
                BgpPath p = d == null ? null : pathOf(d, peer);
                if (p != null && received(p, hidden)) {
                    out.add(view(d, p));
                }
            }
            f.complete(out);
        });
        return f;
    }

    /** What the Adj-RIB-Out holds for a neighbour: the attributes as sent. */
    public CompletableFuture<List<RouteView>> advertisedTo(InetAddress neighbor) {
        CompletableFuture<List<RouteView>> f = new CompletableFuture<>();
        post(() -> {
            List<RouteView> out = new ArrayList<>();
            Peer peer = peers.get(neighbor);
            if (peer != null) {
                for (Map.Entry<Prefix, PathAttributes> e : peer.adjRibOut.entrySet()) {
                    out.add(advertisedView(peer, e.getKey(), e.getValue()));
                }
            }
            out.sort(Comparator.comparing(RouteView::prefix));
            f.complete(out);
        });
        return f;
    }

    private RouteView advertisedView(Peer peer, Prefix prefix, PathAttributes sent) {
        return new RouteView(prefix, peer.settings.address(), sent, sent, null, true, false, !peer.settings.internal(),
                DEFAULT_PREFERENCE, null);
    }

    /** The prefixes of a neighbour's Adj-RIB-Out, unordered. */
    public CompletableFuture<List<Prefix>> advertisedPrefixes(InetAddress neighbor) {
        CompletableFuture<List<Prefix>> f = new CompletableFuture<>();
        post(() -> {
            Peer peer = peers.get(neighbor);
            f.complete(peer == null ? List.of() : new ArrayList<>(peer.adjRibOut.keySet()));
        });
        return f;
    }

    /** {@link #advertisedTo} for these prefixes only (those still advertised). */
    public CompletableFuture<List<RouteView>> advertisedTo(InetAddress neighbor, Collection<Prefix> prefixes) {
        List<Prefix> wanted = List.copyOf(prefixes);
        CompletableFuture<List<RouteView>> f = new CompletableFuture<>();
        post(() -> {
            List<RouteView> out = new ArrayList<>();
            Peer peer = peers.get(neighbor);
            for (Prefix x : peer == null ? List.<Prefix>of() : wanted) {
                PathAttributes sent = peer.adjRibOut.get(x);
                if (sent != null) {
                    out.add(advertisedView(peer, x, sent));
                }
            }
            f.complete(out);
        });
        return f;
    }

    /** Every path to each of {@code prefixes} (best first), rejected ones included. */
    public CompletableFuture<Map<Prefix, List<RouteView>>> paths(Collection<Prefix> prefixes) {
        List<Prefix> wanted = List.copyOf(prefixes);
        CompletableFuture<Map<Prefix, List<RouteView>>> f = new CompletableFuture<>();
        post(() -> {
            Map<Prefix, List<RouteView>> out = new LinkedHashMap<>();
            for (Prefix p : wanted) {
                Dest d = locRib.get(p);
                if (d == null) {
                    continue;
                }
                List<RouteView> l = new ArrayList<>();
                for (BgpPath x : d.paths()) {
                    l.add(view(d, x));
                }
                l.sort((a, b) -> Boolean.compare(b.active(), a.active()));
                out.put(p, l);
            }
            f.complete(out);
        });
        return f;
    }

    /**
     * The Loc-RIB's prefixes that {@code which} selects, unordered, rejected-only ones included:
     * {@code show route} lists them and fetches their paths in pieces with {@link #paths(Collection)}.
     */
    public CompletableFuture<List<Prefix>> prefixes(java.util.function.Predicate<Prefix> which) {
        CompletableFuture<List<Prefix>> f = new CompletableFuture<>();
        post(() -> {
            List<Prefix> out = new ArrayList<>();
            for (Prefix p : locRib.keySet()) {
                if (which.test(p)) {
                    out.add(p);
                }
            }
            f.complete(out);
        });
        return f;
    }

    /** Table-wide counts of one family for the {@code show route} header. */
    public record PathCounts(long paths, long hidden, long destinationsWithoutRoute) {
    }

    /** Counts for IPv4 (index 0) and IPv6 (index 1): all paths, hidden ones, prefixes with no usable path. */
    public CompletableFuture<List<PathCounts>> pathCounts() {
        CompletableFuture<List<PathCounts>> f = new CompletableFuture<>();
        post(() -> {
            long[] c = new long[6];
            for (Dest d : locRib.values()) {
                int o = d.prefix.isIpv6() ? 3 : 0;
                c[o] += d.pathCount();
                for (int i = 0; i < d.pathCount(); i++) {
                    BgpPath p = d.path(i);
                    if (p.accepted == null || !reachable(p)) {
                        c[o + 1]++;
                    }
                }
                if (d.offered == null) {
                    c[o + 2]++;
                }
            }
            f.complete(List.of(new PathCounts(c[0], c[1], c[2]), new PathCounts(c[3], c[4], c[5])));
        });
        return f;
    }

    /** Rejected paths of every neighbour, for {@code show route hidden}. */
    public CompletableFuture<List<RouteView>> hidden() {
        CompletableFuture<List<RouteView>> f = new CompletableFuture<>();
        post(() -> {
            List<RouteView> out = new ArrayList<>();
            for (Dest d : locRib.values()) {
                for (BgpPath p : d.paths()) {
                    if (p.accepted == null) {
                        out.add(view(d, p));
                    }
                }
            }
            out.sort(Comparator.comparing(RouteView::prefix));
            f.complete(out);
        });
        return f;
    }

    private RouteView view(Dest d, BgpPath p) {
        String reason = p.rejectedBecause;
        if (reason == null && p.accepted != null && !reachable(p)) {
            reason = "next hop " + Prefix.format(p.accepted.nextHop().address()) + " unreachable";
        }
        return new RouteView(d.prefix, p.peer.settings.address(), p.accepted != null ? p.accepted : p.received, p.received,
                reason, d.multipath().contains(p), p.stale, !p.peer.settings.internal(),
                p.preference != null ? p.preference : DEFAULT_PREFERENCE, started.plusSeconds(p.receivedAt));
    }

    /** How many prefixes the Loc-RIB holds, and attribute sets interned (memory). */
    public CompletableFuture<long[]> sizes() {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        post(() -> f.complete(new long[] {locRib.size(), interner.attributeSets()}));
        return f;
    }

    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        post(() -> {
            for (Peer p : peers.values()) {
                if (p.settings.peer().gracefulRestart() != null) {
                    // our routes stay in the kernel: a graceful-restart peer keeps forwarding to us meanwhile
                    p.session.stopForRestart("Archway is restarting");
                } else {
                    p.session.stop("Archway is stopping");
                }
            }
            done.complete(null);
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "BGP: sessions did not all stop within 5 s");
        }
        thread.shutdownNow();
    }
}
