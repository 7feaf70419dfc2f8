package net.archway.routing.bgp.session;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.Family;

/**
 * How to run one BGP session: immutable, built with {@link #builder}. The appliance derives it
 * from {@code protocols bgp group ... neighbor ...}.
 *
 * @param peerAddress the neighbour's address
 * @param peerPort the neighbour's TCP port (179)
 * @param peerAs the neighbour's AS; an OPEN with another is refused (Bad Peer AS)
 * @param localAs this router's AS
 * @param localAsOverride the AS this session presents instead of {@code localAs} (Junos
 *        {@code local-as}), or 0; prepending it to paths is policy, the upper layer's
 * @param routerId the BGP Identifier sent in OPEN
 * @param localAddress the address to connect from and to be reached at, or null
 * @param holdTime the Hold Time offered: 0, or 3 s to 65535 s (RFC 4271 §4.2)
 * @param keepaliveTime the keepalive interval, or null for a third of the negotiated hold time
 * @param connectRetryTime the ConnectRetryTimer's initial value
 * @param idleHoldTime how long the session stays Idle after an error before it starts again;
 *        doubled for each consecutive failure up to {@link #MAX_IDLE_HOLD} (RFC 4271 §8.1.1,
 *        DampPeerOscillations)
 * @param delayOpenTime the DelayOpenTimer, or null to send OPEN as soon as TCP is up
 * @param passive wait for the neighbour to connect; never connect (Junos, FRR {@code passive})
 * @param ttl the TTL (hop limit) of outgoing packets, 0 for the default (1 for eBGP, 64 for iBGP);
 *        eBGP multihop is a larger value
 * @param gtsmHops GTSM (RFC 5082): 0 off; else send with TTL 255 and accept only packets with a
 *        TTL of at least 256 - gtsmHops (1 for a directly connected neighbour)
 * @param md5Key the TCP MD5 signature key (RFC 2385), or null
 * @param families the address families to negotiate
 * @param routeRefresh advertise route refresh (RFC 2918)
 * @param enhancedRouteRefresh advertise enhanced route refresh (RFC 7313)
 * @param gracefulRestart the graceful restart capability to advertise, or null for none
 * @param enforceFirstAs treat routes from an external peer whose AS path does not start with
 *        its AS as withdrawn (off for route servers)
 * @param description a name for logs, or null
 */
public record PeerSettings(InetAddress peerAddress, int peerPort, long peerAs, long localAs, long localAsOverride, int routerId,
        InetAddress localAddress, Duration holdTime, Duration keepaliveTime, Duration connectRetryTime, Duration idleHoldTime,
        Duration delayOpenTime, boolean passive, int ttl, int gtsmHops, TcpMd5Key md5Key, Set<Family> families,
        boolean routeRefresh, boolean enhancedRouteRefresh, GracefulRestartSettings gracefulRestart, boolean enforceFirstAs,
        String description) {

    public static final int BGP_PORT = 179;
    public static final Duration MAX_IDLE_HOLD = Duration.ofSeconds(120);

    public PeerSettings {
        if (peerAddress == null) {
            throw new IllegalArgumentException("a BGP neighbor needs an address");
        }
        String where = "neighbor " + Prefix.format(peerAddress);
        checkAs(peerAs, where, "peer-as");
        checkAs(localAs, where, "local AS");
        if (localAsOverride != 0) {
            checkAs(localAsOverride, where, "local-as");
        }
        if (routerId == 0) {
            throw new IllegalArgumentException(where + ": the router ID (BGP Identifier) must not be 0.0.0.0 (RFC 6286)");
        }
        if (peerPort <= 0 || peerPort > 65535) {
            throw new IllegalArgumentException(where + ": port " + peerPort + " is outside 1-65535");
        }
        if (localAddress != null && (localAddress instanceof Inet4Address) != (peerAddress instanceof Inet4Address)) {
            throw new IllegalArgumentException(where + ": local-address " + Prefix.format(localAddress) + " is not of the neighbor's family");
        }
        long hold = holdTime.toSeconds();
        if (holdTime.isNegative() || hold == 1 || hold == 2 || hold > 65535) {
            throw new IllegalArgumentException(where + ": hold-time " + hold + " s must be 0 or 3 to 65535 s (RFC 4271 §4.2)");
        }
        if (keepaliveTime != null && (keepaliveTime.isNegative() || keepaliveTime.isZero())) {
            throw new IllegalArgumentException(where + ": keepalive interval must be positive");
        }
        if (connectRetryTime.toMillis() < 1000) {
            throw new IllegalArgumentException(where + ": connect-retry-interval must be at least 1 s");
        }
        if (idleHoldTime.isNegative()) {
            throw new IllegalArgumentException(where + ": idle hold time must not be negative");
        }
        if (delayOpenTime != null && (delayOpenTime.isNegative() || delayOpenTime.isZero())) {
            delayOpenTime = null;
        }
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException(where + ": TTL " + ttl + " is outside 1-255");
        }
        if (gtsmHops < 0 || gtsmHops > 254) {
            throw new IllegalArgumentException(where + ": GTSM hop count " + gtsmHops + " is outside 1-254");
        }
        if (gtsmHops > 0 && ttl > 0) {
            throw new IllegalArgumentException(where + ": multihop TTL and GTSM exclude each other (GTSM always sends with TTL 255)");
        }
        families = Set.copyOf(families);
        if (families.isEmpty()) {
            throw new IllegalArgumentException(where + ": no address family to negotiate");
        }
        for (Family f : families) {
            if (!f.isIpUnicast()) {
                throw new IllegalArgumentException(where + ": family " + f + " is not supported (inet-unicast, inet6-unicast)");
            }
        }
    }

    private static void checkAs(long as, String where, String what) {
        if (as <= 0 || as > 0xffffffffL) {
            throw new IllegalArgumentException(where + ": " + what + " " + as + " is outside 1-4294967295");
        }
    }

    /** The AS this session presents in OPEN: the local-as override if there is one. */
    public long effectiveLocalAs() {
        return localAsOverride != 0 ? localAsOverride : localAs;
    }

    /** An internal (iBGP) session: the peer is in the AS this session presents. */
    public boolean internal() {
        return peerAs == effectiveLocalAs();
    }

    /** The TTL to send with: GTSM's 255, the configured multihop TTL, or 1 for eBGP and 64 for iBGP. */
    public int effectiveTtl() {
        if (gtsmHops > 0) {
            return 255;
        }
        if (ttl > 0) {
            return ttl;
        }
        return internal() ? 64 : 1;
    }

    /** The minimum TTL accepted under GTSM (IP_MINTTL), or 0. */
    public int minimumTtl() {
        return gtsmHops > 0 ? 256 - gtsmHops : 0;
    }

    /** How logs name this peer: {@code 192.0.2.1 (AS 65001)} or with its description. */
    public String name() {
        String s = Prefix.format(peerAddress) + " (AS " + peerAs + ")";
        return description == null ? s : s + " " + description;
    }

    public static Builder builder(InetAddress peerAddress, long peerAs, long localAs, int routerId) {
        return new Builder(peerAddress, peerAs, localAs, routerId);
    }

    public Builder toBuilder() {
        Builder b = new Builder(peerAddress, peerAs, localAs, routerId);
        b.peerPort = peerPort;
        b.localAsOverride = localAsOverride;
        b.localAddress = localAddress;
        b.holdTime = holdTime;
        b.keepaliveTime = keepaliveTime;
        b.connectRetryTime = connectRetryTime;
        b.idleHoldTime = idleHoldTime;
        b.delayOpenTime = delayOpenTime;
        b.passive = passive;
        b.ttl = ttl;
        b.gtsmHops = gtsmHops;
        b.md5Key = md5Key;
        b.families = families;
        b.routeRefresh = routeRefresh;
        b.enhancedRouteRefresh = enhancedRouteRefresh;
        b.gracefulRestart = gracefulRestart;
        b.enforceFirstAs = enforceFirstAs;
        b.description = description;
        return b;
    }

    /** Builds settings; defaults: port 179, hold 90 s, connect retry 30 s, idle hold 5 s, IPv4 unicast, route refresh on. */
    public static final class Builder {
        private final InetAddress peerAddress;
        private final long peerAs;
        private final long localAs;
        private final int routerId;
        private int peerPort = BGP_PORT;
        private long localAsOverride;
        private InetAddress localAddress;
        private Duration holdTime = Duration.ofSeconds(90);
        private Duration keepaliveTime;
        private Duration connectRetryTime = Duration.ofSeconds(30);
        private Duration idleHoldTime = Duration.ofSeconds(5);
        private Duration delayOpenTime;
        private boolean passive;
        private int ttl;
        private int gtsmHops;
        private TcpMd5Key md5Key;
        private Set<Family> families = Set.of(Family.IPV4_UNICAST);
        private boolean routeRefresh = true;
        private boolean enhancedRouteRefresh = true;
        private GracefulRestartSettings gracefulRestart;
        private boolean enforceFirstAs = true;
        private String description;

        private Builder(InetAddress peerAddress, long peerAs, long localAs, int routerId) {
            this.peerAddress = peerAddress;
            this.peerAs = peerAs;
            this.localAs = localAs;
            this.routerId = routerId;
        }

        public Builder peerPort(int v) {
            peerPort = v;
            return this;
        }

        public Builder localAsOverride(long v) {
            localAsOverride = v;
            return this;
        }

        public Builder localAddress(InetAddress v) {
            localAddress = v;
            return this;
        }

        public Builder holdTime(Duration v) {
            holdTime = v;
            return this;
        }

        public Builder keepaliveTime(Duration v) {
            keepaliveTime = v;
            return this;
        }

        public Builder connectRetryTime(Duration v) {
            connectRetryTime = v;
            return this;
        }

        public Builder idleHoldTime(Duration v) {
            idleHoldTime = v;
            return this;
        }

        public Builder delayOpenTime(Duration v) {
            delayOpenTime = v;
            return this;
        }

        public Builder passive(boolean v) {
            passive = v;
            return this;
        }

        public Builder ttl(int v) {
            ttl = v;
            return this;
        }

        public Builder gtsmHops(int v) {
            gtsmHops = v;
            return this;
        }

        public Builder md5Key(TcpMd5Key v) {
            md5Key = v;
            return this;
        }

        public Builder families(Set<Family> v) {
            families = v;
            return this;
        }

        public Builder routeRefresh(boolean v) {
            routeRefresh = v;
            return this;
        }

        public Builder enhancedRouteRefresh(boolean v) {
            enhancedRouteRefresh = v;
            return this;
        }

        public Builder gracefulRestart(GracefulRestartSettings v) {
            gracefulRestart = v;
            return this;
        }

        public Builder enforceFirstAs(boolean v) {
            enforceFirstAs = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public PeerSettings build() {
            return new PeerSettings(peerAddress, peerPort, peerAs, localAs, localAsOverride, routerId, localAddress, holdTime,
                    keepaliveTime, connectRetryTime, idleHoldTime, delayOpenTime, passive, ttl, gtsmHops, md5Key, families,
                    routeRefresh, enhancedRouteRefresh, gracefulRestart, enforceFirstAs, description);
        }
    }
}
