package net.archway.routing.bgp.session;

import java.util.function.Consumer;

/**
 * What a session needs from TCP. {@code net.archway.routing.bgp.transport.BgpTransport} is the
 * Netty implementation; tests use a fake.
 */
public interface SessionTransport {

    /**
     * Starts accepting connections from the peer: installs its TCP MD5 key on the listening
     * sockets, then hands every accepted connection from its address to {@code acceptor}.
     *
     * @throws TransportException when it cannot, with the reason (the key could not be
     *         installed, no listening socket); the session must then stay down
     */
    void register(PeerSettings settings, Consumer<BgpConnection> acceptor) throws TransportException;

    /** Stops accepting the peer's connections and removes its key from the listening sockets. */
    void unregister(PeerSettings settings);

    /**
     * Opens a TCP connection to the peer: binds the local address, sets TTL, GTSM and the MD5
     * key before connecting. Exactly one callback follows, on any thread.
     */
    ConnectAttempt connect(PeerSettings settings, ConnectCallback callback);

    /** An outgoing connection in progress. */
    interface ConnectAttempt {
        /** Abandons the attempt; a connection that completes anyway is closed. */
        void cancel();
    }

    /** The outcome of {@link #connect}. */
    interface ConnectCallback {
        void connected(BgpConnection connection);

        /**
         * @param permanent the failure will recur until the settings change (the MD5 key could
         *        not be installed): do not retry
         */
        void failed(String reason, boolean permanent);
    }
}
