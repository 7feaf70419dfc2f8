package net.archway.netlink.xfrm;

import java.net.InetAddress;

import net.archway.netlink.IpAddresses;

/**
 * An IPsec security association (xfrm_usersa_info with its attributes). Identified by
 * destination, SPI and protocol (and mark); built with {@link #esp} and the {@code with...}
 * methods. Either {@code aead} or {@code cipher} with {@code auth} carries the keys.
 *
 * @param spi          the SPI as an unsigned 32-bit value held in an int
 * @param replayWindow the anti-replay window in packets (0 none)
 * @param esn          extended sequence numbers (RFC 4303 section 2.2.1)
 * @param flags        XFRM_STATE_* besides ESN
 * @param counters     what the kernel reports; ignored when adding
 */
public record XfrmSa(InetAddress source, InetAddress destination, int spi, int protocol, XfrmMode mode, int reqid,
                     XfrmSelector selector, XfrmAlgorithm.Aead aead, XfrmAlgorithm.Cipher cipher,
                     XfrmAlgorithm.Auth auth, XfrmEncap encap, int replayWindow, boolean esn, XfrmLifetime lifetime,
                     XfrmMark mark, int ifId, int flags, XfrmCounters counters) {

    public XfrmSa {
        if (IpAddresses.family(source) != IpAddresses.family(destination)) {
            throw new IllegalArgumentException("SA endpoints " + IpAddresses.format(source) + " and "
                    + IpAddresses.format(destination) + " are of different families");
        }
        if (aead != null && (cipher != null || auth != null)) {
            throw new IllegalArgumentException("an SA has either an AEAD transform or cipher and auth, not both");
        }
        if (replayWindow < 0) {
            throw new IllegalArgumentException("replay window " + replayWindow + " is negative");
        }
        if (selector == null) {
            selector = XfrmSelector.ANY;
        }
        if (lifetime == null) {
            lifetime = XfrmLifetime.UNLIMITED;
        }
        if (counters == null) {
            counters = XfrmCounters.NONE;
        }
    }

    /** An ESP SA without transforms yet. */
    public static XfrmSa esp(InetAddress source, InetAddress destination, int spi, XfrmMode mode, int reqid) {
        return new XfrmSa(source, destination, spi, Xfrm.IPPROTO_ESP, mode, reqid, XfrmSelector.ANY, null, null, null,
                null, 0, false, XfrmLifetime.UNLIMITED, null, 0, 0, XfrmCounters.NONE);
    }

    public int family() {
        return IpAddresses.family(destination);
    }

    public XfrmSaId id() {
        return new XfrmSaId(source, destination, spi, protocol, mark);
    }

    public XfrmSa withAead(XfrmAlgorithm.Aead aead) {
        return new XfrmSa(source, destination, spi, protocol, mode, reqid, selector, aead, null, null, encap,
                replayWindow, esn, lifetime, mark, ifId, flags, counters);
    }

    public XfrmSa withCipherAndAuth(XfrmAlgorithm.Cipher cipher, XfrmAlgorithm.Auth auth) {
        return new XfrmSa(source, destination, spi, protocol, mode, reqid, selector, null, cipher, auth, encap,
                replayWindow, esn, lifetime, mark, ifId, flags, counters);
    }

    public XfrmSa withSelector(XfrmSelector selector) {
        return new XfrmSa(source, destination, spi, protocol, mode, reqid, selector, aead, cipher, auth, encap,
                replayWindow, esn, lifetime, mark, ifId, flags, counters);
    }

    public XfrmSa withEncap(XfrmEncap encap) {
        return new XfrmSa(source, destination, spi, protocol, mode, reqid, selector, aead, cipher, auth, encap,
                replayWindow, esn, lifetime, mark, ifId, flags, counters);
    }

    public XfrmSa withReplayWindow(int replayWindow, boolean esn) {
        return new XfrmSa(source, destination, spi, protocol, mode, reqid, selector, aead, cipher, auth, encap,
                replayWindow, esn, lifetime, mark, ifId, flags, counters);
    }

    public XfrmSa withLifetime(XfrmLifetime lifetime) {
        return new XfrmSa(source, destination, spi, protocol, mode, reqid, selector, aead, cipher, auth, encap,
                replayWindow, esn, lifetime, mark, ifId, flags, counters);
    }

    public XfrmSa withMark(XfrmMark mark) {
        return new XfrmSa(source, destination, spi, protocol, mode, reqid, selector, aead, cipher, auth, encap,
                replayWindow, esn, lifetime, mark, ifId, flags, counters);
    }

    /** Binds the SA to the XFRM interface with this if_id (route-based VPN). */
    public XfrmSa withIfId(int ifId) {
        return new XfrmSa(source, destination, spi, protocol, mode, reqid, selector, aead, cipher, auth, encap,
                replayWindow, esn, lifetime, mark, ifId, flags, counters);
    }

    public XfrmSa withFlags(int flags) {
        return new XfrmSa(source, destination, spi, protocol, mode, reqid, selector, aead, cipher, auth, encap,
                replayWindow, esn, lifetime, mark, ifId, flags, counters);
    }

    /** The same SA without what the kernel reports (counters), for comparing with what was added. */
    public XfrmSa configured() {
        return new XfrmSa(source, destination, spi, protocol, mode, reqid, selector, aead, cipher, auth, encap,
                replayWindow, esn, lifetime, mark, ifId, flags, XfrmCounters.NONE);
    }

    @Override
    public String toString() {
        return "SA " + IpAddresses.format(source) + " -> " + IpAddresses.format(destination) + " spi 0x"
                + Integer.toHexString(spi) + " proto " + protocol + " " + mode.name().toLowerCase() + " reqid " + reqid
                + (ifId != 0 ? " if_id " + ifId : "");
    }
}
