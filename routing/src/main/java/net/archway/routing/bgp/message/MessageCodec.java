package net.archway.routing.bgp.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns BGP messages into bytes and back (RFC 4271 §4): the 19-octet header and each message
 * type, nothing else. Decoding failures that call for a NOTIFICATION throw
 * {@link MalformedMessageException} carrying it; the session decides what to do. Messages are at
 * most 4096 octets (extended messages, RFC 8654, are not negotiated).
 */
public final class MessageCodec {
    public static final int HEADER_LENGTH = 19;
    public static final int MAX_MESSAGE_LENGTH = 4096;

    private static final int CAPABILITIES_PARAMETER = 2;

    private MessageCodec() {
    }

    // ---- header ----

    /**
     * Checks the header of a message of {@code len} octets at {@code off} (RFC 4271 §6.1) and
     * returns its type: the marker must be all ones, the length field must equal {@code len}
     * and suit the type, and the type must be one this speaker knows.
     */
    public static MessageType checkHeader(byte[] b, int off, int len) throws MalformedMessageException {
        if (len < HEADER_LENGTH) {
            throw new MalformedMessageException(ErrorSubcode.BAD_MESSAGE_LENGTH, lengthData(len), "message of " + len + " octets");
        }
        for (int i = 0; i < 16; i++) {
            if (b[off + i] != (byte) 0xff) {
                throw new MalformedMessageException(ErrorSubcode.CONNECTION_NOT_SYNCHRONIZED, null, "the header's marker is not all ones");
            }
        }
        int length = Wire.u16(b, off + 16);
        int type = b[off + 18] & 0xff;
        int min = switch (type) {
            case 1 -> 29;
            case 2 -> 23;
            case 3 -> 21;
            case 4 -> 19;
            case 5 -> 23;
            default -> -1;
        };
        if (length != len || length < HEADER_LENGTH || length > MAX_MESSAGE_LENGTH || min > 0 && length < min
                || type == 4 && length != 19) {
            throw new MalformedMessageException(ErrorSubcode.BAD_MESSAGE_LENGTH, lengthData(length),
                    "bad message length " + length + " for a message of type " + MessageType.valueOf(type));
        }
        if (min < 0) {
            throw new MalformedMessageException(ErrorSubcode.BAD_MESSAGE_TYPE, new byte[] {(byte) type}, "unknown message type " + type);
        }
        return MessageType.valueOf(type);
    }

    /** The length field of a header whose first {@link #HEADER_LENGTH} octets are at {@code off}. */
    public static int lengthField(byte[] b, int off) {
        return Wire.u16(b, off + 16);
    }

    private static byte[] lengthData(int length) {
        return new byte[] {(byte) (length >>> 8), (byte) length};
    }

    // ---- decoding ----

    /**
     * Decodes a whole message (header included). {@code ctx} is needed for UPDATEs only; an
     * UPDATE without one is a programming error.
     */
    public static BgpMessage decode(byte[] b, int off, int len, UpdateContext ctx) throws MalformedMessageException {
        MessageType type = checkHeader(b, off, len);
        int p = off + HEADER_LENGTH;
        int n = len - HEADER_LENGTH;
        return switch (type.number()) {
            case 1 -> decodeOpen(b, p, n);
            case 2 -> {
                if (ctx == null) {
                    throw new IllegalStateException("UPDATE decoding needs the session's context");
                }
                yield UpdateCodec.decode(b, p, n, ctx);
            }
            case 3 -> decodeNotification(b, p, n);
            case 4 -> KeepaliveMessage.INSTANCE;
            default -> decodeRouteRefresh(b, off, len);
        };
    }

    public static BgpMessage decode(byte[] message, UpdateContext ctx) throws MalformedMessageException {
        return decode(message, 0, message.length, ctx);
    }

    private static OpenMessage decodeOpen(byte[] b, int p, int n) throws MalformedMessageException {
        int version = b[p] & 0xff;
        if (version != OpenMessage.VERSION) {
            // RFC 4271 §6.2: the data is the largest version supported.
            throw new MalformedMessageException(ErrorSubcode.UNSUPPORTED_VERSION_NUMBER, new byte[] {0, OpenMessage.VERSION},
                    "BGP version " + version + " is not supported");
        }
        int myAs = Wire.u16(b, p + 1);
        int hold = Wire.u16(b, p + 3);
        int id = Wire.i32(b, p + 5);
        int optLen = b[p + 9] & 0xff;
        int q = p + 10;
        int end = p + n;
        boolean extended = false;
        // RFC 9072: a length of 255 and a first parameter type of 255 announce 2-octet lengths.
        if (optLen == 255 && q < end && (b[q] & 0xff) == 255) {
            if (q + 3 > end) {
                throw malformedOpen("extended optional parameters length truncated");
            }
            extended = true;
            optLen = Wire.u16(b, q + 1);
            q += 3;
        }
        if (q + optLen != end) {
            throw malformedOpen("optional parameters length " + optLen + " does not match the message");
        }
        List<Capability> caps = new ArrayList<>();
        while (q < end) {
            int header = extended ? 3 : 2;
            if (q + header > end) {
                throw malformedOpen("optional parameter header truncated");
            }
            int type = b[q] & 0xff;
            int plen = extended ? Wire.u16(b, q + 1) : b[q + 1] & 0xff;
            q += header;
            if (q + plen > end) {
                throw malformedOpen("optional parameter of " + plen + " octets overruns the message");
            }
            if (type != CAPABILITIES_PARAMETER) {
                // RFC 4271 §6.2 (type 1, authentication, is deprecated by RFC 5492).
                throw new MalformedMessageException(ErrorSubcode.UNSUPPORTED_OPTIONAL_PARAMETER, null,
                        "optional parameter type " + type + " is not supported");
            }
            decodeCapabilities(b, q, plen, caps);
            q += plen;
        }
        return new OpenMessage(version, myAs, hold, id, caps);
    }

    private static MalformedMessageException malformedOpen(String reason) {
        return new MalformedMessageException(ErrorSubcode.UNSPECIFIC_OPEN, null, "malformed OPEN: " + reason);
    }

    private static void decodeCapabilities(byte[] b, int p, int len, List<Capability> out) throws MalformedMessageException {
        int end = p + len;
        while (p < end) {
            if (p + 2 > end) {
                throw malformedOpen("capability header truncated");
            }
            int code = b[p] & 0xff;
            int clen = b[p + 1] & 0xff;
            p += 2;
            if (p + clen > end) {
                throw malformedOpen("capability " + CapabilityCode.valueOf(code) + " of " + clen + " octets overruns its parameter");
            }
            out.add(decodeCapability(code, b, p, clen));
            p += clen;
        }
    }

    private static Capability decodeCapability(int code, byte[] b, int p, int len) throws MalformedMessageException {
        CapabilityCode c = CapabilityCode.valueOf(code);
        switch (code) {
            case 1 -> {
                requireLength(c, len, len == 4);
                return new Capability.Multiprotocol(Family.of(Wire.u16(b, p), b[p + 3] & 0xff));
            }
            case 2 -> {
                requireLength(c, len, len == 0);
                return new Capability.RouteRefresh();
            }
            case 70 -> {
                requireLength(c, len, len == 0);
                return new Capability.EnhancedRouteRefresh();
            }
            case 65 -> {
                requireLength(c, len, len == 4);
                return new Capability.FourOctetAs(Wire.u32(b, p));
            }
            case 64 -> {
                requireLength(c, len, len >= 2 && (len - 2) % 4 == 0);
                int word = Wire.u16(b, p);
                List<Capability.GracefulRestart.Entry> families = new ArrayList<>();
                for (int q = p + 2; q < p + len; q += 4) {
                    families.add(new Capability.GracefulRestart.Entry(Family.of(Wire.u16(b, q), b[q + 2] & 0xff), (b[q + 3] & 0x80) != 0));
                }
                return new Capability.GracefulRestart((word & 0x8000) != 0, (word & 0x4000) != 0, word & 0x0fff, families);
            }
            default -> {
                byte[] v = new byte[len];
                System.arraycopy(b, p, v, 0, len);
                return new Capability.Unknown(c, v);
            }
        }
    }

    private static void requireLength(CapabilityCode c, int len, boolean ok) throws MalformedMessageException {
        if (!ok) {
            throw malformedOpen("capability " + c + " has a value of " + len + " octets");
        }
    }

    private static NotificationMessage decodeNotification(byte[] b, int p, int n) {
        byte[] data = new byte[n - 2];
        System.arraycopy(b, p + 2, data, 0, data.length);
        return new NotificationMessage(ErrorSubcode.valueOf(b[p] & 0xff, b[p + 1] & 0xff), data);
    }

    private static RouteRefreshMessage decodeRouteRefresh(byte[] b, int off, int len) throws MalformedMessageException {
        int p = off + HEADER_LENGTH;
        int subtype = b[p + 2] & 0xff;
        if ((subtype == RouteRefreshMessage.BEGIN || subtype == RouteRefreshMessage.END) && len != HEADER_LENGTH + 4) {
            // RFC 7313 §5: the data is the whole message.
            byte[] data = new byte[len];
            System.arraycopy(b, off, data, 0, len);
            throw new MalformedMessageException(ErrorSubcode.INVALID_ROUTE_REFRESH_LENGTH, data,
                    "ROUTE-REFRESH " + (subtype == 1 ? "BoRR" : "EoRR") + " of " + len + " octets");
        }
        // A normal request may carry ORF entries (RFC 5291); they are not negotiated and ignored.
        return new RouteRefreshMessage(Family.of(Wire.u16(b, p), b[p + 3] & 0xff), subtype);
    }

    // ---- encoding ----

    /** Encodes a message with its header; {@code ctx} is needed for UPDATEs only. */
    public static byte[] encode(BgpMessage m, UpdateContext ctx) {
        ByteSink out = new ByteSink(64);
        for (int i = 0; i < 16; i++) {
            out.u8(0xff);
        }
        out.u16(0);
        out.u8(m.type().number());
        if (m instanceof OpenMessage o) {
            encodeOpen(o, out);
        } else if (m instanceof UpdateMessage u) {
            if (ctx == null) {
                throw new IllegalStateException("UPDATE encoding needs the session's context");
            }
            UpdateCodec.encode(u, ctx, out);
        } else if (m instanceof NotificationMessage nm) {
            out.u8(nm.code().number());
            out.u8(nm.subcode().subcode());
            out.bytes(nm.rawData(), 0, nm.dataLength());
        } else if (m instanceof RouteRefreshMessage r) {
            out.u16(r.family().afi().number());
            out.u8(r.subtype());
            out.u8(r.family().safi().number());
        }
        byte[] bytes = out.toArray();
        if (bytes.length > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException(m.type() + " of " + bytes.length + " octets does not fit a BGP message");
        }
        Wire.put16(bytes, 16, bytes.length);
        return bytes;
    }

    public static byte[] encode(BgpMessage m) {
        return encode(m, null);
    }

    private static void encodeOpen(OpenMessage o, ByteSink out) {
        out.u8(o.version());
        out.u16(o.myAutonomousSystem());
        out.u16(o.holdTime());
        out.u32(o.bgpIdentifier());
        ByteSink caps = new ByteSink(64);
        for (Capability c : o.capabilities()) {
            encodeCapability(c, caps);
        }
        if (caps.position() == 0) {
            out.u8(0);
            return;
        }
        if (caps.position() + 2 > 255) {
            // RFC 9072 §2: extended optional parameters.
            out.u8(255);
            out.u8(255);
            out.u16(caps.position() + 3);
            out.u8(CAPABILITIES_PARAMETER);
            out.u16(caps.position());
        } else {
            out.u8(caps.position() + 2);
            out.u8(CAPABILITIES_PARAMETER);
            out.u8(caps.position());
        }
        out.bytes(caps.buffer(), 0, caps.position());
    }

    private static void encodeCapability(Capability c, ByteSink out) {
        out.u8(c.code().number());
        if (c instanceof Capability.Multiprotocol m) {
            out.u8(4);
            out.u16(m.family().afi().number());
            out.u8(0);
            out.u8(m.family().safi().number());
        } else if (c instanceof Capability.FourOctetAs f) {
            out.u8(4);
            out.u32((int) f.asn());
        } else if (c instanceof Capability.GracefulRestart g) {
            out.u8(2 + 4 * g.families().size());
            out.u16((g.restartState() ? 0x8000 : 0) | (g.notification() ? 0x4000 : 0) | g.restartTime());
            for (Capability.GracefulRestart.Entry e : g.families()) {
                out.u16(e.family().afi().number());
                out.u8(e.family().safi().number());
                out.u8(e.forwardingState() ? 0x80 : 0);
            }
        } else if (c instanceof Capability.Unknown u) {
            out.u8(u.raw().length);
            out.bytes(u.raw(), 0, u.raw().length);
        } else {
            out.u8(0); // route refresh, enhanced route refresh
        }
    }
}
