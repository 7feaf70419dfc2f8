package net.archway.netlink.message;

import java.nio.ByteBuffer;

/**
 * One received message: its nlmsghdr fields and where its payload lies in the receive buffer.
 * A view, valid only until the buffer is reused; decoders copy what they keep.
 */
public record NetlinkMessage(ByteBuffer buffer, int offset, int length, int type, int flags, int seq, int portId) {

    /** Offset of the payload (after nlmsghdr) in {@link #buffer()}. */
    public int payloadOffset() {
        return offset + Nl.NLMSG_HDRLEN;
    }

    /** Offset just past this message's payload in {@link #buffer()}. */
    public int end() {
        return offset + length;
    }

    public int payloadLength() {
        return length - Nl.NLMSG_HDRLEN;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** The attributes that follow a fixed family header of {@code headerLength} bytes. */
    public Attributes attributes(int headerLength, int maxType) {
        return Attributes.parse(buffer, Nl.align(payloadOffset() + headerLength), end(), maxType);
    }

    /** A copy of the whole message, header included. */
    public byte[] toByteArray() {
        byte[] out = new byte[length];
        buffer.get(offset, out);
        return out;
    }
}
