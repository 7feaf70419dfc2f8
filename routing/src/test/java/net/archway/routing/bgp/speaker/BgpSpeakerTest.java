package net.archway.routing.bgp.speaker;

import static net.archway.routing.bgp.speaker.TestRouter.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.Communities;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.session.GracefulRestartSettings;
import net.archway.routing.bgp.session.SessionDown;
import net.archway.routing.bgp.session.SessionState;
import net.archway.routing.policy.AsPathRegex;
import net.archway.routing.policy.CommunityMember;
import net.archway.routing.policy.PolicyOptions;
import net.archway.routing.policy.PolicyStatement;
import net.archway.routing.policy.RouteFilter;
import net.archway.routing.policy.Term;
import net.archway.routing.rib.ForwardingHop;
import net.archway.routing.rib.Protocol;
import net.archway.routing.rib.RibSnapshot;

/**
 * The speaker end to end inside one JVM: real sessions, real RIBs, routers joined by an
 * in-memory network. Every router sits on 10.0.0.0/24, so eBGP next hops resolve directly.
 */
class BgpSpeakerTest {
    private final MemoryNetwork net = new MemoryNetwork();
    /** A network nobody else is on: its routers never reach ours. */
    private final MemoryNetwork elsewhere = new MemoryNetwork();
    private final List<TestRouter> routers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        routers.forEach(TestRouter::close);
        net.close();
        elsewhere.close();
    }

    private TestRouter router(String name, String address, long as) {
        TestRouter r = new TestRouter(net, name, address, as, address + "/24");
        routers.add(r);
        return r;
    }

    // ---- policies ----

    static Term.From from(List<String> protocols, List<RouteFilter> filters) {
        return new Term.From(List.of(), filters, protocols, List.of(), List.of(), List.of());
    }

    static PolicyStatement statement(String name, Term... terms) {
        return new PolicyStatement(name, List.of(terms));
    }

    static PolicyOptions policies(PolicyStatement... statements) {
        Map<String, PolicyStatement> m = new HashMap<>();
        for (PolicyStatement s : statements) {
            m.put(s.name(), s);
        }
        m.putIfAbsent("accept-all", statement("accept-all", new Term("all", Term.From.ANY, Term.Then.ACCEPT)));
        m.putIfAbsent("statics", statement("statics", new Term("s", from(List.of("static"), List.of()), Term.Then.ACCEPT),
                new Term("bgp", from(List.of("bgp"), List.of()), Term.Then.ACCEPT)));
        return new PolicyOptions(Map.of(), Map.of("no-export", List.of(CommunityMember.parse("no-export")),
                "tag", List.of(CommunityMember.parse("65001:7"))), Map.of("loop", AsPathRegex.compile(".* 65002 .*")), m);
    }

    static final List<String> ACCEPT = List.of("accept-all");
    static final List<String> STATICS = List.of("statics");

    private static Prefix p(String s) {
        return Prefix.parse(s);
    }

    private static List<String> gateways(RibSnapshot.Route r) {
        List<String> out = new ArrayList<>();
        for (ForwardingHop h : r.hops()) {
            out.add(Prefix.format(h.gateway()));
        }
        out.sort(null);
        return out;
    }

    private static BgpRouteDetail detail(RibSnapshot.Route r) {
        return (BgpRouteDetail) r.route().attributes();
    }

    // ---- tests ----

    @Test
    void anExternalRouteArrivesWithPathAndNextHopAndLeavesWithTheSession() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        a.policies(policies()).neighbor(b, ACCEPT, STATICS).commit();
        b.policies(policies()).neighbor(a, ACCEPT, STATICS).commit();
        a.addStatic("192.0.2.0/24", "10.0.0.99");

        RibSnapshot.Route r = b.awaitActive("192.0.2.0/24", x -> x.route().protocol() == Protocol.BGP);
        assertEquals(List.of("10.0.0.1"), gateways(r));
        assertEquals("65001 I", detail(r).asPath());
        assertEquals(170, r.route().preference());
        assertEquals(1, b.receivedFrom(a, false).size());
        assertEquals(p("192.0.2.0/24"), a.advertisedTo(b).get(0).prefix());
        assertFalse(a.advertisedTo(b).get(0).attributes().hasLocalPref(), "no LOCAL_PREF to an external peer");

        a.rib.withdraw(p("192.0.2.0/24"), Protocol.STATIC, 0);
        b.awaitNoActive("192.0.2.0/24");

        a.addStatic("192.0.2.0/24", "10.0.0.99");
        b.awaitActive("192.0.2.0/24", x -> true);
        net.partition(a.address, b.address);
        b.awaitNoActive("192.0.2.0/24");
        net.heal(a.address, b.address);
        b.awaitEstablished(a);
        b.awaitActive("192.0.2.0/24", x -> true);
        assertTrue(b.peer(a).flaps() >= 1);
    }

    @Test
    void externalPeersWithoutPolicyGetNothingAndSendNothingUsable() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        a.policies(policies()).neighbor(b, List.of(), List.of()).commit();
        b.policies(policies()).neighbor(a, List.of(), STATICS).commit();
        a.addStatic("192.0.2.0/24", "10.0.0.99");
        b.addStatic("198.51.100.0/24", "10.0.0.99");
        b.awaitEstablished(a);
        a.awaitEstablished(b);

        // B exports to A, and A, without an import policy, hides it with RFC 8212's reason
        BgpSpeaker.RouteView hidden = await("A hides B's route", () -> {
            List<BgpSpeaker.RouteView> h = a.receivedFrom(b, true);
            return h.isEmpty() ? null : h.get(0);
        }, () -> a.peer(b));
        assertEquals(p("198.51.100.0/24"), hidden.prefix());
        assertTrue(hidden.rejectedBecause().contains("RFC 8212"), hidden.rejectedBecause());
        assertTrue(a.receivedFrom(b, false).isEmpty());
        assertEquals(null, a.active("198.51.100.0/24"));
        // A has no export policy: nothing for B
        assertTrue(a.advertisedTo(b).isEmpty());

        // an import policy committed later applies to the kept routes, without a session reset
        long transitions = a.peer(b).session().establishedTransitions();
        a.neighbor(b, ACCEPT, List.of()).commit();
        a.awaitActive("198.51.100.0/24", x -> x.route().protocol() == Protocol.BGP);
        assertEquals(transitions, a.peer(b).session().establishedTransitions());
        assertEquals(SessionState.ESTABLISHED, a.peer(b).session().state());
    }

    @Test
    void theBestPathWinsAndTheOtherTakesOverWhenItGoes() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        TestRouter c = router("C", "10.0.0.3", 65003);
        PolicyStatement prepend = statement("prepend", new Term("p", Term.From.ANY,
                Term.Then.NOTHING.withPrepend(List.of(65003L, 65003L))));
        a.policies(policies()).neighbor(b, ACCEPT, STATICS).commit();
        c.policies(policies(prepend)).neighbor(b, ACCEPT, List.of("prepend", "statics")).commit();
        b.policies(policies()).neighbor(a, ACCEPT, List.of()).neighbor(c, ACCEPT, List.of()).commit();
        a.addStatic("203.0.113.0/24", "10.0.0.99");
        c.addStatic("203.0.113.0/24", "10.0.0.99");

        await("B knows both paths", () -> TestRouter.get(b.speaker.paths(List.of(p("203.0.113.0/24"))))
                .getOrDefault(p("203.0.113.0/24"), List.of()).size() == 2, () -> b.peers());
        RibSnapshot.Route r = b.awaitActive("203.0.113.0/24", x -> true);
        assertEquals(List.of("10.0.0.1"), gateways(r), "the shorter AS path wins");
        List<BgpSpeaker.RouteView> paths = TestRouter.get(b.speaker.paths(List.of(p("203.0.113.0/24"))))
                .get(p("203.0.113.0/24"));
        assertTrue(paths.get(0).active());
        assertEquals("65003 65003 65003 I", BgpRouteDetail.asPathText(paths.get(1).attributes()));

        net.partition(a.address, b.address);
        b.awaitActive("203.0.113.0/24", x -> gateways(x).equals(List.of("10.0.0.3")));
        net.heal(a.address, b.address);
        b.awaitActive("203.0.113.0/24", x -> gateways(x).equals(List.of("10.0.0.1")));
    }

    @Test
    void multipathSharesLoadOverEqualPathsFromDifferentNeighbouringAses() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        TestRouter c = router("C", "10.0.0.3", 65003);
        a.policies(policies()).neighbor(b, ACCEPT, STATICS).commit();
        c.policies(policies()).neighbor(b, ACCEPT, STATICS).commit();
        b.policies(policies());
        b.neighbor(new NeighborSettings(b.sessionTo(a).build(), "clouds", ACCEPT, List.of(), null, true, false, Map.of(), false));
        b.neighbor(new NeighborSettings(b.sessionTo(c).build(), "clouds", ACCEPT, List.of(), null, true, false, Map.of(), false));
        b.commit();
        a.addStatic("203.0.113.0/24", "10.0.0.99");
        c.addStatic("203.0.113.0/24", "10.0.0.99");
        await("B knows both paths", () -> TestRouter.get(b.speaker.paths(List.of(p("203.0.113.0/24"))))
                .getOrDefault(p("203.0.113.0/24"), List.of()).size() == 2, () -> b.peers());
        assertEquals(1, gateways(b.awaitActive("203.0.113.0/24", x -> true)).size(),
                "plain multipath needs the same neighbouring AS");

        b.neighbor(new NeighborSettings(b.sessionTo(a).build(), "clouds", ACCEPT, List.of(), null, true, true, Map.of(), false));
        b.neighbor(new NeighborSettings(b.sessionTo(c).build(), "clouds", ACCEPT, List.of(), null, true, true, Map.of(), false));
        b.commit();
        RibSnapshot.Route r = b.awaitActive("203.0.113.0/24", x -> x.hops().size() == 2);
        assertEquals(List.of("10.0.0.1", "10.0.0.3"), gateways(r));
        // show bgp summary's counts, kept as paths come, go and join or leave the active set
        assertEquals(new BgpSpeaker.Counts(1, 1, 1, 0), b.peer(a).ipv4());
        assertEquals(new BgpSpeaker.Counts(1, 1, 1, 0), b.peer(c).ipv4());

        b.neighbor(new NeighborSettings(b.sessionTo(a).build(), "clouds", ACCEPT, List.of(), null, true, false, Map.of(), false));
        b.neighbor(new NeighborSettings(b.sessionTo(c).build(), "clouds", ACCEPT, List.of(), null, true, false, Map.of(), false));
        b.commit();
        b.awaitActive("203.0.113.0/24", x -> x.hops().size() == 1);
        assertEquals(1, b.peer(a).ipv4().active() + b.peer(c).ipv4().active(), "one path active again: " + b.peers());
        assertEquals(1, b.peer(a).ipv4().received());

        a.rib.withdraw(p("203.0.113.0/24"), Protocol.STATIC, 0);
        b.awaitActive("203.0.113.0/24", x -> gateways(x).equals(List.of("10.0.0.3")));
        await("A's path gone from B's counts", () -> b.peer(a).ipv4().received() == 0, () -> b.peers());
        assertEquals(new BgpSpeaker.Counts(0, 0, 0, 0), b.peer(a).ipv4());
        assertEquals(new BgpSpeaker.Counts(1, 1, 1, 0), b.peer(c).ipv4());
        assertEquals(new BgpSpeaker.Counts(0, 0, 0, 0), b.peer(c).ipv6());
    }

    @Test
    void internalRoutesAreNotPassedOnUnlessReflected() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        TestRouter d = router("D", "10.0.0.4", 65002);
        TestRouter e = router("E", "10.0.0.5", 65002);
        a.policies(policies()).neighbor(b, ACCEPT, STATICS).commit();
        b.policies(policies()).neighbor(a, ACCEPT, List.of()).neighbor(d, List.of(), List.of()).commit();
        d.policies(policies()).neighbor(b, List.of(), List.of()).neighbor(e, List.of(), List.of()).commit();
        e.policies(policies()).neighbor(d, List.of(), List.of()).commit();
        a.addStatic("192.0.2.0/24", "10.0.0.99");

        RibSnapshot.Route atD = d.awaitActive("192.0.2.0/24", x -> true);
        assertEquals(List.of("10.0.0.1"), gateways(atD), "iBGP keeps the external next hop");
        assertEquals("65001 I", detail(atD).asPath());
        assertEquals(100, detail(atD).localPreference());
        e.awaitEstablished(d);
        assertTrue(d.advertisedTo(e).isEmpty(), "an iBGP route goes to no other iBGP peer");
        assertEquals(null, e.active("192.0.2.0/24"));

        // D becomes a route reflector with E as its client
        d.cluster(0x0a000004);
        d.neighbor(new NeighborSettings(d.sessionTo(e).build(), "rr", List.of(), List.of(), null, false, false, Map.of(), true));
        d.commit();
        e.awaitActive("192.0.2.0/24", x -> true);
        BgpSpeaker.RouteView atE = e.receivedFrom(d, false).get(0);
        assertEquals(b.routerId, atE.attributes().originatorId());
        assertEquals(0x0a000004, atE.attributes().clusterList().get(0));
    }

    @Test
    void aNewPeerGetsTheTableInOneUpdatePerAttributeSetNotPerPrefix() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        TestRouter c = router("C", "10.0.0.3", 65003);
        // A tags a random half of 400 prefixes with a community: two attribute sets, spread over B's table in any order
        java.util.Random random = new java.util.Random(7);
        List<String> all = new ArrayList<>();
        List<RouteFilter> tagged = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String prefix = "10." + (1 + i / 200) + "." + (i % 200) + ".0/24";
            all.add(prefix);
            if (random.nextBoolean()) {
                tagged.add(RouteFilter.exact(p(prefix)));
            }
        }
        PolicyStatement tag = statement("tag-some", new Term("t", from(List.of(), tagged),
                Term.Then.ACCEPT.withCommunities(List.of("tag"), List.of(), List.of())));
        a.policies(policies(tag)).neighbor(b, ACCEPT, List.of("tag-some", "statics")).commit();
        b.policies(policies()).neighbor(a, ACCEPT, List.of()).commit();
        int perSet = 200;
        all.forEach(prefix -> a.addStatic(prefix, "10.0.0.99"));
        await("B has A's table", () -> b.receivedFrom(a, false).size() == 2 * perSet ? true : null, () -> b.peers());

        // C connects only now: B sends it the whole table, 10 prefixes per flush (a full table: 1.2M in 20,000s)
        b.speaker.flushChunk(10);
        b.neighbor(c, ACCEPT, ACCEPT).commit();
        c.policies(policies()).neighbor(b, ACCEPT, List.of()).commit();
        await("C has B's table", () -> c.receivedFrom(b, false).size() >= 2 * perSet ? true : null, () -> c.peers());
        long updates = c.peer(b).session().updatesReceived();
        // 41 flushes of 10: grouped by set, each is one UPDATE (two where the sets change); End-of-RIB adds one.
        // Queued in table order, almost every flush would hold both sets: about 80 UPDATEs.
        assertTrue(updates <= 41 + 2 + 1, "C got the table in " + updates + " UPDATEs");
    }

    @Test
    void loopsAndWellKnownCommunitiesAreObeyed() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        TestRouter c = router("C", "10.0.0.3", 65003);
        TestRouter d = router("D", "10.0.0.4", 65002);
        PolicyStatement noExport = statement("no-export", new Term("n",
                from(List.of(), List.of(RouteFilter.exact(p("198.51.100.0/24")))),
                Term.Then.ACCEPT.withCommunities(List.of("no-export"), List.of(), List.of())));
        // B originates 192.0.2.0/24 to A; A passes it to C; C offers it back to B: a loop B must refuse
        b.policies(policies()).neighbor(a, ACCEPT, STATICS).neighbor(c, ACCEPT, List.of()).neighbor(d, List.of(), List.of())
                .commit();
        a.policies(policies(noExport)).neighbor(b, ACCEPT, List.of("no-export", "statics")).neighbor(c, ACCEPT, ACCEPT).commit();
        c.policies(policies()).neighbor(a, ACCEPT, List.of()).neighbor(b, ACCEPT, ACCEPT).commit();
        d.policies(policies()).neighbor(b, List.of(), List.of()).commit();
        b.addStatic("192.0.2.0/24", "10.0.0.99");
        a.addStatic("198.51.100.0/24", "10.0.0.99");

        BgpSpeaker.RouteView loop = await("B refuses its own route back from C", () -> b.receivedFrom(c, true).stream()
                .filter(v -> v.prefix().equals(p("192.0.2.0/24"))).findFirst().orElse(null), () -> b.peers());
        assertTrue(loop.rejectedBecause().contains("AS path loop"), loop.rejectedBecause());
        assertTrue(a.advertisedTo(b).stream().noneMatch(v -> v.prefix().equals(p("192.0.2.0/24"))),
                "not sent back to the AS it came from");

        // no-export: B keeps it and gives it to its iBGP peer D, not to C
        RibSnapshot.Route r = b.awaitActive("198.51.100.0/24", x -> gateways(x).equals(List.of("10.0.0.1")));
        assertNotNull(r);
        d.awaitActive("198.51.100.0/24", x -> true);
        assertTrue(TestRouter.get(d.speaker.receivedFrom(b.address, false)).get(0).attributes().communities()
                .contains(Communities.NO_EXPORT));
        assertTrue(b.advertisedTo(c).stream().noneMatch(v -> v.prefix().equals(p("198.51.100.0/24"))));
    }

    @Test
    void unreachableNextHopsHideTheRouteUntilTheRibCanResolveThem() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        PolicyStatement far = statement("far", new Term("f", Term.From.ANY, new Term.Then(null, null, null,
                List.of(), List.of(), List.of(), List.of(), false, TestRouter.ip("172.16.5.5"), null)));
        a.policies(policies(far)).neighbor(b, ACCEPT, List.of("far", "statics")).commit();
        b.policies(policies()).neighbor(a, ACCEPT, List.of()).commit();
        a.addStatic("192.0.2.0/24", "10.0.0.99");

        BgpSpeaker.RouteView v = await("B holds the path", () -> {
            List<BgpSpeaker.RouteView> l = TestRouter.get(b.speaker.paths(List.of(p("192.0.2.0/24"))))
                    .getOrDefault(p("192.0.2.0/24"), List.of());
            return l.isEmpty() ? null : l.get(0);
        }, () -> b.peers());
        assertEquals("next hop 172.16.5.5 unreachable", v.rejectedBecause());
        assertEquals(null, b.active("192.0.2.0/24"));

        b.addStatic("172.16.0.0/16", "10.0.0.1");
        RibSnapshot.Route r = b.awaitActive("192.0.2.0/24", x -> x.route().protocol() == Protocol.BGP);
        assertEquals(List.of("10.0.0.1"), gateways(r), "resolved through the static route");
        b.rib.withdraw(p("172.16.0.0/16"), Protocol.STATIC, 0);
        b.awaitNoActive("192.0.2.0/24");
    }

    @Test
    void gracefulRestartKeepsRoutesUntilEndOfRibThenSweepsTheStaleOnes() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        GracefulRestartSettings gr = new GracefulRestartSettings(Duration.ofSeconds(60), false, false, Set.of());
        a.policies(policies()).neighbor(new NeighborSettings(a.sessionTo(b).gracefulRestart(gr).build(), "g", ACCEPT,
                STATICS, null, false, false, Map.of(), false)).commit();
        b.policies(policies()).neighbor(new NeighborSettings(b.sessionTo(a).gracefulRestart(gr).build(), "g", ACCEPT,
                List.of(), null, false, false, Map.of(), false)).commit();
        a.addStatic("192.0.2.0/24", "10.0.0.99");
        a.addStatic("198.51.100.0/24", "10.0.0.99");
        b.awaitActive("192.0.2.0/24", x -> true);
        b.awaitActive("198.51.100.0/24", x -> true);

        net.partition(a.address, b.address);
        await("B sees A restart", () -> b.peer(a).staleRoutes(), () -> b.peer(a));
        assertNotNull(b.active("192.0.2.0/24"), "kept while A restarts");
        a.rib.withdraw(p("198.51.100.0/24"), Protocol.STATIC, 0);
        net.heal(a.address, b.address);

        await("B done with A's restart", () -> !b.peer(a).staleRoutes(), () -> b.peer(a));
        b.awaitNoActive("198.51.100.0/24");
        assertNotNull(b.active("192.0.2.0/24"));
    }

    @Test
    void aPrefixLimitTearsTheSessionDown() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        a.policies(policies()).neighbor(b, ACCEPT, STATICS).commit();
        b.policies(policies()).neighbor(new NeighborSettings(b.sessionTo(a).build(), "g", ACCEPT, List.of(), null, false,
                false, Map.of(Family.IPV4_UNICAST, new NeighborSettings.PrefixLimit(2, true, null)), false)).commit();
        a.addStatic("192.0.2.0/24", "10.0.0.99");
        a.addStatic("198.51.100.0/24", "10.0.0.99");
        b.awaitActive("198.51.100.0/24", x -> true);
        a.addStatic("203.0.113.0/24", "10.0.0.99");

        BgpSpeaker.PeerView v = await("B tears the session down", () -> {
            BgpSpeaker.PeerView x = b.peer(a);
            return x.session().lastDown() != null && x.session().lastDown().cause() == SessionDown.Cause.PREFIX_LIMIT ? x : null;
        }, () -> b.peer(a));
        assertTrue(v.session().lastDown().text().contains("prefix-limit"), v.session().lastDown().text());
        b.awaitNoActive("192.0.2.0/24");
        assertEquals(0, b.peer(a).ipv4().received());
    }

    @Test
    void importPolicySetsLocalPreferenceAndExportTheMed() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        PolicyStatement med = statement("med", new Term("m", Term.From.ANY, Term.Then.NOTHING.withMetric(50)));
        PolicyStatement prefer = statement("prefer", new Term("p", Term.From.ANY, Term.Then.ACCEPT.withLocalPreference(200)));
        a.policies(policies(med)).neighbor(b, ACCEPT, List.of("med", "statics")).commit();
        b.policies(policies(prefer)).neighbor(a, List.of("prefer"), List.of()).commit();
        a.addStatic("192.0.2.0/24", "10.0.0.99");
        RibSnapshot.Route r = b.awaitActive("192.0.2.0/24", x -> true);
        assertEquals(200, detail(r).localPreference());
        assertEquals(50L, detail(r).med());

        // clear bgp neighbor soft-inbound after a policy change re-runs import on kept routes
        b.policies(policies(statement("prefer", new Term("p", Term.From.ANY, Term.Then.ACCEPT.withLocalPreference(120)))))
                .commit();
        b.awaitActive("192.0.2.0/24", x -> detail(x).localPreference() == 120);
        assertTrue(TestRouter.get(b.speaker.clear(a.address, BgpSpeaker.Clear.SOFT_INBOUND)));
        assertFalse(TestRouter.get(b.speaker.clear(TestRouter.ip("10.9.9.9"), BgpSpeaker.Clear.SOFT)));
        assertEquals(1, b.peer(a).session().establishedTransitions());
    }

    @Test
    void aPolicyChangeOverALargeTableIsAppliedInPiecesToEveryPath() {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        a.policies(policies()).neighbor(b, ACCEPT, STATICS).commit();
        b.policies(policies(statement("prefer", new Term("p", Term.From.ANY, Term.Then.ACCEPT.withLocalPreference(150)))))
                .neighbor(a, List.of("prefer"), List.of()).commit();
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            prefixes.add("10.60." + i + ".0/24");
        }
        prefixes.forEach(prefix -> a.addStatic(prefix, "10.0.0.99"));
        prefixes.forEach(prefix -> b.awaitActive(prefix, x -> detail(x).localPreference() == 150));

        // 7 destinations per speaker task (a full table: 1.2M in 20,000s): 8 tasks, every path reached
        b.speaker.reimportChunk(7);
        b.policies(policies(statement("prefer", new Term("p", Term.From.ANY, Term.Then.ACCEPT.withLocalPreference(120)))))
                .commit();
        prefixes.forEach(prefix -> b.awaitActive(prefix, x -> detail(x).localPreference() == 120));
        assertTrue(TestRouter.get(b.speaker.clear(a.address, BgpSpeaker.Clear.SOFT_INBOUND)));
        prefixes.forEach(prefix -> b.awaitActive(prefix, x -> detail(x).localPreference() == 120));
        assertEquals(1, b.peer(a).session().establishedTransitions(), "the session stayed up");
    }

    @Test
    void aRestartingSpeakerAdvertisesNothingUntilItHasConverged() throws Exception {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        TestRouter absent = new TestRouter(elsewhere, "C", "10.0.0.3", 65003, "10.0.0.3/24");
        routers.add(absent);
        a.speaker.restarting();
        a.policies(policies()).neighbor(b, ACCEPT, STATICS).neighbor(absent, ACCEPT, STATICS).commit();
        b.policies(policies()).neighbor(a, ACCEPT, STATICS).commit();
        a.addStatic("192.0.2.0/24", "10.0.0.99");
        b.addStatic("198.51.100.0/24", "10.0.0.99");
        java.util.concurrent.CompletableFuture<Void> converged = a.speaker.initialConvergence(Duration.ofSeconds(3));

        a.awaitActive("198.51.100.0/24", x -> true); // A learns while it defers
        assertFalse(converged.isDone(), "C never comes up: A waits for the deferral time");
        assertTrue(a.advertisedTo(b).isEmpty(), "nothing to B before A has converged");
        assertEquals(null, b.active("192.0.2.0/24"));

        converged.get(10, java.util.concurrent.TimeUnit.SECONDS);
        b.awaitActive("192.0.2.0/24", x -> true);
    }

    /**
     * A restarted router sweeps its previous run's kernel routes when BGP has converged, so by
     * then the RIB must hold what the neighbours sent before End-of-RIB, even though each new
     * next hop is resolved by the RIB and only then is the path offered to it. Here the RIB is
     * busy while the route and End-of-RIB arrive (the daemon's restart, under load).
     */
    @Test
    void convergenceWaitsUntilTheRibHasTheRoutesLearntBeforeEndOfRib() throws Exception {
        TestRouter a = router("A", "10.0.0.1", 65001);
        TestRouter b = router("B", "10.0.0.2", 65002);
        a.speaker.restarting();
        a.policies(policies()).neighbor(b, ACCEPT, STATICS).commit();
        b.addStatic("198.51.100.0/24", "10.0.0.99");
        b.awaitActive("198.51.100.0/24", x -> true);
        java.util.concurrent.CompletableFuture<Void> converged = a.speaker.initialConvergence(Duration.ofSeconds(30));
        java.util.concurrent.CountDownLatch release = a.holdRib();
        try {
            b.policies(policies()).neighbor(a, ACCEPT, STATICS).commit();
            a.awaitEstablished(b);
            // the route and End-of-RIB (two UPDATEs) have reached A's speaker; a round trip through its thread
            await("B's route and End-of-RIB at A", () -> a.peer(b).session().updatesReceived() >= 2, () -> a.peer(b));
            assertEquals(1, a.receivedFrom(b, true).size(), "received, hidden while the RIB has not resolved its next hop");
            // as the daemon does on convergence: a snapshot of the RIB, then the sweep
            java.util.concurrent.CompletableFuture<RibSnapshot> atConvergence = converged.thenCompose(x -> a.rib.snapshot());
            release.countDown();
            RibSnapshot s = atConvergence.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(s.destinations().stream().anyMatch(d -> d.prefix().equals(p("198.51.100.0/24")) && d.active() != null
                    && d.active().route().protocol() == Protocol.BGP), "the RIB at convergence: " + s.destinations());
        } finally {
            release.countDown();
        }
    }
}
