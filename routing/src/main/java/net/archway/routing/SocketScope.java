package net.archway.routing;

import java.util.function.Supplier;

/**
 * Where routing's sockets are opened. A socket belongs to the network namespace of the thread
 * that creates it, so whoever runs routing inside a namespace wraps socket creation with one
 * of these; {@link #CURRENT} opens them where the calling thread is.
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
