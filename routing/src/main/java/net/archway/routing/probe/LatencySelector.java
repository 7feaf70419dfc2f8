package net.archway.routing.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses among parallel paths by measured latency (scenario S3): the healthy member with the
 * lowest round-trip time, with hysteresis so that a small or short-lived difference does not
 * move traffic. A challenger replaces the current member only when it is faster by more than
 * {@code margin} (absolute) and by more than {@code marginPercent} of the current RTT, and has
 * been so for {@code stableRounds} evaluations in a row. A current member that fails is
 * replaced at once. Not thread-safe: evaluate on one thread (the prober's).
 */
public final class LatencySelector<M> {
    private final List<M> members;
    private final Duration margin;
    private final int marginPercent;
    private final int stableRounds;
    private M current;
    private M challenger;
    private int challengerRounds;

    public LatencySelector(List<M> members, Duration margin, int marginPercent, int stableRounds) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a latency group needs members");
        }
        this.members = List.copyOf(members);
        this.margin = Objects.requireNonNull(margin);
        this.marginPercent = marginPercent;
        this.stableRounds = Math.max(1, stableRounds);
    }

    /** What each member measures now: its RTT, or null when it fails. */
    public record Measurement(boolean healthy, Duration rtt) {
    }

    /**
     * Takes the members' latest measurements and returns the chosen member (null when none is
     * healthy). Members missing from the map count as unhealthy.
     */
    public M evaluate(Map<M, Measurement> measurements) {
        return evaluate(measurements, null);
    }

    /**
     * As {@link #evaluate(Map)}, when only {@code updated}'s measurement is new: a challenger's
     * round counts only on its own new measurement, so {@code stableRounds} means its own tests.
     */
    public M evaluate(Map<M, Measurement> measurements, M updated) {
        M best = null;
        Duration bestRtt = null;
        for (M m : members) {
            Measurement x = measurements.get(m);
            if (x != null && x.healthy() && x.rtt() != null && (bestRtt == null || x.rtt().compareTo(bestRtt) < 0)) {
                best = m;
                bestRtt = x.rtt();
            }
        }
        Measurement cur = current == null ? null : measurements.get(current);
        if (current == null || cur == null || !cur.healthy() || cur.rtt() == null) {
            current = best; // nothing to protect: take the best at once
            challenger = null;
            challengerRounds = 0;
            return current;
        }
        if (best == null || best.equals(current)) {
            challenger = null;
            challengerRounds = 0;
            return current;
        }
        long gain = cur.rtt().toNanos() - bestRtt.toNanos();
        boolean clearlyBetter = gain > margin.toNanos() && gain * 100 > cur.rtt().toNanos() * (long) marginPercent;
        if (!clearlyBetter) {
            challenger = null;
            challengerRounds = 0;
            return current;
        }
        if (best.equals(challenger)) {
            if (updated == null || updated.equals(best)) {
                challengerRounds++;
            }
        } else {
            challenger = best;
            challengerRounds = 1;
        }
        if (challengerRounds >= stableRounds) {
            current = best;
            challenger = null;
            challengerRounds = 0;
        }
        return current;
    }

    public M current() {
        return current;
    }
}
