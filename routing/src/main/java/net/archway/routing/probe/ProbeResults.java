package net.archway.routing.probe;

import java.time.Duration;
import java.time.Instant;

/**
 * What a probe has seen, for {@code show services rpm probe-results}: the last probe, the
 * current test, the last completed test, and whether the probe passes its thresholds.
 *
 * @param passing        false once a threshold is crossed, true again after the next reply
 * @param lastRtt        the last reply's round-trip time, or null if the last probe was lost
 * @param successiveLost probes lost in a row right now
 * @param lastError      why the last probe could not be sent, or null
 */
public record ProbeResults(ProbeSettings settings, boolean passing, Instant lastChange, Instant lastProbe,
                           Duration lastRtt, int successiveLost, TestStats currentTest, TestStats lastTest,
                           long totalSent, long totalReceived, int failures, String lastError) {

    /** Statistics of one test (up to probe-count probes). */
    public record TestStats(int sent, int received, Duration minRtt, Duration maxRtt, Duration averageRtt,
                            Duration jitter) {
        public static final TestStats EMPTY = new TestStats(0, 0, null, null, null, null);

        public double lossPercent() {
            return sent == 0 ? 0 : 100.0 * (sent - received) / sent;
        }
    }
}
