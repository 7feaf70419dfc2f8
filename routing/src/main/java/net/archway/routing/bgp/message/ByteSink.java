package net.archway.routing.bgp.message;

import java.util.Arrays;

/** A growable big-endian byte buffer for encoders. */
final class ByteSink {
    private byte[] buf;
    private int pos;

    ByteSink(int initial) {
        buf = new byte[initial];
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        Wire.put16(buf, pos, v);
        pos += 2;
    }

    void u32(int v) {
        ensure(4);
        Wire.put32(buf, pos, v);
        pos += 4;
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    void nextHop(NextHop n) {
        ensure(n.wireLength());
        n.encode(buf, pos);
        pos += n.wireLength();
    }

    /** Writes an attribute header: Extended Length when the value does not fit one octet. */
    void attributeHeader(int flags, int code, int length) {
        if (length > 255) {
            u8((flags | PathAttributes.FLAG_EXTENDED_LENGTH) & 0xf0);
            u8(code);
            u16(length);
        } else {
            u8(flags & ~PathAttributes.FLAG_EXTENDED_LENGTH & 0xf0);
            u8(code);
            u8(length);
        }
    }

    int position() {
        return pos;
    }

    void reset() {
        pos = 0;
    }

    byte[] buffer() {
        return buf;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, pos);
    }
}
