package net.archway.routing.bgp.speaker;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.AsPath;
import net.archway.routing.bgp.message.Communities;
import net.archway.routing.bgp.message.LargeCommunities;
import net.archway.routing.bgp.message.NextHop;
import net.archway.routing.bgp.message.Origin;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.policy.LargeCommunity;
import net.archway.routing.policy.PolicyRoute;

/** BGP path attributes to and from the policy engine's protocol-neutral view. */
final class PolicyAdapter {
    private PolicyAdapter() {
    }

    /** What a policy route takes from an attribute set: the AS numbers, communities and large communities, immutable. */
    record Parts(List<Long> asPath, Set<Long> communities, Set<LargeCommunity> largeCommunities) {
        static Parts of(PathAttributes a) {
            List<Long> path = new ArrayList<>();
            for (AsPath.Segment s : a.asPath().segments()) {
                if (s.type() == AsPath.AS_SEQUENCE || s.type() == AsPath.AS_SET) {
                    for (long asn : s.asns()) {
                        path.add(asn);
                    }
                }
            }
            Set<Long> std = new LinkedHashSet<>();
            for (int i = 0; i < a.communities().size(); i++) {
                std.add(a.communities().get(i) & 0xffffffffL);
            }
            Set<LargeCommunity> large = new HashSet<>();
            LargeCommunities l = a.largeCommunities();
            for (int i = 0; i < l.size(); i++) {
                large.add(new LargeCommunity(l.globalAdministrator(i), l.localData1(i), l.localData2(i)));
            }
            return new Parts(List.copyOf(path), Set.copyOf(std), Set.copyOf(large));
        }
    }

    /**
     * {@link Parts} per attribute set, kept by the speaker (one thread): a full table has a
     * million routes but some tens of thousands of attribute sets, and making the parts for
     * every route was the largest source of garbage when a table was imported or exported.
     * Bounded: emptied when full.
     */
    static final class PartsCache {
        private static final int MAX = 65_536;
        private final Map<PathAttributes, Parts> parts = new HashMap<>();

        Parts of(PathAttributes a) {
            Parts p = parts.get(a);
            if (p == null) {
                if (parts.size() >= MAX) {
                    parts.clear();
                }
                p = Parts.of(a);
                parts.put(a, p);
            }
            return p;
        }
    }

    static PolicyRoute toPolicy(Prefix prefix, PathAttributes a, InetAddress neighbor, String protocol, PartsCache cache) {
        return toPolicy(prefix, a, neighbor, protocol, cache.of(a));
    }

    private static PolicyRoute toPolicy(Prefix prefix, PathAttributes a, InetAddress neighbor, String protocol, Parts parts) {
        return new PolicyRoute(prefix, protocol, neighbor, a.nextHop() == null ? null : a.nextHop().address(),
                a.hasLocalPref() ? a.localPref() : null, a.hasMultiExitDisc() ? a.multiExitDisc() : null, parts.asPath(),
                a.origin().code(), parts.communities(), parts.largeCommunities(), null);
    }

    /**
     * The attributes after policy: what the policy changed applied to {@code before}. AS-path
     * prepends go into the leading AS_SEQUENCE; the rest is taken from {@code after}.
     */
    static PathAttributes fromPolicy(PathAttributes before, PolicyRoute original, PolicyRoute after) {
        if (java.util.Objects.equals(original.localPreference(), after.localPreference())
                && java.util.Objects.equals(original.med(), after.med())
                && after.asPath().size() <= original.asPath().size()
                && original.communities().equals(after.communities())
                && original.largeCommunities().equals(after.largeCommunities())
                && (after.nextHop() == null || after.nextHop().equals(original.nextHop()))) {
            return before; // most routes: the policy accepted them as they are, no builder made
        }
        PathAttributes.Builder b = before.toBuilder();
        boolean changed = false;
        if (!java.util.Objects.equals(original.localPreference(), after.localPreference())) {
            if (after.localPreference() == null) {
                b.noLocalPref();
            } else {
                b.localPref(after.localPreference());
            }
            changed = true;
        }
        if (!java.util.Objects.equals(original.med(), after.med())) {
            if (after.med() == null) {
                b.noMultiExitDisc();
            } else {
                b.multiExitDisc(after.med());
            }
            changed = true;
        }
        int added = after.asPath().size() - original.asPath().size();
        if (added > 0) {
            AsPath p = before.asPath();
            for (int i = added - 1; i >= 0; i--) {
                p = p.prepend(after.asPath().get(i), 1);
            }
            b.asPath(p);
            changed = true;
        }
        if (!original.communities().equals(after.communities())) {
            int[] v = new int[after.communities().size()];
            int i = 0;
            for (long c : after.communities()) {
                v[i++] = (int) c;
            }
            b.communities(Communities.of(v));
            changed = true;
        }
        if (!original.largeCommunities().equals(after.largeCommunities())) {
            long[] t = new long[after.largeCommunities().size() * 3];
            int i = 0;
            for (LargeCommunity c : after.largeCommunities()) {
                t[i++] = c.global();
                t[i++] = c.local1();
                t[i++] = c.local2();
            }
            b.largeCommunities(LargeCommunities.of(t));
            changed = true;
        }
        if (after.nextHop() != null && !after.nextHop().equals(original.nextHop())) {
            b.nextHop(NextHop.of(after.nextHop()));
            changed = true;
        }
        return changed ? b.build() : before;
    }

    /** Attributes for a non-BGP route exported into BGP: origin IGP, empty AS path, MED from its metric. */
    static PathAttributes local(long metric) {
        PathAttributes.Builder b = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.EMPTY);
        if (metric != 0) {
            b.multiExitDisc(metric);
        }
        return b.build();
    }
}
