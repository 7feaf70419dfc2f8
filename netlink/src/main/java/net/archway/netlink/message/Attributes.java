package net.archway.netlink.message;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import net.archway.netlink.NetlinkProtocolException;

/**
 * The attributes of one message (or one nested attribute), indexed by type. Parsing records
 * offsets only; values are read on demand from the underlying buffer, which must stay unchanged
 * while the attributes are in use. Types above {@code maxType} (newer kernels) are skipped; a
 * repeated type keeps its last occurrence (use {@link #forEach} to see all).
 */
public final class Attributes {
    /** Called for every attribute: type without flag bits, the flag bits, payload offset and length. */
    @FunctionalInterface
    public interface Visitor {
        void visit(int type, int flags, int offset, int length);
    }

    private final ByteBuffer buf;
    private final int[] offset;
    private final int[] length;

    private Attributes(ByteBuffer buf, int maxType) {
        this.buf = buf;
        this.offset = new int[maxType + 1];
        this.length = new int[maxType + 1];
        java.util.Arrays.fill(offset, -1);
    }

    /** Parses attributes in {@code buf} from {@code start} (inclusive) to {@code end} (exclusive). */
    public static Attributes parse(ByteBuffer buf, int start, int end, int maxType) {
        Attributes a = new Attributes(buf, maxType);
        forEach(buf, start, end, (type, flags, off, len) -> {
            if (type <= maxType) {
                a.offset[type] = off;
                a.length[type] = len;
            }
        });
        return a;
    }

    /** Walks the attributes between {@code start} and {@code end}, checking every length. */
    public static void forEach(ByteBuffer buf, int start, int end, Visitor visitor) {
        int p = start;
        while (p + Nl.NLA_HDRLEN <= end) {
            int len = buf.getShort(p) & 0xffff;
            int rawType = buf.getShort(p + 2) & 0xffff;
            if (len < Nl.NLA_HDRLEN || p + len > end) {
                throw new NetlinkProtocolException("malformed attribute at offset " + p + ": length " + len
                        + " with " + (end - p) + " bytes left");
            }
            visitor.visit(rawType & Nl.NLA_TYPE_MASK, rawType & ~Nl.NLA_TYPE_MASK, p + Nl.NLA_HDRLEN, len - Nl.NLA_HDRLEN);
            p += Nl.align(len);
        }
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public boolean has(int type) {
        return type < offset.length && offset[type] >= 0;
    }

    /** Payload offset of an attribute in {@link #buffer()}, or -1. */
    public int offset(int type) {
        return has(type) ? offset[type] : -1;
    }

    public int length(int type) {
        return has(type) ? length[type] : 0;
    }

    private int need(int type, int size) {
        if (!has(type)) {
            throw new NetlinkProtocolException("attribute " + type + " is missing");
        }
        if (length[type] < size) {
            throw new NetlinkProtocolException("attribute " + type + " has " + length[type] + " bytes, needs " + size);
        }
        return offset[type];
    }

    public int u8(int type) {
        return buf.get(need(type, 1)) & 0xff;
    }

    public int u8(int type, int absent) {
        return has(type) ? u8(type) : absent;
    }

    public int u16(int type) {
        return buf.getShort(need(type, 2)) & 0xffff;
    }

    public int u16(int type, int absent) {
        return has(type) ? u16(type) : absent;
    }

    public int u16be(int type) {
        int p = need(type, 2);
        return ((buf.get(p) & 0xff) << 8) | (buf.get(p + 1) & 0xff);
    }

    public int u32(int type) {
        return buf.getInt(need(type, 4));
    }

    public int u32(int type, int absent) {
        return has(type) ? u32(type) : absent;
    }

    public int u32be(int type) {
        int p = need(type, 4);
        return ((buf.get(p) & 0xff) << 24) | ((buf.get(p + 1) & 0xff) << 16) | ((buf.get(p + 2) & 0xff) << 8)
                | (buf.get(p + 3) & 0xff);
    }

    public long u64(int type) {
        return buf.getLong(need(type, 8));
    }

    public long u64(int type, long absent) {
        return has(type) ? u64(type) : absent;
    }

    public byte[] bytes(int type) {
        int p = need(type, 0);
        byte[] out = new byte[length[type]];
        buf.get(p, out);
        return out;
    }

    /** A string attribute, without its trailing NUL (if any). */
    public String string(int type) {
        int p = need(type, 0);
        int n = length[type];
        while (n > 0 && buf.get(p + n - 1) == 0) {
            n--;
        }
        byte[] b = new byte[n];
        buf.get(p, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public String string(int type, String absent) {
        return has(type) ? string(type) : absent;
    }

    /** An address attribute of 4 or 16 bytes. */
    public InetAddress address(int type) {
        return toAddress(bytes(type));
    }

    public InetAddress address(int type, InetAddress absent) {
        return has(type) ? address(type) : absent;
    }

    public Attributes nested(int type, int maxType) {
        int p = need(type, 0);
        return parse(buf, p, p + length[type], maxType);
    }

    /** An InetAddress from 4 or 16 raw bytes (no name lookup). */
    public static InetAddress toAddress(byte[] raw) {
        if (raw.length != 4 && raw.length != 16) {
            throw new NetlinkProtocolException("address of " + raw.length + " bytes");
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new NetlinkProtocolException("address of " + raw.length + " bytes");
        }
    }
}
