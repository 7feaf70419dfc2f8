package net.archway.routing.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import net.archway.routing.Prefix;
import net.archway.routing.rib.NextHop;
import net.archway.routing.staticroute.StaticRoute;

/**
 * Latency-based path choice (scenario S3): for a prefix, parallel next hops each measured by an
 * RPM probe; at the end of every probe test the healthy member with the lowest average RTT is
 * chosen through a {@link LatencySelector} (hysteresis), and that member goes in as a preferred
 * route (through {@code prefer}, which hands it to static routing at preference 1). A member
 * whose probe fails is left at once. Runs on the prober's thread: feed it the prober's events.
 */
public final class LatencyGroups {
    /** A group: the prefix, its members (next hop → the probe measuring it), and the hysteresis. */
    public record Group(Prefix prefix, Map<NextHop, ProbeId> members, Duration margin, int marginPercent, int stableTests) {
        public Group {
            members = Map.copyOf(members);
            if (members.size() < 2) {
                throw new IllegalArgumentException("latency selection for " + prefix + " needs at least two measured next hops");
            }
        }
    }

    /** For {@code show}: each group's choice and its members' last measurements. */
    public record GroupStatus(Prefix prefix, NextHop chosen, Map<NextHop, LatencySelector.Measurement> members) {
    }

    private final BiConsumer<String, List<StaticRoute>> prefer;
    private final Map<Prefix, Running> groups = new LinkedHashMap<>();
    private final Map<ProbeId, LatencySelector.Measurement> latest = new HashMap<>();

    private static final class Running {
        final Group group;
        final LatencySelector<NextHop> selector;
        NextHop chosen;

        Running(Group group) {
            this.group = group;
            this.selector = new LatencySelector<>(new ArrayList<>(group.members().keySet()), group.margin(),
                    group.marginPercent(), group.stableTests());
        }
    }

    /** @param prefer receives ("latency PREFIX", routes) and ("latency PREFIX", []) to take them out */
    public LatencyGroups(BiConsumer<String, List<StaticRoute>> prefer) {
        this.prefer = prefer;
    }

    /** Makes {@code wanted} the groups (call on the prober's thread). */
    public void apply(Collection<Group> wanted) {
        Map<Prefix, Group> byPrefix = new LinkedHashMap<>();
        wanted.forEach(g -> byPrefix.put(g.prefix(), g));
        for (Running r : new ArrayList<>(groups.values())) {
            if (!r.group.equals(byPrefix.get(r.group.prefix()))) {
                groups.remove(r.group.prefix());
                prefer.accept(name(r.group.prefix()), List.of());
            }
        }
        for (Group g : byPrefix.values()) {
            groups.putIfAbsent(g.prefix(), new Running(g));
        }
        groups.values().forEach(r -> evaluate(r, null));
    }

    /** A probe's test ended. */
    public void testCompleted(ProbeId probe, boolean passing, ProbeResults.TestStats stats) {
        latest.put(probe, new LatencySelector.Measurement(passing && stats.received() > 0, stats.averageRtt()));
        evaluateFor(probe);
    }

    /** A probe started failing or passes again: a failed member must go at once, not at the end of its test. */
    public void passingChanged(ProbeId probe, boolean passing) {
        LatencySelector.Measurement m = latest.get(probe);
        latest.put(probe, new LatencySelector.Measurement(passing && m != null && m.rtt() != null, m == null ? null : m.rtt()));
        evaluateFor(probe);
    }

    private void evaluateFor(ProbeId probe) {
        for (Running r : groups.values()) {
            if (r.group.members().containsValue(probe)) {
                evaluate(r, probe);
            }
        }
    }

    private void evaluate(Running r, ProbeId updatedProbe) {
        NextHop updated = null;
        for (Map.Entry<NextHop, ProbeId> e : r.group.members().entrySet()) {
            if (e.getValue().equals(updatedProbe)) {
                updated = e.getKey();
            }
        }
        Map<NextHop, LatencySelector.Measurement> m = new HashMap<>();
        r.group.members().forEach((hop, probe) -> {
            LatencySelector.Measurement x = latest.get(probe);
            if (x != null) {
                m.put(hop, x);
            }
        });
        NextHop choice = r.selector.evaluate(m, updated);
        if (!java.util.Objects.equals(choice, r.chosen)) {
            r.chosen = choice;
            prefer.accept(name(r.group.prefix()), choice == null ? List.of()
                    : List.of(StaticRoute.via(r.group.prefix(), choice)));
        }
    }

    private static String name(Prefix p) {
        return "latency " + p;
    }

    public List<GroupStatus> status() {
        List<GroupStatus> out = new ArrayList<>();
        for (Running r : groups.values()) {
            Map<NextHop, LatencySelector.Measurement> m = new LinkedHashMap<>();
            r.group.members().forEach((hop, probe) -> m.put(hop, latest.get(probe)));
            out.add(new GroupStatus(r.group.prefix(), r.chosen, m));
        }
        return out;
    }
}
