package net.archway.routing.bfd.session;

/**
 * Where each periodic transmission fell relative to the interval it was due at: the evidence
 * for "BFD timing survives garbage collection". Gaps are bucketed as a share of the transmit
 * interval (jitter alone keeps them within 75-100%).
 */
final class TxIntervalHistogram {
    /** Upper bounds of the buckets in percent of the interval; the last bucket is open. */
    static final int[] BOUNDS_PERCENT = {75, 100, 110, 150, 200, 300};

    private final long[] counts = new long[BOUNDS_PERCENT.length + 1];
    private long maxGapNanos;

    void record(long gapNanos, long intervalNanos) {
        long percent = gapNanos * 100 / Math.max(1, intervalNanos);
        int i = 0;
        while (i < BOUNDS_PERCENT.length && percent >= BOUNDS_PERCENT[i]) {
            i++;
        }
        counts[i]++;
        maxGapNanos = Math.max(maxGapNanos, gapNanos);
    }

    TxGaps snapshot() {
        return new TxGaps(counts.clone(), maxGapNanos);
    }
}
