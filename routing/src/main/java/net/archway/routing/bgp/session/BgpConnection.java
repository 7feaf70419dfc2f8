package net.archway.routing.bgp.session;

import java.net.InetSocketAddress;

/**
 * One established TCP connection carrying BGP messages. Sending may be called from any thread;
 * messages arrive through the {@link Handler} given to {@link #start}.
 */
public interface BgpConnection {

    /** Starts reading; every complete message (header included) goes to the handler. */
    void start(Handler handler);

    /** Queues a message; the bytes are copied before the call returns. */
    void send(byte[] message, int offset, int length);

    default void send(byte[] message) {
        send(message, 0, message.length);
    }

    /** Writes what is queued. */
    void flush();

    /** Sends a last message (a NOTIFICATION), then closes. */
    void sendAndClose(byte[] message);

    void close();

    /** Stops (false) or resumes (true) reading, for back-pressure. */
    void setReading(boolean reading);

    boolean isWritable();

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();

    /** What a connection reports. Calls may come on any thread. */
    interface Handler {
        /** A complete message; the array is the handler's. */
        void received(byte[] message);

        /** The connection closed or failed. */
        void closed(String reason);

        default void writabilityChanged(boolean writable) {
        }
    }
}
