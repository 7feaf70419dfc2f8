package net.archway.routing.bgp.message;

import static net.archway.routing.bgp.message.Bytes.NEXT_HOP;
import static net.archway.routing.bgp.message.Bytes.NLRI;
import static net.archway.routing.bgp.message.Bytes.ORIGIN;
import static net.archway.routing.bgp.message.Bytes.attr;
import static net.archway.routing.bgp.message.Bytes.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;

/** AS_PATH and AGGREGATOR with a 2-octet peer: AS4_PATH and AS4_AGGREGATOR (RFC 6793 §4.2). */
class FourOctetAsTest {
    private static final UpdateContext OLD = UpdateContext.ebgp(65000, 65001).withFourOctetAs(false);
    private static final Prefix P = Prefix.parse("198.51.100.0/24");

    private static PathAttributes decode(String attributes) throws Exception {
        UpdateMessage u = (UpdateMessage) MessageCodec.decode(update("", attributes, NLRI), OLD);
        assertEquals(ErrorHandling.NONE, u.errorHandling(), u.toString());
        return u.announced().get(0).attributes();
    }

    @Test
    void as4PathReplacesTheTrailingPartOfAsPath() throws Exception {
        // AS_PATH 65001 AS_TRANS 65003, AS4_PATH 4200000001 65003
        String path = attr(0x40, 2, "0203" + "fde9" + "5ba0" + "fdeb");
        String as4 = attr(0xc0, 17, "0202" + "fa56ea01" + "0000fdeb");
        assertEquals(AsPath.sequence(65001, 4200000001L, 65003), decode(ORIGIN + path + NEXT_HOP + as4).asPath());
    }

    @Test
    void as4PathLongerThanAsPathIsIgnored() throws Exception {
        String path = attr(0x40, 2, "0201" + "fde9");
        String as4 = attr(0xc0, 17, "0202" + "fa56ea01" + "0000fdeb");
        assertEquals(AsPath.sequence(65001), decode(ORIGIN + path + NEXT_HOP + as4).asPath());
    }

    @Test
    void setsAndConfederationSegmentsCountAsTheRfcSays() {
        AsPath merged = AsPathCodec.merge(AsPath.parse("65001 {65002 65003} 23456 23456"), AsPath.parse("4200000001 4200000002"));
        assertEquals(AsPath.parse("65001 {65002 65003} 4200000001 4200000002"), merged);
    }

    @Test
    void aggregatorNotAsTransMeansAs4AttributesAreStale() throws Exception {
        String path = attr(0x40, 2, "0202" + "fde9" + "5ba0");
        String as4 = attr(0xc0, 17, "0201" + "fa56ea01");
        String aggregator = attr(0xc0, 7, "fde9" + "c0000202");
        String as4Aggregator = attr(0xc0, 18, "fa56ea02" + "c0000203");
        PathAttributes a = decode(ORIGIN + path + NEXT_HOP + aggregator + as4 + as4Aggregator);
        assertEquals(AsPath.sequence(65001, AsPath.AS_TRANS), a.asPath());
        assertEquals(new Aggregator(65001, 0xc0000202), a.aggregator());
    }

    @Test
    void aggregatorAsTransIsReplacedByAs4Aggregator() throws Exception {
        String path = attr(0x40, 2, "0202" + "fde9" + "5ba0");
        String as4 = attr(0xc0, 17, "0201" + "fa56ea01");
        String aggregator = attr(0xc0, 7, "5ba0" + "c0000202");
        String as4Aggregator = attr(0xc0, 18, "fa56ea02" + "c0000203");
        PathAttributes a = decode(ORIGIN + path + NEXT_HOP + aggregator + as4 + as4Aggregator);
        assertEquals(AsPath.sequence(65001, 4200000001L), a.asPath());
        assertEquals(new Aggregator(4200000002L, 0xc0000203), a.aggregator());
    }

    @Test
    void encodingForATwoOctetPeerWritesAsTransAndTheAs4Attributes() throws Exception {
        PathAttributes a = PathAttributes.builder().asPath(AsPath.sequence(65001, 4200000001L))
                .nextHop(NextHop.of(Prefix.parseAddress("192.0.2.1", ""))).aggregator(new Aggregator(4200000002L, 0x0a000001)).build();
        byte[] b = MessageCodec.encode(UpdateMessage.announce(a, List.of(P)), OLD);
        String h = Bytes.hex(b);
        assertTrue(h.contains("400206" + "0202" + "fde9" + "5ba0"), h);
        assertTrue(h.contains("c00706" + "5ba0" + "0a000001"), h);
        assertTrue(h.contains("c0110a" + "0202" + "0000fde9" + "fa56ea01"), h);
        assertTrue(h.contains("c01208" + "fa56ea02" + "0a000001"), h);
        UpdateMessage back = (UpdateMessage) MessageCodec.decode(b, OLD);
        assertEquals(a, back.announced().get(0).attributes());
    }

    @Test
    void noAs4PathWhenEveryNumberFitsTwoOctets() {
        PathAttributes a = PathAttributes.builder().asPath(AsPath.sequence(65001, 65002))
                .nextHop(NextHop.of(Prefix.parseAddress("192.0.2.1", ""))).build();
        String h = Bytes.hex(MessageCodec.encode(UpdateMessage.announce(a, List.of(P)), OLD));
        assertFalse(h.contains("c011"), h);
    }
}
