package net.archway.routing.bfd.transport;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * One datagram read from a BFD socket with what the kernel said about it.
 *
 * @param multihop    received on the RFC 5883 port (4784) rather than RFC 5881's (3784)
 * @param source      the sender's address
 * @param sourcePort  the sender's UDP port
 * @param destination the packet's destination address (IP_PKTINFO / IPV6_PKTINFO)
 * @param ifindex     the interface it arrived on
 * @param ttl         its TTL or hop limit, -1 when the kernel gave none
 * @param payload     the UDP payload; valid only during the call it is passed to
 */
public record ReceivedDatagram(boolean multihop, InetAddress source, int sourcePort, InetAddress destination,
                               int ifindex, int ttl, ByteBuffer payload) {
}
