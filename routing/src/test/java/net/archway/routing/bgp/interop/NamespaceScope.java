package net.archway.routing.bgp.interop;

import java.util.function.Supplier;

import net.archway.netlink.socket.NetworkNamespace;
import net.archway.routing.SocketScope;

/** Sockets made inside a named namespace, the way the appliance will do it. */
final class NamespaceScope implements SocketScope {
    private final String name;

    NamespaceScope(String name) {
        this.name = name;
    }

    @Override
    public <T> T call(Supplier<T> body) {
        return NetworkNamespace.callIn(name, body);
    }
}
