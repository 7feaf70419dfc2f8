package net.archway.routing.bfd.packet;

import java.util.HashMap;
import java.util.Map;

/**
 * A BFD authentication type (RFC 5880 §4.1, IANA "BFD Authentication Types"). Known types print
 * by name; unknown ones still decode, print and re-encode.
 */
public final class AuthType {
    private static final Map<Integer, AuthType> KNOWN = new HashMap<>();

    public static final AuthType RESERVED = known(0, "Reserved");
    public static final AuthType SIMPLE_PASSWORD = known(1, "Simple Password");
    public static final AuthType KEYED_MD5 = known(2, "Keyed MD5");
    public static final AuthType METICULOUS_KEYED_MD5 = known(3, "Meticulous Keyed MD5");
    public static final AuthType KEYED_SHA1 = known(4, "Keyed SHA1");
    public static final AuthType METICULOUS_KEYED_SHA1 = known(5, "Meticulous Keyed SHA1");

    private final int code;
    private final String name;

    private AuthType(int code, String name) {
        this.code = code;
        this.name = name;
    }

    private static AuthType known(int code, String name) {
        AuthType t = new AuthType(code, name);
        KNOWN.put(code, t);
        return t;
    }

    public static AuthType valueOf(int code) {
        AuthType t = KNOWN.get(code & 0xff);
        return t != null ? t : new AuthType(code & 0xff, "Auth type " + (code & 0xff));
    }

    public int code() {
        return code;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthType other && other.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return name;
    }
}
