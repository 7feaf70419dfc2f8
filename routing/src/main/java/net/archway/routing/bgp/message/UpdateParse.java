package net.archway.routing.bgp.message;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of decoding one UPDATE's path attributes, and the three exits of RFC 7606 that
 * every attribute decoder leaves by when something is wrong, named as BIRD names them:
 * {@link #discard}, {@link #withdraw} and {@link #sessionReset}.
 */
final class UpdateParse {
    final UpdateContext ctx;
    final PathAttributes.Builder attrs = PathAttributes.builder();
    private final long[] seen = new long[4];
    ErrorHandling handling = ErrorHandling.NONE;
    final List<String> errors = new ArrayList<>(0);
    boolean otherThanMpUnreach;

    NextHop nextHopAttribute;
    AsPath as4Path;
    Aggregator as4Aggregator;

    int mpReachAfi = -1;
    int mpReachSafi;
    int mpNextHopOffset;
    int mpNextHopLength;
    int mpReachNlriOffset;
    int mpReachNlriLength;

    int mpUnreachAfi = -1;
    int mpUnreachSafi;
    int mpUnreachNlriOffset;
    int mpUnreachNlriLength;

    UpdateParse(UpdateContext ctx) {
        this.ctx = ctx;
    }

    /** Marks a type code as seen; false when it was seen before. */
    boolean firstTime(int code) {
        long bit = 1L << (code & 63);
        if ((seen[code >>> 6] & bit) != 0) {
            return false;
        }
        seen[code >>> 6] |= bit;
        return true;
    }

    boolean seen(AttributeType type) {
        int code = type.number();
        return (seen[code >>> 6] & (1L << (code & 63))) != 0;
    }

    /** Attribute discard (RFC 7606 §2): the attribute is dropped, the routes stand. */
    void discard(AttributeType type, String reason) {
        errors.add(type + ": " + reason + " (attribute discarded)");
        handling = handling.strongest(ErrorHandling.ATTRIBUTE_DISCARD);
    }

    /** Treat-as-withdraw (RFC 7606 §2): the UPDATE's routes are handled as withdrawn. */
    void withdraw(AttributeType type, String reason) {
        errors.add((type == null ? "" : type + ": ") + reason + " (treat-as-withdraw)");
        handling = handling.strongest(ErrorHandling.TREAT_AS_WITHDRAW);
    }

    /** Session reset (RFC 7606 §2): the caller throws what this returns. */
    MalformedMessageException sessionReset(ErrorSubcode subcode, byte[] data, String reason) {
        errors.add(reason + " (session reset)");
        handling = ErrorHandling.SESSION_RESET;
        return new MalformedMessageException(subcode, data, "malformed UPDATE: " + String.join("; ", errors));
    }
}
