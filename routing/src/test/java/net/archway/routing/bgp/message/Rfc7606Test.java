package net.archway.routing.bgp.message;

import static net.archway.routing.bgp.message.Bytes.AS_PATH;
import static net.archway.routing.bgp.message.Bytes.BASE;
import static net.archway.routing.bgp.message.Bytes.NEXT_HOP;
import static net.archway.routing.bgp.message.Bytes.NLRI;
import static net.archway.routing.bgp.message.Bytes.ORIGIN;
import static net.archway.routing.bgp.message.Bytes.attr;
import static net.archway.routing.bgp.message.Bytes.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;

/**
 * Every error class of RFC 7606, with crafted UPDATEs: session reset only where the RFC says,
 * treat-as-withdraw for attributes that affect route selection, attribute discard for those
 * that do not. The receiver is in AS 65000 unless said otherwise; the eBGP peer in 65001.
 */
class Rfc7606Test {
    private static final UpdateContext EBGP = UpdateContext.ebgp(65000, 65001);
    private static final UpdateContext IBGP = UpdateContext.ibgp(65000);
    private static final Prefix P = Prefix.parse("198.51.100.0/24");
    private static final String MP_REACH_V6 = attr(0x90, 14, "0002" + "01" + "10" + "20010db8000000000000000000000001" + "00" + "30" + "20010db80001");
    private static final Prefix P6 = Prefix.parse("2001:db8:1::/48");

    private static UpdateMessage decode(byte[] m, UpdateContext ctx) throws MalformedMessageException {
        return (UpdateMessage) MessageCodec.decode(m, ctx);
    }

    private static UpdateMessage decode(byte[] m) throws MalformedMessageException {
        return decode(m, EBGP);
    }

    private static void assertWithdrawn(UpdateMessage u, Prefix... prefixes) {
        assertEquals(ErrorHandling.TREAT_AS_WITHDRAW, u.errorHandling(), u.toString());
        assertEquals(List.of(), u.announced());
        assertEquals(List.of(prefixes), u.withdrawn());
    }

    private static PathAttributes assertDiscarded(UpdateMessage u) {
        assertEquals(ErrorHandling.ATTRIBUTE_DISCARD, u.errorHandling(), u.toString());
        assertEquals(1, u.announced().size());
        assertEquals(List.of(P), u.announced().get(0).prefixes());
        return u.announced().get(0).attributes();
    }

    private static MalformedMessageException assertReset(byte[] m, ErrorSubcode subcode) {
        return assertReset(m, EBGP, subcode);
    }

    private static MalformedMessageException assertReset(byte[] m, UpdateContext ctx, ErrorSubcode subcode) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> decode(m, ctx));
        assertEquals(subcode, e.notification().subcode(), e.getMessage());
        return e;
    }

    @Test
    void aWellFormedUpdateHasNoErrors() throws Exception {
        UpdateMessage u = decode(update("", BASE, NLRI));
        assertEquals(ErrorHandling.NONE, u.errorHandling());
        assertEquals(List.of(P), u.announced().get(0).prefixes());
        assertEquals("192.0.2.1", u.announced().get(0).attributes().nextHop().toString());
    }

    // ---- session reset: the NLRI cannot be trusted (RFC 7606 §3 b, §3 g, §5.2, §5.3, §7.11) ----

    @Test
    void lengthFieldsThatDoNotAddUpResetTheSession() {
        byte[] m = update("", BASE, NLRI);
        m[19] = 0;
        m[20] = 40; // Withdrawn Routes Length past the end
        assertReset(m, ErrorSubcode.MALFORMED_ATTRIBUTE_LIST);
        byte[] n = update("", BASE, NLRI);
        n[21] = 0x7f; // Total Path Attribute Length past the end
        assertReset(n, ErrorSubcode.MALFORMED_ATTRIBUTE_LIST);
    }

    @Test
    void unparsableNlriResetTheSession() {
        assertReset(update("", BASE, "21c6336400"), ErrorSubcode.INVALID_NETWORK_FIELD); // /33
        assertReset(update("", BASE, "18c633"), ErrorSubcode.INVALID_NETWORK_FIELD); // overrun
        assertReset(update("21c6336400", "", ""), ErrorSubcode.INVALID_NETWORK_FIELD); // withdrawn /33
    }

    @Test
    void malformedMpReachOrMpUnreachResetsTheSession() {
        assertReset(update("", ORIGIN + AS_PATH + attr(0x80, 14, "000201"), ""), ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR);
        // IPv6 next hop of 5 octets
        assertReset(update("", ORIGIN + AS_PATH + attr(0x80, 14, "0002" + "01" + "05" + "2001db8000" + "00" + "30" + "20010db80001"), ""),
                ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR);
        // IPv6 prefix length 129
        assertReset(update("", ORIGIN + AS_PATH + attr(0x80, 14, "0002" + "01" + "10" + "20010db8000000000000000000000001" + "00" + "81"), ""),
                ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR);
        assertReset(update("", attr(0x80, 15, "0002"), ""), ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR);
        // next hop length overruns the attribute
        assertReset(update("", ORIGIN + AS_PATH + attr(0x80, 14, "0002" + "01" + "20" + "20010db8"), ""), ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR);
    }

    @Test
    void repeatedMpReachResetsTheSessionButOtherRepeatsAreDiscarded() throws Exception {
        assertReset(update("", MP_REACH_V6 + MP_REACH_V6 + ORIGIN + AS_PATH, ""), ErrorSubcode.MALFORMED_ATTRIBUTE_LIST);
        String communities = attr(0xc0, 8, "fde90001");
        PathAttributes a = assertDiscarded(decode(update("", BASE + communities + attr(0xc0, 8, "fde90002"), NLRI)));
        assertEquals(Communities.of(Communities.community(65001, 1)), a.communities());
    }

    @Test
    void mpReachWithWrongFlagsResetsTheSession() {
        String transitive = attr(0xc0, 14, "0002" + "01" + "10" + "20010db8000000000000000000000001" + "00" + "30" + "20010db80001");
        assertReset(update("", transitive + ORIGIN + AS_PATH, ""), ErrorSubcode.ATTRIBUTE_FLAGS_ERROR);
    }

    @Test
    void unrecognisedWellKnownAttributeResetsTheSession() {
        String unknown = attr(0x40, 99, "0102");
        MalformedMessageException e = assertReset(update("", BASE + unknown, NLRI), ErrorSubcode.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE);
        assertArrayEquals(Bytes.hex(unknown), e.notification().data(), "RFC 4271 §6.3: the data is the attribute");
    }

    @Test
    void errorsInAnUpdateWithoutReachableNlriResetTheSession() throws Exception {
        // RFC 7606 §5.2: attributes, no reachable NLRI, an error stronger than discard.
        assertReset(update(NLRI, attr(0x40, 1, "07"), ""), ErrorSubcode.MALFORMED_ATTRIBUTE_LIST);
        // With only an attribute-discard error the withdrawal goes through.
        UpdateMessage u = decode(update(NLRI, attr(0x40, 6, "01"), ""));
        assertEquals(ErrorHandling.ATTRIBUTE_DISCARD, u.errorHandling());
        assertEquals(List.of(P), u.withdrawn());
    }

    @Test
    void theStrongestApproachWins() {
        // treat-as-withdraw (ORIGIN) and session reset (second MP_REACH_NLRI) together
        assertReset(update("", MP_REACH_V6 + attr(0x40, 1, "09") + AS_PATH + MP_REACH_V6, ""), ErrorSubcode.MALFORMED_ATTRIBUTE_LIST);
    }

    // ---- treat-as-withdraw ----

    @Test
    void malformedOriginIsTreatAsWithdraw() throws Exception {
        assertWithdrawn(decode(update("", attr(0x40, 1, "0000") + AS_PATH + NEXT_HOP, NLRI)), P); // §7.1 length
        assertWithdrawn(decode(update("", attr(0x40, 1, "03") + AS_PATH + NEXT_HOP, NLRI)), P); // §7.1 value
    }

    @Test
    void malformedAsPathIsTreatAsWithdraw() throws Exception {
        assertWithdrawn(decode(update("", ORIGIN + attr(0x40, 2, "0501" + "0000fde9") + NEXT_HOP, NLRI)), P); // segment type 5
        assertWithdrawn(decode(update("", ORIGIN + attr(0x40, 2, "0200") + NEXT_HOP, NLRI)), P); // length 0
        assertWithdrawn(decode(update("", ORIGIN + attr(0x40, 2, "0202" + "0000fde9") + NEXT_HOP, NLRI)), P); // overrun
        assertWithdrawn(decode(update("", ORIGIN + attr(0x40, 2, "0201" + "0000fde9" + "02") + NEXT_HOP, NLRI)), P); // one octet left
        assertWithdrawn(decode(update("", ORIGIN + attr(0x40, 2, "0301" + "0000fde9" + "0201" + "0000fde9") + NEXT_HOP, NLRI)), P); // confed
    }

    @Test
    void firstAsOtherThanTheEbgpPeersIsTreatAsWithdraw() throws Exception {
        String path = attr(0x40, 2, "0201" + "0000fdea"); // 65002, peer is 65001
        assertWithdrawn(decode(update("", ORIGIN + path + NEXT_HOP, NLRI)), P);
        assertEquals(ErrorHandling.NONE, decode(update("", ORIGIN + path + NEXT_HOP, NLRI), IBGP).errorHandling());
        UpdateContext routeServer = new UpdateContext(true, false, 65001, 65000, false, EBGP.families(), null, null);
        assertEquals(ErrorHandling.NONE, decode(update("", ORIGIN + path + NEXT_HOP, NLRI), routeServer).errorHandling());
    }

    @Test
    void malformedOrInvalidNextHopIsTreatAsWithdraw() throws Exception {
        assertWithdrawn(decode(update("", ORIGIN + AS_PATH + attr(0x40, 3, "c000020101"), NLRI)), P); // §7.3 length
        assertWithdrawn(decode(update("", ORIGIN + AS_PATH + attr(0x40, 3, "00000000"), NLRI)), P); // 0.0.0.0
        assertWithdrawn(decode(update("", ORIGIN + AS_PATH + attr(0x40, 3, "e0000001"), NLRI)), P); // multicast
        UpdateContext here = new UpdateContext(true, false, 65001, 65000, true, EBGP.families(), InetAddress.getByName("192.0.2.1"), null);
        assertWithdrawn(decode(update("", BASE, NLRI), here), P); // our own address
    }

    @Test
    void malformedMedLocalPrefOriginatorAndClusterListAreTreatAsWithdraw() throws Exception {
        assertWithdrawn(decode(update("", BASE + attr(0x80, 4, "000001"), NLRI)), P); // §7.4
        assertWithdrawn(decode(update("", BASE + attr(0x40, 5, "000064"), NLRI), IBGP), P); // §7.5
        assertWithdrawn(decode(update("", BASE + attr(0x80, 9, "0a0000"), NLRI), IBGP), P); // §7.9
        assertWithdrawn(decode(update("", BASE + attr(0x80, 10, "0a00000101"), NLRI), IBGP), P); // §7.10
    }

    @Test
    void malformedCommunitiesAndLargeCommunitiesAreTreatAsWithdraw() throws Exception {
        assertWithdrawn(decode(update("", BASE + attr(0xc0, 8, ""), NLRI)), P); // §7.8 empty
        assertWithdrawn(decode(update("", BASE + attr(0xc0, 8, "fde90001ff"), NLRI)), P); // §7.8 not a multiple of 4
        assertWithdrawn(decode(update("", BASE + attr(0xc0, 32, "0000fde9000000010000000100"), NLRI)), P); // RFC 8092 §6
    }

    @Test
    void conflictingFlagsAreTreatAsWithdraw() throws Exception {
        assertWithdrawn(decode(update("", attr(0xc0, 1, "00") + AS_PATH + NEXT_HOP, NLRI)), P); // ORIGIN marked optional
        assertWithdrawn(decode(update("", BASE + attr(0x40, 4, "00000001"), NLRI)), P); // MED marked well-known
        assertWithdrawn(decode(update("", BASE + attr(0x80, 7, "0000fde9c0000201"), NLRI)), P); // AGGREGATOR not transitive
        // The Partial and Extended Length bits are not in conflict.
        assertEquals(ErrorHandling.NONE, decode(update("", BASE + attr(0xf0, 8, "fde90001"), NLRI)).errorHandling());
    }

    @Test
    void missingWellKnownAttributesAreTreatAsWithdraw() throws Exception {
        assertWithdrawn(decode(update("", AS_PATH + NEXT_HOP, NLRI)), P);
        assertWithdrawn(decode(update("", ORIGIN + NEXT_HOP, NLRI)), P);
        assertWithdrawn(decode(update("", ORIGIN + AS_PATH, NLRI)), P);
        // NEXT_HOP is not needed when the only NLRI are in MP_REACH_NLRI (RFC 4760 §3).
        UpdateMessage u = decode(update("", MP_REACH_V6 + ORIGIN + AS_PATH, ""));
        assertEquals(ErrorHandling.NONE, u.errorHandling());
        assertEquals(List.of(P6), u.announced().get(0).prefixes());
    }

    @Test
    void attributeFramingErrorsAreTreatAsWithdrawAndTheNlriStillFound() throws Exception {
        // The last attribute claims more than is left (RFC 7606 §4): Total Path Attribute
        // Length still locates the NLRI, which are withdrawn.
        String overrun = "c008" + "08" + "fde90001";
        assertWithdrawn(decode(update("", BASE + overrun, NLRI)), P);
        // Two octets left where a header needs three.
        assertWithdrawn(decode(update("", BASE + "c008", NLRI)), P);
    }

    @Test
    void treatAsWithdrawCoversMpReachNlriToo() throws Exception {
        UpdateMessage u = decode(update("", MP_REACH_V6 + attr(0x40, 1, "05") + AS_PATH, ""));
        assertWithdrawn(u, P6);
    }

    // ---- attribute discard ----

    @Test
    void localPrefOriginatorIdAndClusterListFromAnExternalPeerAreDiscarded() throws Exception {
        PathAttributes a = assertDiscarded(decode(update("", BASE + attr(0x40, 5, "00000064"), NLRI))); // §7.5
        assertFalse(a.hasLocalPref());
        a = assertDiscarded(decode(update("", BASE + attr(0x80, 9, "0a000001"), NLRI))); // §7.9
        assertFalse(a.hasOriginatorId());
        a = assertDiscarded(decode(update("", BASE + attr(0x80, 10, "0a000001"), NLRI))); // §7.10
        assertTrue(a.clusterList().isEmpty());
    }

    @Test
    void malformedAtomicAggregateAndAggregatorAreDiscarded() throws Exception {
        PathAttributes a = assertDiscarded(decode(update("", BASE + attr(0x40, 6, "00"), NLRI))); // §7.6
        assertFalse(a.atomicAggregate());
        a = assertDiscarded(decode(update("", BASE + attr(0xc0, 7, "fde9c0000201"), NLRI))); // §7.7: 6 octets on a 4-octet session
        assertNull(a.aggregator());
        UpdateContext twoOctet = EBGP.withFourOctetAs(false);
        String path2 = attr(0x40, 2, "0201" + "fde9");
        UpdateMessage u = decode(update("", ORIGIN + path2 + NEXT_HOP + attr(0xc0, 7, "0000fde9c0000201"), NLRI), twoOctet);
        assertNull(assertDiscarded(u).aggregator());
    }

    @Test
    void as4AttributesFromAFourOctetSpeakerAreDiscarded() throws Exception {
        PathAttributes a = assertDiscarded(decode(update("", BASE + attr(0xc0, 17, "0201" + "fa56ea01"), NLRI))); // RFC 6793 §4.1
        assertEquals(AsPath.sequence(65001), a.asPath());
        assertDiscarded(decode(update("", BASE + attr(0xc0, 18, "fa56ea01c0000201"), NLRI)));
    }

    @Test
    void malformedAs4PathIsDiscardedAndAsPathKept() throws Exception {
        UpdateContext twoOctet = EBGP.withFourOctetAs(false);
        String path2 = attr(0x40, 2, "0202" + "fde9" + "5ba0");
        UpdateMessage u = decode(update("", ORIGIN + path2 + NEXT_HOP + attr(0xc0, 17, "0205" + "fa56ea01"), NLRI), twoOctet);
        assertEquals(AsPath.sequence(65001, AsPath.AS_TRANS), assertDiscarded(u).asPath());
    }

    // ---- unrecognised attributes ----

    @Test
    void unrecognisedOptionalTransitiveAttributesArePassedOnWithPartialSet() throws Exception {
        String unknown = attr(0xc0, 99, "cafe");
        UpdateMessage u = decode(update("", BASE + unknown, NLRI));
        assertEquals(ErrorHandling.NONE, u.errorHandling());
        PathAttributes a = u.announced().get(0).attributes();
        assertEquals(1, a.unknownAttributes().size());
        UnknownAttribute x = a.unknownAttributes().get(0);
        assertEquals(99, x.type().number());
        assertEquals(0xc0, x.flags());
        byte[] again = MessageCodec.encode(UpdateMessage.announce(a, List.of(P)), EBGP);
        assertTrue(Bytes.hex(again).contains("e06302cafe"), "re-advertised with the Partial bit: " + Bytes.hex(again));
    }

    @Test
    void unrecognisedOptionalNonTransitiveAttributesAreQuietlyIgnored() throws Exception {
        UpdateMessage u = decode(update("", BASE + attr(0x80, 99, "cafe"), NLRI));
        assertEquals(ErrorHandling.NONE, u.errorHandling());
        assertTrue(u.announced().get(0).attributes().unknownAttributes().isEmpty());
    }

    @Test
    void largeCommunityDuplicatesAreRemoved() throws Exception {
        String triple = "0000fde9" + "00000001" + "00000002";
        UpdateMessage u = decode(update("", BASE + attr(0xc0, 32, triple + triple), NLRI));
        assertEquals(LargeCommunities.of(65001, 1, 2), u.announced().get(0).attributes().largeCommunities());
    }

    @Test
    void nlriOfFamiliesNotNegotiatedAreIgnored() throws Exception {
        UpdateContext v4only = new UpdateContext(true, false, 65001, 65000, true, Set.of(Family.IPV4_UNICAST), null, null);
        UpdateMessage u = decode(update("", MP_REACH_V6 + ORIGIN + AS_PATH, ""), v4only);
        assertEquals(ErrorHandling.NONE, u.errorHandling());
        assertTrue(u.announced().isEmpty());
        // a family this codec does not parse (IPv4 multicast) is ignored the same way
        UpdateMessage m = decode(update("", attr(0x80, 14, "0001" + "02" + "04" + "c0000201" + "00" + "18c63364") + ORIGIN + AS_PATH, ""));
        assertTrue(m.announced().isEmpty());
    }

    @Test
    void endOfRibMarkers() throws Exception {
        assertEquals(Family.IPV4_UNICAST, decode(update("", "", "")).endOfRib());
        assertEquals(Family.IPV6_UNICAST, decode(update("", attr(0x80, 15, "000201"), "")).endOfRib());
        assertNull(decode(update("", attr(0x80, 15, "000201" + "30" + "20010db80001"), "")).endOfRib());
    }
}
