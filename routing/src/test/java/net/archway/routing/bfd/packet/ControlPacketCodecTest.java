package net.archway.routing.bfd.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class ControlPacketCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Down, diag 0, mult 3, my 1, your 0, 1 s / 300 ms / echo 50 ms — shaped like FRR bfdd's first packet. */
    private static final String DOWN = "20400318" + "00000001" + "00000000" + "000f4240" + "000493e0" + "0000c350";

    private static ControlPacket packet(String hex) throws MalformedPacketException {
        return ControlPacketCodec.decode(HEX.parseHex(hex));
    }

    private static DropReason reason(String hex) {
        return assertThrows(MalformedPacketException.class, () -> packet(hex)).reason();
    }

    private static String set(String hex, int byteIndex, int value) {
        byte[] b = HEX.parseHex(hex);
        b[byteIndex] = (byte) value;
        return HEX.formatHex(b);
    }

    @Test
    void decodesEveryField() throws Exception {
        ControlPacket p = packet(DOWN);
        assertEquals(1, p.version());
        assertEquals(Diagnostic.NONE, p.diagnostic());
        assertEquals(BfdState.DOWN, p.state());
        assertFalse(p.poll() || p.fin() || p.controlPlaneIndependent() || p.demand() || p.multipoint() || p.authenticated());
        assertEquals(3, p.detectMult());
        assertEquals(1, p.myDiscriminator());
        assertEquals(0, p.yourDiscriminator());
        assertEquals(1_000_000, p.desiredMinTxInterval());
        assertEquals(300_000, p.requiredMinRxInterval());
        assertEquals(50_000, p.requiredMinEchoRxInterval());
        assertEquals(24, p.length());
        assertEquals(DOWN, HEX.formatHex(ControlPacketCodec.encode(p)));
    }

    @Test
    void bitsAndUnsignedFieldsRoundTrip() throws Exception {
        ControlPacket p = new ControlPacket(1, Diagnostic.valueOf(31), BfdState.UP, true, false, true, true, false, 255,
                0xfedcba98, 0x80000001, 0xffffffffL, 0x80000000L, 0, null);
        byte[] bytes = ControlPacketCodec.encode(p);
        assertEquals("3f", HEX.formatHex(bytes, 0, 1));
        assertEquals(0xc0 | 0x20 | 0x08 | 0x02, bytes[1] & 0xff);
        ControlPacket back = ControlPacketCodec.decode(bytes);
        assertEquals(p, back);
        assertEquals("Diagnostic 31", back.diagnostic().toString());
        assertFalse(back.diagnostic().isKnown());
        assertEquals(0xffffffffL, back.desiredMinTxInterval());
    }

    @Test
    void finalBitAndStatesDecode() throws Exception {
        for (BfdState s : BfdState.values()) {
            ControlPacket p = packet(set(DOWN, 1, (s.code() << 6) | 0x10));
            assertEquals(s, p.state());
            assertTrue(p.fin());
        }
    }

    @Test
    void decodesTheDatagramFromItsPositionOnly() throws Exception {
        byte[] padded = HEX.parseHex("ffff" + DOWN + "eeee");
        ByteBuffer b = ByteBuffer.wrap(padded, 2, 26);
        // 26 bytes available, Length says 24: the trailing bytes are ignored (UDP padding).
        assertEquals(3, ControlPacketCodec.decode(b).detectMult());
        assertEquals(2, b.position());
    }

    // RFC 5880 §6.8.6, the checks on the packet alone, one by one.

    @Test
    void truncatedDatagramIsDropped() {
        assertEquals(DropReason.TRUNCATED, reason(DOWN.substring(0, 46)));
        assertEquals(DropReason.TRUNCATED, reason(""));
    }

    @Test
    void versionOtherThanOneIsDropped() {
        assertEquals(DropReason.BAD_VERSION, reason(set(DOWN, 0, 0x00)));
        assertEquals(DropReason.BAD_VERSION, reason(set(DOWN, 0, 0x40)));
        assertEquals(DropReason.BAD_VERSION, reason(set(DOWN, 0, 0xe0)));
    }

    @Test
    void lengthBelowTheMinimumIsDropped() {
        assertEquals(DropReason.BAD_LENGTH, reason(set(DOWN, 3, 23)));
        assertEquals(DropReason.BAD_LENGTH, reason(set(DOWN, 3, 0)));
        // With the A bit the minimum is 26.
        assertEquals(DropReason.BAD_LENGTH, reason(set(set(DOWN, 1, 0x44), 3, 25) + "0000"));
    }

    @Test
    void lengthBeyondTheDatagramIsDropped() {
        assertEquals(DropReason.BAD_LENGTH, reason(set(DOWN, 3, 25)));
        assertEquals(DropReason.BAD_LENGTH, reason(set(DOWN, 3, 255)));
    }

    @Test
    void lengthAboveTwentyFourWithoutAuthIsDropped() {
        assertEquals(DropReason.BAD_LENGTH, reason(set(DOWN, 3, 28) + "00000000"));
    }

    @Test
    void zeroDetectMultIsDropped() {
        assertEquals(DropReason.ZERO_DETECT_MULT, reason(set(DOWN, 2, 0)));
    }

    @Test
    void multipointIsDropped() {
        assertEquals(DropReason.MULTIPOINT, reason(set(DOWN, 1, 0x41)));
    }

    @Test
    void zeroMyDiscriminatorIsDropped() {
        assertEquals(DropReason.ZERO_MY_DISCRIMINATOR, reason(set(DOWN, 7, 0)));
    }

    @Test
    void authSectionsAreParsedAndChecked() throws Exception {
        String simple = set(set(DOWN, 1, 0x44), 3, 24 + 7) + "01070170617373"; // Simple Password, key 1, "pass"
        ControlPacket p = packet(simple);
        assertTrue(p.authenticated());
        assertEquals(AuthType.SIMPLE_PASSWORD, p.auth().type());
        assertEquals(1, p.auth().keyId());
        assertFalse(p.toString().contains("pass"), "the password never prints");
        assertEquals(simple, HEX.formatHex(ControlPacketCodec.encode(p)));

        String md5 = set(set(DOWN, 1, 0x44), 3, 48) + "0218" + "01" + "00" + "00000005" + "00".repeat(16);
        assertEquals(AuthType.KEYED_MD5, packet(md5).auth().type());
        String sha1 = set(set(DOWN, 1, 0x44), 3, 52) + "051c" + "01" + "00" + "00000005" + "00".repeat(20);
        assertEquals(AuthType.METICULOUS_KEYED_SHA1, packet(sha1).auth().type());
        String unknown = set(set(DOWN, 1, 0x44), 3, 28) + "63040102";
        assertEquals(99, packet(unknown).auth().type().code());
    }

    @Test
    void malformedAuthSectionsAreDropped() {
        // Auth Len disagrees with the packet's Length.
        assertEquals(DropReason.BAD_LENGTH, reason(set(set(DOWN, 1, 0x44), 3, 31) + "01080170617373"));
        // Simple password of length 0 (Auth Len 3), MD5 of the wrong size, SHA1 of the wrong size.
        assertEquals(DropReason.BAD_AUTH_SECTION, reason(set(set(DOWN, 1, 0x44), 3, 27) + "010301"));
        assertEquals(DropReason.BAD_AUTH_SECTION, reason(set(set(DOWN, 1, 0x44), 3, 28) + "02040100"));
        assertEquals(DropReason.BAD_AUTH_SECTION, reason(set(set(DOWN, 1, 0x44), 3, 48) + "0418" + "00".repeat(22)));
    }

    @Test
    void fuzzedDatagramsNeverThrowAnythingElse() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5880);
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[r.nextInt(0, 64)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (0x20 | (b[0] & 0x1f));
            }
            if (b.length > 3 && r.nextBoolean()) {
                b[3] = (byte) Math.min(b.length, 24 + r.nextInt(0, 8));
            }
            try {
                ControlPacket p = ControlPacketCodec.decode(b);
                assertArrayEquals(java.util.Arrays.copyOf(b, p.length()), ControlPacketCodec.encode(p));
            } catch (MalformedPacketException expected) {
                // counted and dropped by the receiver
            }
        }
    }

    @Test
    void registriesKeepUnknownCodes() {
        assertEquals(Diagnostic.ADMINISTRATIVELY_DOWN, Diagnostic.valueOf(7));
        assertEquals("Path Down", Diagnostic.valueOf(5).toString());
        assertEquals(20, Diagnostic.valueOf(20).code());
        assertEquals(Diagnostic.valueOf(20), Diagnostic.valueOf(20));
        assertEquals(AuthType.valueOf(200), AuthType.valueOf(200));
        assertEquals(BfdState.INIT, BfdState.valueOf(2));
        assertEquals("AdminDown", BfdState.ADMIN_DOWN.toString());
    }
}
