package net.archway.routing.bfd.packet;

import java.util.Arrays;

/**
 * The optional authentication section of a control packet (RFC 5880 §4.2-§4.4), kept as its
 * type and raw bytes (Auth Type and Auth Len included). Archway configures no authentication
 * yet, so it only parses and checks the section's shape. The bytes may hold a password or a
 * digest: {@link #toString()} names the type and length only.
 */
public final class AuthSection {
    private final AuthType type;
    private final byte[] bytes;

    public AuthSection(AuthType type, byte[] bytes) {
        if (bytes.length < 2 || bytes.length > 255 || (bytes[0] & 0xff) != type.code() || (bytes[1] & 0xff) != bytes.length) {
            throw new IllegalArgumentException("authentication section must start with its type and length");
        }
        this.type = type;
        this.bytes = bytes.clone();
    }

    public AuthType type() {
        return type;
    }

    /** Auth Len: the whole section's length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** A copy of the section's bytes, Auth Type and Auth Len included. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Auth Key ID (the third byte) for the types that carry one. */
    public int keyId() {
        return bytes.length > 2 ? bytes[2] & 0xff : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthSection a && a.type.equals(type) && Arrays.equals(a.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return type + " (" + bytes.length + " bytes)";
    }
}
