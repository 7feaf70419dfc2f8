package net.archway.routing.bfd.transport;

import java.net.Inet6Address;
import java.net.InetAddress;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/** Sends one UDP datagram with a chosen TTL / hop limit and source port, from the calling thread's namespace. */
public final class TtlSender {
    private TtlSender() {
    }

    public static void send(InetAddress from, int sourcePort, InetAddress to, int port, int ttl, byte[] payload) {
        boolean v6 = to instanceof Inet6Address;
        try (BfdSocket s = BfdSocket.open(v6, "test sender")) {
            if (v6) {
                s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_UNICAST_HOPS, ttl, "IPV6_UNICAST_HOPS");
            } else {
                s.setInt(LibC.IPPROTO_IP, LibC.IP_TTL, ttl, "IP_TTL");
            }
            int errno = s.bind(from, sourcePort, 0);
            if (errno != 0) {
                throw new BfdTransportException("bind test sender", errno);
            }
            Pointer data = Memory.allocateDirect(LibC.RUNTIME, payload.length);
            data.put(0, payload, 0, payload.length);
            errno = s.sendTo(data, payload.length, BfdSocket.sockaddr(to, port, 0), BfdSocket.sockaddrLength(to));
            if (errno != 0) {
                throw new BfdTransportException("sendto", errno);
            }
        }
    }
}
