package net.archway.routing.bgp.session;

import static net.archway.routing.bgp.session.SessionState.ACTIVE;
import static net.archway.routing.bgp.session.SessionState.CONNECT;
import static net.archway.routing.bgp.session.SessionState.ESTABLISHED;
import static net.archway.routing.bgp.session.SessionState.IDLE;
import static net.archway.routing.bgp.session.SessionState.OPEN_CONFIRM;
import static net.archway.routing.bgp.session.SessionState.OPEN_SENT;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.AttributeInterner;
import net.archway.routing.bgp.message.BgpMessage;
import net.archway.routing.bgp.message.Capability;
import net.archway.routing.bgp.message.ErrorHandling;
import net.archway.routing.bgp.message.ErrorSubcode;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.KeepaliveMessage;
import net.archway.routing.bgp.message.MalformedMessageException;
import net.archway.routing.bgp.message.MessageCodec;
import net.archway.routing.bgp.message.MessageType;
import net.archway.routing.bgp.message.NotificationMessage;
import net.archway.routing.bgp.message.OpenMessage;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.message.RouteRefreshMessage;
import net.archway.routing.bgp.message.UpdateContext;
import net.archway.routing.bgp.message.UpdateMessage;
import net.archway.routing.bgp.message.UpdatePacker;

/**
 * One BGP peer: the finite state machine of RFC 4271 §8 in the RFC's words, with its timers
 * (ConnectRetryTimer, HoldTimer, KeepaliveTimer, DelayOpenTimer, IdleHoldTimer) on an
 * injectable {@link Scheduler}, and collision detection (§6.8).
 *
 * <p><b>Connections.</b> The RFC runs one FSM per TCP connection, and a peer has two while a
 * collision is unresolved. Here each {@link Connection} carries its own state from the moment
 * TCP is up (OpenSent, OpenConfirm, Established; Connect or Active while a DelayOpenTimer runs),
 * and the peer's own state covers the time without one: Idle, Connect (our TCP attempt in
 * flight), Active (listening). The state the session reports is the most advanced of them.
 * Every change, of a connection or of the peer, goes through {@link #changeState}, which logs it.
 *
 * <p><b>Threads.</b> Everything happens on the scheduler's thread: transport callbacks, timers,
 * listener calls. The public methods may be called from any thread: control methods hop onto
 * the scheduler; sending methods ({@link #announce}, {@link #withdraw}...) encode on the
 * caller's thread, so that packing a full table never delays a keepalive, and queue the bytes
 * on the connection.
 *
 * <p><b>Deviations, on purpose.</b> A failed TCP connect in Connect goes to Active and retries
 * when the ConnectRetryTimer expires, as OpenBSD bgpd and BIRD do, instead of Idle; a passive
 * session never connects (Junos and FRR {@code passive}); an incoming connection while
 * Established is refused (§6.8, CollisionDetectEstablishedState off) unless the peer advertised
 * graceful restart, in which case it has restarted (RFC 4724 §4.2).
 */
public final class BgpSession {
    private static final System.Logger LOG = System.getLogger(BgpSession.class.getName());

    /** RFC 4271 §8.2.2: the HoldTimer in OpenSent, "a large value ... 4 minutes is suggested". */
    static final long OPEN_SENT_HOLD_NANOS = TimeUnit.MINUTES.toNanos(4);
    /**
     * A connection the peer opened within this long of ours reaching Established is its side of a
     * collision, started before it saw ours come up, even when its OPEN has the Restart State bit
     * (FRR sets that bit on every OPEN for a while after it starts). See {@link #receiveOpen}.
     */
    static final long COLLISION_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final PeerSettings settings;
    private final SessionListener listener;
    private final Scheduler scheduler;
    private final SessionTransport transport;
    private final AttributeInterner interner;
    private final DoubleSupplier jitter;
    private final OpenMessage localOpen;

    // ---- confined to the scheduler's thread ----
    private SessionState peerState = IDLE;
    private SessionState reported = IDLE;
    private boolean started;
    private boolean registered;
    private Object attemptToken;
    private SessionTransport.ConnectAttempt attempt;
    private Scheduler.Timer connectRetryTimer;
    private Scheduler.Timer idleHoldTimer;
    private long idleHoldNanos;
    private Connection outgoing;
    private Connection incoming;

    // ---- read from any thread ----
    private volatile Connection established;
    private volatile SessionState publishedState = IDLE;
    private volatile Instant since = Instant.now();
    private volatile SessionDown lastDown;
    private volatile String lastError;
    private volatile boolean receiving = true;
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong updatesReceived = new AtomicLong();
    private final AtomicLong updatesSent = new AtomicLong();
    private final AtomicLong establishedTransitions = new AtomicLong();
    private final AtomicLong connectRetryCounter = new AtomicLong();

    /**
     * @param interner where received attribute sets are interned (shared by all sessions), or null
     */
    public BgpSession(PeerSettings settings, SessionListener listener, Scheduler scheduler, SessionTransport transport,
            AttributeInterner interner) {
        this(settings, listener, scheduler, transport, interner, () -> 0.75 + 0.25 * ThreadLocalRandom.current().nextDouble());
    }

    /** @param jitter a factor in [0.75, 1] for each ConnectRetry, Keepalive and IdleHold interval (RFC 4271 §10) */
    BgpSession(PeerSettings settings, SessionListener listener, Scheduler scheduler, SessionTransport transport,
            AttributeInterner interner, DoubleSupplier jitter) {
        this.settings = settings;
        this.listener = listener;
        this.scheduler = scheduler;
        this.transport = transport;
        this.interner = interner;
        this.jitter = jitter;
        this.idleHoldNanos = settings.idleHoldTime().toNanos();
        this.localOpen = buildOpen(settings);
    }

    private static OpenMessage buildOpen(PeerSettings s) {
        List<Capability> caps = new ArrayList<>();
        for (Family f : List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)) {
            if (s.families().contains(f)) {
                caps.add(new Capability.Multiprotocol(f));
            }
        }
        if (s.routeRefresh()) {
            caps.add(new Capability.RouteRefresh());
        }
        if (s.routeRefresh() && s.enhancedRouteRefresh()) {
            caps.add(new Capability.EnhancedRouteRefresh());
        }
        GracefulRestartSettings gr = s.gracefulRestart();
        if (gr != null) {
            List<Capability.GracefulRestart.Entry> entries = new ArrayList<>();
            for (Family f : List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)) {
                if (s.families().contains(f)) {
                    entries.add(new Capability.GracefulRestart.Entry(f, gr.forwardingPreserved().contains(f)));
                }
            }
            caps.add(new Capability.GracefulRestart(gr.restarting(), gr.notification(), (int) gr.restartTime().toSeconds(), entries));
        }
        return OpenMessage.of(s.effectiveLocalAs(), (int) s.holdTime().toSeconds(), s.routerId(), caps);
    }

    // =====================================================================================
    // Public API
    // =====================================================================================

    public PeerSettings settings() {
        return settings;
    }

    /** The reported FSM state. */
    public SessionState state() {
        return publishedState;
    }

    /** What the OPENs settled, while Established; else null. */
    public NegotiatedSession negotiated() {
        Connection c = established;
        return c == null ? null : c.negotiated;
    }

    public SessionSnapshot snapshot() {
        return new SessionSnapshot(settings, publishedState, since, negotiated(), lastDown, lastError, messagesReceived.get(),
                messagesSent.get(), updatesReceived.get(), updatesSent.get(), establishedTransitions.get(), connectRetryCounter.get());
    }

    /** ManualStart (or ManualStart_with_PassiveTcpEstablishment for a passive session). */
    public void start() {
        onLoop(this::manualStart);
    }

    /**
     * ManualStop: Cease/Administrative Shutdown with {@code message} as the shutdown
     * communication (RFC 8203; null for none). The session stays Idle until {@link #start}.
     */
    public void stop(String message) {
        onLoop(() -> manualStop(message));
    }

    /**
     * Stops because this speaker is restarting: the connections close without a NOTIFICATION, so
     * a peer that negotiated graceful restart keeps our routes as stale until we are back and
     * have sent End-of-RIB (RFC 4724 section 4.2); a peer without it flushes them as on any loss.
     */
    public void stopForRestart(String message) {
        onLoop(() -> manualStop(message, false));
    }

    /** Cease/Administrative Reset with a shutdown communication, then a restart after the idle hold time. */
    public void reset(String message) {
        onLoop(() -> automaticStop(NotificationMessage.shutdown(ErrorSubcode.ADMINISTRATIVE_RESET, message),
                SessionDown.Cause.ADMINISTRATIVE_RESET, "reset by the operator", settings.idleHoldTime()));
    }

    /**
     * The upper layer's prefix limit was exceeded: Cease/Maximum Number of Prefixes Reached with
     * the family and the limit as data (RFC 4486 §4), then Idle for {@code idleTimeout} before
     * starting again, or until {@link #start} when it is null.
     */
    public void teardownForPrefixLimit(Family family, long limit, Duration idleTimeout) {
        byte[] data = new byte[7];
        data[0] = (byte) (family.afi().number() >>> 8);
        data[1] = (byte) family.afi().number();
        data[2] = (byte) family.safi().number();
        for (int i = 0; i < 4; i++) {
            data[3 + i] = (byte) (limit >>> (24 - 8 * i));
        }
        String text = "more than " + limit + " " + family + " prefixes received (prefix-limit); "
                + (idleTimeout == null ? "the session stays down until cleared" : "starting again in " + idleTimeout.toSeconds() + " s");
        onLoop(() -> automaticStop(new NotificationMessage(ErrorSubcode.MAXIMUM_PREFIXES_REACHED, data), SessionDown.Cause.PREFIX_LIMIT,
                text, idleTimeout));
    }

    /**
     * AutomaticStop for another reason of the upper layer (BFD down: {@link ErrorSubcode#BFD_DOWN};
     * neighbour removed: {@link ErrorSubcode#PEER_DECONFIGURED}): a Cease with that subcode, then
     * Idle for {@code idleTimeout}, or until {@link #start} when it is null.
     */
    public void teardown(ErrorSubcode cease, String reason, Duration idleTimeout) {
        if (!cease.code().equals(ErrorSubcode.CEASE_UNSPECIFIC.code())) {
            throw new IllegalArgumentException("a teardown is a Cease, not " + cease);
        }
        onLoop(() -> automaticStop(new NotificationMessage(cease), SessionDown.Cause.AUTOMATIC_STOP, reason, idleTimeout));
    }

    /**
     * Announces prefixes of one family sharing one attribute set, packed into as few UPDATEs
     * as fit. Encodes on the calling thread. False when the session is not Established or the
     * family was not negotiated.
     *
     * @throws IllegalArgumentException when the attributes leave no room for a prefix in an
     *         UPDATE, or the next hop does not fit the family; withdraw those prefixes instead
     */
    public boolean announce(PathAttributes attributes, List<Prefix> prefixes) {
        Connection c = established;
        if (c == null) {
            return false;
        }
        if (prefixes.isEmpty()) {
            return true;
        }
        if (!c.negotiated.families().contains(Family.unicastOf(prefixes.get(0)))) {
            return false;
        }
        int n = new UpdatePacker(c.context).announce(attributes, prefixes, c.tcp::send);
        sent(c, n, true);
        return true;
    }

    /** Withdraws prefixes (either family; those of families not negotiated are skipped). */
    public boolean withdraw(List<Prefix> prefixes) {
        Connection c = established;
        if (c == null) {
            return false;
        }
        List<Prefix> ok = prefixes;
        for (Prefix p : prefixes) {
            if (!c.negotiated.families().contains(Family.unicastOf(p))) {
                ok = prefixes.stream().filter(x -> c.negotiated.families().contains(Family.unicastOf(x))).toList();
                break;
            }
        }
        int n = new UpdatePacker(c.context).withdraw(ok, c.tcp::send);
        sent(c, n, true);
        return true;
    }

    /** Sends the End-of-RIB marker of a family (RFC 4724 §2), once the initial routes are sent. */
    public boolean sendEndOfRib(Family family) {
        Connection c = established;
        if (c == null || !c.negotiated.families().contains(family)) {
            return false;
        }
        new UpdatePacker(c.context).endOfRib(family, c.tcp::send);
        sent(c, 1, true);
        return true;
    }

    /** Asks the peer to send a family again (RFC 2918); false if it does not do route refresh. */
    public boolean requestRouteRefresh(Family family) {
        Connection c = established;
        if (c == null || !c.negotiated.routeRefresh() || !c.negotiated.families().contains(family)) {
            return false;
        }
        c.tcp.send(MessageCodec.encode(RouteRefreshMessage.request(family)));
        sent(c, 1, false);
        return true;
    }

    /**
     * Marks the beginning (BoRR) or end (EoRR) of re-sending a family after a refresh request,
     * when enhanced route refresh was negotiated (RFC 7313 §4); false otherwise.
     */
    public boolean sendRouteRefreshDemarcation(Family family, boolean begin) {
        Connection c = established;
        if (c == null || !c.negotiated.enhancedRouteRefresh() || !c.negotiated.families().contains(family)) {
            return false;
        }
        c.tcp.send(MessageCodec.encode(new RouteRefreshMessage(family, begin ? RouteRefreshMessage.BEGIN : RouteRefreshMessage.END)));
        sent(c, 1, false);
        return true;
    }

    /** True while the connection's send buffer is under its high-water mark. */
    public boolean isWritable() {
        Connection c = established;
        return c != null && c.tcp.isWritable();
    }

    /**
     * Stops (false) or resumes (true) reading from the peer, when the upper layer cannot keep
     * up. While reading is stopped the HoldTimer is suspended: the silence is ours.
     */
    public void setReceiving(boolean on) {
        receiving = on;
        onLoop(() -> {
            for (Connection c : connections()) {
                c.tcp.setReading(on);
                if (on) {
                    c.lastReceived = scheduler.nanoTime();
                }
            }
        });
    }

    @Override
    public String toString() {
        return "BGP " + settings.name() + " " + publishedState;
    }

    private void sent(Connection c, int messages, boolean updates) {
        c.tcp.flush();
        // RFC 4271 §8.2.2: sending an UPDATE restarts the KeepaliveTimer; the timer reads this.
        c.lastSent = scheduler.nanoTime();
        messagesSent.addAndGet(messages);
        if (updates) {
            updatesSent.addAndGet(messages);
        }
    }

    // =====================================================================================
    // The peer's FSM: Idle, Connect, Active
    // =====================================================================================

    private void onLoop(Runnable r) {
        if (scheduler.inEventLoop()) {
            r.run();
        } else {
            scheduler.execute(r);
        }
    }

    private void manualStart() {
        if (started) {
            return;
        }
        started = true;
        connectRetryCounter.set(0);
        idleHoldNanos = settings.idleHoldTime().toNanos();
        cancel(idleHoldTimer);
        idleHoldTimer = null;
        if (!registered) {
            try {
                transport.register(settings, this::accepted);
                registered = true;
            } catch (TransportException | RuntimeException e) {
                started = false;
                boolean md5 = e instanceof TransportException t && t.md5KeyFailure();
                SessionDown.Cause cause = md5 ? SessionDown.Cause.MD5_KEY_NOT_INSTALLED : SessionDown.Cause.TRANSPORT_FAILURE;
                String text = e instanceof TransportException ? e.getMessage() : "the transport failed: " + e;
                LOG.log(Level.WARNING, "BGP {0}: stays down: {1}", settings.name(), text);
                reportDown(new SessionDown(cause, text, null, null, false, false, Instant.now()));
                return;
            }
        }
        automaticStart(settings.passive() ? FsmEvent.MANUAL_START_WITH_PASSIVE_TCP_ESTABLISHMENT : FsmEvent.MANUAL_START);
    }

    /** Idle → Connect (initiate TCP, start the ConnectRetryTimer) or, passive, → Active. */
    private void automaticStart(FsmEvent event) {
        if (settings.passive()) {
            changeState(null, ACTIVE, event, null);
            return;
        }
        startConnectRetryTimer();
        initiateConnect();
        changeState(null, CONNECT, event, null);
    }

    private void manualStop(String message) {
        manualStop(message, true);
    }

    /** ManualStop; without {@code notify} the connections just close, as when this speaker restarts. */
    private void manualStop(String message, boolean notify) {
        started = false;
        cancelPeerTimers();
        NotificationMessage cease = NotificationMessage.shutdown(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, message);
        String text = "stopped by the operator" + (message == null || message.isEmpty() ? "" : ": \"" + message + "\"");
        for (Connection c : connections()) {
            die(c, FsmEvent.MANUAL_STOP, SessionDown.Cause.ADMINISTRATIVE_STOP, text, notify && c.openSent() ? cease : null, null,
                    Next.STAY_IDLE);
        }
        if (registered) {
            transport.unregister(settings);
            registered = false;
        }
        changeState(null, IDLE, FsmEvent.MANUAL_STOP, null);
    }

    /** AutomaticStop (event 8): Cease to the peer, Idle, and a restart after {@code idle} (or none). */
    private void automaticStop(NotificationMessage cease, SessionDown.Cause cause, String text, Duration idle) {
        if (!started) {
            return;
        }
        cancelPeerTimers();
        List<Connection> all = connections();
        for (Connection c : all) {
            die(c, FsmEvent.AUTOMATIC_STOP, cause, text, c.openSent() ? cease : null, null, Next.STAY_IDLE);
        }
        if (all.isEmpty()) {
            lastError = text;
        }
        changeState(null, IDLE, FsmEvent.AUTOMATIC_STOP, null);
        connectRetryCounter.incrementAndGet();
        if (idle == null) {
            started = false;
        } else {
            idleHoldTimer = scheduler.schedule(this::idleHoldTimerExpires, idle.toNanos());
        }
    }

    private void cancelPeerTimers() {
        cancel(connectRetryTimer);
        connectRetryTimer = null;
        cancel(idleHoldTimer);
        idleHoldTimer = null;
        cancelAttempt();
    }

    private void startConnectRetryTimer() {
        cancel(connectRetryTimer);
        connectRetryTimer = scheduler.schedule(this::connectRetryTimerExpires, jittered(settings.connectRetryTime().toNanos()));
    }

    private void connectRetryTimerExpires() {
        connectRetryTimer = null;
        if (!started || peerState == IDLE || hasConnectionAtLeast(OPEN_SENT)) {
            return;
        }
        if (attempt != null) {
            lastError = "no TCP connection to " + Prefix.format(settings.peerAddress()) + " within "
                    + settings.connectRetryTime().toSeconds() + " s" + (settings.md5Key() != null
                            ? " (a peer whose TCP MD5 key differs drops our segments without an answer: check the key on both ends)"
                            : "");
        }
        cancelAttempt();
        startConnectRetryTimer();
        initiateConnect();
        changeState(null, CONNECT, FsmEvent.CONNECT_RETRY_TIMER_EXPIRES, null);
    }

    private void idleHoldTimerExpires() {
        idleHoldTimer = null;
        if (!started || peerState != IDLE || !connections().isEmpty()) {
            return;
        }
        automaticStart(FsmEvent.IDLE_HOLD_TIMER_EXPIRES);
    }

    private void initiateConnect() {
        cancelAttempt();
        Object token = new Object();
        attemptToken = token;
        // Callbacks always go through the queue: a transport may answer from inside connect().
        SessionTransport.ConnectCallback callback = new SessionTransport.ConnectCallback() {
            @Override
            public void connected(BgpConnection tcp) {
                scheduler.execute(() -> {
                    if (attemptToken != token) {
                        tcp.close();
                        return;
                    }
                    attemptToken = null;
                    attempt = null;
                    outgoingConnected(tcp);
                });
            }

            @Override
            public void failed(String reason, boolean permanent) {
                scheduler.execute(() -> {
                    if (attemptToken != token) {
                        return;
                    }
                    attemptToken = null;
                    attempt = null;
                    outgoingFailed(reason, permanent);
                });
            }
        };
        try {
            attempt = transport.connect(settings, callback);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "BGP " + settings.name() + ": the transport failed to connect", e);
            callback.failed("the transport failed: " + e, false);
        }
    }

    private void cancelAttempt() {
        attemptToken = null;
        if (attempt != null) {
            attempt.cancel();
            attempt = null;
        }
    }

    private void outgoingFailed(String reason, boolean permanent) {
        lastError = reason;
        if (permanent) {
            // The MD5 key could not be put on the socket: never connect without it.
            LOG.log(Level.WARNING, "BGP {0}: stays down: {1}", settings.name(), reason);
            if (connections().isEmpty()) {
                cancelPeerTimers();
                started = false;
                changeState(null, IDLE, FsmEvent.TCP_CONNECTION_FAILS, reason);
                reportDown(new SessionDown(SessionDown.Cause.MD5_KEY_NOT_INSTALLED, reason, null, null, false, false, Instant.now()));
            }
            return;
        }
        LOG.log(Level.DEBUG, "BGP {0}: connect failed: {1}", settings.name(), reason);
        if (peerState == CONNECT) {
            // Retry when the ConnectRetryTimer expires (OpenBSD bgpd, BIRD); keep listening.
            changeState(null, ACTIVE, FsmEvent.TCP_CONNECTION_FAILS, reason);
        }
    }

    private void outgoingConnected(BgpConnection tcp) {
        if (!started || peerState == IDLE || established != null || outgoing != null) {
            // §6.8: a new connection colliding with an Established one is closed.
            tcp.close();
            return;
        }
        Connection c = new Connection(tcp, true, CONNECT);
        outgoing = c;
        tcp.start(c);
        tcpEstablished(c, FsmEvent.TCP_CR_ACKED);
    }

    /** An incoming connection from the peer's address (TcpConnection_Valid already checked by the transport). */
    private void accepted(BgpConnection tcp) {
        scheduler.execute(() -> {
            if (!started || peerState == IDLE) {
                // RFC 4271 §8.2.2 Idle: "refuses all incoming BGP connections".
                lastError = "connection from " + tcp.remoteAddress() + " refused: the session is Idle";
                LOG.log(Level.DEBUG, "BGP {0}: {1}", settings.name(), lastError);
                tcp.close();
                return;
            }
            Connection est = established;
            if (est != null && est.negotiated.peerGracefulRestart() == null) {
                lastError = "connection from " + tcp.remoteAddress() + " refused: the session is Established (RFC 4271 §6.8)";
                LOG.log(Level.INFO, "BGP {0}: {1}", settings.name(), lastError);
                tcp.close();
                return;
            }
            Connection old = incoming;
            Connection c = new Connection(tcp, false, ACTIVE);
            incoming = c;
            if (est != null && !est.outgoingSide) {
                // RFC 4724 §4.2: the peer opened the Established connection and now another one: the
                // first is gone for it, it restarted.
                die(est, FsmEvent.TCP_CONNECTION_FAILS, SessionDown.Cause.PEER_RESTARTED,
                        "the peer opened a new connection while Established: it restarted (graceful restart)", null, null, Next.STAY_IDLE);
            }
            // (with our own connection Established, the peer's may be its side of a collision, sent
            // before ours arrived: its OPEN decides, see receiveOpen)
            if (old != null && old != est) {
                // The peer would not open a second connection unless the first is dead to it.
                die(old, FsmEvent.TCP_CONNECTION_FAILS, SessionDown.Cause.CONNECTION_LOST, "replaced by a new connection from the peer",
                        null, null, Next.STAY_IDLE);
            }
            tcp.start(c);
            tcpEstablished(c, FsmEvent.TCP_CONNECTION_CONFIRMED);
        });
    }

    /** TCP is up (Tcp_CR_Acked or TcpConnectionConfirmed): OPEN now, or after the DelayOpenTimer. */
    private void tcpEstablished(Connection c, FsmEvent event) {
        cancel(connectRetryTimer);
        connectRetryTimer = null;
        if (settings.delayOpenTime() != null) {
            c.delayOpenTimer = scheduler.schedule(() -> fsm(c, FsmEvent.DELAY_OPEN_TIMER_EXPIRES, null),
                    settings.delayOpenTime().toNanos());
            changeState(c, c.state, event, "DelayOpenTimer started");
            return;
        }
        sendOpen(c);
        changeState(c, OPEN_SENT, event, null);
    }

    // =====================================================================================
    // A connection's FSM: OpenSent, OpenConfirm, Established (and Connect/Active with DelayOpen)
    // =====================================================================================

    private void fsm(Connection c, FsmEvent event, Object arg) {
        if (c.dead) {
            return;
        }
        switch (c.state) {
            case CONNECT, ACTIVE -> delayingOpen(c, event, arg);
            case OPEN_SENT -> openSent(c, event, arg);
            case OPEN_CONFIRM -> openConfirm(c, event, arg);
            case ESTABLISHED -> established(c, event, arg);
            default -> {
            }
        }
    }

    /** Connect or Active with the DelayOpenTimer running: TCP is up, our OPEN not yet sent. */
    private void delayingOpen(Connection c, FsmEvent event, Object arg) {
        switch (event) {
            case DELAY_OPEN_TIMER_EXPIRES -> {
                c.delayOpenTimer = null;
                sendOpen(c);
                changeState(c, OPEN_SENT, event, null);
            }
            case BGP_OPEN_WITH_DELAY_OPEN_TIMER_RUNNING -> {
                cancel(c.delayOpenTimer);
                c.delayOpenTimer = null;
                sendOpen(c);
                receiveOpen(c, (OpenMessage) arg, event);
            }
            case TCP_CONNECTION_FAILS -> die(c, event, SessionDown.Cause.CONNECTION_LOST, "connection closed: " + arg, null, null, Next.ACTIVE);
            case NOTIF_MSG, NOTIF_MSG_VER_ERR -> peerNotification(c, event, (NotificationMessage) arg);
            default -> {
                // SendNOTIFICATIONwithoutOPEN is off: errors before our OPEN just close (§8.2.2 Connect, Active).
                String text = "unexpected " + describe(event, arg) + " before OPEN";
                die(c, event, SessionDown.Cause.PROTOCOL_ERROR, text, null, null, Next.IDLE);
            }
        }
    }

    private void openSent(Connection c, FsmEvent event, Object arg) {
        switch (event) {
            case BGP_OPEN -> receiveOpen(c, (OpenMessage) arg, event);
            case HOLD_TIMER_EXPIRES -> holdTimerExpired(c);
            case TCP_CONNECTION_FAILS ->
                // §8.2.2 OpenSent: back to Active, restart the ConnectRetryTimer, keep listening.
                die(c, event, SessionDown.Cause.CONNECTION_LOST, "connection closed in OpenSent: " + arg, null, null, Next.ACTIVE);
            case NOTIF_MSG, NOTIF_MSG_VER_ERR -> peerNotification(c, event, (NotificationMessage) arg);
            case BGP_HEADER_ERR, BGP_OPEN_MSG_ERR -> protocolError(c, event, (MalformedMessageException) arg);
            default -> unexpectedMessage(c, event);
        }
    }

    private void openConfirm(Connection c, FsmEvent event, Object arg) {
        switch (event) {
            case KEEPALIVE_MSG -> enterEstablished(c);
            case KEEPALIVE_TIMER_EXPIRES -> keepaliveTimerExpires(c);
            case HOLD_TIMER_EXPIRES -> holdTimerExpired(c);
            case TCP_CONNECTION_FAILS -> die(c, event, SessionDown.Cause.CONNECTION_LOST, "connection closed in OpenConfirm: " + arg, null,
                    null, Next.IDLE);
            case NOTIF_MSG, NOTIF_MSG_VER_ERR -> peerNotification(c, event, (NotificationMessage) arg);
            case BGP_HEADER_ERR, BGP_OPEN_MSG_ERR -> protocolError(c, event, (MalformedMessageException) arg);
            default -> unexpectedMessage(c, event);
        }
    }

    private void established(Connection c, FsmEvent event, Object arg) {
        switch (event) {
            case UPDATE_MSG -> safely(() -> listener.updateReceived(this, (UpdateMessage) arg));
            case KEEPALIVE_MSG -> {
                // the HoldTimer reads lastReceived
            }
            case KEEPALIVE_TIMER_EXPIRES -> keepaliveTimerExpires(c);
            case HOLD_TIMER_EXPIRES -> holdTimerExpired(c);
            case TCP_CONNECTION_FAILS -> die(c, event, SessionDown.Cause.CONNECTION_LOST, "connection closed: " + arg, null, null, Next.IDLE);
            case NOTIF_MSG, NOTIF_MSG_VER_ERR -> peerNotification(c, event, (NotificationMessage) arg);
            case BGP_HEADER_ERR, UPDATE_MSG_ERR -> protocolError(c, event, (MalformedMessageException) arg);
            default -> unexpectedMessage(c, event);
        }
    }

    /** A received, well-formed OPEN: check it (§6.2), resolve collisions (§6.8), go to OpenConfirm. */
    private void receiveOpen(Connection c, OpenMessage open, FsmEvent event) {
        Refusal refusal = checkOpen(open);
        if (refusal != null) {
            String text = "OPEN refused with " + refusal.notification().subcode() + ": " + refusal.why();
            die(c, FsmEvent.BGP_OPEN_MSG_ERR, SessionDown.Cause.PROTOCOL_ERROR, text, refusal.notification(), null, Next.IDLE);
            return;
        }
        Connection other = c == outgoing ? incoming : outgoing;
        if (other != null && !other.dead) {
            if (other.state == ESTABLISHED) {
                Capability.GracefulRestart gr = open.capability(Capability.GracefulRestart.class);
                boolean racing = c.openedAt - other.establishedAt < COLLISION_WINDOW_NANOS;
                if (gr == null || !gr.restartState() || other.negotiated.peerGracefulRestart() == null || racing) {
                    // §6.8: a collision with an Established connection closes the new one. A peer that
                    // restarted says so with the Restart State bit (RFC 4724 §3); one that did not is
                    // racing our connection with its own. So is one whose connection came while ours
                    // was just coming up: the peer started it before it saw ours Established. Had it
                    // really restarted, its kernel resets ours at our next KEEPALIVE or UPDATE.
                    collisionDump(c, "collides with the Established connection"
                            + (racing && gr != null && gr.restartState() ? " (opened as that one came up)" : ""));
                    return;
                }
                die(other, FsmEvent.TCP_CONNECTION_FAILS, SessionDown.Cause.PEER_RESTARTED,
                        "the peer opened a new connection while Established, its OPEN with the Restart State bit: it"
                                + " restarted (graceful restart)", null, null, Next.STAY_IDLE);
            }
            if (other.state == OPEN_SENT || other.state == OPEN_CONFIRM) {
                boolean keepOutgoing = keepOutgoing(open.bgpIdentifier());
                Connection loser = keepOutgoing == c.outgoingSide ? other : c;
                collisionDump(loser, "connection collision resolved for the " + (keepOutgoing ? "outgoing" : "incoming") + " connection");
                if (loser == c) {
                    return;
                }
            }
        }
        c.peerOpen = open;
        c.negotiated = negotiate(c, open);
        c.context = new UpdateContext(c.negotiated.fourOctetAs(), c.negotiated.internal(), c.negotiated.peerAs(), c.negotiated.localAs(),
                settings.enforceFirstAs(), c.negotiated.families(), c.tcp.localAddress() == null ? null : c.tcp.localAddress().getAddress(),
                interner);
        send(c, KeepaliveMessage.INSTANCE);
        long hold = c.negotiated.holdTime().toNanos();
        c.holdNanos = hold;
        c.keepaliveNanos = c.negotiated.keepaliveTime().toNanos();
        cancel(c.holdTimer);
        c.holdTimer = null;
        if (hold > 0) {
            c.lastReceived = scheduler.nanoTime();
            scheduleHold(c, hold);
            scheduleKeepalive(c);
        }
        changeState(c, OPEN_CONFIRM, event, null);
    }

    /** Why an OPEN is refused, and the NOTIFICATION that says so. */
    private record Refusal(NotificationMessage notification, String why) {
    }

    /** RFC 4271 §6.2 with RFC 6793 and RFC 6286: null when acceptable. */
    private Refusal checkOpen(OpenMessage open) {
        long peerAs = open.autonomousSystem();
        if (peerAs != settings.peerAs()) {
            byte[] myAs = {(byte) (open.myAutonomousSystem() >>> 8), (byte) open.myAutonomousSystem()};
            return new Refusal(new NotificationMessage(ErrorSubcode.BAD_PEER_AS, myAs),
                    "the peer says it is in AS " + peerAs + " but peer-as is " + settings.peerAs());
        }
        if (open.bgpIdentifier() == 0 || settings.internal() && open.bgpIdentifier() == settings.routerId()) {
            return new Refusal(new NotificationMessage(ErrorSubcode.BAD_BGP_IDENTIFIER), "the peer's BGP Identifier "
                    + Prefix.format(ipv4(open.bgpIdentifier()))
                    + (open.bgpIdentifier() == 0 ? " is zero (RFC 6286)" : " is ours, and the peer is internal (RFC 6286 §2.2)"));
        }
        if (open.holdTime() == 1 || open.holdTime() == 2) {
            return new Refusal(new NotificationMessage(ErrorSubcode.UNACCEPTABLE_HOLD_TIME),
                    "the peer's hold time of " + open.holdTime() + " s is neither 0 nor at least 3 s");
        }
        if (commonFamilies(open).isEmpty()) {
            return new Refusal(new NotificationMessage(ErrorSubcode.UNSUPPORTED_CAPABILITY, multiprotocolCapabilities()),
                    "no address family in common: we have " + settings.families() + ", the peer " + peerFamilies(open));
        }
        return null;
    }

    private byte[] multiprotocolCapabilities() {
        List<Capability.Multiprotocol> mp = localOpen.all(Capability.Multiprotocol.class);
        byte[] d = new byte[6 * mp.size()];
        for (int i = 0; i < mp.size(); i++) {
            Family f = mp.get(i).family();
            d[6 * i] = 1;
            d[6 * i + 1] = 4;
            d[6 * i + 2] = (byte) (f.afi().number() >>> 8);
            d[6 * i + 3] = (byte) f.afi().number();
            d[6 * i + 5] = (byte) f.safi().number();
        }
        return d;
    }

    private static Set<Family> peerFamilies(OpenMessage open) {
        List<Capability.Multiprotocol> mp = open.all(Capability.Multiprotocol.class);
        if (mp.isEmpty()) {
            return Set.of(Family.IPV4_UNICAST); // RFC 4760 §8 (and RFC 4271): no capability, IPv4 unicast
        }
        Set<Family> out = new LinkedHashSet<>();
        for (Capability.Multiprotocol m : mp) {
            out.add(m.family());
        }
        return out;
    }

    private Set<Family> commonFamilies(OpenMessage open) {
        Set<Family> out = new LinkedHashSet<>(peerFamilies(open));
        out.retainAll(settings.families());
        return out;
    }

    private NegotiatedSession negotiate(Connection c, OpenMessage open) {
        long hold = Math.min(settings.holdTime().toSeconds(), open.holdTime());
        Duration keepalive;
        if (hold == 0) {
            keepalive = Duration.ZERO;
        } else if (settings.keepaliveTime() != null && settings.keepaliveTime().toSeconds() < hold) {
            keepalive = settings.keepaliveTime();
        } else {
            keepalive = Duration.ofSeconds(Math.max(1, hold / 3));
        }
        boolean peerRefresh = open.capability(Capability.RouteRefresh.class) != null || open.capabilities().stream()
                .anyMatch(x -> x.code().number() == 128);
        boolean as4 = open.capability(Capability.FourOctetAs.class) != null;
        return new NegotiatedSession(open.autonomousSystem(), settings.effectiveLocalAs(), settings.internal(), open.bgpIdentifier(),
                Duration.ofSeconds(hold), keepalive, as4, commonFamilies(open), settings.routeRefresh() && peerRefresh,
                settings.routeRefresh() && settings.enhancedRouteRefresh() && open.capability(Capability.EnhancedRouteRefresh.class) != null,
                open.capability(Capability.GracefulRestart.class), localOpen.capability(Capability.GracefulRestart.class),
                c.tcp.localAddress(), c.tcp.remoteAddress(), open);
    }

    /**
     * §6.8: the connection initiated by the speaker with the higher BGP Identifier survives;
     * with equal identifiers, the one initiated by the speaker with the larger AS (RFC 6286 §2.3).
     */
    private boolean keepOutgoing(int peerId) {
        long local = settings.routerId() & 0xffffffffL;
        long remote = peerId & 0xffffffffL;
        if (local != remote) {
            return local > remote;
        }
        return settings.effectiveLocalAs() > settings.peerAs();
    }

    private void collisionDump(Connection c, String why) {
        NotificationMessage cease = c.openSent() ? new NotificationMessage(ErrorSubcode.CONNECTION_COLLISION_RESOLUTION) : null;
        die(c, FsmEvent.OPEN_COLLISION_DUMP, SessionDown.Cause.PROTOCOL_ERROR, why, cease, null,
                connections().size() > 1 ? Next.STAY_IDLE : Next.IDLE);
    }

    private void enterEstablished(Connection c) {
        established = c;
        c.establishedAt = scheduler.nanoTime();
        cancelAttempt();
        cancel(connectRetryTimer);
        connectRetryTimer = null;
        idleHoldNanos = settings.idleHoldTime().toNanos();
        establishedTransitions.incrementAndGet();
        Connection other = c == outgoing ? incoming : outgoing;
        if (other != null) {
            collisionDump(other, "the other connection reached Established");
        }
        changeState(c, ESTABLISHED, FsmEvent.KEEPALIVE_MSG, null);
        LOG.log(Level.INFO, "BGP {0}: Established: hold time {1} s, families {2}, 4-octet AS {3}, route refresh {4}{5}",
                settings.name(), c.negotiated.holdTime().toSeconds(), c.negotiated.families(), c.negotiated.fourOctetAs(),
                c.negotiated.routeRefresh(), c.negotiated.enhancedRouteRefresh() ? " (enhanced)" : "");
        safely(() -> listener.established(this, c.negotiated));
    }

    private void holdTimerExpired(Connection c) {
        die(c, FsmEvent.HOLD_TIMER_EXPIRES, SessionDown.Cause.HOLD_TIMER_EXPIRED,
                "hold timer expired: nothing received for " + TimeUnit.NANOSECONDS.toSeconds(c.holdNanos) + " s",
                new NotificationMessage(ErrorSubcode.HOLD_TIMER_EXPIRED), null, Next.IDLE);
    }

    private void peerNotification(Connection c, FsmEvent event, NotificationMessage n) {
        String text = "the peer sent NOTIFICATION " + n;
        die(c, event, SessionDown.Cause.NOTIFICATION_RECEIVED, text, null, n, Next.IDLE);
    }

    private void protocolError(Connection c, FsmEvent event, MalformedMessageException e) {
        die(c, event, SessionDown.Cause.PROTOCOL_ERROR, e.getMessage() + "; sent NOTIFICATION " + e.notification(), e.notification(), null,
                Next.IDLE);
    }

    private void unexpectedMessage(Connection c, FsmEvent event) {
        unexpectedMessage(c, event, describe(event, null));
    }

    /** RFC 6608: the FSM error subcode names the state the unexpected message came in. */
    private void unexpectedMessage(Connection c, FsmEvent event, String what) {
        ErrorSubcode sub = switch (c.state) {
            case OPEN_SENT -> ErrorSubcode.FSM_UNEXPECTED_IN_OPEN_SENT;
            case OPEN_CONFIRM -> ErrorSubcode.FSM_UNEXPECTED_IN_OPEN_CONFIRM;
            case ESTABLISHED -> ErrorSubcode.FSM_UNEXPECTED_IN_ESTABLISHED;
            default -> ErrorSubcode.FSM_UNSPECIFIED;
        };
        NotificationMessage n = new NotificationMessage(sub);
        die(c, event, SessionDown.Cause.PROTOCOL_ERROR, "unexpected " + what + " in " + c.state + "; sent NOTIFICATION " + n, n, null,
                Next.IDLE);
    }

    private static String describe(FsmEvent event, Object arg) {
        return switch (event) {
            case UPDATE_MSG -> "UPDATE";
            case KEEPALIVE_MSG -> "KEEPALIVE";
            case BGP_OPEN, BGP_OPEN_WITH_DELAY_OPEN_TIMER_RUNNING -> "OPEN";
            default -> arg instanceof RouteRefreshMessage ? "ROUTE-REFRESH" : event.toString();
        };
    }

    // =====================================================================================
    // Messages in
    // =====================================================================================

    private void received(Connection c, byte[] m) {
        if (c.dead) {
            return;
        }
        c.lastReceived = scheduler.nanoTime();
        messagesReceived.incrementAndGet();
        MessageType type;
        try {
            type = MessageCodec.checkHeader(m, 0, m.length);
        } catch (MalformedMessageException e) {
            fsm(c, FsmEvent.BGP_HEADER_ERR, e);
            return;
        }
        switch (type.number()) {
            case 1 -> receivedOpen(c, m);
            case 2 -> receivedUpdate(c, m);
            case 3 -> {
                NotificationMessage n = (NotificationMessage) decodeChecked(m);
                fsm(c, n.subcode().equals(ErrorSubcode.UNSUPPORTED_VERSION_NUMBER) ? FsmEvent.NOTIF_MSG_VER_ERR : FsmEvent.NOTIF_MSG, n);
            }
            case 4 -> fsm(c, FsmEvent.KEEPALIVE_MSG, null);
            default -> receivedRouteRefresh(c, m);
        }
    }

    /** Decodes a message whose type cannot fail after the header check (NOTIFICATION). */
    private static BgpMessage decodeChecked(byte[] m) {
        try {
            return MessageCodec.decode(m, null);
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("a checked header, yet " + e.getMessage(), e);
        }
    }

    private void receivedOpen(Connection c, byte[] m) {
        OpenMessage open;
        try {
            open = (OpenMessage) MessageCodec.decode(m, null);
        } catch (MalformedMessageException e) {
            fsm(c, FsmEvent.BGP_OPEN_MSG_ERR, e);
            return;
        }
        fsm(c, c.delayOpenTimer != null ? FsmEvent.BGP_OPEN_WITH_DELAY_OPEN_TIMER_RUNNING : FsmEvent.BGP_OPEN, open);
    }

    private void receivedUpdate(Connection c, byte[] m) {
        updatesReceived.incrementAndGet();
        if (c.state != ESTABLISHED) {
            fsm(c, FsmEvent.UPDATE_MSG, null);
            return;
        }
        UpdateMessage u;
        try {
            u = (UpdateMessage) MessageCodec.decode(m, c.context);
        } catch (MalformedMessageException e) {
            LOG.log(Level.WARNING, "BGP {0}: {1}; the UPDATE was {2}", settings.name(), e.getMessage(), HexFormat.of().formatHex(m));
            fsm(c, FsmEvent.UPDATE_MSG_ERR, e);
            return;
        }
        if (u.errorHandling() != ErrorHandling.NONE) {
            // RFC 7606 §6: log the error, the NLRI and the whole UPDATE.
            LOG.log(Level.WARNING, "BGP {0}: malformed UPDATE handled by {1}: {2}; withdrawn {3}; the UPDATE was {4}", settings.name(),
                    u.errorHandling(), String.join("; ", u.errors()), u.withdrawn(), HexFormat.of().formatHex(m));
        }
        fsm(c, FsmEvent.UPDATE_MSG, u);
    }

    private void receivedRouteRefresh(Connection c, byte[] m) {
        RouteRefreshMessage r;
        try {
            r = (RouteRefreshMessage) MessageCodec.decode(m, null);
        } catch (MalformedMessageException e) {
            if (c.state == ESTABLISHED) {
                protocolError(c, FsmEvent.UPDATE_MSG_ERR, e);
            } else {
                unexpectedMessage(c, FsmEvent.UPDATE_MSG, "ROUTE-REFRESH");
            }
            return;
        }
        routeRefresh(c, r);
    }

    private void routeRefresh(Connection c, RouteRefreshMessage r) {
        if (c.state != ESTABLISHED) {
            if (c.state == OPEN_SENT || c.state == OPEN_CONFIRM) {
                unexpectedMessage(c, FsmEvent.UPDATE_MSG, "ROUTE-REFRESH");
            } else {
                die(c, FsmEvent.UPDATE_MSG, SessionDown.Cause.PROTOCOL_ERROR, "unexpected ROUTE-REFRESH before OPEN", null, null, Next.IDLE);
            }
            return;
        }
        NegotiatedSession n = c.negotiated;
        if (!n.families().contains(r.family())) {
            // RFC 2918 §4: a family not advertised at session start is ignored.
            LOG.log(Level.INFO, "BGP {0}: ignored {1}: family not negotiated", settings.name(), r);
            return;
        }
        switch (r.subtype()) {
            case RouteRefreshMessage.NORMAL -> safely(() -> listener.routeRefreshRequested(this, r.family()));
            case RouteRefreshMessage.BEGIN, RouteRefreshMessage.END -> {
                if (n.enhancedRouteRefresh()) {
                    safely(() -> listener.routeRefreshDemarcation(this, r.family(), r.subtype() == RouteRefreshMessage.BEGIN));
                } else {
                    LOG.log(Level.INFO, "BGP {0}: ignored {1}: enhanced route refresh not negotiated", settings.name(), r);
                }
            }
            default -> LOG.log(Level.INFO, "BGP {0}: ignored {1}: unknown subtype (RFC 7313 §5)", settings.name(), r);
        }
    }

    // =====================================================================================
    // Messages out, timers
    // =====================================================================================

    private void sendOpen(Connection c) {
        send(c, localOpen);
        c.openSent = true;
        c.holdNanos = OPEN_SENT_HOLD_NANOS;
        c.lastReceived = scheduler.nanoTime();
        scheduleHold(c, OPEN_SENT_HOLD_NANOS);
    }

    private void send(Connection c, BgpMessage m) {
        c.tcp.send(MessageCodec.encode(m));
        c.tcp.flush();
        c.lastSent = scheduler.nanoTime();
        messagesSent.incrementAndGet();
    }

    /** The HoldTimer: expires when nothing arrived for the hold time; restarted by reading lastReceived. */
    private void scheduleHold(Connection c, long delay) {
        cancel(c.holdTimer);
        c.holdTimer = scheduler.schedule(() -> {
            c.holdTimer = null;
            if (c.dead) {
                return;
            }
            long silent = scheduler.nanoTime() - c.lastReceived;
            if (!receiving) {
                scheduleHold(c, c.holdNanos); // our reading is paused: the silence is ours
            } else if (silent >= c.holdNanos) {
                fsm(c, FsmEvent.HOLD_TIMER_EXPIRES, null);
            } else {
                scheduleHold(c, c.holdNanos - silent);
            }
        }, delay);
    }

    /** The KeepaliveTimer: fires a keepalive interval (jittered) after the last message sent. */
    private void scheduleKeepalive(Connection c) {
        long interval = jittered(c.keepaliveNanos);
        long wait = Math.max(0, c.lastSent + interval - scheduler.nanoTime());
        cancel(c.keepaliveTimer);
        c.keepaliveTimer = scheduler.schedule(() -> {
            c.keepaliveTimer = null;
            if (c.dead) {
                return;
            }
            if (scheduler.nanoTime() - c.lastSent >= interval) {
                fsm(c, FsmEvent.KEEPALIVE_TIMER_EXPIRES, null);
            }
            if (!c.dead) {
                scheduleKeepalive(c);
            }
        }, wait);
    }

    private void keepaliveTimerExpires(Connection c) {
        send(c, KeepaliveMessage.INSTANCE);
    }

    private long jittered(long nanos) {
        double j = Math.min(1.0, Math.max(0.75, jitter.getAsDouble()));
        return (long) (nanos * j);
    }

    private static void cancel(Scheduler.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }

    // =====================================================================================
    // Leaving a connection, the one place state changes
    // =====================================================================================

    /** What the peer's FSM does once a connection is gone and no other is left. */
    private enum Next {
        /** Active: listen, restart the ConnectRetryTimer (TCP failure in OpenSent, §8.2.2). */
        ACTIVE,
        /** Idle, and start again after the (damped) IdleHoldTimer. */
        IDLE,
        /** Idle; the caller decides what follows. */
        STAY_IDLE
    }

    private void die(Connection c, FsmEvent event, SessionDown.Cause cause, String text, NotificationMessage sent,
            NotificationMessage received, Next next) {
        if (c.dead) {
            return;
        }
        boolean wasEstablished = c.state == ESTABLISHED;
        c.dead = true;
        cancel(c.holdTimer);
        cancel(c.keepaliveTimer);
        cancel(c.delayOpenTimer);
        if (sent != null) {
            c.tcp.sendAndClose(MessageCodec.encode(sent));
            messagesSent.incrementAndGet();
        } else {
            c.tcp.close();
        }
        if (outgoing == c) {
            outgoing = null;
        }
        if (incoming == c) {
            incoming = null;
        }
        if (established == c) {
            established = null;
        }
        changeState(c, IDLE, event, text);
        boolean others = !connections().isEmpty();
        if (wasEstablished || !others && event != FsmEvent.OPEN_COLLISION_DUMP && next != Next.ACTIVE) {
            boolean gr = wasEstablished && c.negotiated.gracefulRestart() && gracefulAfter(c.negotiated, sent, received);
            reportDown(new SessionDown(cause, text, sent, received, wasEstablished, gr, Instant.now()));
        } else {
            lastError = text;
        }
        if (others) {
            return;
        }
        switch (next) {
            case ACTIVE -> {
                if (started) {
                    startConnectRetryTimer();
                    changeState(null, ACTIVE, event, null);
                }
            }
            case IDLE -> {
                cancelPeerTimers();
                changeState(null, IDLE, event, null);
                connectRetryCounter.incrementAndGet();
                if (started) {
                    // DampPeerOscillations: each failure in a row doubles the idle hold time.
                    long wait = jittered(idleHoldNanos);
                    idleHoldNanos = Math.min(Math.max(idleHoldNanos * 2, 1), PeerSettings.MAX_IDLE_HOLD.toNanos());
                    idleHoldTimer = scheduler.schedule(this::idleHoldTimerExpires, wait);
                }
            }
            case STAY_IDLE -> {
            }
        }
    }

    /** RFC 4724 §4.2, RFC 8538 §3: routes are kept stale unless a NOTIFICATION says otherwise. */
    private static boolean gracefulAfter(NegotiatedSession n, NotificationMessage sent, NotificationMessage received) {
        if (sent == null && received == null) {
            return true;
        }
        boolean bothN = n.peerGracefulRestart().notification() && n.localGracefulRestart().notification();
        NotificationMessage x = sent != null ? sent : received;
        return bothN && !x.subcode().equals(ErrorSubcode.HARD_RESET);
    }

    private void reportDown(SessionDown d) {
        lastDown = d;
        if (d.wasEstablished()) {
            LOG.log(Level.WARNING, "BGP {0}: down: {1}", settings.name(), d.text());
        }
        safely(() -> listener.down(this, d));
    }

    /**
     * Every state change, of a connection ({@code c}) or of the peer ({@code c} null), comes
     * here: it is logged with the event that caused it, and the reported state follows.
     */
    private void changeState(Connection c, SessionState to, FsmEvent event, String detail) {
        SessionState from = c == null ? peerState : c.state;
        if (c == null) {
            peerState = to;
        } else {
            c.state = to;
        }
        if (from != to || detail != null) {
            LOG.log(Level.DEBUG, "BGP {0}{1}: {2} -> {3} ({4}){5}", settings.name(),
                    c == null ? "" : " [" + (c.outgoingSide ? "outgoing" : "incoming") + " connection]", from, to, event,
                    detail == null ? "" : ": " + detail);
        }
        SessionState now = peerState;
        for (Connection x : connections()) {
            if (x.state.ordinal() > now.ordinal()) {
                now = x.state;
            }
        }
        if (now != reported) {
            SessionState was = reported;
            SessionState is = now;
            reported = is;
            publishedState = is;
            since = Instant.now();
            LOG.log(Level.INFO, "BGP {0}: {1} -> {2} ({3})", settings.name(), was, is, event);
            safely(() -> listener.stateChanged(this, was, is));
        }
    }

    /** A listener that throws must not take the FSM with it. */
    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "BGP " + settings.name() + ": the session listener failed", e);
        }
    }

    private List<Connection> connections() {
        List<Connection> out = new ArrayList<>(2);
        if (outgoing != null) {
            out.add(outgoing);
        }
        if (incoming != null) {
            out.add(incoming);
        }
        return out;
    }

    private boolean hasConnectionAtLeast(SessionState s) {
        for (Connection c : connections()) {
            if (c.state.ordinal() >= s.ordinal()) {
                return true;
            }
        }
        return false;
    }

    private static java.net.InetAddress ipv4(int a) {
        try {
            return java.net.InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** One TCP connection and its FSM. */
    private final class Connection implements BgpConnection.Handler {
        final BgpConnection tcp;
        final boolean outgoingSide;
        SessionState state;
        boolean dead;
        boolean openSent;
        Scheduler.Timer holdTimer;
        Scheduler.Timer keepaliveTimer;
        Scheduler.Timer delayOpenTimer;
        long holdNanos;
        long keepaliveNanos;
        volatile long lastReceived;
        volatile long lastSent;
        /** When TCP came up, and when this connection reached Established (scheduler time). */
        final long openedAt;
        long establishedAt;
        OpenMessage peerOpen;
        NegotiatedSession negotiated;
        UpdateContext context;

        Connection(BgpConnection tcp, boolean outgoingSide, SessionState initial) {
            this.tcp = tcp;
            this.outgoingSide = outgoingSide;
            this.state = initial;
            this.lastSent = scheduler.nanoTime();
            this.lastReceived = lastSent;
            this.openedAt = lastSent;
        }

        boolean openSent() {
            return openSent;
        }

        @Override
        public void received(byte[] message) {
            if (scheduler.inEventLoop()) {
                BgpSession.this.received(this, message);
            } else {
                scheduler.execute(() -> BgpSession.this.received(this, message));
            }
        }

        @Override
        public void closed(String reason) {
            scheduler.execute(() -> fsm(this, FsmEvent.TCP_CONNECTION_FAILS, reason));
        }

        @Override
        public void writabilityChanged(boolean writable) {
            onLoop(() -> {
                if (this == established) {
                    listener.writabilityChanged(BgpSession.this, writable);
                }
            });
        }
    }
}
