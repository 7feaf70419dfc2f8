package net.archway.routing.staticroute;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.archway.routing.rib.NextHop;
import net.archway.routing.rib.Protocol;
import net.archway.routing.rib.Rib;
import net.archway.routing.rib.RibRoute;
import net.archway.routing.rib.RouteAction;

/**
 * Turns the static routes of the configuration into RIB offers, and keeps them current when a
 * liveness source (BFD, an RPM probe) declares a gateway dead or alive. Next hops at the same
 * preference form one offer (ECMP); each preference is an instance of its own, so a qualified
 * next hop at preference 7 floats behind the next hops at 5.
 * Thread-safe: commits, BFD and probes call it from their own threads; the RIB has its own.
 */
public final class StaticRouting {
    private final Rib rib;
    private StaticSettings settings = StaticSettings.NONE;
    private final Set<InetAddress> deadGateways = new HashSet<>();
    private final Map<String, List<StaticRoute>> injected = new java.util.TreeMap<>();

    public StaticRouting(Rib rib) {
        this.rib = rib;
    }

    /** Makes {@code settings} the static routes (a commit). */
    public synchronized void apply(StaticSettings settings) {
        this.settings = settings;
        publish();
    }

    /** A liveness source says whether {@code gateway} forwards; dead gateways leave every static route. */
    public synchronized void gatewayAlive(InetAddress gateway, boolean alive) {
        boolean changed = alive ? deadGateways.remove(gateway) : deadGateways.add(gateway);
        if (changed) {
            publish();
        }
    }

    /**
     * Routes a health-check policy puts in while its probes fail (ip-monitoring
     * {@code preferred-route}); an empty list takes them out. They are static routes like the
     * configured ones, at their own preference (1 unless given), so they win over them.
     */
    public synchronized void setInjected(String policy, List<StaticRoute> routes) {
        List<StaticRoute> before = routes.isEmpty() ? injected.remove(policy) : injected.put(policy, List.copyOf(routes));
        if (!java.util.Objects.equals(before, routes.isEmpty() ? null : routes)) {
            publish();
        }
    }

    public synchronized StaticSettings settings() {
        return settings;
    }

    private void publish() {
        List<RibRoute> all = new ArrayList<>(offers(settings, deadGateways));
        for (List<StaticRoute> routes : injected.values()) {
            all.addAll(offers(new StaticSettings(1, routes), deadGateways));
        }
        rib.replaceAll(Protocol.STATIC, merge(all));
    }

    /** Offers for the same prefix and preference from several sources become one (their hops together). */
    private static List<RibRoute> merge(List<RibRoute> offers) {
        Map<List<Object>, RibRoute> byKey = new LinkedHashMap<>();
        for (RibRoute r : offers) {
            List<Object> key = List.of(r.prefix(), r.instance());
            RibRoute had = byKey.get(key);
            if (had != null && had.action() instanceof RouteAction.Forward a && r.action() instanceof RouteAction.Forward b) {
                List<NextHop> hops = new ArrayList<>(a.nextHops());
                b.nextHops().stream().filter(h -> !hops.contains(h)).forEach(hops::add);
                r = new RibRoute(r.prefix(), r.protocol(), r.instance(), r.preference(), Math.min(had.metric(), r.metric()),
                        new RouteAction.Forward(hops), had.resolve() || r.resolve(), null);
            } else if (had != null) {
                continue; // a discard or reject offer at this preference already decides
            }
            byKey.put(key, r);
        }
        return new ArrayList<>(byKey.values());
    }

    /** The RIB offers for {@code settings}, leaving out next hops through {@code dead} gateways. */
    static List<RibRoute> offers(StaticSettings settings, Set<InetAddress> dead) {
        List<RibRoute> out = new ArrayList<>();
        for (StaticRoute r : settings.routes()) {
            int pref = r.preference() != null ? r.preference() : settings.defaultPreference();
            if (r.action() == StaticRoute.Action.DISCARD || r.action() == StaticRoute.Action.REJECT) {
                RouteAction a = r.action() == StaticRoute.Action.DISCARD ? RouteAction.DISCARD : RouteAction.REJECT;
                out.add(new RibRoute(r.prefix(), Protocol.STATIC, pref, pref, r.metric(), a, false, null));
                continue;
            }
            Map<Integer, List<NextHop>> byPreference = new LinkedHashMap<>();
            Map<Integer, Long> metricOf = new LinkedHashMap<>();
            for (NextHop h : r.nextHops()) {
                if (h.gateway() == null || !dead.contains(h.gateway())) {
                    byPreference.computeIfAbsent(pref, k -> new ArrayList<>()).add(h);
                }
                metricOf.putIfAbsent(pref, r.metric());
            }
            for (StaticRoute.QualifiedNextHop q : r.qualified()) {
                int p = q.preference() != null ? q.preference() : pref;
                if (q.nextHop().gateway() == null || !dead.contains(q.nextHop().gateway())) {
                    byPreference.computeIfAbsent(p, k -> new ArrayList<>()).add(q.nextHop());
                }
                metricOf.putIfAbsent(p, q.metric() != null ? q.metric() : r.metric());
            }
            for (Map.Entry<Integer, List<NextHop>> e : byPreference.entrySet()) {
                out.add(new RibRoute(r.prefix(), Protocol.STATIC, e.getKey(), e.getKey(), metricOf.get(e.getKey()),
                        new RouteAction.Forward(e.getValue()), r.resolve(), null));
            }
        }
        return out;
    }
}
