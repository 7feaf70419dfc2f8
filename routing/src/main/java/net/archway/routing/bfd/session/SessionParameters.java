package net.archway.routing.bfd.session;

/**
 * What the local system wants of one session (RFC 5880 §6.8.1 configured values): the desired
 * minimum transmit interval, the required minimum receive interval, the detect multiplier, and
 * whether the session is administratively down (§6.8.16). Intervals in microseconds.
 */
public record SessionParameters(long desiredMinTxMicros, long requiredMinRxMicros, int detectMult, boolean adminDown) {
    public SessionParameters {
        if (desiredMinTxMicros <= 0 || desiredMinTxMicros > 0xffffffffL) {
            throw new IllegalArgumentException("desired minimum transmit interval " + desiredMinTxMicros + " µs is outside 1-4294967295");
        }
        // §6.8.1: a RequiredMinRxInterval of zero means "send me nothing"; Archway always wants packets.
        if (requiredMinRxMicros <= 0 || requiredMinRxMicros > 0xffffffffL) {
            throw new IllegalArgumentException("required minimum receive interval " + requiredMinRxMicros + " µs is outside 1-4294967295");
        }
        if (detectMult < 1 || detectMult > 255) {
            throw new IllegalArgumentException("detect multiplier " + detectMult + " is outside 1-255");
        }
    }
}
