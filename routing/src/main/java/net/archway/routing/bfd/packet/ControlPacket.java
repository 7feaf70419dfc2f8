package net.archway.routing.bfd.packet;

import java.util.Objects;

/**
 * A BFD Control packet (RFC 5880 §4.1), field by field. Intervals are in microseconds as on the
 * wire (unsigned 32-bit values held in longs); discriminators are unsigned 32-bit values held in
 * ints. The Length field is not stored: the encoder derives it (24, plus the auth section).
 *
 * @param version                  Vers, 1 for RFC 5880
 * @param diagnostic               Diag
 * @param state                    Sta
 * @param poll                     P: the sender asks for a Final (§6.5)
 * @param fin                      F: the answer to a Poll
 * @param controlPlaneIndependent  C
 * @param demand                   D
 * @param multipoint               M, must be zero
 * @param detectMult               Detect Mult
 * @param myDiscriminator          My Discriminator
 * @param yourDiscriminator        Your Discriminator
 * @param desiredMinTxInterval     Desired Min TX Interval (µs)
 * @param requiredMinRxInterval    Required Min RX Interval (µs)
 * @param requiredMinEchoRxInterval Required Min Echo RX Interval (µs)
 * @param auth                     the authentication section when the A bit is set, else null
 */
public record ControlPacket(
        int version,
        Diagnostic diagnostic,
        BfdState state,
        boolean poll,
        boolean fin,
        boolean controlPlaneIndependent,
        boolean demand,
        boolean multipoint,
        int detectMult,
        int myDiscriminator,
        int yourDiscriminator,
        long desiredMinTxInterval,
        long requiredMinRxInterval,
        long requiredMinEchoRxInterval,
        AuthSection auth) {

    public static final int VERSION = 1;

    public ControlPacket {
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(state, "state");
        if (version < 0 || version > 7) {
            throw new IllegalArgumentException("version " + version + " does not fit 3 bits");
        }
        if (detectMult < 0 || detectMult > 255) {
            throw new IllegalArgumentException("detect multiplier " + detectMult + " does not fit 8 bits");
        }
        checkU32(desiredMinTxInterval, "desired min TX interval");
        checkU32(requiredMinRxInterval, "required min RX interval");
        checkU32(requiredMinEchoRxInterval, "required min echo RX interval");
    }

    private static void checkU32(long v, String what) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(what + " " + v + " does not fit 32 bits");
        }
    }

    /** The A bit. */
    public boolean authenticated() {
        return auth != null;
    }

    /** The Length field this packet encodes to. */
    public int length() {
        return ControlPacketCodec.MANDATORY_LENGTH + (auth == null ? 0 : auth.length());
    }

    @Override
    public String toString() {
        return "BFD v" + version + " " + state + " diag=" + diagnostic.code()
                + (poll ? " P" : "") + (fin ? " F" : "") + (controlPlaneIndependent ? " C" : "")
                + (auth != null ? " A" : "") + (demand ? " D" : "") + (multipoint ? " M" : "")
                + " mult=" + detectMult
                + " my=" + Integer.toUnsignedString(myDiscriminator) + " your=" + Integer.toUnsignedString(yourDiscriminator)
                + " tx=" + desiredMinTxInterval + "us rx=" + requiredMinRxInterval + "us echo=" + requiredMinEchoRxInterval + "us"
                + (auth != null ? " auth=" + auth : "");
    }
}
