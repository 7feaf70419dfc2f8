package net.archway.appliance.show;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import net.archway.cli.op.OpResult;
import net.archway.routing.Prefix;
import net.archway.routing.probe.ProbeResults;

/** {@code show services rpm probe-results}, in the Junos layout (times in microseconds). */
public record ProbeResultsView(List<Probe> probes) implements OpResult {

    public record Probe(String owner, String test, String target, String probeType, boolean passing, String lastProbe,
                        Long lastRttMicros, int successiveLost, Stats currentTest, Stats lastTest, long totalSent,
                        long totalReceived, int failures, String lastError) {
    }

    public record Stats(int sent, int received, double lossPercent, Long minMicros, Long maxMicros, Long averageMicros,
                        Long jitterMicros) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy").withZone(ZoneOffset.UTC);

    public static ProbeResultsView of(List<ProbeResults> results) {
        List<Probe> out = new ArrayList<>();
        for (ProbeResults r : results) {
            out.add(new Probe(r.settings().id().owner(), r.settings().id().test(), Prefix.format(r.settings().target()),
                    r.settings().type().name().toLowerCase().replace('_', '-'), r.passing(),
                    r.lastProbe() == null ? null : TIME.format(r.lastProbe()), micros(r.lastRtt()), r.successiveLost(),
                    stats(r.currentTest()), stats(r.lastTest()), r.totalSent(), r.totalReceived(), r.failures(),
                    r.lastError()));
        }
        return new ProbeResultsView(out);
    }

    private static Long micros(Duration d) {
        return d == null ? null : d.toNanos() / 1000;
    }

    private static Stats stats(ProbeResults.TestStats s) {
        return new Stats(s.sent(), s.received(), s.lossPercent(), micros(s.minRtt()), micros(s.maxRtt()),
                micros(s.averageRtt()), micros(s.jitter()));
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Probe p : probes) {
            sb.append("    Owner: ").append(p.owner()).append(", Test: ").append(p.test()).append('\n');
            sb.append("    Target address: ").append(p.target()).append(", Probe type: ").append(p.probeType()).append('\n');
            sb.append("    Status: ").append(p.passing() ? "pass" : "fail").append(", failures: ").append(p.failures())
                    .append(", successive losses: ").append(p.successiveLost()).append('\n');
            sb.append("    Probe results:\n");
            if (p.lastProbe() == null) {
                sb.append("      No probe sent yet\n");
            } else if (p.lastRttMicros() != null) {
                sb.append("      Response received, ").append(p.lastProbe()).append('\n');
                sb.append("      Rtt: ").append(p.lastRttMicros()).append(" usec\n");
            } else {
                sb.append("      Request timed out, ").append(p.lastProbe())
                        .append(p.lastError() == null ? "" : " (" + p.lastError() + ")").append('\n');
            }
            stats(sb, "current test", p.currentTest());
            stats(sb, "last test", p.lastTest());
            long lost = p.totalSent() - p.totalReceived();
            sb.append("    Results over all tests:\n      Probes sent: ").append(p.totalSent()).append(", Probes received: ")
                    .append(p.totalReceived()).append(", Loss percentage: ")
                    .append(p.totalSent() == 0 ? 0 : Math.round(100.0 * lost / p.totalSent())).append("\n\n");
        }
        return sb.toString();
    }

    private static void stats(StringBuilder sb, String which, Stats s) {
        sb.append("    Results over ").append(which).append(":\n      Probes sent: ").append(s.sent())
                .append(", Probes received: ").append(s.received()).append(", Loss percentage: ")
                .append(Math.round(s.lossPercent())).append('\n');
        if (s.received() > 0) {
            sb.append("      Measurement: Round trip time\n        Samples: ").append(s.received()).append(", Minimum: ")
                    .append(s.minMicros()).append(" usec, Maximum: ").append(s.maxMicros()).append(" usec, Average: ")
                    .append(s.averageMicros()).append(" usec, Jitter: ").append(s.jitterMicros()).append(" usec\n");
        }
    }
}
