package net.archway.routing.bgp.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.Announcement;
import net.archway.routing.bgp.message.AttributeInterner;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.message.UpdateMessage;
import net.archway.routing.bgp.session.BgpSession;
import net.archway.routing.bgp.session.NegotiatedSession;
import net.archway.routing.bgp.session.PeerSettings;
import net.archway.routing.bgp.session.SessionDown;
import net.archway.routing.bgp.session.SessionListener;
import net.archway.routing.bgp.session.SessionState;
import net.archway.routing.bgp.transport.BgpTransport;

/**
 * Archway's side in an integration test: a transport in a namespace and one session, with a
 * small Adj-RIB-In the test can wait on. Waits are bounded and fail saying what was awaited
 * and where the session stood.
 */
final class Speaker implements SessionListener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    final BgpTransport transport;
    final BgpSession session;
    private final Map<Prefix, PathAttributes> adjRibIn = new HashMap<>();
    private final List<UpdateMessage> updates = new ArrayList<>();
    private final List<SessionDown> downs = new ArrayList<>();
    private final List<Family> refreshRequests = new ArrayList<>();
    private final List<String> demarcations = new ArrayList<>();
    private int established;

    Speaker(String namespace, PeerSettings settings) {
        this(new BgpTransport(new NamespaceScope(namespace), PeerSettings.BGP_PORT, 1), settings);
    }

    Speaker(BgpTransport transport, PeerSettings settings) {
        this.transport = transport;
        this.session = new BgpSession(settings, this, transport.newScheduler(), transport, new AttributeInterner());
    }

    Speaker start() {
        session.start();
        return this;
    }

    @Override
    public synchronized void established(BgpSession s, NegotiatedSession negotiated) {
        established++;
        notifyAll();
    }

    @Override
    public synchronized void updateReceived(BgpSession s, UpdateMessage update) {
        updates.add(update);
        for (Prefix p : update.withdrawn()) {
            adjRibIn.remove(p);
        }
        for (Announcement a : update.announced()) {
            for (Prefix p : a.prefixes()) {
                adjRibIn.put(p, a.attributes());
            }
        }
        notifyAll();
    }

    @Override
    public synchronized void routeRefreshRequested(BgpSession s, Family family) {
        refreshRequests.add(family);
        notifyAll();
    }

    @Override
    public synchronized void routeRefreshDemarcation(BgpSession s, Family family, boolean begin) {
        demarcations.add((begin ? "BoRR " : "EoRR ") + family);
        notifyAll();
    }

    @Override
    public synchronized void down(BgpSession s, SessionDown down) {
        downs.add(down);
        if (down.wasEstablished()) {
            adjRibIn.clear();
        }
        notifyAll();
    }

    @Override
    public synchronized void stateChanged(BgpSession s, SessionState from, SessionState to) {
        notifyAll();
    }

    synchronized void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; the session is " + session.state()
                        + ", last down: " + session.snapshot().lastDown() + ", last error: " + session.snapshot().lastError());
            }
            try {
                wait(Math.max(1, Math.min(left / 1_000_000, 200)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    <T> T await(String what, Supplier<T> value) {
        Object[] out = new Object[1];
        await(what, () -> (out[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    void awaitEstablished() {
        await("Established", () -> session.state() == SessionState.ESTABLISHED);
    }

    synchronized int establishedCount() {
        return established;
    }

    PathAttributes awaitRoute(Prefix p) {
        return await("a route to " + p, () -> route(p));
    }

    void awaitNoRoute(Prefix p) {
        await("the withdrawal of " + p, () -> route(p) == null);
    }

    synchronized PathAttributes route(Prefix p) {
        return adjRibIn.get(p);
    }

    synchronized List<UpdateMessage> updates() {
        return List.copyOf(updates);
    }

    synchronized List<SessionDown> downs() {
        return List.copyOf(downs);
    }

    synchronized List<Family> refreshRequests() {
        return List.copyOf(refreshRequests);
    }

    synchronized List<String> demarcations() {
        return List.copyOf(demarcations);
    }

    @Override
    public void close() {
        try {
            if (session.state() != SessionState.IDLE) {
                session.stop("test over");
                await("Idle", () -> session.state() == SessionState.IDLE);
            }
        } finally {
            transport.close();
        }
    }
}
