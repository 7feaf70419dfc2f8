package net.archway.routing.bfd.packet;

/**
 * Why a received BFD packet was discarded: one counter each in {@code show bfd session detail}.
 * The first group is RFC 5880 §6.8.6 in its order; the rest are the transport's checks
 * (RFC 5881 §5 and RFC 5883 §5) and the session's.
 */
public enum DropReason {
    /** The datagram is shorter than the 24-byte mandatory section. */
    TRUNCATED("shorter than a control packet"),
    BAD_VERSION("version is not 1"),
    /** The Length field is below 24 (26 with the A bit), above the datagram, or does not match the auth section. */
    BAD_LENGTH("length field invalid"),
    ZERO_DETECT_MULT("detect multiplier is 0"),
    MULTIPOINT("multipoint bit set"),
    ZERO_MY_DISCRIMINATOR("my discriminator is 0"),
    UNKNOWN_YOUR_DISCRIMINATOR("your discriminator matches no session"),
    ZERO_YOUR_DISCRIMINATOR_NOT_DOWN("your discriminator 0 in state Init or Up"),
    NO_SESSION("no session for the source address"),
    /** The A bit is set and Archway has no authentication configured for the session. */
    AUTH_NOT_CONFIGURED("authentication present, none configured"),
    BAD_AUTH_SECTION("authentication section malformed"),
    /** RFC 5881 §5: single-hop packets must arrive with TTL / hop limit 255; RFC 5883 §5: multihop at or above the configured minimum. */
    TTL("TTL or hop limit too low"),
    WRONG_INTERFACE("arrived on another interface"),
    /** The discriminator selected a session whose peer is another address. */
    WRONG_PEER("source address is not the session's peer"),
    /** §6.8.6: packets received while the local session is AdminDown are discarded. */
    LOCAL_ADMIN_DOWN("local session administratively down");

    private final String description;

    DropReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
