package net.archway.routing.bfd;

import java.util.function.Supplier;

/**
 * Where BFD opens its sockets: the body opens them on the calling thread, and a socket keeps the
 * network namespace it was opened in. The appliance passes {@link #CURRENT}; tests pass a scope
 * that enters a throwaway namespace (for example with netlink's {@code NetworkNamespace.callIn}).
 */
public interface SocketScope {
    SocketScope CURRENT = new SocketScope() {
        @Override
        public <T> T call(Supplier<T> body) {
            return body.get();
        }
    };

    <T> T call(Supplier<T> body);
}
