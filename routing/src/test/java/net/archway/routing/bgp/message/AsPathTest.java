package net.archway.routing.bgp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AsPathTest {

    @Test
    void parsesAndPrintsSegments() {
        AsPath p = AsPath.parse("65001 65002 {65003,65004} (65010 65011) [65012]");
        assertEquals("65001 65002 {65003 65004} (65010 65011) [65012]", p.toString());
        assertEquals(4, p.segments().size());
        assertEquals(AsPath.AS_SET, p.segments().get(1).type());
        assertEquals(p, AsPath.parse(p.toString()));
        assertEquals(AsPath.sequence(65536 + 1), AsPath.parse("1.1"), "asdot");
    }

    @Test
    void lengthCountsSequencesSetsAsOneAndNoConfederation() {
        assertEquals(3, AsPath.parse("65001 65002 {65003 65004} (65010 65011)").length());
        assertEquals(0, AsPath.EMPTY.length());
    }

    @Test
    void firstAndOriginAs() {
        AsPath p = AsPath.parse("65001 65002 65003");
        assertEquals(65001, p.firstAs());
        assertEquals(65003, p.originAs());
        assertEquals(-1, AsPath.parse("{65001}").firstAs());
        assertEquals(-1, AsPath.parse("65001 {65002 65003}").originAs());
        assertEquals(-1, AsPath.EMPTY.firstAs());
    }

    @Test
    void prependGoesIntoTheLeadingSequenceAndSplitsAt255() {
        assertEquals(AsPath.parse("65000 65000 65001 65002"), AsPath.parse("65001 65002").prepend(65000, 2));
        assertEquals(AsPath.parse("65000 {65001 65002}"), AsPath.parse("{65001 65002}").prepend(65000, 1));
        AsPath long1 = AsPath.sequence(new long[255]).prepend(7, 1);
        assertEquals(2, long1.segments().size());
        assertEquals(1, long1.segments().get(0).asns().length);
        assertEquals(256, long1.length());
        assertEquals(7, long1.firstAs());
    }

    @Test
    void containsAndCount() {
        AsPath p = AsPath.parse("65001 65002 65001 {65003}");
        assertTrue(p.contains(65003));
        assertEquals(2, p.count(65001));
        assertFalse(p.contains(65004));
    }

    @Test
    void confederationSegmentsAndFourOctetNumbers() {
        AsPath p = AsPath.parse("(65010) 65001 4200000001");
        assertTrue(p.hasConfederationSegments());
        assertEquals(AsPath.parse("65001 4200000001"), p.withoutConfederationSegments());
        assertTrue(p.hasFourOctetAs());
        assertFalse(AsPath.parse("65001").hasFourOctetAs());
    }

    @Test
    void invalidInputSaysWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AsPath.parse("65001 x"));
        assertTrue(e.getMessage().contains("'x' is not an AS number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AsPath.parse("{65001"));
        assertThrows(IllegalArgumentException.class, () -> AsPath.sequence(4294967296L));
        assertThrows(IllegalArgumentException.class, () -> new AsPath.Segment(5, new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> AsPath.of(List.of(new AsPath.Segment(2, new long[0]))));
    }
}
