package net.archway.routing.bgp.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import net.archway.routing.bgp.message.MessageCodec;

/**
 * Cuts the TCP stream into BGP messages by the header's Length field and passes each on as a
 * {@code byte[]} (at most 4096 octets). A Length outside 19–4096 ends framing: the header alone
 * is passed on, so the codec answers it with Bad Message Length, and the rest is dropped.
 */
final class MessageFramer extends ChannelInboundHandlerAdapter {
    private ByteBuf buffer;
    private boolean broken;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (broken) {
                return;
            }
            if (buffer == null) {
                buffer = ctx.alloc().heapBuffer(Math.max(in.readableBytes(), 8192));
            }
            buffer.writeBytes(in);
        } finally {
            in.release();
        }
        while (buffer.readableBytes() >= MessageCodec.HEADER_LENGTH && !broken && ctx.channel().isActive()) {
            int length = buffer.getUnsignedShort(buffer.readerIndex() + 16);
            if (length < MessageCodec.HEADER_LENGTH || length > MessageCodec.MAX_MESSAGE_LENGTH) {
                byte[] header = new byte[MessageCodec.HEADER_LENGTH];
                buffer.readBytes(header);
                broken = true;
                ctx.fireChannelRead(header);
                break;
            }
            if (buffer.readableBytes() < length) {
                break;
            }
            byte[] message = new byte[length];
            buffer.readBytes(message);
            ctx.fireChannelRead(message);
        }
        if (buffer != null) {
            if (!buffer.isReadable()) {
                buffer.clear();
            } else {
                buffer.discardSomeReadBytes();
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    private void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }
}
