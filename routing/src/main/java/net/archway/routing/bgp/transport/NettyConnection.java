package net.archway.routing.bgp.transport;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import net.archway.routing.bgp.session.BgpConnection;

/**
 * A {@link BgpConnection} on a Netty channel. Messages sent from any thread are gathered into
 * one buffer and written at {@link #flush} (or every 64 KiB), so the RIB's thread packing a full
 * table hands the event loop a few large writes instead of one task per message. Reading starts
 * at {@link #start}; until then the channel does not read (auto-read off).
 */
final class NettyConnection extends ChannelInboundHandlerAdapter implements BgpConnection {
    private static final int BATCH = 64 * 1024;

    private final Channel channel;
    private volatile Handler handler;
    private volatile String closeReason;
    private ByteBuf pending;

    NettyConnection(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void start(Handler h) {
        handler = h;
        channel.config().setAutoRead(true);
        if (!channel.isActive()) {
            h.closed(reason());
        }
    }

    @Override
    public void send(byte[] message, int offset, int length) {
        ByteBuf full = null;
        synchronized (this) {
            if (pending == null) {
                pending = channel.alloc().buffer(Math.max(length, 4096));
            }
            pending.writeBytes(message, offset, length);
            if (pending.readableBytes() >= BATCH) {
                full = pending;
                pending = null;
            }
        }
        if (full != null) {
            channel.writeAndFlush(full, channel.voidPromise());
        }
    }

    @Override
    public void flush() {
        ByteBuf out;
        synchronized (this) {
            out = pending;
            pending = null;
        }
        if (out != null) {
            channel.writeAndFlush(out, channel.voidPromise());
        }
    }

    @Override
    public void sendAndClose(byte[] message) {
        flush();
        channel.writeAndFlush(Unpooled.wrappedBuffer(message)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (pending != null) {
                pending.release();
                pending = null;
            }
        }
        channel.close();
    }

    @Override
    public void setReading(boolean reading) {
        channel.config().setAutoRead(reading);
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    private String reason() {
        String r = closeReason;
        return r != null ? r : "the peer closed the connection";
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Handler h = handler;
        if (h != null) {
            h.received((byte[]) msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Handler h = handler;
        if (h != null) {
            h.closed(reason());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closeReason == null) {
            closeReason = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        }
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Handler h = handler;
        if (h != null) {
            h.writabilityChanged(channel.isWritable());
        }
    }
}
