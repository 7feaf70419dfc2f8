package net.archway.netlink;

import java.time.Duration;

/** How a pipelined batch went: requests sent, acknowledged, refused, and the time it took. */
public record BatchResult(long submitted, long succeeded, long failed, Duration elapsed) {
    public double perSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? submitted / seconds : Double.POSITIVE_INFINITY;
    }
}
