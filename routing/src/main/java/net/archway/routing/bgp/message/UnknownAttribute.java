package net.archway.routing.bgp.message;

import java.util.Arrays;

/**
 * An optional transitive attribute this speaker does not recognise, kept as opaque bytes to be
 * passed on with the Partial bit set (RFC 4271 §5, §9.1.4). Unrecognised non-transitive ones
 * are dropped when decoded and never reach this class.
 */
public final class UnknownAttribute {
    private final int flags;
    private final AttributeType type;
    private final byte[] value;
    private final int hash;

    public UnknownAttribute(int flags, AttributeType type, byte[] value) {
        this.flags = flags & (PathAttributes.FLAG_OPTIONAL | PathAttributes.FLAG_TRANSITIVE | PathAttributes.FLAG_PARTIAL);
        this.type = type;
        this.value = value.clone();
        this.hash = (type.number() * 31 + this.flags) * 31 + Arrays.hashCode(value);
    }

    /** The flags as received (Optional, Transitive and Partial; Extended Length is a matter of encoding). */
    public int flags() {
        return flags;
    }

    public AttributeType type() {
        return type;
    }

    public byte[] value() {
        return value.clone();
    }

    int length() {
        return value.length;
    }

    byte[] raw() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof UnknownAttribute u && u.hash == hash && u.flags == flags && u.type.equals(type)
                && Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "attribute " + type.number() + " (flags 0x" + Integer.toHexString(flags) + ", " + value.length + " octets: "
                + Wire.hex(value, 0, Math.min(value.length, 32)) + (value.length > 32 ? "..." : "") + ")";
    }
}
