package net.archway.appliance.show;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.archway.cli.op.OpResult;
import net.archway.routing.probe.LatencyGroups;
import net.archway.routing.probe.LatencySelector;
import net.archway.routing.rib.NextHop;

/** {@code show services rpm latency-selection}: per route, its measured next hops and the one chosen. */
public record LatencySelectionView(List<Group> groups) implements OpResult {

    public record Group(String route, String chosen, List<Member> members) {
    }

    public record Member(String nextHop, boolean healthy, Long averageRttMicros, boolean chosen) {
    }

    public static LatencySelectionView of(List<LatencyGroups.GroupStatus> status) {
        List<Group> out = new ArrayList<>();
        for (LatencyGroups.GroupStatus s : status) {
            List<Member> members = new ArrayList<>();
            for (Map.Entry<NextHop, LatencySelector.Measurement> e : s.members().entrySet()) {
                LatencySelector.Measurement m = e.getValue();
                members.add(new Member(e.getKey().toString(), m != null && m.healthy(),
                        m == null || m.rtt() == null ? null : m.rtt().toNanos() / 1000, e.getKey().equals(s.chosen())));
            }
            out.add(new Group(s.prefix().toString(), s.chosen() == null ? null : s.chosen().toString(), members));
        }
        return new LatencySelectionView(out);
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Group g : groups) {
            sb.append("Route ").append(g.route()).append(", forwarding ")
                    .append(g.chosen() == null ? "by preference (no measurement yet)" : g.chosen()).append('\n');
            sb.append(String.format("  %-1s %-32s %-8s %s%n", "", "Next hop", "Health", "Average RTT"));
            for (Member m : g.members()) {
                sb.append(String.format("  %-1s %-32s %-8s %s%n", m.chosen() ? ">" : "", m.nextHop(),
                        m.healthy() ? "up" : "down", m.averageRttMicros() == null ? "-" : m.averageRttMicros() + " usec"));
            }
        }
        return sb.toString();
    }
}
