package net.archway.routing.bgp.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import net.archway.routing.bgp.message.BgpMessage;
import net.archway.routing.bgp.message.MalformedMessageException;
import net.archway.routing.bgp.message.MessageCodec;
import net.archway.routing.bgp.message.UpdateContext;

/** A transport without sockets: the test completes connects, opens incoming connections and plays the peer. */
final class FakeTransport implements SessionTransport {
    Consumer<BgpConnection> acceptor;
    TransportException registerFailure;
    int registrations;
    int unregistrations;
    final List<Attempt> attempts = new ArrayList<>();

    final class Attempt implements ConnectAttempt {
        final ConnectCallback callback;
        boolean cancelled;

        Attempt(ConnectCallback callback) {
            this.callback = callback;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        FakeConnection succeed() {
            FakeConnection c = new FakeConnection(true);
            callback.connected(c);
            return c;
        }

        void fail(String reason) {
            callback.failed(reason, false);
        }

        void failPermanently(String reason) {
            callback.failed(reason, true);
        }
    }

    @Override
    public void register(PeerSettings settings, Consumer<BgpConnection> acceptor) throws TransportException {
        if (registerFailure != null) {
            throw registerFailure;
        }
        registrations++;
        this.acceptor = acceptor;
    }

    @Override
    public void unregister(PeerSettings settings) {
        unregistrations++;
        acceptor = null;
    }

    @Override
    public ConnectAttempt connect(PeerSettings settings, ConnectCallback callback) {
        Attempt a = new Attempt(callback);
        attempts.add(a);
        return a;
    }

    Attempt lastAttempt() {
        return attempts.get(attempts.size() - 1);
    }

    /** The peer connects to us. */
    FakeConnection incoming() {
        FakeConnection c = new FakeConnection(false);
        acceptor.accept(c);
        return c;
    }

    /** One TCP connection; the test is the peer. */
    static final class FakeConnection implements BgpConnection {
        final boolean outgoing;
        Handler handler;
        final List<byte[]> sent = new ArrayList<>();
        boolean closed;
        boolean reading = true;

        FakeConnection(boolean outgoing) {
            this.outgoing = outgoing;
        }

        @Override
        public void start(Handler h) {
            handler = h;
        }

        @Override
        public void send(byte[] message, int offset, int length) {
            if (!closed) {
                sent.add(java.util.Arrays.copyOfRange(message, offset, offset + length));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void sendAndClose(byte[] message) {
            send(message);
            closed = true;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void setReading(boolean reading) {
            this.reading = reading;
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(address("192.0.2.1"), outgoing ? 40000 : 179);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress(address("192.0.2.2"), outgoing ? 179 : 40001);
        }

        /** The peer sends a message. */
        void receive(BgpMessage m) {
            handler.received(MessageCodec.encode(m, UpdateContext.ebgp(65002, 65001)));
        }

        void receive(byte[] raw) {
            handler.received(raw);
        }

        /** The TCP connection fails under the session. */
        void fail(String reason) {
            closed = true;
            handler.closed(reason);
        }

        /** What the session sent, decoded as the peer would. */
        List<BgpMessage> messages() {
            List<BgpMessage> out = new ArrayList<>();
            for (byte[] b : sent) {
                try {
                    out.add(MessageCodec.decode(b, UpdateContext.ebgp(65002, 65001)));
                } catch (MalformedMessageException e) {
                    throw new AssertionError(e);
                }
            }
            return out;
        }

        BgpMessage last() {
            List<BgpMessage> m = messages();
            return m.isEmpty() ? null : m.get(m.size() - 1);
        }

        <T extends BgpMessage> List<T> sentOf(Class<T> type) {
            return messages().stream().filter(type::isInstance).map(type::cast).toList();
        }

        private static InetAddress address(String s) {
            try {
                return InetAddress.getByName(s);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
    }
}
