package net.archway.routing.bgp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;

/**
 * Messages captured from FRR 8.4, BIRD 2.0.12 and GoBGP 3.10 talking to each other
 * (resources/bgp/captures/capture.sh): every one decodes without an error and re-encodes to
 * bytes that decode to the same value; the attributes the daemons were told to send are there.
 */
class CaptureVectorsTest {

    @Test
    void everyCapturedMessageDecodesCleanlyAndSurvivesReencoding() throws Exception {
        int messages = 0;
        for (String f : Captures.FILES) {
            UpdateContext ctx = Captures.context(f);
            for (byte[] raw : Captures.messages(f)) {
                BgpMessage m = MessageCodec.decode(raw, ctx);
                if (m instanceof UpdateMessage u) {
                    assertEquals(ErrorHandling.NONE, u.errorHandling(), f + ": " + u);
                }
                BgpMessage again = MessageCodec.decode(MessageCodec.encode(m, ctx), ctx);
                assertEquals(m, again, f + ": " + HexFormat.of().formatHex(raw));
                messages++;
            }
        }
        assertTrue(messages > 80, "only " + messages + " captured messages");
    }

    @Test
    void messagesReencodeToTheCapturedBytes() throws Exception {
        // KEEPALIVE, NOTIFICATION, ROUTE-REFRESH and End-of-RIB have one encoding everywhere.
        // BIRD orders and sizes attributes as we do; FRR always uses Extended Length for
        // AS_PATH, and on 2-octet sessions AS4_PATH is rebuilt, so those differ in bytes only.
        int same = 0;
        for (String f : Captures.FILES) {
            UpdateContext ctx = Captures.context(f);
            boolean exactUpdates = f.startsWith("bird") && ctx.fourOctetAs();
            for (byte[] raw : Captures.messages(f)) {
                BgpMessage m = MessageCodec.decode(raw, ctx);
                if (m instanceof OpenMessage || m instanceof UpdateMessage u && !u.isEndOfRib() && !exactUpdates) {
                    continue;
                }
                assertEquals(HexFormat.of().formatHex(raw), HexFormat.of().formatHex(MessageCodec.encode(m, ctx)), f + ": " + m);
                same++;
            }
        }
        assertTrue(same >= 35, "only " + same);
    }

    @Test
    void frrOpenCarriesItsCapabilities() {
        OpenMessage open = Captures.open("frr-to-gobgp-ipv4");
        assertEquals(65001, open.autonomousSystem());
        assertEquals(180, open.holdTime());
        assertEquals("10.9.0.1", Wire.dottedQuad(open.bgpIdentifier()));
        assertEquals(List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST), new Capability.Multiprotocol(Family.IPV6_UNICAST)),
                open.all(Capability.Multiprotocol.class));
        assertNotNull(open.capability(Capability.RouteRefresh.class));
        assertNotNull(open.capability(Capability.EnhancedRouteRefresh.class));
        Capability.GracefulRestart gr = open.capability(Capability.GracefulRestart.class);
        assertEquals(120, gr.restartTime());
        assertTrue(gr.notification());
        assertEquals(2, gr.families().size());
        // ADD-PATH, FQDN, extended message, LLGR and Cisco's route refresh stay unknown but kept.
        List<CapabilityCode> unknown = new ArrayList<>();
        for (Capability c : open.capabilities()) {
            if (c instanceof Capability.Unknown) {
                unknown.add(c.code());
            }
        }
        assertEquals(List.of(CapabilityCode.ROUTE_REFRESH_CISCO, CapabilityCode.EXTENDED_MESSAGE, CapabilityCode.ADD_PATH,
                CapabilityCode.FQDN, CapabilityCode.LONG_LIVED_GRACEFUL_RESTART), unknown);
    }

    @Test
    void frrToBirdOverATwoOctetSessionCarriesAs4Path() throws Exception {
        // BIRD ran with "enable as4 off": FRR wrote AS_TRANS and AS4_PATH; decoding merges them.
        PathAttributes a = announced("frr-to-bird-ipv4", Prefix.parse("10.1.1.0/24"));
        assertEquals(AsPath.sequence(65001, 4200000001L), a.asPath());
        assertEquals(Origin.IGP, a.origin());
        assertEquals(NextHop.of(Prefix.parseAddress("10.9.0.1", "")), a.nextHop());
        assertEquals(11, a.multiExitDisc());
        assertFalse(a.hasLocalPref());
        assertEquals(Communities.of(Communities.community(65001, 100), Communities.community(65001, 200)), a.communities());
        assertEquals(LargeCommunities.of(65001, 1, 1), a.largeCommunities());
        byte[] raw = rawUpdate("frr-to-bird-ipv4", Prefix.parse("10.1.1.0/24"));
        assertTrue(Bytes.hex(raw).contains("d011000a" + "0202" + "0000fde9" + "fa56ea01"), "AS4_PATH 65001 4200000001 on the wire");
        assertTrue(Bytes.hex(raw).contains("50020006" + "0202" + "fde9" + "5ba0"), "AS_PATH 65001 AS_TRANS on the wire");
    }

    @Test
    void birdAttributesReachFrr() throws Exception {
        PathAttributes a = announced("bird-to-frr-ipv4", Prefix.parse("10.2.1.0/24"));
        assertEquals(AsPath.sequence(65002), a.asPath());
        assertEquals(22, a.multiExitDisc());
        assertEquals(Communities.of(Communities.community(65002, 1)), a.communities());
        assertEquals(LargeCommunities.of(65002, 2, 3), a.largeCommunities());
        PathAttributes v6 = announced("bird-to-frr-ipv6", Prefix.parse("2001:db8:2::/48"));
        assertEquals(Prefix.parseAddress("2001:db8:9::2", ""), v6.nextHop().address());
        assertTrue(v6.nextHop().hasLinkLocal(), "BIRD sends its link-local address too (RFC 2545)");
        assertTrue(v6.nextHop().linkLocal().isLinkLocalAddress());
    }

    @Test
    void gobgpSendsLocalPrefOverIbgp() throws Exception {
        PathAttributes a = announced("gobgp-to-frr-ipv4", Prefix.parse("10.3.1.0/24"));
        assertTrue(Captures.context("gobgp-to-frr-ipv4").internal());
        assertEquals(333, a.localPref());
        assertEquals(33, a.multiExitDisc());
        assertEquals(AsPath.EMPTY, a.asPath());
        assertEquals(Communities.of(Communities.community(65003, 1)), a.communities());
        assertEquals(LargeCommunities.of(65001, 3, 3), a.largeCommunities());
        assertEquals(Origin.INCOMPLETE, announced("gobgp-to-frr-ipv4", Prefix.parse("10.3.2.0/24")).origin());
        PathAttributes v6 = announced("gobgp-to-frr-ipv4", Prefix.parse("2001:db8:3::/48"));
        assertEquals(Prefix.parseAddress("2001:db8:9::3", ""), v6.nextHop().address());
    }

    @Test
    void frrSendsIpv6RoutesOverIpv4WithAMappedNextHop() throws Exception {
        PathAttributes a = announced("frr-to-gobgp-ipv4", Prefix.parse("2001:db8:1::/48"));
        assertEquals("::ffff:a09:1", a.nextHop().toString());
        assertEquals(100, a.localPref());
    }

    @Test
    void endOfRibRouteRefreshWithdrawalsAndShutdownCommunications() throws Exception {
        List<BgpMessage> frr = Captures.decoded("frr-to-bird-ipv4");
        assertTrue(frr.contains(UpdateMessage.endOfRib(Family.IPV4_UNICAST)));
        assertTrue(frr.contains(RouteRefreshMessage.request(Family.IPV4_UNICAST)));
        assertTrue(withdrawn(frr).contains(Prefix.parse("10.1.2.0/25")));
        assertEquals(Optional.of("archway capture: FRR maintenance"), notification(frr).shutdownCommunication());

        List<BgpMessage> bird = Captures.decoded("bird-to-frr-ipv4");
        int borr = bird.indexOf(new RouteRefreshMessage(Family.IPV4_UNICAST, RouteRefreshMessage.BEGIN));
        int eorr = bird.indexOf(new RouteRefreshMessage(Family.IPV4_UNICAST, RouteRefreshMessage.END));
        assertTrue(borr > 0 && eorr > borr, "BIRD answers an enhanced route refresh with BoRR ... EoRR (RFC 7313)");
        assertTrue(withdrawn(bird).contains(Prefix.parse("10.2.2.0/24")));

        assertTrue(Captures.decoded("frr-to-bird-ipv6").contains(UpdateMessage.endOfRib(Family.IPV6_UNICAST)));
        assertEquals(Optional.of("archway capture: BIRD says goodbye"),
                notification(Captures.decoded("bird-to-gobgp-ipv4")).shutdownCommunication());
        NotificationMessage gobgp = notification(Captures.decoded("gobgp-to-frr-ipv4"));
        assertEquals(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, gobgp.subcode());
        assertEquals(Optional.empty(), gobgp.shutdownCommunication(), "GoBGP 3.10's disable sends no text");
    }

    @Test
    void decodingWithAnInternerSharesEqualSets() throws Exception {
        AttributeInterner interner = new AttributeInterner();
        UpdateContext ctx = Captures.context("gobgp-to-frr-ipv4").withInterner(interner);
        List<PathAttributes> sets = new ArrayList<>();
        for (byte[] raw : Captures.messages("gobgp-to-frr-ipv4")) {
            if (MessageCodec.decode(raw, ctx) instanceof UpdateMessage u) {
                for (Announcement a : u.announced()) {
                    sets.add(a.attributes());
                }
            }
        }
        // 2001:db8:2::/48 is announced twice with the same attributes.
        long distinctObjects = sets.stream().map(System::identityHashCode).distinct().count();
        long distinctValues = sets.stream().distinct().count();
        assertEquals(distinctValues, distinctObjects);
        assertTrue(distinctValues < sets.size());
    }

    private static List<Prefix> withdrawn(List<BgpMessage> messages) {
        List<Prefix> out = new ArrayList<>();
        for (BgpMessage m : messages) {
            if (m instanceof UpdateMessage u) {
                out.addAll(u.withdrawn());
            }
        }
        return out;
    }

    private static NotificationMessage notification(List<BgpMessage> messages) {
        return (NotificationMessage) messages.get(messages.size() - 1);
    }

    private static PathAttributes announced(String file, Prefix prefix) {
        for (BgpMessage m : Captures.decoded(file)) {
            if (m instanceof UpdateMessage u) {
                for (Announcement a : u.announced()) {
                    if (a.prefixes().contains(prefix)) {
                        return a.attributes();
                    }
                }
            }
        }
        throw new AssertionError(prefix + " is not announced in " + file);
    }

    private static byte[] rawUpdate(String file, Prefix prefix) throws Exception {
        UpdateContext ctx = Captures.context(file);
        for (byte[] raw : Captures.messages(file)) {
            if (MessageCodec.decode(raw, ctx) instanceof UpdateMessage u && u.announced().stream().anyMatch(a -> a.prefixes().contains(prefix))) {
                return raw;
            }
        }
        throw new AssertionError(prefix);
    }

    @Test
    void captureNamesPairUp() {
        assertEquals("bird-to-frr-ipv4", Captures.reverse("frr-to-bird-ipv4"));
        assertEquals("gobgp-to-bird-ipv4", Captures.reverse("bird-to-gobgp-ipv4"));
    }
}
