package net.archway.routing.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.archway.routing.Prefix;

/**
 * Evaluates a Junos policy chain ({@code import [ A B ]}) against a route. Statements in order,
 * terms in order; a matching term applies its actions and then its flow: {@code accept} and
 * {@code reject} end the chain, {@code next term} / no flow goes on with the next term,
 * {@code next policy} skips to the next statement. When the chain ends undecided the protocol's
 * default decides. The outcome says which statement and term decided, so a rejected route can
 * say why ("rejected by policy cloud-in term bogons").
 */
public final class PolicyEngine {
    private final PolicyOptions options;
    /**
     * "policy S term T" of each statement's terms, by position, made once: a string per
     * evaluated route was a quarter gigabyte over a full table.
     */
    private final Map<PolicyStatement, String[]> termNames = new IdentityHashMap<>();

    public PolicyEngine(PolicyOptions options) {
        this.options = options;
        for (PolicyStatement s : options.statements().values()) {
            String[] names = new String[s.terms().size()];
            for (int i = 0; i < names.length; i++) {
                Term t = s.terms().get(i);
                names[i] = "policy " + s.name() + (t.name() == null ? "" : " term " + t.name());
            }
            termNames.put(s, names);
        }
    }

    public PolicyOptions options() {
        return options;
    }

    /** What the chain decided, the route as changed by the actions, and who decided. */
    public record Outcome(boolean accepted, PolicyRoute route, String decidedBy, boolean nextHopSelf) {
    }

    /**
     * @param chain          statement names; an undefined name is skipped (the CLI refuses such a commit)
     * @param defaultAccept  the protocol's default when the chain decides nothing
     * @param defaultName    how to name the default in the outcome ("default BGP import policy")
     */
    public Outcome evaluate(List<String> chain, PolicyRoute route, boolean defaultAccept, String defaultName) {
        PolicyRoute current = route;
        boolean nextHopSelf = false;
        for (String name : chain) {
            PolicyStatement s = options.statements().get(name);
            if (s == null) {
                continue;
            }
            List<Term> terms = s.terms();
            for (int i = 0; i < terms.size(); i++) {
                Term t = terms.get(i);
                if (!matches(t.from(), current)) {
                    continue;
                }
                String where = termNames.get(s)[i];
                RouteFilter decided = t.from().routeFilters().isEmpty() ? null
                        : decidingFilter(t.from().routeFilters(), current.prefix());
                if (decided != null && decided.action() != null) {
                    // Junos: a route-filter's own action is taken at once; the term's then is not
                    return new Outcome(decided.action() == Term.Flow.ACCEPT, current, where + " " + decided, nextHopSelf);
                }
                Term.Then then = t.then();
                current = act(then, current);
                nextHopSelf |= then.nextHopSelf();
                if (then.flow() == Term.Flow.ACCEPT || then.flow() == Term.Flow.REJECT) {
                    return new Outcome(then.flow() == Term.Flow.ACCEPT, current, where, nextHopSelf);
                }
                if (then.flow() == Term.Flow.NEXT_POLICY) {
                    break;
                }
            }
        }
        return new Outcome(defaultAccept, current, defaultName, nextHopSelf);
    }

    boolean matches(Term.From f, PolicyRoute r) {
        if (f.family() != null && f.family().equals("inet6") != r.prefix().isIpv6()) {
            return false;
        }
        if (!f.protocols().isEmpty() && !f.protocols().contains(r.protocol())) {
            return false;
        }
        if (!f.neighbors().isEmpty() && (r.neighbor() == null || !f.neighbors().contains(r.neighbor()))) {
            return false;
        }
        if (!f.prefixLists().isEmpty()) {
            boolean in = false;
            for (String n : f.prefixLists()) {
                List<Prefix> list = options.prefixLists().get(n);
                in |= list != null && list.contains(r.prefix());
            }
            if (!in) {
                return false;
            }
        }
        if (!f.routeFilters().isEmpty() && !routeFiltersMatch(f.routeFilters(), r.prefix())) {
            return false;
        }
        if (!f.communities().isEmpty()) {
            boolean any = false;
            for (String n : f.communities()) {
                List<CommunityMember> members = options.communities().get(n);
                any |= members != null && carriesAll(r, members);
            }
            if (!any) {
                return false;
            }
        }
        if (!f.asPaths().isEmpty()) {
            boolean any = false;
            for (String n : f.asPaths()) {
                AsPathRegex re = options.asPaths().get(n);
                any |= re != null && re.matches(r.asPath());
            }
            return any;
        }
        return true;
    }

    /** Junos: the longest filter prefix containing the route decides; its match type must hold. */
    static boolean routeFiltersMatch(List<RouteFilter> filters, Prefix route) {
        return decidingFilter(filters, route) != null;
    }

    /** The filter that matches under the longest-match rule, or null. */
    static RouteFilter decidingFilter(List<RouteFilter> filters, Prefix route) {
        int best = -1;
        for (RouteFilter f : filters) {
            if (f.prefix().contains(route)) {
                best = Math.max(best, f.prefix().length());
            }
        }
        if (best < 0) {
            return null;
        }
        for (RouteFilter f : filters) {
            if (f.prefix().length() == best && f.prefix().contains(route) && f.typeMatches(route)) {
                return f;
            }
        }
        return null;
    }

    private static boolean carriesAll(PolicyRoute r, List<CommunityMember> members) {
        for (CommunityMember m : members) {
            boolean found = false;
            for (long c : r.communities()) {
                found |= m.matches(c);
            }
            for (LargeCommunity l : r.largeCommunities()) {
                found |= m.matches(l);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private PolicyRoute act(Term.Then t, PolicyRoute r) {
        PolicyRoute out = r;
        if (t.localPreference() != null) {
            out = out.withLocalPreference(t.localPreference());
        }
        if (t.metric() != null) {
            out = out.withMed(t.metric());
        }
        if (t.preference() != null) {
            out = out.withPreference(t.preference());
        }
        if (t.nextHop() != null) {
            out = out.withNextHop(t.nextHop());
        } else if (t.nextHopPeer() && out.neighbor() != null) {
            out = out.withNextHop(out.neighbor());
        }
        if (!t.asPathPrepend().isEmpty()) {
            List<Long> path = new ArrayList<>(t.asPathPrepend());
            path.addAll(out.asPath());
            out = out.withAsPath(path);
        }
        if (!t.communitySet().isEmpty() || !t.communityDelete().isEmpty() || !t.communityAdd().isEmpty()) {
            Set<Long> std = t.communitySet().isEmpty() ? new LinkedHashSet<>(out.communities()) : new LinkedHashSet<>();
            Set<LargeCommunity> large = t.communitySet().isEmpty() ? new HashSet<>(out.largeCommunities()) : new HashSet<>();
            for (String n : t.communityDelete()) {
                for (CommunityMember m : options.communities().getOrDefault(n, List.of())) {
                    std.removeIf(m::matches);
                    large.removeIf(m::matches);
                }
            }
            List<String> adding = new ArrayList<>(t.communitySet());
            adding.addAll(t.communityAdd());
            for (String n : adding) {
                for (CommunityMember m : options.communities().getOrDefault(n, List.of())) {
                    if (m instanceof CommunityMember.Standard s) {
                        std.add(s.value());
                    } else if (m instanceof CommunityMember.Large l) {
                        large.add(l.value());
                    }
                }
            }
            out = out.withCommunities(std).withLargeCommunities(large);
        }
        return out;
    }
}
