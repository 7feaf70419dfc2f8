package net.archway.routing.bgp.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A TCP MD5 signature key (RFC 2385), 1 to 80 octets (Linux's TCP_MD5SIG_MAXKEYLEN). A secret:
 * it never appears in {@code toString}, logs or error messages.
 */
public final class TcpMd5Key {
    public static final int MAX_LENGTH = 80;

    private final byte[] key;

    private TcpMd5Key(byte[] key) {
        if (key.length == 0 || key.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a TCP MD5 key is 1 to " + MAX_LENGTH + " octets, not " + key.length);
        }
        this.key = key;
    }

    public static TcpMd5Key of(String key) {
        return new TcpMd5Key(key.getBytes(StandardCharsets.UTF_8));
    }

    public static TcpMd5Key of(byte[] key) {
        return new TcpMd5Key(key.clone());
    }

    /** The key's octets, for the socket option only. */
    public byte[] octets() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpMd5Key k && MessageDigest.isEqual(k.key, key);
    }

    @Override
    public int hashCode() {
        return key.length;
    }

    @Override
    public String toString() {
        return "(secret)";
    }
}
