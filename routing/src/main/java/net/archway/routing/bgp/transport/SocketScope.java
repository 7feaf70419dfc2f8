package net.archway.routing.bgp.transport;

import java.util.function.Supplier;

/**
 * Where the transport's sockets are made. Netty creates a socket's file descriptor on the
 * calling thread when a channel is built, and a socket keeps the network namespace it was made
 * in; so the transport runs every channel creation inside this hook, and the caller picks the
 * namespace (the appliance: {@code NetworkNamespace.callIn(name, body)} of the netlink module;
 * routing itself knows nothing of namespaces).
 */
public interface SocketScope {

    /** Runs {@code body} (which creates sockets) in the chosen namespace and returns its result. */
    <T> T call(Supplier<T> body);

    /** The namespace of the calling thread. */
    SocketScope CURRENT = new SocketScope() {
        @Override
        public <T> T call(Supplier<T> body) {
            return body.get();
        }
    };
}
