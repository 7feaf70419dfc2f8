package net.archway.routing.bgp.interop;

import java.net.InetAddress;

import net.archway.netlink.testing.TestNamespace;
import net.archway.routing.Prefix;

/**
 * Two throwaway namespaces joined by a veth pair: {@code peer} (10.77.0.1, 2001:db8:77::1) for
 * the other BGP speaker and {@code archway} (10.77.0.2, 2001:db8:77::2) where Archway's
 * transport opens its sockets. Closing removes both namespaces, whatever ran in them.
 */
final class Link implements AutoCloseable {
    static final InetAddress PEER4 = Prefix.parseAddress("10.77.0.1", "");
    static final InetAddress ARCHWAY4 = Prefix.parseAddress("10.77.0.2", "");
    static final InetAddress PEER6 = Prefix.parseAddress("2001:db8:77::1", "");
    static final InetAddress ARCHWAY6 = Prefix.parseAddress("2001:db8:77::2", "");

    final TestNamespace peer;
    final TestNamespace archway;

    Link(String purpose) {
        TestNamespace p = TestNamespace.create(purpose + "p");
        TestNamespace a;
        try {
            a = TestNamespace.create(purpose + "a");
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
        peer = p;
        archway = a;
        try {
            peer.ip("link", "add", "vp", "type", "veth", "peer", "name", "va", "netns", archway.name());
            peer.ip("addr", "add", "10.77.0.1/24", "dev", "vp");
            peer.ip("addr", "add", "2001:db8:77::1/64", "dev", "vp", "nodad");
            archway.ip("addr", "add", "10.77.0.2/24", "dev", "va");
            archway.ip("addr", "add", "2001:db8:77::2/64", "dev", "va", "nodad");
            peer.ip("link", "set", "vp", "up");
            archway.ip("link", "set", "va", "up");
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Archway's link-local address on the veth (for IPv6 next hops). */
    InetAddress archwayLinkLocal() {
        return linkLocal(archway, "va");
    }

    private static InetAddress linkLocal(TestNamespace ns, String dev) {
        for (var a : ns.ipJson("-6", "addr", "show", "dev", dev)) {
            for (var info : a.get("addr_info")) {
                if ("link".equals(info.get("scope").asText())) {
                    return Prefix.parseAddress(info.get("local").asText(), "");
                }
            }
        }
        throw new AssertionError("no link-local address on " + dev + " in " + ns.name());
    }

    @Override
    public void close() {
        try {
            archway.close();
        } finally {
            peer.close();
        }
    }
}
