package net.archway.routing.bfd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import net.archway.routing.bfd.packet.BfdState;
import net.archway.routing.bfd.packet.ControlPacket;
import net.archway.routing.bfd.packet.Diagnostic;
import net.archway.routing.bfd.packet.DropReason;

/** The state machine of RFC 5880 §6.2/§6.8 between two sessions on a fake clock and a fake wire. */
class BfdSessionTest {
    private static final long MS = 1_000;

    private final FakeScheduler clock = new FakeScheduler();

    /** One end: a session, what it sent (with send times) and its state changes. */
    final class End implements SessionObserver {
        final List<ControlPacket> sent = new ArrayList<>();
        final List<Long> sentAt = new ArrayList<>();
        final List<String> changes = new ArrayList<>();
        BfdSession session;
        End peer;
        boolean linkUp = true;
        long delayNanos = 200_000;

        @Override
        public boolean transmit(BfdSession s, ControlPacket p) {
            sent.add(p);
            sentAt.add(clock.nanoTime());
            if (linkUp && peer != null) {
                End to = peer;
                clock.schedule(() -> to.session.receive(p), delayNanos);
            }
            return true;
        }

        @Override
        public void stateChanged(BfdSession s, BfdState from, BfdState to, Diagnostic diagnostic) {
            changes.add(from + ">" + to + (to == BfdState.UP ? "" : ":" + diagnostic.code()));
        }

        ControlPacket last() {
            return sent.get(sent.size() - 1);
        }
    }

    private End end(int discr, SessionParameters p) {
        End e = new End();
        e.session = new BfdSession(discr, "s" + discr, p, clock, new SplittableRandom(discr), e);
        return e;
    }

    private static SessionParameters params(long intervalMs, int mult) {
        return new SessionParameters(intervalMs * MS, intervalMs * MS, mult, false);
    }

    private End[] pair(SessionParameters a, SessionParameters b) {
        End x = end(0x11111111, a);
        End y = end(0x22222222, b);
        x.peer = y;
        y.peer = x;
        x.session.start();
        y.session.start();
        return new End[] {x, y};
    }

    private void bothUp(End a, End b) {
        clock.advanceUntil(() -> a.session.state() == BfdState.UP && b.session.state() == BfdState.UP, 5_000, "both Up");
        clock.advanceUntil(() -> !a.session.pollActive() && !b.session.pollActive(), 5_000, "poll sequences done");
    }

    @Test
    void sessionsComeUpThroughInitAndNegotiateIntervals() {
        End[] e = pair(params(300, 3), params(50, 5));
        End a = e[0];
        End b = e[1];
        // Before anything is heard, packets are Down with Your Discriminator 0 at the slow rate.
        ControlPacket first = a.sent.get(0);
        assertEquals(BfdState.DOWN, first.state());
        assertEquals(0, first.yourDiscriminator());
        assertEquals(1_000_000, first.desiredMinTxInterval(), "§6.8.3: 1 s while not Up");
        assertEquals(300_000, first.requiredMinRxInterval());
        bothUp(a, b);
        assertEquals("Down>Init:0", a.changes.get(0));
        assertTrue(a.changes.get(1).equals("Init>Up"), a.changes.toString());
        assertEquals(0x22222222, a.session.remoteDiscriminator());
        assertEquals(0x11111111, b.session.remoteDiscriminator());
        // §6.8.2: each sends at max(own desired TX, peer's required RX).
        assertEquals(300 * MS, a.session.transmitIntervalMicros());
        assertEquals(300 * MS, b.session.transmitIntervalMicros());
        // §6.8.4: detection time = remote mult × max(own required RX, remote desired TX).
        assertEquals(5 * 300 * MS, a.session.detectionTimeMicros());
        assertEquals(3 * 300 * MS, b.session.detectionTimeMicros());
        // The move from 1 s to the configured interval on reaching Up went through Poll and Final.
        assertTrue(a.sent.stream().anyMatch(ControlPacket::poll));
        assertTrue(b.sent.stream().anyMatch(ControlPacket::fin));
        assertTrue(a.sent.stream().noneMatch(p -> p.poll() && p.fin()), "§6.8.7: never P and F together");
    }

    @Test
    void detectionTimeExpiryTakesTheSessionDown() {
        End[] e = pair(params(300, 3), params(300, 3));
        End a = e[0];
        End b = e[1];
        bothUp(a, b);
        clock.advanceMillis(2_000);
        b.linkUp = false; // b's packets no longer reach a
        long cut = clock.nanoTime();
        long lastHeard = b.sentAt.get(b.sentAt.size() - 1);
        clock.advanceUntil(() -> a.session.state() == BfdState.DOWN, 2_000, "a Down");
        long detectedAfterLast = clock.nanoTime() - lastHeard - b.delayNanos;
        // One detection time after the last packet arrived (the test looks every 100 µs).
        assertTrue(detectedAfterLast >= 900_000_000L && detectedAfterLast < 900_100_000L, "detected after " + detectedAfterLast);
        assertTrue(clock.nanoTime() - cut <= 900_000_000L);
        assertEquals(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, a.session.localDiagnostic());
        assertEquals(0, a.session.remoteDiscriminator(), "§6.8.1: RemoteDiscr zeroed");
        assertEquals(1_000_000, a.session.desiredMinTxInterval(), "back to the slow rate");
        // b hears a's Down and follows with Neighbor Signaled Session Down.
        clock.advanceUntil(() -> b.session.state() == BfdState.DOWN, 2_000, "b Down");
        assertEquals(Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN, b.session.localDiagnostic());
        assertEquals("Up>Down:1", a.changes.get(a.changes.size() - 1));
        assertEquals(1, a.session.counters().downTransitions());
        assertEquals(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, a.session.counters().lastDownDiagnostic());
        // Forwarding resumes: the sessions come back.
        b.linkUp = true;
        bothUp(a, b);
        assertEquals(2, a.session.counters().upTransitions());
        assertEquals(Diagnostic.NONE, a.session.localDiagnostic());
    }

    @Test
    void fastTimersDetectWithinThreeIntervals() {
        End[] e = pair(params(50, 3), params(50, 3));
        End a = e[0];
        End b = e[1];
        bothUp(a, b);
        assertEquals(150 * MS, a.session.detectionTimeMicros());
        clock.advanceMillis(1_000);
        a.linkUp = false;
        b.linkUp = false;
        long t = clock.advanceUntil(() -> a.session.state() == BfdState.DOWN && b.session.state() == BfdState.DOWN, 1_000, "both Down");
        assertTrue(t <= 150_000_000L, "within 150 ms: " + t);
    }

    @Test
    void transmissionsAreJitteredBetween75And100Percent() {
        End[] e = pair(params(100, 3), params(100, 3));
        bothUp(e[0], e[1]);
        int from = e[0].sentAt.size();
        clock.advanceMillis(20_000);
        List<Long> at = e[0].sentAt;
        for (int i = from + 1; i < at.size(); i++) {
            long gap = at.get(i) - at.get(i - 1);
            assertTrue(gap >= 75_000_000L && gap <= 100_000_000L, "gap " + gap);
        }
        assertTrue(at.size() - from > 200);
        TxGaps gaps = e[0].session.counters().txGaps();
        assertEquals(gaps.total(), gaps.counts()[1], "every gap in the 75-100% bucket: " + gaps);
    }

    @Test
    void multiplierOneJittersBetween75And90Percent() {
        End[] e = pair(params(100, 1), params(100, 1));
        bothUp(e[0], e[1]);
        int from = e[0].sentAt.size();
        clock.advanceMillis(10_000);
        List<Long> at = e[0].sentAt;
        for (int i = from + 1; i < at.size(); i++) {
            long gap = at.get(i) - at.get(i - 1);
            assertTrue(gap >= 75_000_000L && gap <= 90_000_000L, "gap " + gap);
        }
    }

    @Test
    void notUpSendsAtTheSlowRate() {
        End a = end(7, params(50, 3));
        a.session.start(); // nobody answers
        clock.advanceMillis(10_000);
        for (int i = 1; i < a.sentAt.size(); i++) {
            long gap = a.sentAt.get(i) - a.sentAt.get(i - 1);
            assertTrue(gap >= 750_000_000L && gap <= 1_000_000_000L, "gap " + gap);
        }
        assertEquals(BfdState.DOWN, a.session.state());
    }

    @Test
    void fasterTimersThroughPollAndFinal() {
        End[] e = pair(params(300, 3), params(300, 3));
        End a = e[0];
        End b = e[1];
        bothUp(a, b);
        int before = a.sent.size();
        a.session.update(params(50, 3));
        assertTrue(a.session.pollActive());
        assertTrue(a.last().poll(), "a poll goes out at once");
        assertEquals(50_000, a.last().desiredMinTxInterval());
        clock.advanceUntil(() -> !a.session.pollActive(), 1_000, "Final");
        assertTrue(b.sent.stream().skip(0).anyMatch(ControlPacket::fin));
        // a now sends at max(50, b's 300 ms RX) = 300; b sends at max(300, 50) = 300.
        assertEquals(300 * MS, a.session.transmitIntervalMicros());
        // b speeds up too: both at 50 ms.
        b.session.update(params(50, 3));
        clock.advanceUntil(() -> !b.session.pollActive(), 1_000, "Final for b");
        clock.advanceMillis(400);
        assertEquals(50 * MS, a.session.transmitIntervalMicros());
        assertEquals(50 * MS, b.session.transmitIntervalMicros());
        assertEquals(150 * MS, a.session.detectionTimeMicros());
        assertTrue(a.sent.size() > before);
        assertEquals(BfdState.UP, a.session.state());
    }

    @Test
    void slowerTransmitWaitsForTheFinal() {
        End[] e = pair(params(50, 3), params(50, 3));
        End a = e[0];
        End b = e[1];
        bothUp(a, b);
        b.linkUp = false; // no Final can arrive
        a.session.update(params(500, 3));
        assertEquals(500_000, a.last().desiredMinTxInterval());
        assertTrue(a.last().poll());
        // §6.8.3: the actual interval stays 50 ms while the Poll is outstanding.
        assertEquals(50 * MS, a.session.transmitIntervalMicros());
        clock.advanceMillis(100);
        assertTrue(a.session.pollActive());
        // Every periodic packet carries P until the Final.
        assertTrue(a.last().poll());
        b.linkUp = true;
        clock.advanceUntil(() -> !a.session.pollActive(), 1_000, "Final");
        assertEquals(500 * MS, a.session.transmitIntervalMicros());
        assertFalse(a.last().poll() && a.session.pollActive());
    }

    @Test
    void fasterReceiveKeepsTheOldDetectionTimeUntilTheFinal() {
        End[] e = pair(params(300, 3), params(100, 3));
        End a = e[0];
        End b = e[1];
        bothUp(a, b);
        // a requires 300 ms: b sends at 300, a detects in 3 × 300.
        assertEquals(900 * MS, a.session.detectionTimeMicros());
        b.linkUp = false;
        a.session.update(new SessionParameters(300 * MS, 100 * MS, 3, false));
        assertEquals(900 * MS, a.session.detectionTimeMicros(), "old RequiredMinRx until the Final");
        b.linkUp = true;
        clock.advanceUntil(() -> !a.session.pollActive(), 1_000, "Final");
        clock.advanceMillis(500);
        assertEquals(300 * MS, a.session.detectionTimeMicros());
    }

    @Test
    void pollIsAnsweredAtOnceWithFinal() {
        End a = end(5, params(300, 3));
        a.session.start();
        int n = a.sent.size();
        ControlPacket poll = new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, true, false, false, false, false, 3, 99, 0,
                1_000_000, 300_000, 0, null);
        assertNull(a.session.receive(poll));
        ControlPacket fin = a.sent.get(a.sent.size() - 1);
        assertTrue(a.sent.size() > n);
        assertTrue(fin.fin());
        assertFalse(fin.poll());
        assertEquals(99, fin.yourDiscriminator());
    }

    @Test
    void adminDownIsSentAndHonoured() {
        End[] e = pair(params(300, 3), params(300, 3));
        End a = e[0];
        End b = e[1];
        bothUp(a, b);
        a.session.update(new SessionParameters(300 * MS, 300 * MS, 3, true));
        assertEquals(BfdState.ADMIN_DOWN, a.session.state());
        assertEquals(Diagnostic.ADMINISTRATIVELY_DOWN, a.session.localDiagnostic());
        assertEquals(BfdState.ADMIN_DOWN, a.last().state());
        clock.advanceUntil(() -> b.session.state() == BfdState.DOWN, 1_000, "b Down");
        assertEquals(Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN, b.session.localDiagnostic());
        assertEquals(BfdState.ADMIN_DOWN, b.session.remoteState());
        // b stays Down (not Init) while a says AdminDown, a discards b's packets and detects nothing.
        clock.advanceMillis(5_000);
        assertEquals(BfdState.DOWN, b.session.state());
        assertEquals(BfdState.ADMIN_DOWN, a.session.state());
        assertTrue(a.session.counters().dropped(DropReason.LOCAL_ADMIN_DOWN) > 0);
        assertEquals(0, a.session.detectionTimeMicros());
        // a keeps telling b at the slow rate.
        assertEquals(BfdState.ADMIN_DOWN, a.last().state());
        a.session.update(params(300, 3));
        bothUp(a, b);
        assertTrue(a.changes.contains("Up>AdminDown:7"));
        assertTrue(a.changes.contains("AdminDown>Down:0"));
    }

    @Test
    void startsAdminDownWhenConfigured() {
        End a = end(3, new SessionParameters(300 * MS, 300 * MS, 3, true));
        a.session.start();
        assertEquals(BfdState.ADMIN_DOWN, a.session.state());
        assertEquals(BfdState.ADMIN_DOWN, a.last().state());
        assertEquals(7, a.last().diagnostic().code());
    }

    @Test
    void peerDownWhileUpTakesTheSessionDown() {
        End[] e = pair(params(300, 3), params(300, 3));
        End a = e[0];
        bothUp(a, e[1]);
        ControlPacket down = new ControlPacket(1, Diagnostic.PATH_DOWN, BfdState.DOWN, false, false, false, false, false, 3,
                0x22222222, 0x11111111, 1_000_000, 300_000, 0, null);
        a.session.receive(down);
        assertEquals(BfdState.DOWN, a.session.state());
        assertEquals(Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN, a.session.localDiagnostic());
    }

    @Test
    void initIgnoresDownAndAnswersInitWithUp() {
        End a = end(9, params(300, 3));
        a.session.start();
        ControlPacket down = new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, false, false, false, false, false, 3, 77, 0,
                1_000_000, 300_000, 0, null);
        a.session.receive(down);
        assertEquals(BfdState.INIT, a.session.state());
        a.session.receive(down);
        assertEquals(BfdState.INIT, a.session.state());
        ControlPacket up = new ControlPacket(1, Diagnostic.NONE, BfdState.UP, false, false, false, false, false, 3, 77, 9,
                1_000_000, 300_000, 0, null);
        a.session.receive(up);
        assertEquals(BfdState.UP, a.session.state());
    }

    @Test
    void downDoesNotJumpToUpOnUp() {
        End a = end(9, params(300, 3));
        a.session.start();
        ControlPacket up = new ControlPacket(1, Diagnostic.NONE, BfdState.UP, false, false, false, false, false, 3, 77, 9,
                1_000_000, 300_000, 0, null);
        a.session.receive(up);
        assertEquals(BfdState.DOWN, a.session.state());
    }

    @Test
    void authenticatedPacketsAreDiscardedWithoutAuthConfigured() {
        End a = end(9, params(300, 3));
        a.session.start();
        byte[] auth = {1, 7, 1, 'a', 'b', 'c', 'd'};
        ControlPacket p = new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, false, false, false, false, false, 3, 77, 0,
                1_000_000, 300_000, 0, new net.archway.routing.bfd.packet.AuthSection(net.archway.routing.bfd.packet.AuthType.SIMPLE_PASSWORD, auth));
        assertEquals(DropReason.AUTH_NOT_CONFIGURED, a.session.receive(p));
        assertEquals(BfdState.DOWN, a.session.state());
        assertEquals(0, a.session.remoteDiscriminator());
        assertEquals(1, a.session.counters().dropped(DropReason.AUTH_NOT_CONFIGURED));
    }

    @Test
    void zeroRequiredMinRxStopsPeriodicTransmission() {
        End a = end(9, params(300, 3));
        a.session.start();
        ControlPacket quiet = new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, false, false, false, false, false, 3, 77, 0,
                1_000_000, 0, 0, null);
        a.session.receive(quiet);
        int n = a.sent.size();
        clock.advanceMillis(5_000);
        assertEquals(n, a.sent.size(), "§6.8.7: nothing periodic while RemoteMinRxInterval is 0");
        assertEquals(0, a.session.transmitIntervalMicros());
    }

    @Test
    void remoteDemandModeStopsPeriodicTransmissionOnceBothUp() {
        End[] e = pair(params(100, 3), params(100, 3));
        End a = e[0];
        End b = e[1];
        bothUp(a, b);
        b.linkUp = false;
        ControlPacket demand = new ControlPacket(1, Diagnostic.NONE, BfdState.UP, false, false, false, true, false, 3,
                0x22222222, 0x11111111, 100_000, 100_000, 0, null);
        a.session.receive(demand);
        int n = a.sent.size();
        clock.advanceMillis(250);
        assertEquals(n, a.sent.size());
        assertEquals(0, a.session.transmitIntervalMicros());
    }

    @Test
    void closedSessionLeavesNoTimers() {
        End[] e = pair(params(50, 3), params(50, 3));
        bothUp(e[0], e[1]);
        e[0].session.close();
        e[1].session.close();
        clock.advanceMillis(1_000);
        assertEquals(0, clock.pending());
    }
}
