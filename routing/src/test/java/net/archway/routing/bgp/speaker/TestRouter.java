package net.archway.routing.bgp.speaker;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.session.PeerSettings;
import net.archway.routing.policy.PolicyOptions;
import net.archway.routing.rib.Fib;
import net.archway.routing.rib.InterfaceState;
import net.archway.routing.rib.Rib;
import net.archway.routing.rib.RibRoute;
import net.archway.routing.rib.RibSnapshot;

/**
 * One router in a speaker test: a real RIB (its FIB a no-op), a real speaker, sessions on
 * threads of their own over a {@link MemoryNetwork}. Waits are bounded and say what they
 * awaited.
 */
final class TestRouter implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final String name;
    final InetAddress address;
    final long as;
    final int routerId;
    final Rib rib;
    final BgpSpeaker speaker;
    private final ExecutorService ribThread;
    private final List<ThreadScheduler> schedulers = new ArrayList<>();
    private final List<NeighborSettings> neighbors = new ArrayList<>();
    private PolicyOptions policies = PolicyOptions.NONE;
    private int clusterId;
    private boolean ebgpRequiresPolicy = true;

    TestRouter(MemoryNetwork net, String name, String address, long as, String... interfaceAddresses) {
        this.name = name;
        this.address = ip(address);
        this.as = as;
        this.routerId = Prefix.host(this.address).isIpv4() ? java.nio.ByteBuffer.wrap(this.address.getAddress()).getInt() : 0x0a000001;
        this.ribThread = Executors.newSingleThreadExecutor(r -> new Thread(r, name + "-rib"));
        this.rib = new Rib(ribThread, changes -> { }, Clock.systemUTC());
        Supplier<net.archway.routing.bgp.session.Scheduler> s = () -> {
            ThreadScheduler t = new ThreadScheduler(name + "-session");
            synchronized (schedulers) {
                schedulers.add(t);
            }
            return t;
        };
        this.speaker = new BgpSpeaker(net.endpoint(this.address), s, rib,
                (peer, sessionLocal, ipv6) -> ipv6 == (sessionLocal instanceof java.net.Inet6Address) ? sessionLocal : null);
        List<InterfaceState.Address> a = new ArrayList<>();
        for (String x : interfaceAddresses) {
            String[] parts = x.split("/");
            a.add(new InterfaceState.Address(ip(parts[0]), Integer.parseInt(parts[1])));
        }
        rib.interfaceChanged(new InterfaceState("eth0", true, a));
    }

    static InetAddress ip(String s) {
        return Prefix.parseAddress(s, s);
    }

    /** Session settings towards {@code other}, fast timers for tests. */
    PeerSettings.Builder sessionTo(TestRouter other) {
        return PeerSettings.builder(other.address, other.as, as, routerId).localAddress(address)
                .connectRetryTime(Duration.ofSeconds(1)).idleHoldTime(Duration.ZERO);
    }

    TestRouter neighbor(NeighborSettings n) {
        neighbors.removeIf(x -> x.address().equals(n.address()));
        neighbors.add(n);
        return this;
    }

    TestRouter neighbor(TestRouter other, List<String> importPolicies, List<String> exportPolicies) {
        return neighbor(new NeighborSettings(sessionTo(other).build(), "g", importPolicies, exportPolicies, null, false,
                false, java.util.Map.of(), false));
    }

    TestRouter policies(PolicyOptions p) {
        policies = p;
        return this;
    }

    TestRouter cluster(int id) {
        clusterId = id;
        return this;
    }

    TestRouter ebgpRequiresPolicy(boolean on) {
        ebgpRequiresPolicy = on;
        return this;
    }

    /** Commits what was configured. */
    TestRouter commit() {
        speaker.apply(new SpeakerSettings(as, routerId, clusterId, ebgpRequiresPolicy, ebgpRequiresPolicy, neighbors), policies);
        return this;
    }

    void addStatic(String prefix, String nextHop) {
        rib.update(RibRoute.of(Prefix.parse(prefix), net.archway.routing.rib.Protocol.STATIC,
                new net.archway.routing.rib.RouteAction.Forward(List.of(net.archway.routing.rib.NextHop.via(ip(nextHop))))));
    }

    RibSnapshot snapshot() {
        try {
            return rib.snapshot().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(name + ": no RIB snapshot", e);
        }
    }

    /** The active route to {@code prefix}, or null. */
    RibSnapshot.Route active(String prefix) {
        Prefix p = Prefix.parse(prefix);
        for (RibSnapshot.Destination d : snapshot().destinations()) {
            if (d.prefix().equals(p)) {
                return d.active();
            }
        }
        return null;
    }

    List<BgpSpeaker.PeerView> peers() {
        return get(speaker.peers());
    }

    BgpSpeaker.PeerView peer(TestRouter other) {
        for (BgpSpeaker.PeerView v : peers()) {
            if (v.address().equals(other.address)) {
                return v;
            }
        }
        throw new AssertionError(name + " has no neighbor " + other.name);
    }

    List<BgpSpeaker.RouteView> receivedFrom(TestRouter other, boolean hidden) {
        return get(speaker.receivedFrom(other.address, hidden));
    }

    List<BgpSpeaker.RouteView> advertisedTo(TestRouter other) {
        return get(speaker.advertisedTo(other.address));
    }

    static <T> T get(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the speaker did not answer", e);
        }
    }

    /** Waits until {@code condition} holds, failing with {@code what} and {@code state} after {@link #WAIT}. */
    static <T> T await(String what, Supplier<T> condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T v = condition.get();
            if (v != null && !Boolean.FALSE.equals(v)) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; state: " + state.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    void awaitEstablished(TestRouter other) {
        await(name + " established with " + other.name,
                () -> peer(other).session().state() == net.archway.routing.bgp.session.SessionState.ESTABLISHED,
                () -> peer(other));
    }

    RibSnapshot.Route awaitActive(String prefix, java.util.function.Predicate<RibSnapshot.Route> how) {
        return await(name + ": an active route to " + prefix, () -> {
            RibSnapshot.Route r = active(prefix);
            return r != null && how.test(r) ? r : null;
        }, () -> active(prefix) + " among " + snapshot().destinations().size() + " destinations");
    }

    void awaitNoActive(String prefix) {
        await(name + ": no active route to " + prefix, () -> active(prefix) == null, () -> active(prefix));
    }

    /**
     * Holds the RIB's thread (as a busy RIB would) until the returned latch is counted down;
     * everything given to the RIB meanwhile queues behind it.
     */
    java.util.concurrent.CountDownLatch holdRib() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ribThread.execute(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return release;
    }

    @Override
    public void close() {
        speaker.close();
        synchronized (schedulers) {
            schedulers.forEach(ThreadScheduler::close);
        }
        ribThread.shutdownNow();
    }

    @Override
    public String toString() {
        return name;
    }
}
