package net.archway.appliance.show;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.archway.cli.op.OpResult;
import net.archway.routing.Prefix;
import net.archway.routing.probe.IpMonitoring;
import net.archway.routing.probe.ProbeId;
import net.archway.routing.staticroute.StaticRoute;

/** {@code show services ip-monitoring status}, in the SRX layout. */
public record IpMonitoringView(List<Policy> policies) implements OpResult {

    public record Policy(String name, String status, String since, List<ProbeLine> probes, List<RouteLine> routes,
                         int failovers) {
    }

    public record ProbeLine(String probe, String test, String status) {
    }

    public record RouteLine(String route, String nextHop, String state) {
    }

    public static IpMonitoringView of(List<IpMonitoring.PolicyStatus> status) {
        List<Policy> out = new ArrayList<>();
        for (IpMonitoring.PolicyStatus s : status) {
            List<ProbeLine> probes = new ArrayList<>();
            for (Map.Entry<ProbeId, Boolean> e : s.probes().entrySet()) {
                probes.add(new ProbeLine(e.getKey().owner(), e.getKey().test(), e.getValue() ? "PASS" : "FAIL"));
            }
            List<RouteLine> routes = new ArrayList<>();
            for (StaticRoute r : s.preferredRoutes()) {
                String nh = r.nextHops().isEmpty() || r.nextHops().get(0).gateway() == null ? "-"
                        : Prefix.format(r.nextHops().get(0).gateway());
                routes.add(new RouteLine(r.prefix().toString(), nh,
                        s.state() == IpMonitoring.State.PASS ? "NOT-APPLIED" : "APPLIED"));
            }
            out.add(new Policy(s.name(), s.state().name().replace('_', '-'), s.since().toString(), probes, routes,
                    s.failovers()));
        }
        return new IpMonitoringView(out);
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Policy p : policies) {
            sb.append("Policy - ").append(p.name()).append(" (Status: ").append(p.status()).append(", since ")
                    .append(p.since()).append(", failovers ").append(p.failovers()).append(")\nRPM Probes:\n");
            sb.append(String.format("%-22s %-15s %-9s%n", "Probe name", "Test Name", "Status"));
            sb.append(String.format("%-22s %-15s %-9s%n", "-".repeat(22), "-".repeat(15), "-".repeat(9)));
            for (ProbeLine l : p.probes()) {
                sb.append(String.format("%-22s %-15s %-9s%n", l.probe(), l.test(), l.status()));
            }
            sb.append("\nRoute-Action:\n");
            sb.append(String.format("%-17s %-18s %-16s %s%n", "route-instance", "route", "next-hop", "state"));
            sb.append(String.format("%-17s %-18s %-16s %s%n", "-".repeat(17), "-".repeat(18), "-".repeat(16), "-".repeat(13)));
            for (RouteLine r : p.routes()) {
                sb.append(String.format("%-17s %-18s %-16s %s%n", r.route().contains(":") ? "inet6.0" : "inet.0", r.route(),
                        r.nextHop(), r.state()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
