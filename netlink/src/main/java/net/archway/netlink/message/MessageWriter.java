package net.archway.netlink.message;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes netlink messages: the nlmsghdr, the family's fixed header and aligned, optionally
 * nested attributes, into one direct buffer that can be handed to the socket as it is. Several
 * messages may be written one after the other (a batch). The buffer grows when needed.
 */
public final class MessageWriter {
    private ByteBuffer buf;

    public MessageWriter(int initialCapacity) {
        buf = ByteBuffer.allocateDirect(Math.max(64, initialCapacity)).order(ByteOrder.nativeOrder());
    }

    public MessageWriter() {
        this(4096);
    }

    /** Discards everything written. */
    public MessageWriter reset() {
        buf.clear();
        return this;
    }

    /** Bytes written so far. */
    public int position() {
        return buf.position();
    }

    /** A read-only view of the bytes written so far, ready for sending (direct). */
    public ByteBuffer written() {
        ByteBuffer view = buf.duplicate().order(ByteOrder.nativeOrder());
        view.flip();
        return view;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        byte[] out = new byte[buf.position()];
        buf.duplicate().flip().get(out);
        return out;
    }

    private void ensure(int more) {
        if (buf.remaining() >= more) {
            return;
        }
        int capacity = buf.capacity();
        while (capacity - buf.position() < more) {
            capacity *= 2;
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }

    /** Starts a message; returns its offset, to be passed to {@link #endMessage}. */
    public int beginMessage(int type, int flags, int seq, int portId) {
        ensure(Nl.NLMSG_HDRLEN);
        int start = buf.position();
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(portId);
        return start;
    }

    /** Pads the message to 4 bytes and writes its length into nlmsg_len. */
    public void endMessage(int start) {
        pad();
        buf.putInt(start, buf.position() - start);
    }

    /** Overwrites a 16-bit field already written (a length known only at the end). */
    public void putU16At(int offset, int v) {
        buf.putShort(offset, (short) v);
    }

    /** Adds flags to nlmsg_flags of the message at {@code start}. */
    public void patchFlags(int start, int flags) {
        buf.putShort(start + 6, (short) (buf.getShort(start + 6) | flags));
    }

    // ---- raw fields, for fixed headers and structures ----

    public MessageWriter u8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    public MessageWriter u16(int v) {
        ensure(2);
        buf.putShort((short) v);
        return this;
    }

    /** A 16-bit field in network byte order (ports, VLAN protocol). */
    public MessageWriter u16be(int v) {
        ensure(2);
        buf.put((byte) (v >>> 8)).put((byte) v);
        return this;
    }

    public MessageWriter u32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    /** A 32-bit field in network byte order (SPIs). */
    public MessageWriter u32be(int v) {
        ensure(4);
        buf.put((byte) (v >>> 24)).put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
        return this;
    }

    public MessageWriter u64(long v) {
        ensure(8);
        buf.putLong(v);
        return this;
    }

    public MessageWriter bytes(byte[] v) {
        ensure(v.length);
        buf.put(v);
        return this;
    }

    /** Writes {@code v} into a fixed field of {@code size} bytes, zero-padded (C char arrays, xfrm_address_t). */
    public MessageWriter fixed(byte[] v, int size) {
        if (v.length > size) {
            throw new IllegalArgumentException(v.length + " bytes do not fit a " + size + "-byte field");
        }
        ensure(size);
        buf.put(v);
        zeros(size - v.length);
        return this;
    }

    public MessageWriter zeros(int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf.put((byte) 0);
        }
        return this;
    }

    /** Pads with zeros to the next 4-byte boundary. */
    public MessageWriter pad() {
        int p = buf.position();
        return zeros(Nl.align(p) - p);
    }

    // ---- attributes ----

    private void attrHeader(int type, int payloadLength) {
        int length = Nl.NLA_HDRLEN + payloadLength;
        if (length > 0xffff) {
            throw new IllegalArgumentException("attribute " + type + " is " + length + " bytes, over the 65535-byte limit");
        }
        ensure(Nl.align(length));
        buf.putShort((short) length).putShort((short) type);
    }

    public MessageWriter attr(int type, byte[] value) {
        attrHeader(type, value.length);
        buf.put(value);
        return pad();
    }

    public MessageWriter attrFlag(int type) {
        attrHeader(type, 0);
        return this;
    }

    public MessageWriter attrU8(int type, int v) {
        attrHeader(type, 1);
        buf.put((byte) v);
        return pad();
    }

    public MessageWriter attrU16(int type, int v) {
        attrHeader(type, 2);
        buf.putShort((short) v);
        return pad();
    }

    public MessageWriter attrU16be(int type, int v) {
        attrHeader(type, 2);
        buf.put((byte) (v >>> 8)).put((byte) v);
        return pad();
    }

    public MessageWriter attrU32(int type, int v) {
        attrHeader(type, 4);
        buf.putInt(v);
        return this;
    }

    public MessageWriter attrU32be(int type, int v) {
        attrHeader(type, 4);
        buf.put((byte) (v >>> 24)).put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
        return this;
    }

    public MessageWriter attrU64(int type, long v) {
        attrHeader(type, 8);
        buf.putLong(v);
        return this;
    }

    /** A NUL-terminated string attribute. */
    public MessageWriter attrString(int type, String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        attrHeader(type, b.length + 1);
        buf.put(b).put((byte) 0);
        return pad();
    }

    /** A string attribute without a terminating NUL (NLA_STRING accepts both; iproute2 sends kinds so). */
    public MessageWriter attrText(int type, String v) {
        return attr(type, v.getBytes(StandardCharsets.UTF_8));
    }

    public MessageWriter attrAddress(int type, InetAddress address) {
        return attr(type, address.getAddress());
    }

    /** Starts an attribute whose payload follows (nested attributes or a structure); returns its offset. */
    public int beginAttr(int type) {
        ensure(Nl.NLA_HDRLEN);
        int start = buf.position();
        buf.putShort((short) 0).putShort((short) type);
        return start;
    }

    /** Starts a nested attribute (NLA_F_NESTED set); returns its offset for {@link #endAttr}. */
    public int beginNested(int type) {
        return beginAttr(type | Nl.NLA_F_NESTED);
    }

    /** Writes the length of the attribute started at {@code start} and pads. */
    public void endAttr(int start) {
        int length = buf.position() - start;
        if (length > 0xffff) {
            throw new IllegalArgumentException("nested attribute is " + length + " bytes, over the 65535-byte limit");
        }
        buf.putShort(start, (short) length);
        pad();
    }
}
