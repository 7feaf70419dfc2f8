package net.archway.routing.probe;

import java.net.InetAddress;
import java.time.Duration;

/**
 * One {@code services rpm probe OWNER test NAME}: what to send, where, how often, and when to
 * call the path failed. Probes run continuously, one every {@code probeInterval}; a test is
 * {@code probeCount} consecutive probes, and its statistics are what {@code show services rpm
 * probe-results} prints.
 *
 * @param port            destination port for TCP probes (ignored for ICMP)
 * @param source          source address, or null for the kernel's choice
 * @param sourceInterface interface to send through ({@code SO_BINDTODEVICE}), or null
 * @param timeout         how long to wait for each reply (Junos: probe timeout)
 * @param thresholds      when the probe counts as failed
 */
public record ProbeSettings(ProbeId id, Type type, InetAddress target, int port, InetAddress source,
                            String sourceInterface, Duration probeInterval, int probeCount, Duration timeout,
                            Thresholds thresholds) {

    public enum Type {
        /** ICMP echo (Junos {@code icmp-ping}). */
        ICMP_PING,
        /** A TCP connection attempt; a SYN-ACK or a RST counts as the reply (Junos {@code tcp-ping}). */
        TCP_PING
    }

    /**
     * @param successiveLoss lost probes in a row that fail the probe (0: no such threshold)
     * @param totalLoss      lost probes within one test that fail it (0: none)
     * @param rtt            a reply slower than this counts as lost (null: none)
     */
    public record Thresholds(int successiveLoss, int totalLoss, Duration rtt) {
        public static final Thresholds DEFAULT = new Thresholds(3, 0, null);
    }

    public ProbeSettings {
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException(id + ": probe-interval must be positive");
        }
        if (probeCount < 1) {
            throw new IllegalArgumentException(id + ": probe-count must be at least 1");
        }
        if (type == Type.TCP_PING && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException(id + ": a tcp-ping probe needs a destination port 1-65535");
        }
        if (timeout == null) {
            timeout = probeInterval;
        }
        if (thresholds == null) {
            thresholds = Thresholds.DEFAULT;
        }
    }

    /** An ICMP probe every {@code interval}, failed after {@code successiveLoss} losses in a row. */
    public static ProbeSettings icmp(ProbeId id, InetAddress target, Duration interval, int successiveLoss) {
        return new ProbeSettings(id, Type.ICMP_PING, target, 0, null, null, interval, 10, interval,
                new Thresholds(successiveLoss, 0, null));
    }

    public ProbeSettings withSource(InetAddress source, String sourceInterface) {
        return new ProbeSettings(id, type, target, port, source, sourceInterface, probeInterval, probeCount, timeout,
                thresholds);
    }
}
