package net.archway.routing.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import net.archway.routing.staticroute.StaticRoute;

/**
 * Junos {@code services ip-monitoring}: a policy watches RPM probes; when any of them fails, the
 * policy fails at once and its {@code preferred-route}s go in; when all pass again, a hold-down
 * starts, and only if none fails before it ends do the routes come out. A flapping path
 * therefore holds the failover instead of flapping the routes. Runs on the prober's scheduler
 * thread: feed it {@link #probeChanged} from the prober's listener.
 */
public final class IpMonitoring {
    private static final System.Logger LOG = System.getLogger(IpMonitoring.class.getName());

    /** A policy: the probes it matches, the routes it prefers while failed, and the hold-down before it recovers. */
    public record Policy(String name, List<ProbeId> probes, List<StaticRoute> preferredRoutes, Duration holdDown) {
        public Policy {
            probes = List.copyOf(probes);
            preferredRoutes = List.copyOf(preferredRoutes);
            if (probes.isEmpty()) {
                throw new IllegalArgumentException("ip-monitoring policy " + name + " matches no rpm-probe");
            }
            if (holdDown == null) {
                holdDown = Duration.ZERO;
            }
        }
    }

    public enum State {
        /** Every matched probe passes: the preferred routes are out. */
        PASS,
        /** A matched probe fails: the preferred routes are in. */
        FAIL,
        /** All probes pass again; the preferred routes stay in until the hold-down ends. */
        HOLD_DOWN
    }

    /** Where a policy's routes go: the appliance hands them to static routing. */
    public interface Actions {
        void setPreferredRoutes(String policy, List<StaticRoute> routes);
    }

    /** For {@code show services ip-monitoring status}. */
    public record PolicyStatus(String name, State state, Instant since, Map<ProbeId, Boolean> probes,
                               List<StaticRoute> preferredRoutes, int failovers) {
    }

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Actions actions;
    private final Map<ProbeId, Boolean> probeState = new HashMap<>();
    private final Map<String, Running> policies = new LinkedHashMap<>();

    private final class Running {
        final Policy policy;
        State state = State.PASS;
        Instant since = clock.instant();
        ScheduledFuture<?> holdDown;
        int failovers;

        Running(Policy policy) {
            this.policy = policy;
        }
    }

    public IpMonitoring(ScheduledExecutorService scheduler, Clock clock, Actions actions) {
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
        this.actions = Objects.requireNonNull(actions);
    }

    /** Makes {@code wanted} the policies; a changed or removed policy takes its routes out first. */
    public void apply(Collection<Policy> wanted) {
        List<Policy> list = List.copyOf(wanted);
        scheduler.execute(() -> {
            Map<String, Policy> byName = new LinkedHashMap<>();
            list.forEach(p -> byName.put(p.name(), p));
            for (Running r : new ArrayList<>(policies.values())) {
                if (!r.policy.equals(byName.get(r.policy.name()))) {
                    policies.remove(r.policy.name());
                    if (r.holdDown != null) {
                        r.holdDown.cancel(false);
                    }
                    if (r.state != State.PASS) {
                        actions.setPreferredRoutes(r.policy.name(), List.of());
                    }
                }
            }
            for (Policy p : list) {
                if (!policies.containsKey(p.name())) {
                    policies.put(p.name(), new Running(p));
                }
            }
            policies.values().forEach(this::evaluate);
        });
    }

    /** A probe started failing or passes again (call on the scheduler thread). */
    public void probeChanged(ProbeId probe, boolean passing) {
        probeState.put(probe, passing);
        for (Running r : policies.values()) {
            if (r.policy.probes().contains(probe)) {
                evaluate(r);
            }
        }
    }

    private boolean anyFailing(Policy p) {
        for (ProbeId id : p.probes()) {
            if (Boolean.FALSE.equals(probeState.get(id))) {
                return true;
            }
        }
        return false;
    }

    private void evaluate(Running r) {
        boolean failing = anyFailing(r.policy);
        if (failing && r.state != State.FAIL) {
            if (r.holdDown != null) {
                r.holdDown.cancel(false);
                r.holdDown = null;
            }
            if (r.state == State.PASS) {
                r.failovers++;
                actions.setPreferredRoutes(r.policy.name(), r.policy.preferredRoutes());
            }
            move(r, State.FAIL);
        } else if (!failing && r.state == State.FAIL) {
            move(r, State.HOLD_DOWN);
            if (r.policy.holdDown().isZero()) {
                recover(r);
            } else {
                r.holdDown = scheduler.schedule(() -> recover(r), r.policy.holdDown().toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void recover(Running r) {
        if (policies.get(r.policy.name()) != r || r.state != State.HOLD_DOWN || anyFailing(r.policy)) {
            return;
        }
        r.holdDown = null;
        actions.setPreferredRoutes(r.policy.name(), List.of());
        move(r, State.PASS);
    }

    private void move(Running r, State to) {
        LOG.log(System.Logger.Level.INFO, "ip-monitoring policy " + r.policy.name() + ": " + r.state + " -> " + to);
        r.state = to;
        r.since = clock.instant();
    }

    /** The policies' states, made on the scheduler thread. */
    public java.util.concurrent.CompletableFuture<List<PolicyStatus>> status() {
        java.util.concurrent.CompletableFuture<List<PolicyStatus>> f = new java.util.concurrent.CompletableFuture<>();
        scheduler.execute(() -> {
            List<PolicyStatus> out = new ArrayList<>();
            for (Running r : policies.values()) {
                Map<ProbeId, Boolean> probes = new LinkedHashMap<>();
                for (ProbeId id : r.policy.probes()) {
                    probes.put(id, !Boolean.FALSE.equals(probeState.get(id)));
                }
                out.add(new PolicyStatus(r.policy.name(), r.state, r.since, probes, r.policy.preferredRoutes(), r.failovers));
            }
            f.complete(out);
        });
        return f;
    }

}
