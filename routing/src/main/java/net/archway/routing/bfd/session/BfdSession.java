package net.archway.routing.bfd.session;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

import net.archway.routing.bfd.packet.BfdState;
import net.archway.routing.bfd.packet.ControlPacket;
import net.archway.routing.bfd.packet.Diagnostic;
import net.archway.routing.bfd.packet.DropReason;

/**
 * One BFD session in asynchronous mode: the state machine of RFC 5880 §6.2 and the procedures
 * of §6.8, named as the RFC names them ({@code bfd.SessionState}, {@code bfd.RemoteDiscr},
 * {@code bfd.DesiredMinTxInterval}...). It knows neither sockets nor threads: packets go out
 * through a {@link SessionObserver}, time comes from a {@link BfdScheduler}. Every method must be
 * called on the scheduler's thread.
 *
 * <p>Choices the RFC leaves open, made as BIRD and FRR make them: a packet is sent at once on
 * every state change (bring-up does not wait for the slow 1 s timer), a Final is sent at once
 * (§6.8.7), a Poll Sequence is started by every parameter change while Up (including the move
 * from the slow interval to the configured one on reaching Up, §6.8.3), an AdminDown session
 * keeps sending at the slow rate. Demand mode is not requested; a peer's demand request is
 * honoured (§6.8.6, last steps).
 */
public final class BfdSession {
    private static final Logger LOG = System.getLogger(BfdSession.class.getName());

    /** §6.8.3: while not Up, bfd.DesiredMinTxInterval is at least one second. */
    public static final long SLOW_TX_MICROS = 1_000_000;

    private final int localDiscr;
    private final String name;
    private final BfdScheduler scheduler;
    private final RandomGenerator random;
    private final SessionObserver observer;

    private SessionParameters parameters;

    // RFC 5880 §6.8.1 state variables.
    private BfdState sessionState = BfdState.DOWN;
    private BfdState remoteSessionState = BfdState.DOWN;
    private int remoteDiscr;
    private Diagnostic localDiag = Diagnostic.NONE;
    private long desiredMinTxInterval;
    private long requiredMinRxInterval;
    private long remoteMinRxInterval = 1;
    private boolean remoteDemandMode;
    private int remoteDetectMult;
    private long remoteDesiredMinTxInterval;

    // What is in effect while a Poll Sequence is outstanding (§6.8.3).
    private long txIntervalInUse;
    private long rxIntervalInUse;
    private boolean pollActive;
    private int lastSentDetectMult;
    private boolean pollQueued;
    private long pollTx;
    private long pollRx;

    // Timers.
    private BfdScheduler.Timer txTimer;
    private long nextTxAt;
    private long lastTxAt = Long.MIN_VALUE;
    private BfdScheduler.Timer detectTimer;
    private long detectDeadline;
    private long detectTimerAt;
    private boolean closed;

    // Counters for show bfd session detail.
    private long packetsIn;
    private long packetsOut;
    private long sendFailures;
    private final EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    private long upTransitions;
    private long downTransitions;
    private long lastStateChangeNanos;
    private Diagnostic lastDownDiagnostic = Diagnostic.NONE;
    private final TxIntervalHistogram txGaps = new TxIntervalHistogram();

    public BfdSession(int localDiscr, String name, SessionParameters parameters, BfdScheduler scheduler,
                      RandomGenerator random, SessionObserver observer) {
        if (localDiscr == 0) {
            throw new IllegalArgumentException("bfd.LocalDiscr must be nonzero (RFC 5880 §6.8.1)");
        }
        this.localDiscr = localDiscr;
        this.name = Objects.requireNonNull(name);
        this.parameters = Objects.requireNonNull(parameters);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.random = Objects.requireNonNull(random);
        this.observer = Objects.requireNonNull(observer);
        this.requiredMinRxInterval = parameters.requiredMinRxMicros();
        this.desiredMinTxInterval = Math.max(SLOW_TX_MICROS, parameters.desiredMinTxMicros());
        this.txIntervalInUse = desiredMinTxInterval;
        this.rxIntervalInUse = requiredMinRxInterval;
        this.lastStateChangeNanos = scheduler.nanoTime();
    }

    /** Starts the session: AdminDown if so configured, else Down, sending at once. */
    public void start() {
        if (parameters.adminDown()) {
            localDiag = Diagnostic.ADMINISTRATIVELY_DOWN;
            setState(BfdState.ADMIN_DOWN, Diagnostic.ADMINISTRATIVELY_DOWN);
        } else {
            transmitNow(false);
        }
    }

    /** Stops every timer; the session sends nothing more. */
    public void close() {
        closed = true;
        cancelTx();
        if (detectTimer != null) {
            detectTimer.cancel();
            detectTimer = null;
        }
    }

    // ---------------------------------------------------------------- reception (§6.8.6)

    /**
     * Processes a packet the receiver has already matched to this session (the checks on the
     * packet alone and on discriminators are done). Returns why it was discarded, or null.
     */
    public DropReason receive(ControlPacket p) {
        if (closed) {
            return null;
        }
        // Archway configures no authentication: a packet with the A bit set is discarded.
        if (p.authenticated()) {
            return drop(DropReason.AUTH_NOT_CONFIGURED);
        }
        packetsIn++;
        remoteDiscr = p.myDiscriminator();
        remoteSessionState = p.state();
        remoteDemandMode = p.demand();
        long oldRemoteMinRx = remoteMinRxInterval;
        remoteMinRxInterval = p.requiredMinRxInterval();
        remoteDesiredMinTxInterval = p.desiredMinTxInterval();
        remoteDetectMult = p.detectMult();
        if (p.fin() && pollActive) {
            terminatePollSequence();
        }
        if (sessionState == BfdState.ADMIN_DOWN) {
            return drop(DropReason.LOCAL_ADMIN_DOWN);
        }
        if (p.state() == BfdState.ADMIN_DOWN) {
            if (sessionState != BfdState.DOWN) {
                localDiag = Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN;
                setState(BfdState.DOWN, localDiag);
            }
        } else if (sessionState == BfdState.DOWN) {
            if (p.state() == BfdState.DOWN) {
                setState(BfdState.INIT, localDiag);
            } else if (p.state() == BfdState.INIT) {
                setState(BfdState.UP, Diagnostic.NONE);
            }
        } else if (sessionState == BfdState.INIT) {
            if (p.state() == BfdState.INIT || p.state() == BfdState.UP) {
                setState(BfdState.UP, Diagnostic.NONE);
            }
        } else if (p.state() == BfdState.DOWN) {
            localDiag = Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN;
            setState(BfdState.DOWN, localDiag);
        }
        // The packet counts as received for the detection time (§6.8.4).
        restartDetectionTimer();
        if (p.poll()) {
            transmitNow(true);
        } else if (remoteMinRxInterval != oldRemoteMinRx) {
            rescheduleTx();
        } else if (txTimer == null && !closed) {
            rescheduleTx();
        }
        return null;
    }

    /** Counts a packet the receiver discarded before it reached {@link #receive}. */
    public DropReason drop(DropReason reason) {
        drops.merge(reason, 1L, Long::sum);
        return reason;
    }

    // ---------------------------------------------------------------- configuration

    /** Applies new parameters; while Up a change starts a Poll Sequence (§6.8.3). */
    public void update(SessionParameters next) {
        SessionParameters previous = parameters;
        parameters = Objects.requireNonNull(next);
        if (closed || previous.equals(next)) {
            return;
        }
        if (next.adminDown() && sessionState != BfdState.ADMIN_DOWN) {
            // §6.8.16
            localDiag = Diagnostic.ADMINISTRATIVELY_DOWN;
            setState(BfdState.ADMIN_DOWN, localDiag);
            return;
        }
        if (!next.adminDown() && sessionState == BfdState.ADMIN_DOWN) {
            localDiag = Diagnostic.NONE;
            setState(BfdState.DOWN, Diagnostic.NONE);
            return;
        }
        applyIntervals(true);
    }

    /** Sets bfd.DesiredMinTxInterval and bfd.RequiredMinRxInterval for the current state. */
    private void applyIntervals(boolean pollIfUp) {
        long tx = sessionState == BfdState.UP ? parameters.desiredMinTxMicros()
                : Math.max(SLOW_TX_MICROS, parameters.desiredMinTxMicros());
        long rx = parameters.requiredMinRxMicros();
        boolean changed = tx != desiredMinTxInterval || rx != requiredMinRxInterval;
        desiredMinTxInterval = tx;
        requiredMinRxInterval = rx;
        if (sessionState != BfdState.UP) {
            txIntervalInUse = tx;
            rxIntervalInUse = rx;
            rescheduleTx();
            return;
        }
        // §6.8.3: a slower transmit rate and a faster receive rate wait for the Final.
        if (tx < txIntervalInUse) {
            txIntervalInUse = tx;
        }
        if (rx > rxIntervalInUse) {
            rxIntervalInUse = rx;
        }
        if (pollIfUp && (changed || parameters.detectMult() != lastSentDetectMult)) {
            startPollSequence();
        }
        rescheduleTx();
    }

    // ---------------------------------------------------------------- poll sequence (§6.5)

    private void startPollSequence() {
        if (pollActive) {
            pollQueued = true;
            return;
        }
        pollActive = true;
        pollQueued = false;
        pollTx = desiredMinTxInterval;
        pollRx = requiredMinRxInterval;
        transmitNow(false);
    }

    private void terminatePollSequence() {
        pollActive = false;
        if (pollQueued) {
            // The Final may answer a Poll sent before the last change: only what every Poll since
            // the start carried is known to the peer.
            txIntervalInUse = Math.min(pollTx, desiredMinTxInterval);
            rxIntervalInUse = Math.max(pollRx, requiredMinRxInterval);
            pollQueued = false;
            startPollSequence();
        } else {
            txIntervalInUse = desiredMinTxInterval;
            rxIntervalInUse = requiredMinRxInterval;
        }
        rescheduleTx();
    }

    // ---------------------------------------------------------------- state changes

    /** The one place the state changes: logs, adjusts the intervals, tells the observer. */
    private void setState(BfdState next, Diagnostic diagnostic) {
        BfdState previous = sessionState;
        if (previous == next) {
            return;
        }
        sessionState = next;
        lastStateChangeNanos = scheduler.nanoTime();
        LOG.log(next == BfdState.UP || previous == BfdState.UP ? Level.INFO : Level.DEBUG,
                () -> "BFD " + name + ": " + previous + " -> " + next
                        + (next == BfdState.UP ? "" : " (" + diagnostic + ")"));
        if (next == BfdState.UP) {
            upTransitions++;
            localDiag = Diagnostic.NONE;
        } else if (previous == BfdState.UP) {
            downTransitions++;
            lastDownDiagnostic = diagnostic;
        }
        if (next != BfdState.UP) {
            pollActive = false;
            pollQueued = false;
        }
        if (next == BfdState.ADMIN_DOWN || next == BfdState.DOWN && previous == BfdState.ADMIN_DOWN) {
            // §6.8.16: no detection while administratively down; a re-enabled session starts afresh.
            remoteDetectMult = 0;
            stopDetectionTimer();
        }
        applyIntervals(true);
        // Tell the peer at once rather than at the next slow tick.
        if (!pollActive) {
            transmitNow(false);
        }
        observer.stateChanged(this, previous, next, diagnostic);
    }

    // ---------------------------------------------------------------- detection (§6.8.4)

    /** The detection time in microseconds, 0 while nothing is being detected. */
    public long detectionTimeMicros() {
        if (remoteDetectMult == 0 || sessionState == BfdState.ADMIN_DOWN) {
            return 0;
        }
        return remoteDetectMult * Math.max(rxIntervalInUse, remoteDesiredMinTxInterval);
    }

    private void restartDetectionTimer() {
        long detect = detectionTimeMicros();
        if (detect == 0) {
            stopDetectionTimer();
            return;
        }
        long now = scheduler.nanoTime();
        detectDeadline = now + detect * 1000;
        // The timer moves lazily when the deadline moves later (it fires at the old deadline and
        // re-arms), so a packet costs no timer operation; an earlier deadline re-arms at once.
        if (detectTimer == null || detectDeadline < detectTimerAt) {
            stopDetectionTimer();
            armDetectionTimer(now);
        }
    }

    private void armDetectionTimer(long now) {
        detectTimerAt = detectDeadline;
        detectTimer = scheduler.schedule(this::detectionTimerFired, detectDeadline - now);
    }

    private void stopDetectionTimer() {
        if (detectTimer != null) {
            detectTimer.cancel();
            detectTimer = null;
        }
    }

    private void detectionTimerFired() {
        detectTimer = null;
        if (closed) {
            return;
        }
        long now = scheduler.nanoTime();
        if (now < detectDeadline) {
            armDetectionTimer(now);
            return;
        }
        // §6.8.1: bfd.RemoteDiscr is zeroed when a detection time passes without a packet.
        remoteDiscr = 0;
        remoteDetectMult = 0;
        remoteSessionState = BfdState.DOWN;
        remoteDemandMode = false;
        if (sessionState == BfdState.INIT || sessionState == BfdState.UP) {
            localDiag = Diagnostic.CONTROL_DETECTION_TIME_EXPIRED;
            setState(BfdState.DOWN, localDiag);
        }
    }

    // ---------------------------------------------------------------- transmission (§6.8.7)

    /** The interval between periodic packets before jitter, in microseconds; 0 when none are sent. */
    public long transmitIntervalMicros() {
        if (remoteMinRxInterval == 0) {
            return 0;
        }
        // §6.8.6: a peer in Demand mode wants no periodic packets once both are Up.
        if (remoteDemandMode && sessionState == BfdState.UP && remoteSessionState == BfdState.UP) {
            return 0;
        }
        return Math.max(txIntervalInUse, remoteMinRxInterval);
    }

    /** §6.8.7: 75-100% of the interval, 75-90% with a detect multiplier of 1. */
    private long jittered(long intervalMicros) {
        double factor = parameters.detectMult() == 1 ? 0.75 + 0.15 * random.nextDouble() : 0.75 + 0.25 * random.nextDouble();
        return (long) (intervalMicros * 1000 * factor);
    }

    /** Reschedules the periodic timer after an interval change, never later than already planned. */
    private void rescheduleTx() {
        if (closed) {
            return;
        }
        long interval = transmitIntervalMicros();
        if (interval == 0) {
            cancelTx();
            return;
        }
        long now = scheduler.nanoTime();
        long base = lastTxAt == Long.MIN_VALUE ? now : lastTxAt;
        long at = Math.max(now, base + jittered(interval));
        if (txTimer == null || at < nextTxAt) {
            cancelTx();
            scheduleTxAt(at, now);
        }
    }

    private void scheduleTxAt(long at, long now) {
        nextTxAt = at;
        txTimer = scheduler.schedule(this::periodicTx, at - now);
    }

    private void cancelTx() {
        if (txTimer != null) {
            txTimer.cancel();
            txTimer = null;
        }
    }

    private void periodicTx() {
        txTimer = null;
        if (closed) {
            return;
        }
        long interval = transmitIntervalMicros();
        if (interval == 0) {
            return;
        }
        long now = scheduler.nanoTime();
        if (lastTxAt != Long.MIN_VALUE) {
            txGaps.record(now - lastTxAt, interval * 1000);
        }
        send(false);
        scheduleTxAt(now + jittered(interval), now);
    }

    /** Sends a packet now (a Final when {@code fin}) and restarts the periodic timer from it. */
    private void transmitNow(boolean fin) {
        if (closed) {
            return;
        }
        if (!fin && remoteMinRxInterval == 0) {
            return;
        }
        send(fin);
        cancelTx();
        long interval = transmitIntervalMicros();
        if (interval != 0) {
            long now = scheduler.nanoTime();
            scheduleTxAt(now + jittered(interval), now);
        }
    }

    private void send(boolean fin) {
        ControlPacket p = new ControlPacket(
                ControlPacket.VERSION,
                localDiag,
                sessionState,
                pollActive && !fin,
                fin,
                false,
                false,
                false,
                parameters.detectMult(),
                localDiscr,
                remoteDiscr,
                desiredMinTxInterval,
                requiredMinRxInterval,
                0,
                null);
        lastSentDetectMult = parameters.detectMult();
        lastTxAt = scheduler.nanoTime();
        if (observer.transmit(this, p)) {
            packetsOut++;
        } else {
            sendFailures++;
        }
    }

    // ---------------------------------------------------------------- reading

    public int localDiscriminator() {
        return localDiscr;
    }

    public String name() {
        return name;
    }

    public SessionParameters parameters() {
        return parameters;
    }

    public BfdState state() {
        return sessionState;
    }

    public BfdState remoteState() {
        return remoteSessionState;
    }

    public int remoteDiscriminator() {
        return remoteDiscr;
    }

    public Diagnostic localDiagnostic() {
        return localDiag;
    }

    public long remoteMinRxInterval() {
        return remoteMinRxInterval;
    }

    public long remoteDesiredMinTxInterval() {
        return remoteDesiredMinTxInterval;
    }

    public int remoteDetectMult() {
        return remoteDetectMult;
    }

    public long desiredMinTxInterval() {
        return desiredMinTxInterval;
    }

    public long requiredMinRxInterval() {
        return requiredMinRxInterval;
    }

    public boolean pollActive() {
        return pollActive;
    }

    /** A consistent copy of the counters. */
    public SessionCounters counters() {
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        d.putAll(drops);
        return new SessionCounters(packetsIn, packetsOut, sendFailures, d, upTransitions, downTransitions,
                lastStateChangeNanos, lastDownDiagnostic, txGaps.snapshot());
    }

    @Override
    public String toString() {
        return "BFD " + name + " " + sessionState + " local " + Integer.toUnsignedString(localDiscr)
                + " remote " + Integer.toUnsignedString(remoteDiscr);
    }
}
