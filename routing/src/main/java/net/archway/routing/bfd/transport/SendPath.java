package net.archway.routing.bfd.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

import net.archway.routing.bfd.packet.ControlPacket;
import net.archway.routing.bfd.packet.ControlPacketCodec;

/**
 * The socket one session sends from: bound to the local address (or any) and to a source port
 * of its own in 49152-65535, which RFC 5881 §4 wants fixed for the session and unique; tied to
 * the interface for single-hop sessions; TTL / hop limit 255. Sending happens on the BFD loop.
 */
public final class SendPath implements AutoCloseable {
    public static final int FIRST_SOURCE_PORT = 49152;
    public static final int LAST_SOURCE_PORT = 65535;

    private final BfdSocket socket;
    private final int sourcePort;
    private final int ifindex;
    private final Pointer peer;
    private final int peerLength;
    private final Pointer buffer = Memory.allocateDirect(LibC.RUNTIME, ControlPacketCodec.MAX_LENGTH, true);
    private final ByteBuffer encoded = ByteBuffer.allocate(ControlPacketCodec.MAX_LENGTH);
    private int lastErrno;

    private SendPath(BfdSocket socket, int sourcePort, int ifindex, Pointer peer, int peerLength) {
        this.socket = socket;
        this.sourcePort = sourcePort;
        this.ifindex = ifindex;
        this.peer = peer;
        this.peerLength = peerLength;
    }

    /** Opens the socket on the calling thread, hence in its network namespace. */
    public static SendPath open(InetAddress peer, InetAddress local, String interfaceName, boolean multihop) {
        boolean ipv6 = peer instanceof Inet6Address;
        int ifindex = 0;
        if (interfaceName != null) {
            ifindex = LibC.INSTANCE.if_nametoindex(interfaceName);
            if (ifindex == 0) {
                throw new BfdTransportException("interface " + interfaceName + " does not exist", 0);
            }
        }
        BfdSocket s = BfdSocket.open(ipv6, "BFD session to " + peer.getHostAddress());
        try {
            if (interfaceName != null) {
                s.bindToDevice(interfaceName);
            }
            int scope = ipv6 && local != null && local.isLinkLocalAddress() ? ifindex : 0;
            int port = 0;
            int errno = LibC.EADDRINUSE;
            for (int tries = 0; tries < 64 && errno == LibC.EADDRINUSE; tries++) {
                port = ThreadLocalRandom.current().nextInt(FIRST_SOURCE_PORT, LAST_SOURCE_PORT + 1);
                errno = s.bind(local, port, scope);
            }
            if (errno != 0) {
                throw new BfdTransportException("bind the BFD session socket to " + (local == null ? "any address" : local.getHostAddress())
                        + " and a source port in 49152-65535", errno);
            }
            int peerScope = ipv6 && peer.isLinkLocalAddress() ? ifindex : 0;
            int dport = multihop ? ListeningSocket.MULTIHOP_PORT : ListeningSocket.SINGLE_HOP_PORT;
            return new SendPath(s, port, ifindex, BfdSocket.sockaddr(peer, dport, peerScope), BfdSocket.sockaddrLength(peer));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sends one packet; false (and {@link #lastErrno()} set) when the kernel refused it. */
    public boolean send(ControlPacket p) {
        encoded.clear();
        ControlPacketCodec.encode(p, encoded);
        int length = encoded.position();
        buffer.put(0, encoded.array(), 0, length);
        int errno = socket.sendTo(buffer, length, peer, peerLength);
        lastErrno = errno;
        return errno == 0;
    }

    public int sourcePort() {
        return sourcePort;
    }

    /** The interface index the session is tied to, 0 for none. */
    public int ifindex() {
        return ifindex;
    }

    public int lastErrno() {
        return lastErrno;
    }

    @Override
    public void close() {
        socket.close();
    }
}
