package net.archway.appliance.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.Step;
import net.archway.routing.Prefix;
import net.archway.routing.policy.AsPathRegex;
import net.archway.routing.policy.CommunityMember;
import net.archway.routing.policy.PolicyOptions;
import net.archway.routing.policy.PolicyStatement;
import net.archway.routing.policy.RouteFilter;
import net.archway.routing.policy.Term;

/**
 * {@code policy-options} into the policy engine's {@link PolicyOptions}: prefix lists,
 * communities, AS-path expressions and policy statements, whose statement-level {@code from} /
 * {@code then} become a last, unnamed term (Junos). Pure; what cannot be used is refused with
 * its place.
 */
public final class PolicyConfig {
    private PolicyConfig() {
    }

    public static PolicyOptions policyOptions(ConfigNode root) {
        ConfigNode po = root.child("policy-options");
        if (po == null) {
            return PolicyOptions.NONE;
        }
        Map<String, List<Prefix>> prefixLists = new LinkedHashMap<>();
        for (ConfigNode pl : po.entries("prefix-list")) {
            List<Prefix> prefixes = new ArrayList<>();
            for (ConfigNode p : pl.entries("prefix")) {
                prefixes.add(Prefix.parse(p.keys().get(0)));
            }
            prefixLists.put(pl.keys().get(0), prefixes);
        }
        Map<String, List<CommunityMember>> communities = new LinkedHashMap<>();
        for (ConfigNode c : po.entries("community")) {
            List<CommunityMember> members = new ArrayList<>();
            ConfigNode m = c.child("members");
            for (String v : m == null ? List.<String>of() : m.values()) {
                try {
                    members.add(CommunityMember.parse(v));
                } catch (IllegalArgumentException e) {
                    throw new MappingException(ArchwayConfig.path(po, c), "members " + v + ": " + e.getMessage());
                }
            }
            communities.put(c.keys().get(0), members);
        }
        Map<String, AsPathRegex> asPaths = new LinkedHashMap<>();
        for (ConfigNode a : po.entries("as-path")) {
            try {
                asPaths.put(a.keys().get(0), AsPathRegex.compile(a.keys().get(1)));
            } catch (IllegalArgumentException e) {
                throw new MappingException(ArchwayConfig.path(po, a), "\"" + a.keys().get(1) + "\": " + e.getMessage());
            }
        }
        Map<String, PolicyStatement> statements = new LinkedHashMap<>();
        for (ConfigNode ps : po.entries("policy-statement")) {
            List<Term> terms = new ArrayList<>();
            for (ConfigNode t : ps.entries("term")) {
                List<Step> at = ArchwayConfig.path(po, ps, t);
                terms.add(new Term(t.keys().get(0), from(t.child("from"), at), then(t.child("then"), at)));
            }
            if (ps.child("from") != null || ps.child("then") != null) {
                List<Step> at = ArchwayConfig.path(po, ps);
                terms.add(new Term(null, from(ps.child("from"), at), then(ps.child("then"), at)));
            }
            statements.put(ps.keys().get(0), new PolicyStatement(ps.keys().get(0), terms));
        }
        PolicyOptions options = new PolicyOptions(prefixLists, communities, asPaths, statements);
        List<String> problems = options.problems();
        if (!problems.isEmpty()) {
            throw new MappingException(ArchwayConfig.path(po), problems.get(0));
        }
        return options;
    }

    private static List<String> values(ConfigNode parent, String name) {
        ConfigNode n = parent == null ? null : parent.child(name);
        return n == null ? List.of() : n.values();
    }

    private static Term.From from(ConfigNode f, List<Step> at) {
        if (f == null) {
            return Term.From.ANY;
        }
        List<RouteFilter> filters = new ArrayList<>();
        for (ConfigNode rf : f.entries("route-filter")) {
            RouteFilter filter = routeFilter(Prefix.parse(rf.keys().get(0)), rf.keys().get(1), at);
            boolean accept = rf.child("accept") != null;
            boolean reject = rf.child("reject") != null;
            if (accept && reject) {
                throw new MappingException(at, "route-filter " + rf.keys().get(0) + ": accept and reject exclude each other");
            }
            filters.add(accept ? filter.withAction(Term.Flow.ACCEPT) : reject ? filter.withAction(Term.Flow.REJECT) : filter);
        }
        List<InetAddress> neighbors = new ArrayList<>();
        for (String n : values(f, "neighbor")) {
            neighbors.add(Prefix.parseAddress(n, n));
        }
        return new Term.From(values(f, "prefix-list"), filters, values(f, "protocol"), values(f, "community"),
                values(f, "as-path"), neighbors, f.leaf("family"));
    }

    /** {@code exact}, {@code longer}, {@code orlonger}, {@code upto /N}, {@code prefix-length-range /A-/B}. */
    static RouteFilter routeFilter(Prefix prefix, String match, List<Step> at) {
        String[] w = match.trim().split("\\s+");
        try {
            switch (w[0]) {
                case "exact":
                    return RouteFilter.exact(prefix);
                case "longer":
                    return RouteFilter.longer(prefix);
                case "orlonger":
                    return RouteFilter.orlonger(prefix);
                case "upto":
                    return RouteFilter.upto(prefix, Integer.parseInt(w[1].substring(1)));
                case "prefix-length-range": {
                    String[] r = w[1].split("-");
                    return RouteFilter.lengthRange(prefix, Integer.parseInt(r[0].substring(1)), Integer.parseInt(r[1].substring(1)));
                }
                default:
                    throw new MappingException(at, "route-filter " + prefix + " " + match + ": '" + w[0]
                            + "' is not supported; use exact, longer, orlonger, upto or prefix-length-range");
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new MappingException(at, e.getMessage() == null ? "route-filter " + prefix + " " + match + " is malformed"
                    : e.getMessage());
        }
    }

    private static Term.Then then(ConfigNode t, List<Step> at) {
        if (t == null) {
            return Term.Then.NOTHING;
        }
        boolean accept = t.child("accept") != null;
        boolean reject = t.child("reject") != null;
        String next = t.leaf("next");
        if ((accept ? 1 : 0) + (reject ? 1 : 0) + (next != null ? 1 : 0) > 1) {
            throw new MappingException(at, "then: only one of accept, reject and next");
        }
        Term.Flow flow = accept ? Term.Flow.ACCEPT : reject ? Term.Flow.REJECT
                : "policy".equals(next) ? Term.Flow.NEXT_POLICY : "term".equals(next) ? Term.Flow.NEXT_TERM : null;
        Term.Then then = Term.Then.NOTHING.withFlow(flow);
        if (t.leaf("local-preference") != null) {
            then = then.withLocalPreference(Long.parseLong(t.leaf("local-preference")));
        }
        if (t.leaf("metric") != null) {
            then = then.withMetric(Long.parseLong(t.leaf("metric")));
        }
        if (t.leaf("preference") != null) {
            long p = Long.parseLong(t.leaf("preference"));
            if (p > Integer.MAX_VALUE) {
                throw new MappingException(at, "then preference " + p + ": Archway's route preferences go up to " + Integer.MAX_VALUE);
            }
            then = then.withPreference((int) p);
        }
        if (t.leaf("as-path-prepend") != null) {
            List<Long> asns = new ArrayList<>();
            for (String a : t.leaf("as-path-prepend").trim().split("\\s+")) {
                long v = Long.parseLong(a);
                if (v < 1 || v > 4294967295L) {
                    throw new MappingException(at, "as-path-prepend: AS " + a + " is outside 1-4294967295");
                }
                asns.add(v);
            }
            then = then.withPrepend(asns);
        }
        ConfigNode c = t.child("community");
        if (c != null) {
            then = then.withCommunities(values(c, "add"), values(c, "delete"), values(c, "set"));
        }
        String nh = t.leaf("next-hop");
        if ("self".equals(nh)) {
            then = then.withNextHopSelf();
        } else if ("peer-address".equals(nh)) {
            then = then.withNextHopPeer();
        } else if (nh != null) {
            then = then.withNextHop(Prefix.parseAddress(nh, nh));
        }
        return then;
    }
}
