package net.archway.routing.bfd.packet;

import java.nio.ByteBuffer;

/**
 * Bytes to {@link ControlPacket} and back (RFC 5880 §4.1). Decoding applies every check of
 * §6.8.6 that needs only the packet (version, Length against the A bit and the datagram, detect
 * multiplier, multipoint, My Discriminator, the auth section's shape); the checks that need the
 * session table are the receiver's. Stateless and thread-safe.
 */
public final class ControlPacketCodec {
    /** The mandatory section's length: 24 bytes. */
    public static final int MANDATORY_LENGTH = 24;
    /** The longest packet: 24 plus an auth section of at most 255 bytes. */
    public static final int MAX_LENGTH = MANDATORY_LENGTH + 255;

    private ControlPacketCodec() {
    }

    /** Decodes the datagram held in {@code buf} from its position to its limit; the position is left unchanged. */
    public static ControlPacket decode(ByteBuffer buf) throws MalformedPacketException {
        int start = buf.position();
        int available = buf.remaining();
        if (available < MANDATORY_LENGTH) {
            throw new MalformedPacketException(DropReason.TRUNCATED, available + " bytes");
        }
        int b0 = buf.get(start) & 0xff;
        int b1 = buf.get(start + 1) & 0xff;
        int version = b0 >>> 5;
        if (version != ControlPacket.VERSION) {
            throw new MalformedPacketException(DropReason.BAD_VERSION, "version " + version);
        }
        boolean authBit = (b1 & 0x04) != 0;
        int detectMult = buf.get(start + 2) & 0xff;
        int length = buf.get(start + 3) & 0xff;
        int minimum = authBit ? MANDATORY_LENGTH + 2 : MANDATORY_LENGTH;
        if (length < minimum) {
            throw new MalformedPacketException(DropReason.BAD_LENGTH, "length " + length + " below " + minimum);
        }
        if (length > available) {
            throw new MalformedPacketException(DropReason.BAD_LENGTH, "length " + length + " beyond the " + available + "-byte datagram");
        }
        if (detectMult == 0) {
            throw new MalformedPacketException(DropReason.ZERO_DETECT_MULT, "detect multiplier 0");
        }
        if ((b1 & 0x01) != 0) {
            throw new MalformedPacketException(DropReason.MULTIPOINT, "M bit set");
        }
        int myDiscriminator = buf.getInt(start + 4);
        if (myDiscriminator == 0) {
            throw new MalformedPacketException(DropReason.ZERO_MY_DISCRIMINATOR, "my discriminator 0");
        }
        AuthSection auth = null;
        if (authBit) {
            auth = decodeAuth(buf, start + MANDATORY_LENGTH, length - MANDATORY_LENGTH);
        } else if (length != MANDATORY_LENGTH) {
            // §4.1: without the A bit the packet is exactly the mandatory section.
            throw new MalformedPacketException(DropReason.BAD_LENGTH, "length " + length + " without an auth section");
        }
        return new ControlPacket(
                version,
                Diagnostic.valueOf(b0 & 0x1f),
                BfdState.valueOf(b1 >>> 6),
                (b1 & 0x20) != 0,
                (b1 & 0x10) != 0,
                (b1 & 0x08) != 0,
                (b1 & 0x02) != 0,
                false,
                detectMult,
                myDiscriminator,
                buf.getInt(start + 8),
                buf.getInt(start + 12) & 0xffffffffL,
                buf.getInt(start + 16) & 0xffffffffL,
                buf.getInt(start + 20) & 0xffffffffL,
                auth);
    }

    /** Convenience for tests and tools: decodes a whole array. */
    public static ControlPacket decode(byte[] datagram) throws MalformedPacketException {
        return decode(ByteBuffer.wrap(datagram));
    }

    private static AuthSection decodeAuth(ByteBuffer buf, int at, int room) throws MalformedPacketException {
        int type = buf.get(at) & 0xff;
        int authLen = buf.get(at + 1) & 0xff;
        if (authLen != room) {
            throw new MalformedPacketException(DropReason.BAD_LENGTH, "auth len " + authLen + " but " + room + " bytes follow the mandatory section");
        }
        AuthType t = AuthType.valueOf(type);
        // §4.2-§4.4: the lengths each known type must have.
        boolean ok;
        if (t.equals(AuthType.SIMPLE_PASSWORD)) {
            ok = authLen >= 4 && authLen <= 19;
        } else if (t.equals(AuthType.KEYED_MD5) || t.equals(AuthType.METICULOUS_KEYED_MD5)) {
            ok = authLen == 24;
        } else if (t.equals(AuthType.KEYED_SHA1) || t.equals(AuthType.METICULOUS_KEYED_SHA1)) {
            ok = authLen == 28;
        } else {
            ok = authLen >= 2;
        }
        if (!ok) {
            throw new MalformedPacketException(DropReason.BAD_AUTH_SECTION, t + " with auth len " + authLen);
        }
        byte[] bytes = new byte[authLen];
        for (int i = 0; i < authLen; i++) {
            bytes[i] = buf.get(at + i);
        }
        return new AuthSection(t, bytes);
    }

    /** Encodes {@code p} at {@code buf}'s position, which advances by {@link ControlPacket#length()}. */
    public static void encode(ControlPacket p, ByteBuffer buf) {
        int b0 = (p.version() << 5) | p.diagnostic().code();
        int b1 = (p.state().code() << 6)
                | (p.poll() ? 0x20 : 0)
                | (p.fin() ? 0x10 : 0)
                | (p.controlPlaneIndependent() ? 0x08 : 0)
                | (p.auth() != null ? 0x04 : 0)
                | (p.demand() ? 0x02 : 0)
                | (p.multipoint() ? 0x01 : 0);
        buf.put((byte) b0);
        buf.put((byte) b1);
        buf.put((byte) p.detectMult());
        buf.put((byte) p.length());
        buf.putInt(p.myDiscriminator());
        buf.putInt(p.yourDiscriminator());
        buf.putInt((int) p.desiredMinTxInterval());
        buf.putInt((int) p.requiredMinRxInterval());
        buf.putInt((int) p.requiredMinEchoRxInterval());
        if (p.auth() != null) {
            buf.put(p.auth().bytes());
        }
    }

    public static byte[] encode(ControlPacket p) {
        ByteBuffer b = ByteBuffer.allocate(p.length());
        encode(p, b);
        return b.array();
    }
}
