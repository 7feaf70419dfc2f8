package net.archway.routing.bgp.message;

import java.util.ArrayList;
import java.util.List;

/**
 * OPEN (RFC 4271 §4.2) with its capabilities (RFC 5492). {@code myAutonomousSystem} is the
 * 2-octet field as sent (AS_TRANS for a 4-octet AS, RFC 6793 §4.1); {@link #autonomousSystem()}
 * is the speaker's real AS.
 */
public record OpenMessage(int version, int myAutonomousSystem, int holdTime, int bgpIdentifier, List<Capability> capabilities)
        implements BgpMessage {

    public static final int VERSION = 4;

    public OpenMessage {
        if (myAutonomousSystem < 0 || myAutonomousSystem > 0xffff) {
            throw new IllegalArgumentException("My Autonomous System " + myAutonomousSystem + " is outside 0-65535");
        }
        if (holdTime < 0 || holdTime > 0xffff) {
            throw new IllegalArgumentException("hold time " + holdTime + " is outside 0-65535");
        }
        capabilities = List.copyOf(capabilities);
    }

    /** The OPEN of a speaker in {@code asn}: AS_TRANS in the 2-octet field when it does not fit, and the 4-octet capability. */
    public static OpenMessage of(long asn, int holdTime, int bgpIdentifier, List<Capability> otherCapabilities) {
        List<Capability> caps = new ArrayList<>(otherCapabilities);
        caps.removeIf(c -> c instanceof Capability.FourOctetAs);
        caps.add(new Capability.FourOctetAs(asn));
        return new OpenMessage(VERSION, asn > 0xffff ? (int) AsPath.AS_TRANS : (int) asn, holdTime, bgpIdentifier, caps);
    }

    /** The AS of the 4-octet AS capability if present, else the 2-octet field. */
    public long autonomousSystem() {
        Capability.FourOctetAs c = capability(Capability.FourOctetAs.class);
        return c != null ? c.asn() : myAutonomousSystem;
    }

    /** The first capability of a type, or null. */
    public <T extends Capability> T capability(Class<T> type) {
        for (Capability c : capabilities) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** Every capability of a type. */
    public <T extends Capability> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Capability c : capabilities) {
            if (type.isInstance(c)) {
                out.add(type.cast(c));
            }
        }
        return out;
    }

    @Override
    public MessageType type() {
        return MessageType.OPEN;
    }

    @Override
    public String toString() {
        return "OPEN version " + version + " AS " + autonomousSystem() + " hold " + holdTime + " id "
                + Wire.dottedQuad(bgpIdentifier) + " " + capabilities;
    }
}
