package net.archway.routing.bfd;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

import net.archway.routing.Prefix;

/**
 * What one client (a BGP neighbour, a static route's next hop) wants of a BFD session.
 *
 * @param peer                   the remote system's address
 * @param localAddress           the address to send from (null: chosen by the kernel's routing;
 *                               required for multihop, RFC 5883 §3)
 * @param interfaceName          single-hop: the interface the peer is on (null: any; required for
 *                               an IPv6 link-local peer)
 * @param multihop               RFC 5883 (UDP 4784) rather than RFC 5881 (UDP 3784)
 * @param minimumTransmitInterval desired minimum transmit interval once Up (RFC 5880 bfd.DesiredMinTxInterval)
 * @param minimumReceiveInterval required minimum receive interval (bfd.RequiredMinRxInterval)
 * @param multiplier             detect multiplier, 1-255
 * @param adminDown              hold the session in AdminDown (RFC 5880 §6.8.16)
 * @param minimumTtl             multihop only: packets with a lower TTL / hop limit are discarded
 *                               (RFC 5883 §5); single-hop always demands 255 (RFC 5881 §5)
 */
public record BfdSessionSettings(InetAddress peer, InetAddress localAddress, String interfaceName, boolean multihop,
                                 Duration minimumTransmitInterval, Duration minimumReceiveInterval, int multiplier,
                                 boolean adminDown, int minimumTtl) {
    /** Junos' and FRR's defaults: 300 ms × 3 (FRR: 300 ms); multihop minimum TTL 254 as FRR's. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(300);
    public static final int DEFAULT_MULTIPLIER = 3;
    public static final int DEFAULT_MULTIHOP_MINIMUM_TTL = 254;
    public static final Duration SHORTEST_INTERVAL = Duration.ofMillis(1);
    public static final Duration LONGEST_INTERVAL = Duration.ofSeconds(4294);

    public BfdSessionSettings {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(minimumTransmitInterval, "minimumTransmitInterval");
        Objects.requireNonNull(minimumReceiveInterval, "minimumReceiveInterval");
        String where = "BFD session to " + Prefix.format(peer);
        if (peer.isAnyLocalAddress() || peer.isMulticastAddress()) {
            throw new IllegalArgumentException(where + ": the peer must be a unicast address");
        }
        if (localAddress != null && (localAddress instanceof Inet6Address) != (peer instanceof Inet6Address)) {
            throw new IllegalArgumentException(where + ": local address " + Prefix.format(localAddress)
                    + " is of another address family; give an " + (peer instanceof Inet4Address ? "IPv4" : "IPv6") + " local address");
        }
        if (multihop && localAddress == null) {
            throw new IllegalArgumentException(where + ": a multihop session needs a local address");
        }
        if (interfaceName != null && (interfaceName.isEmpty() || interfaceName.length() > 15
                || interfaceName.contains("/") || interfaceName.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException(where + ": '" + interfaceName + "' is not an interface name");
        }
        if (!multihop && interfaceName == null && peer.isLinkLocalAddress()) {
            throw new IllegalArgumentException(where + ": a link-local peer needs an interface");
        }
        checkInterval(where, "minimum transmit interval", minimumTransmitInterval);
        checkInterval(where, "minimum receive interval", minimumReceiveInterval);
        if (multiplier < 1 || multiplier > 255) {
            throw new IllegalArgumentException(where + ": multiplier " + multiplier + " is outside 1-255");
        }
        if (minimumTtl < 1 || minimumTtl > 255) {
            throw new IllegalArgumentException(where + ": minimum TTL " + minimumTtl + " is outside 1-255");
        }
    }

    private static void checkInterval(String where, String what, Duration d) {
        if (d.compareTo(SHORTEST_INTERVAL) < 0 || d.compareTo(LONGEST_INTERVAL) > 0) {
            throw new IllegalArgumentException(where + ": " + what + " " + d.toMillis() + " ms is outside 1-4294000 ms");
        }
    }

    /** A single-hop session (RFC 5881) at 300 ms × 3. */
    public static BfdSessionSettings singleHop(InetAddress peer, InetAddress localAddress, String interfaceName) {
        return new BfdSessionSettings(peer, localAddress, interfaceName, false, DEFAULT_INTERVAL, DEFAULT_INTERVAL,
                DEFAULT_MULTIPLIER, false, 255);
    }

    /** A multihop session (RFC 5883) at 300 ms × 3. */
    public static BfdSessionSettings multihop(InetAddress peer, InetAddress localAddress) {
        return new BfdSessionSettings(peer, localAddress, null, true, DEFAULT_INTERVAL, DEFAULT_INTERVAL,
                DEFAULT_MULTIPLIER, false, DEFAULT_MULTIHOP_MINIMUM_TTL);
    }

    /** The same settings with both intervals and the multiplier changed. */
    public BfdSessionSettings withTiming(Duration interval, int multiplier) {
        return new BfdSessionSettings(peer, localAddress, interfaceName, multihop, interval, interval, multiplier, adminDown, minimumTtl);
    }

    public BfdSessionSettings withIntervals(Duration transmit, Duration receive) {
        return new BfdSessionSettings(peer, localAddress, interfaceName, multihop, transmit, receive, multiplier, adminDown, minimumTtl);
    }

    public BfdSessionSettings withAdminDown(boolean down) {
        return new BfdSessionSettings(peer, localAddress, interfaceName, multihop, minimumTransmitInterval,
                minimumReceiveInterval, multiplier, down, minimumTtl);
    }

    public BfdSessionSettings withMinimumTtl(int ttl) {
        return new BfdSessionSettings(peer, localAddress, interfaceName, multihop, minimumTransmitInterval,
                minimumReceiveInterval, multiplier, adminDown, ttl);
    }

    public BfdSessionKey key() {
        return new BfdSessionKey(peer, localAddress, interfaceName, multihop);
    }
}
