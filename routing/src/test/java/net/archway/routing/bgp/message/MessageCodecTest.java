package net.archway.routing.bgp.message;

import static net.archway.routing.bgp.message.Bytes.hex;
import static net.archway.routing.bgp.message.Bytes.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The header, OPEN with its capabilities, NOTIFICATION, KEEPALIVE and ROUTE-REFRESH. */
class MessageCodecTest {

    private static MalformedMessageException malformed(byte[] m) {
        return assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(m, UpdateContext.ebgp(1, 2)));
    }

    @Test
    void keepaliveIsTheHeaderAlone() throws Exception {
        byte[] k = hex("ffffffffffffffffffffffffffffffff 0013 04");
        assertArrayEquals(k, MessageCodec.encode(KeepaliveMessage.INSTANCE));
        assertEquals(KeepaliveMessage.INSTANCE, MessageCodec.decode(k, null));
    }

    @Test
    void headerErrors() {
        byte[] k = hex("ffffffffffffffffffffffffffffffff 0013 04");
        k[3] = 0;
        assertEquals(ErrorSubcode.CONNECTION_NOT_SYNCHRONIZED, malformed(k).notification().subcode());

        MalformedMessageException e = malformed(hex("ffffffffffffffffffffffffffffffff 0014 04 00"));
        assertEquals(ErrorSubcode.BAD_MESSAGE_LENGTH, e.notification().subcode());
        assertArrayEquals(hex("0014"), e.notification().data(), "RFC 4271 §6.1: the data is the erroneous Length field");

        assertEquals(ErrorSubcode.BAD_MESSAGE_LENGTH, malformed(hex("ffffffffffffffffffffffffffffffff 0013 01")).notification().subcode());
        assertEquals(ErrorSubcode.BAD_MESSAGE_LENGTH, malformed(hex("ffffffffffffffffffffffffffffffff 0012 04")).notification().subcode());
        byte[] big = new byte[4097];
        System.arraycopy(hex("ffffffffffffffffffffffffffffffff 1001 02"), 0, big, 0, 19);
        assertEquals(ErrorSubcode.BAD_MESSAGE_LENGTH, malformed(big).notification().subcode());

        e = malformed(hex("ffffffffffffffffffffffffffffffff 0013 06"));
        assertEquals(ErrorSubcode.BAD_MESSAGE_TYPE, e.notification().subcode());
        assertArrayEquals(new byte[] {6}, e.notification().data());
    }

    @Test
    void openWithCapabilitiesRoundTrips() throws Exception {
        OpenMessage open = OpenMessage.of(4200000001L, 90, 0x0a000001, List.of(
                new Capability.Multiprotocol(Family.IPV4_UNICAST), new Capability.Multiprotocol(Family.IPV6_UNICAST),
                new Capability.RouteRefresh(), new Capability.EnhancedRouteRefresh(),
                new Capability.GracefulRestart(true, false, 120, List.of(new Capability.GracefulRestart.Entry(Family.IPV4_UNICAST, true))),
                new Capability.Unknown(CapabilityCode.valueOf(200), hex("0102"))));
        byte[] b = MessageCodec.encode(open);
        OpenMessage back = (OpenMessage) MessageCodec.decode(b, null);
        assertEquals(open, back);
        assertEquals(AsPath.AS_TRANS, back.myAutonomousSystem(), "RFC 6793 §4.1: AS_TRANS in the 2-octet field");
        assertEquals(4200000001L, back.autonomousSystem());
        // RFC 4724 §3: Restart State bit, 12-bit time, then AFI, SAFI, flags with F set.
        assertTrue(Bytes.hex(b).contains("4006" + "8078" + "0001" + "01" + "80"), Bytes.hex(b));
    }

    @Test
    void openErrors() {
        byte[] v3 = message(1, hex("03 fde9 005a 0a000001 00"));
        MalformedMessageException e = malformed(v3);
        assertEquals(ErrorSubcode.UNSUPPORTED_VERSION_NUMBER, e.notification().subcode());
        assertArrayEquals(hex("0004"), e.notification().data(), "RFC 4271 §6.2: the largest version supported");

        byte[] auth = message(1, hex("04 fde9 005a 0a000001 04 01 02 0000"));
        assertEquals(ErrorSubcode.UNSUPPORTED_OPTIONAL_PARAMETER, malformed(auth).notification().subcode());

        byte[] badCap = message(1, hex("04 fde9 005a 0a000001 05 02 03 41 01 00"));
        assertEquals(ErrorSubcode.UNSPECIFIC_OPEN, malformed(badCap).notification().subcode());

        byte[] badLength = message(1, hex("04 fde9 005a 0a000001 09 02 02 0200"));
        assertEquals(ErrorSubcode.UNSPECIFIC_OPEN, malformed(badLength).notification().subcode());
    }

    @Test
    void extendedOptionalParametersOfRfc9072Decode() throws Exception {
        byte[] m = message(1, hex("04 fde9 005a 0a000001 ff ff 0009 02 0006 410400000fde9".replace("0fde9", "fde9")));
        OpenMessage open = (OpenMessage) MessageCodec.decode(m, null);
        assertEquals(65001, open.autonomousSystem());
    }

    @Test
    void aLongCapabilityListIsWrittenWithRfc9072Lengths() throws Exception {
        List<Capability> many = new java.util.ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(new Capability.Multiprotocol(Family.of(1, 100 + i)));
        }
        OpenMessage open = OpenMessage.of(65001, 90, 1, many);
        assertEquals(open, MessageCodec.decode(MessageCodec.encode(open), null));
    }

    @Test
    void shutdownCommunication() throws Exception {
        NotificationMessage n = NotificationMessage.shutdown(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, "maintenance until 22:00");
        byte[] b = MessageCodec.encode(n);
        assertArrayEquals(hex("ffffffffffffffffffffffffffffffff 002d 03 06 02 17"), java.util.Arrays.copyOf(b, 22));
        NotificationMessage back = (NotificationMessage) MessageCodec.decode(b, null);
        assertEquals(Optional.of("maintenance until 22:00"), back.shutdownCommunication());
        assertEquals("Cease/Administrative Shutdown: \"maintenance until 22:00\"", back.toString());
    }

    @Test
    void shutdownCommunicationIsCutAtACharacterBoundary() {
        String text = "é".repeat(100); // 200 octets of UTF-8
        NotificationMessage n = NotificationMessage.shutdown(ErrorSubcode.ADMINISTRATIVE_RESET, text);
        assertEquals(128, n.data()[0] & 0xff);
        assertEquals("é".repeat(64), n.shutdownCommunication().orElseThrow());
    }

    @Test
    void malformedShutdownCommunicationIsNotShown() {
        // RFC 8203 §3: a length past the data, or invalid UTF-8, is ignored.
        assertEquals(Optional.empty(), new NotificationMessage(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, hex("05616263")).shutdownCommunication());
        assertEquals(Optional.empty(), new NotificationMessage(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, hex("02c328")).shutdownCommunication());
        assertEquals(Optional.empty(), new NotificationMessage(ErrorSubcode.PEER_DECONFIGURED, "\u0003abc".getBytes(StandardCharsets.UTF_8))
                .shutdownCommunication());
    }

    @Test
    void notificationsPrintTheirCodes() {
        assertEquals("Hold Timer Expired", new NotificationMessage(ErrorSubcode.HOLD_TIMER_EXPIRED).toString());
        assertEquals("OPEN Message Error/Bad Peer AS (data fde9)", new NotificationMessage(ErrorSubcode.BAD_PEER_AS, hex("fde9")).toString());
        assertEquals("Cease/42", new NotificationMessage(ErrorSubcode.valueOf(6, 42)).toString());
        assertEquals("9/1", new NotificationMessage(ErrorSubcode.valueOf(9, 1)).toString());
    }

    @Test
    void routeRefreshAndItsDemarcations() throws Exception {
        for (int subtype = 0; subtype <= 2; subtype++) {
            RouteRefreshMessage r = new RouteRefreshMessage(Family.IPV6_UNICAST, subtype);
            byte[] b = MessageCodec.encode(r);
            assertArrayEquals(hex("ffffffffffffffffffffffffffffffff 0017 05 0002 0" + subtype + " 01"), b);
            assertEquals(r, MessageCodec.decode(b, null));
        }
        // RFC 7313 §5: a BoRR of the wrong length
        MalformedMessageException e = malformed(message(5, hex("0001 01 01 00")));
        assertEquals(ErrorSubcode.INVALID_ROUTE_REFRESH_LENGTH, e.notification().subcode());
        assertEquals(24, e.notification().data().length, "the data is the whole message");
        // a normal request with ORF data (RFC 5291) is accepted and the ORF ignored
        assertEquals(RouteRefreshMessage.request(Family.IPV4_UNICAST), MessageCodec.decode(message(5, hex("0001 00 01 00")), null));
    }

    @Test
    void registryValuesKeepUnknownCodes() {
        assertEquals("99", AttributeType.valueOf(99).toString());
        assertEquals(99, AttributeType.valueOf(99).number());
        assertEquals(AttributeType.LARGE_COMMUNITY, AttributeType.valueOf(32));
        assertEquals("route-refresh", CapabilityCode.valueOf(2).toString());
        assertEquals(new Family(Afi.valueOf(25), Safi.valueOf(70)), Family.of(25, 70));
        assertEquals("l2vpn/evpn", Family.of(25, 70).toString());
        assertEquals("inet6-unicast", Family.IPV6_UNICAST.toString());
    }
}
