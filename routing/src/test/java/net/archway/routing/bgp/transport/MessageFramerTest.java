package net.archway.routing.bgp.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

class MessageFramerTest {
    private static final byte[] KEEPALIVE = HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff001304");
    private static final byte[] REFRESH = HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff0017050001" + "0001");

    @Test
    void messagesSplitAcrossReadsAndPackedIntoOneComeOutWhole() {
        EmbeddedChannel ch = new EmbeddedChannel(new MessageFramer());
        byte[] both = new byte[KEEPALIVE.length + REFRESH.length];
        System.arraycopy(KEEPALIVE, 0, both, 0, KEEPALIVE.length);
        System.arraycopy(REFRESH, 0, both, KEEPALIVE.length, REFRESH.length);
        ch.writeInbound(Unpooled.wrappedBuffer(both, 0, 10));
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(both, 10, 25));
        assertArrayEquals(KEEPALIVE, (byte[]) ch.readInbound());
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(both, 35, both.length - 35));
        assertArrayEquals(REFRESH, (byte[]) ch.readInbound());
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aLengthOutsideTheRangeEndsFramingWithTheHeaderAlone() {
        EmbeddedChannel ch = new EmbeddedChannel(new MessageFramer());
        byte[] bad = HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff100102" + "00000000");
        ch.writeInbound(Unpooled.wrappedBuffer(bad));
        byte[] header = ch.readInbound();
        assertEquals(19, header.length, "the codec answers it with Bad Message Length");
        ch.writeInbound(Unpooled.wrappedBuffer(KEEPALIVE));
        assertNull(ch.readInbound(), "nothing after a broken frame");
        ch.finishAndReleaseAll();
    }
}
