package net.archway.appliance.fib;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;

import net.archway.netlink.BatchListener;
import net.archway.netlink.IpPrefix;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.route.NextHop;
import net.archway.netlink.route.Route;
import net.archway.netlink.route.RouteProtocol;
import net.archway.netlink.route.RouteRequest;
import net.archway.netlink.route.RouteType;
import net.archway.netlink.route.Routes;
import net.archway.netlink.route.Rtnl;
import net.archway.routing.Prefix;
import net.archway.routing.rib.Fib;
import net.archway.routing.rib.FibEntry;
import net.archway.routing.rib.ForwardingHop;

/**
 * The RIB's forwarding decisions, written into the kernel's main table as Archway's own routes
 * (protocol {@link #PROTOCOL}, metric {@link #METRIC}) through pipelined netlink batches.
 *
 * <p>On start it reads what an earlier run left there. Until {@link #finishStartup()} an
 * identical route is adopted as it is (no churn, forwarding never interrupted), a different
 * one is replaced in place; at {@code finishStartup()} — once the RIB has converged on the
 * configuration — whatever Archway left there and no longer wants is swept away. After a
 * kill -9 and a restart there are neither stale nor duplicate routes.
 */
public final class KernelFib implements Fib {
    private static final System.Logger LOG = System.getLogger(KernelFib.class.getName());

    /** Archway's route protocol number; {@code ip route show proto 145} lists Archway's routes. */
    public static final RouteProtocol PROTOCOL = RouteProtocol.valueOf(145);
    /** Archway's routes carry this metric (the kernel's own connected routes have 0, 256 or 1024). */
    public static final int METRIC = 20;

    /** Hears routes the kernel refused. */
    public interface RefusalListener {
        void refused(Prefix prefix, FibEntry entry, NetlinkKernelException error);
    }

    private final Routes routes;
    private final ToIntFunction<String> ifindex;
    private final RefusalListener refusals;
    private Map<Prefix, Route> leftover;
    /**
     * What is programmed, as the RIB's own entries (shared with it), not as kernel routes: a full
     * table of netlink {@code Route}s (with their prefix, address and hop objects) would cost
     * about 230 bytes more per prefix. The kernel route is made again when it is needed.
     */
    private final Map<Prefix, FibEntry> programmed = new HashMap<>();
    private final Set<Prefix> refused = new HashSet<>();
    /** See {@link #kernelHops}: by identity, since the RIB shares its entries; bounded. */
    private final Map<FibEntry.Forward, KernelHops> kernelHops4 = new IdentityHashMap<>();
    private final Map<FibEntry.Forward, KernelHops> kernelHops6 = new IdentityHashMap<>();
    private static final int KERNEL_HOPS_MAX = 4096;
    private static final IpPrefix ANY4 = IpPrefix.parse("0.0.0.0/0");
    private static final IpPrefix ANY6 = IpPrefix.parse("::/0");

    /**
     * @param ifindex the kernel index of an interface name, or 0 when it does not exist
     */
    public KernelFib(Routes routes, ToIntFunction<String> ifindex, RefusalListener refusals) {
        this.routes = Objects.requireNonNull(routes);
        this.ifindex = Objects.requireNonNull(ifindex);
        this.refusals = Objects.requireNonNull(refusals);
    }

    /** Reads Archway's routes an earlier run left in the kernel, to adopt or sweep them; returns how many. */
    public synchronized int start() {
        leftover = new HashMap<>();
        for (int family : new int[] {Rtnl.AF_INET, Rtnl.AF_INET6}) {
            for (Route r : routes.list(family, Route.TABLE_MAIN, PROTOCOL.number())) {
                leftover.put(Prefix.of(r.destination().address(), r.destination().length()), r);
            }
        }
        LOG.log(System.Logger.Level.INFO, "found " + leftover.size() + " Archway routes from an earlier run in the kernel");
        return leftover.size();
    }

    /** The RIB has converged: sweep what an earlier run left and nobody wants any more. */
    public synchronized int finishStartup() {
        if (leftover == null) {
            return 0;
        }
        List<RouteRequest> sweep = new ArrayList<>();
        for (Map.Entry<Prefix, Route> e : leftover.entrySet()) {
            if (!programmed.containsKey(e.getKey())) {
                sweep.add(RouteRequest.delete(e.getValue()));
            }
        }
        leftover = null;
        routes.apply(sweep.iterator(), BatchListener.IGNORE);
        LOG.log(System.Logger.Level.INFO, "swept " + sweep.size() + " stale Archway routes");
        return sweep.size();
    }

    @Override
    public synchronized void apply(List<Change> changes) {
        List<RouteRequest> requests = new ArrayList<>(changes.size());
        // the change each request came from, by position: looked up only for a refusal (see origin)
        List<Change> from = new ArrayList<>(changes.size());
        for (Change c : changes) {
            Route wanted = c.entry() == null ? null : toKernel(c.prefix(), c.entry());
            // one lookup of a full table's map per change: what it held comes back from the update
            FibEntry was = wanted == null ? programmed.remove(c.prefix()) : programmed.put(c.prefix(), c.entry());
            // null when none was programmed, or when the old hops' interfaces are gone (the kernel dropped those routes)
            Route now = was == null ? null : toKernel(c.prefix(), was);
            if (was == null && leftover != null) {
                now = leftover.get(c.prefix());
            }
            RouteRequest r = null;
            if (wanted == null) {
                if (now != null) {
                    r = RouteRequest.delete(now);
                }
            } else if (now == null || !sameForwarding(now, wanted)) {
                r = RouteRequest.replace(wanted);
            }
            if (leftover != null && wanted == null) {
                leftover.remove(c.prefix());
            }
            if (r != null) {
                requests.add(r);
                from.add(c);
            }
        }
        if (requests.isEmpty()) {
            return;
        }
        routes.apply(requests.iterator(), new BatchListener<RouteRequest>() {
            /** Made at the first refusal: a batch the kernel takes whole needs no map of a million requests. */
            private Map<RouteRequest, Change> origin;

            private Change origin(RouteRequest request) {
                if (origin == null) {
                    origin = new IdentityHashMap<>(requests.size());
                    for (int i = 0; i < requests.size(); i++) {
                        origin.put(requests.get(i), from.get(i));
                    }
                }
                return origin.get(request);
            }

            @Override
            public void failed(RouteRequest request, NetlinkKernelException error) {
                Change c = origin(request);
                LOG.log(System.Logger.Level.WARNING, "the kernel refused " + request.describe() + ": " + error.getMessage());
                if (request.operation() != RouteRequest.Operation.DELETE) {
                    programmed.remove(c.prefix());
                    refused.add(c.prefix());
                }
                refusals.refused(c.prefix(), c.entry(), error);
            }

            @Override
            public void succeeded(RouteRequest request) {
                if (!refused.isEmpty()) { // a full table's successes need no lookup
                    refused.remove(origin(request).prefix());
                }
            }
        });
    }

    /** The kernel route for a forwarding decision; null when no hop's interface exists any more. */
    Route toKernel(Prefix prefix, FibEntry entry) {
        IpPrefix dst = IpPrefix.containing(prefix.address(), prefix.length());
        if (entry instanceof FibEntry.Discard) {
            return Route.reject(dst, RouteType.BLACKHOLE, PROTOCOL).withMetric(METRIC);
        }
        if (entry instanceof FibEntry.Reject) {
            return Route.reject(dst, RouteType.UNREACHABLE, PROTOCOL).withMetric(METRIC);
        }
        Route hops = kernelHops((FibEntry.Forward) entry, prefix.isIpv6());
        return hops == null ? null : hops.withDestination(dst);
    }

    /**
     * The kernel's route for {@code entry} to a placeholder destination of the family, made once
     * per entry the RIB shares (BGP: one per next hop) and family, not per prefix of a full table;
     * null when no hop's interface exists. Made again when a hop's interface index changed (an
     * interface deleted and created again).
     */
    private Route kernelHops(FibEntry.Forward entry, boolean ipv6) {
        Map<FibEntry.Forward, KernelHops> made = ipv6 ? kernelHops6 : kernelHops4;
        List<ForwardingHop> forwarding = entry.hops();
        KernelHops k = made.get(entry);
        if (k != null && k.sameIndexes(forwarding, ifindex)) {
            return k.route();
        }
        int[] indexes = new int[forwarding.size()];
        List<NextHop> hops = new ArrayList<>();
        for (int i = 0; i < forwarding.size(); i++) {
            ForwardingHop h = forwarding.get(i);
            indexes[i] = ifindex.applyAsInt(h.interfaceName());
            if (indexes[i] <= 0) {
                continue; // the interface vanished; the RIB hears of it in a moment
            }
            hops.add(new NextHop(h.gateway(), indexes[i], h.weight(), 0));
        }
        Route route = hops.isEmpty() ? null
                : Route.unicast(ipv6 ? ANY6 : ANY4, PROTOCOL, hops.toArray(NextHop[]::new)).withMetric(METRIC);
        if (made.size() >= KERNEL_HOPS_MAX) {
            made.clear();
        }
        made.put(entry, new KernelHops(route, indexes));
        return route;
    }

    /** A route made by {@link #kernelHops} and the interface indexes of the entry's hops it was made with. */
    private record KernelHops(Route route, int[] indexes) {
        boolean sameIndexes(List<ForwardingHop> hops, ToIntFunction<String> ifindex) {
            for (int i = 0; i < indexes.length; i++) {
                if (ifindex.applyAsInt(hops.get(i).interfaceName()) != indexes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The same forwarding: type and next hops (the kernel adds status flags and fills in defaults). */
    static boolean sameForwarding(Route kernel, Route wanted) {
        if (!kernel.type().equals(wanted.type()) || kernel.metric() != wanted.metric()) {
            return false;
        }
        Set<NextHop> a = new HashSet<>();
        for (NextHop h : kernel.nextHops()) {
            a.add(h.configured());
        }
        Set<NextHop> b = new HashSet<>();
        for (NextHop h : wanted.nextHops()) {
            b.add(h.configured());
        }
        return a.equals(b);
    }

    /** Prefixes whose route the kernel refused last time it was tried. */
    public synchronized Set<Prefix> refused() {
        return Set.copyOf(refused);
    }
}
