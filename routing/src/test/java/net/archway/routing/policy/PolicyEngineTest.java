package net.archway.routing.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;

class PolicyEngineTest {
    static Prefix p(String s) {
        return Prefix.parse(s);
    }

    static PolicyRoute bgp(String prefix) {
        return PolicyRoute.of(p(prefix), "bgp");
    }

    static Term term(String name, Term.From from, Term.Then then) {
        return new Term(name, from, then);
    }

    static Term.From filters(RouteFilter... f) {
        return new Term.From(List.of(), List.of(f), List.of(), List.of(), List.of(), List.of());
    }

    static Term.From communities(String... names) {
        return new Term.From(List.of(), List.of(), List.of(), List.of(names), List.of(), List.of());
    }

    static Term.From asPaths(String... names) {
        return new Term.From(List.of(), List.of(), List.of(), List.of(), List.of(names), List.of());
    }

    static PolicyEngine engine(PolicyStatement... statements) {
        Map<String, PolicyStatement> m = new java.util.HashMap<>();
        for (PolicyStatement s : statements) {
            m.put(s.name(), s);
        }
        return new PolicyEngine(new PolicyOptions(
                Map.of("cloud", List.of(p("10.17.11.0/25"), p("10.17.11.128/26"))),
                Map.of("from-circuit", List.of(CommunityMember.parse("12076:100")),
                        "tagged", List.of(CommunityMember.parse("65020:1"), CommunityMember.parse("large:65020:1:2")),
                        "any-65020", List.of(CommunityMember.parse("65020:.*")),
                        "blackhole", List.of(CommunityMember.parse("65535:666"))),
                Map.of("via-12076", AsPathRegex.compile("12076 .*"), "origin-65515", AsPathRegex.compile(".* 65515"),
                        "empty", AsPathRegex.compile("^$"), "twice", AsPathRegex.compile("65000{2} .*")),
                m));
    }

    @Test
    void routeFiltersFollowTheLongestMatchRule() {
        List<RouteFilter> f = List.of(RouteFilter.orlonger(p("10.0.0.0/8")), RouteFilter.exact(p("10.1.0.0/16")));
        assertTrue(PolicyEngine.routeFiltersMatch(f, p("10.2.0.0/16")));
        assertTrue(PolicyEngine.routeFiltersMatch(f, p("10.1.0.0/16")));
        assertFalse(PolicyEngine.routeFiltersMatch(f, p("10.1.2.0/24")), "the /16 exact filter decides: no fallback to /8");
        assertFalse(PolicyEngine.routeFiltersMatch(f, p("11.0.0.0/8")));
        assertTrue(PolicyEngine.routeFiltersMatch(List.of(RouteFilter.upto(p("10.0.0.0/8"), 24)), p("10.9.9.0/24")));
        assertFalse(PolicyEngine.routeFiltersMatch(List.of(RouteFilter.upto(p("10.0.0.0/8"), 24)), p("10.9.9.128/25")));
        assertFalse(PolicyEngine.routeFiltersMatch(List.of(RouteFilter.longer(p("10.0.0.0/8"))), p("10.0.0.0/8")));
        assertTrue(PolicyEngine.routeFiltersMatch(List.of(RouteFilter.lengthRange(p("0.0.0.0/0"), 8, 24)), p("192.0.2.0/24")));
        assertFalse(PolicyEngine.routeFiltersMatch(List.of(RouteFilter.lengthRange(p("0.0.0.0/0"), 8, 24)), p("192.0.2.1/32")));
        assertThrows(IllegalArgumentException.class, () -> RouteFilter.upto(p("10.0.0.0/8"), 4));
    }

    @Test
    void termsFlowAsJunosDoes() {
        PolicyEngine e = engine(
                new PolicyStatement("circuit-in", List.of(
                        term("bogons", filters(RouteFilter.orlonger(p("192.168.0.0/16"))), Term.Then.REJECT),
                        term("prefer", filters(RouteFilter.orlonger(p("10.17.0.0/16"))),
                                Term.Then.NOTHING.withLocalPreference(150)),
                        term("tag", Term.From.ANY, Term.Then.NOTHING.withCommunities(List.of("from-circuit"), List.of(),
                                List.of()).withFlow(Term.Flow.NEXT_POLICY)),
                        term("never", Term.From.ANY, Term.Then.REJECT))),
                new PolicyStatement("accept-cloud", List.of(
                        term("cloud", new Term.From(List.of("cloud"), List.of(), List.of(), List.of(), List.of(), List.of()),
                                Term.Then.ACCEPT))));
        var out = e.evaluate(List.of("circuit-in", "accept-cloud"), bgp("10.17.11.0/25"), false, "default");
        assertTrue(out.accepted());
        assertEquals("policy accept-cloud term cloud", out.decidedBy());
        assertEquals(150L, out.route().localPreference(), "changes of earlier terms carry on");
        assertEquals(Set.of((12076L << 16) | 100), out.route().communities());

        var bogon = e.evaluate(List.of("circuit-in", "accept-cloud"), bgp("192.168.11.0/24"), true, "default");
        assertFalse(bogon.accepted());
        assertEquals("policy circuit-in term bogons", bogon.decidedBy());

        var other = e.evaluate(List.of("circuit-in", "accept-cloud"), bgp("203.0.113.0/24"), false,
                "default BGP import policy (RFC 8212: reject)");
        assertFalse(other.accepted(), "undecided: the default decides, and the next policy was reached past 'never'");
        assertEquals("default BGP import policy (RFC 8212: reject)", other.decidedBy());
    }

    @Test
    void communitiesMatchAllMembersAndChange() {
        PolicyEngine e = engine(new PolicyStatement("p", List.of(
                term("scrub", communities("any-65020"), Term.Then.NOTHING.withCommunities(List.of(), List.of("any-65020"),
                        List.of())),
                term("rtbh", communities("blackhole"), Term.Then.NOTHING.withCommunities(List.of(), List.of(),
                        List.of("tagged")).withFlow(Term.Flow.ACCEPT)))));
        PolicyRoute r = bgp("198.51.100.0/24").withCommunities(Set.of((65020L << 16) | 1, (65020L << 16) | 7,
                (65535L << 16) | 666));
        var out = e.evaluate(List.of("p"), r, false, "default");
        assertTrue(out.accepted());
        assertEquals(Set.of((65020L << 16) | 1), out.route().communities(), "set replaces all (after the scrub)");
        assertEquals(Set.of(new LargeCommunity(65020, 1, 2)), out.route().largeCommunities());

        PolicyEngine tagged = engine(new PolicyStatement("t", List.of(term("t", communities("tagged"), Term.Then.ACCEPT))));
        assertFalse(tagged.evaluate(List.of("t"), r, false, "d").accepted(), "the large member is missing");
        assertTrue(tagged.evaluate(List.of("t"), r.withLargeCommunities(Set.of(new LargeCommunity(65020, 1, 2))), false,
                "d").accepted());
    }

    @Test
    void asPathRegularExpressionsWorkOnWholeAsNumbers() {
        assertTrue(AsPathRegex.compile("12076 .*").matches(List.of(12076L, 65515L)));
        assertFalse(AsPathRegex.compile("12076 .*").matches(List.of(120761L, 65515L)));
        assertTrue(AsPathRegex.compile(".* 65515").matches(List.of(12076L, 65515L)));
        assertTrue(AsPathRegex.compile("^$").matches(List.of()));
        assertFalse(AsPathRegex.compile("^$").matches(List.of(1L)));
        assertTrue(AsPathRegex.compile("65000{2} .*").matches(List.of(65000L, 65000L, 1L)));
        assertFalse(AsPathRegex.compile("65000{2} .*").matches(List.of(65000L, 1L)));
        assertTrue(AsPathRegex.compile("(65000|65001) 64512").matches(List.of(65001L, 64512L)));
        assertThrows(IllegalArgumentException.class, () -> AsPathRegex.compile("65000 [abc"));
        PolicyEngine e = engine(new PolicyStatement("p", List.of(term("t", asPaths("origin-65515"),
                Term.Then.NOTHING.withPrepend(List.of(65020L, 65020L)).withFlow(Term.Flow.ACCEPT)))));
        var out = e.evaluate(List.of("p"), bgp("10.17.11.0/25").withAsPath(List.of(12076L, 65515L)), false, "d");
        assertEquals(List.of(65020L, 65020L, 12076L, 65515L), out.route().asPath());
    }

    @Test
    void danglingReferencesAreReportedWithTheirPlace() {
        PolicyOptions o = new PolicyOptions(Map.of(), Map.of("re", List.of(CommunityMember.parse("65000:.*"))), Map.of(),
                Map.of("p", new PolicyStatement("p", List.of(term("t",
                        new Term.From(List.of("missing-list"), List.of(), List.of(), List.of("nope"), List.of("gone"),
                                List.of()),
                        Term.Then.NOTHING.withCommunities(List.of("re"), List.of(), List.of()))))));
        assertEquals(List.of(
                "[edit policy-options policy-statement p term t] prefix-list missing-list is not defined",
                "[edit policy-options policy-statement p term t] community nope is not defined",
                "[edit policy-options policy-statement p term t] as-path gone is not defined",
                "[edit policy-options policy-statement p term t] then community add/set re: a regular expression cannot be added to a route"),
                o.problems());
        assertThrows(IllegalArgumentException.class, () -> CommunityMember.parse("70000:1"));
        assertThrows(IllegalArgumentException.class, () -> CommunityMember.parse("65000:[1"));
    }

    @Test
    void aRouteFiltersOwnActionIsTakenAtOnceAndTheThenIsNot() {
        PolicyEngine e = engine(new PolicyStatement("in", List.of(
                term("f", filters(RouteFilter.orlonger(p("10.0.0.0/8")),
                                RouteFilter.orlonger(p("10.66.0.0/16")).withAction(Term.Flow.REJECT)),
                        Term.Then.ACCEPT.withLocalPreference(300)))));
        PolicyEngine.Outcome kept = e.evaluate(List.of("in"), bgp("10.1.0.0/16"), false, "default");
        assertTrue(kept.accepted());
        assertEquals(300L, kept.route().localPreference());
        PolicyEngine.Outcome dropped = e.evaluate(List.of("in"), bgp("10.66.1.0/24"), true, "default");
        assertFalse(dropped.accepted());
        assertEquals("policy in term f route-filter 10.66.0.0/16 orlonger reject", dropped.decidedBy());
        assertThrows(IllegalArgumentException.class, () -> RouteFilter.exact(p("10.0.0.0/8")).withAction(Term.Flow.NEXT_TERM));
    }

    @Test
    void familyAndPeerAddressConditionsAndActions() {
        Term.From v6 = new Term.From(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), "inet6");
        PolicyEngine e = engine(new PolicyStatement("p", List.of(
                term("v6", v6, Term.Then.ACCEPT.withNextHopPeer()),
                term("rest", Term.From.ANY, Term.Then.REJECT))));
        java.net.InetAddress peer = Prefix.parseAddress("2001:db8::2", "");
        PolicyEngine.Outcome o = e.evaluate(List.of("p"), bgp("2001:db8:1::/48").withNeighbor(peer), false, "default");
        assertTrue(o.accepted());
        assertEquals(peer, o.route().nextHop());
        assertFalse(e.evaluate(List.of("p"), bgp("192.0.2.0/24"), true, "default").accepted());
        assertThrows(IllegalArgumentException.class, () -> new Term.From(List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), "inet4"));
    }
}
