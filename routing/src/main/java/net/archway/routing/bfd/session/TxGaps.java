package net.archway.routing.bfd.session;

import java.util.Arrays;

/**
 * Periodic transmission gaps as a share of the transmit interval: {@code counts[i]} gaps fell
 * below {@code BOUNDS_PERCENT[i]} percent (and at or above the previous bound); the last count
 * is 300% and more. {@code maxGapNanos} is the longest gap seen.
 */
public record TxGaps(long[] counts, long maxGapNanos) {
    public static final int[] BOUNDS_PERCENT = TxIntervalHistogram.BOUNDS_PERCENT.clone();

    public TxGaps {
        counts = counts.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** Adds two histograms. */
    public TxGaps plus(TxGaps o) {
        long[] c = counts.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += o.counts[i];
        }
        return new TxGaps(c, Math.max(maxGapNanos, o.maxGapNanos));
    }

    public static TxGaps empty() {
        return new TxGaps(new long[TxIntervalHistogram.BOUNDS_PERCENT.length + 1], 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxGaps g && Arrays.equals(g.counts, counts) && g.maxGapNanos == maxGapNanos;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + Long.hashCode(maxGapNanos);
    }

    @Override
    public String toString() {
        return "TxGaps" + Arrays.toString(counts) + " max " + maxGapNanos / 1000 + " µs";
    }
}
