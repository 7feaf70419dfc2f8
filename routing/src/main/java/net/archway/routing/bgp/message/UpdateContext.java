package net.archway.routing.bgp.message;

import java.net.InetAddress;
import java.util.Set;

/**
 * What UPDATE decoding and encoding must know about the session (fixed once it is
 * Established): whether both ends negotiated 4-octet AS numbers (RFC 6793), whether the peer
 * is internal, the AS numbers, the families negotiated, the local address (a route whose next
 * hop is this speaker is not accepted, RFC 4271 §6.3), and where decoded attributes are
 * interned.
 *
 * @param fourOctetAs both OPENs carried the 4-octet AS capability
 * @param internal the peer is in the local AS (iBGP)
 * @param peerAs the peer's AS number
 * @param localAs the AS number this session presents
 * @param enforceFirstAs for eBGP, a path whose first AS is not the peer's is treated as withdrawn (RFC 4271 §6.3, RFC 7606 §7.2)
 * @param families families whose NLRI are accepted; NLRI of others are ignored (RFC 4760 §6)
 * @param localAddress this end's address on the session, or null
 * @param interner where decoded attribute sets are interned, or null
 */
public record UpdateContext(boolean fourOctetAs, boolean internal, long peerAs, long localAs, boolean enforceFirstAs,
        Set<Family> families, InetAddress localAddress, AttributeInterner interner) {

    public UpdateContext {
        families = Set.copyOf(families);
    }

    /** An eBGP context with 4-octet AS numbers and both unicast families, for tests and tools. */
    public static UpdateContext ebgp(long localAs, long peerAs) {
        return new UpdateContext(true, false, peerAs, localAs, true, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null, null);
    }

    /** An iBGP context with 4-octet AS numbers and both unicast families, for tests and tools. */
    public static UpdateContext ibgp(long as) {
        return new UpdateContext(true, true, as, as, false, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null, null);
    }

    public UpdateContext withFourOctetAs(boolean v) {
        return new UpdateContext(v, internal, peerAs, localAs, enforceFirstAs, families, localAddress, interner);
    }

    public UpdateContext withInterner(AttributeInterner v) {
        return new UpdateContext(fourOctetAs, internal, peerAs, localAs, enforceFirstAs, families, localAddress, v);
    }
}
