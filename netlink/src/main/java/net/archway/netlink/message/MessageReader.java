package net.archway.netlink.message;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import net.archway.netlink.NetlinkProtocolException;

/** Splits a received datagram into its netlink messages. */
public final class MessageReader {
    private MessageReader() {
    }

    /** Calls {@code each} for every message in {@code buf} between position 0 and its limit. */
    public static void forEach(ByteBuffer buf, Consumer<NetlinkMessage> each) {
        int p = 0;
        int end = buf.limit();
        while (p + Nl.NLMSG_HDRLEN <= end) {
            int len = buf.getInt(p);
            if (len < Nl.NLMSG_HDRLEN || p + len > end) {
                throw new NetlinkProtocolException("malformed netlink message at offset " + p + ": nlmsg_len " + len
                        + " with " + (end - p) + " bytes left");
            }
            each.accept(new NetlinkMessage(buf, p, len, buf.getShort(p + 4) & 0xffff, buf.getShort(p + 6) & 0xffff,
                    buf.getInt(p + 8), buf.getInt(p + 12)));
            p += Nl.align(len);
        }
    }
}
