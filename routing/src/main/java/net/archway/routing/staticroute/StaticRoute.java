package net.archway.routing.staticroute;

import java.util.List;

import net.archway.routing.Prefix;
import net.archway.routing.rib.NextHop;

/**
 * One {@code routing-options static route} (or {@code rib inet6.0 static route}).
 *
 * @param nextHops    the {@code next-hop} statements: at the route's preference, together (ECMP)
 * @param qualified   {@code qualified-next-hop}s: each at its own preference (floating statics)
 * @param preference  the route's preference, or null for the static default (5)
 * @param metric      the route's metric
 * @param action      forward through next hops, or Junos {@code discard} / {@code reject}
 * @param resolve     Junos {@code resolve}: next hops may be resolved through other routes
 */
public record StaticRoute(Prefix prefix, List<NextHop> nextHops, List<QualifiedNextHop> qualified, Integer preference,
                          long metric, Action action, boolean resolve) {
    public enum Action {
        FORWARD, DISCARD, REJECT
    }

    public StaticRoute {
        nextHops = List.copyOf(nextHops);
        qualified = List.copyOf(qualified);
        if (action == Action.FORWARD && nextHops.isEmpty() && qualified.isEmpty()) {
            throw new IllegalArgumentException("static route " + prefix + " needs a next-hop, discard or reject");
        }
        if (action != Action.FORWARD && (!nextHops.isEmpty() || !qualified.isEmpty())) {
            throw new IllegalArgumentException("static route " + prefix + " is " + action.name().toLowerCase()
                    + " and cannot have next hops");
        }
    }

    public static StaticRoute via(Prefix prefix, NextHop... hops) {
        return new StaticRoute(prefix, List.of(hops), List.of(), null, 0, Action.FORWARD, false);
    }

    public static StaticRoute discard(Prefix prefix) {
        return new StaticRoute(prefix, List.of(), List.of(), null, 0, Action.DISCARD, false);
    }

    public static StaticRoute reject(Prefix prefix) {
        return new StaticRoute(prefix, List.of(), List.of(), null, 0, Action.REJECT, false);
    }

    public StaticRoute withQualified(QualifiedNextHop... q) {
        return new StaticRoute(prefix, nextHops, List.of(q), preference, metric, action, resolve);
    }

    public StaticRoute withPreference(int preference) {
        return new StaticRoute(prefix, nextHops, qualified, preference, metric, action, resolve);
    }

    /** A {@code qualified-next-hop} with its own preference and metric (null: the route's). */
    public record QualifiedNextHop(NextHop nextHop, Integer preference, Long metric) {
    }
}
