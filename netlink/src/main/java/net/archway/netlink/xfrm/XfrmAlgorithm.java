package net.archway.netlink.xfrm;

import java.util.Arrays;

/**
 * A kernel crypto algorithm with its key. Keys are never printed: {@code toString} shows the
 * name and key length only. Names are the kernel's: {@code rfc4106(gcm(aes))}, {@code cbc(aes)},
 * {@code hmac(sha256)}.
 */
public sealed interface XfrmAlgorithm {

    String name();

    byte[] key();

    /** An AEAD transform (XFRMA_ALG_AEAD), for example AES-GCM with a 128-bit ICV. */
    record Aead(String name, byte[] key, int icvBits) implements XfrmAlgorithm {
        public Aead {
            checkName(name);
            key = key.clone();
        }

        public byte[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Aead a && a.name.equals(name) && Arrays.equals(a.key, key) && a.icvBits == icvBits;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + icvBits;
        }

        @Override
        public String toString() {
            return "aead " + name + " (" + key.length * 8 + "-bit key, " + icvBits + "-bit ICV)";
        }
    }

    /** An encryption transform (XFRMA_ALG_CRYPT), paired with an {@link Auth}. */
    record Cipher(String name, byte[] key) implements XfrmAlgorithm {
        public Cipher {
            checkName(name);
            key = key.clone();
        }

        public byte[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cipher c && c.name.equals(name) && Arrays.equals(c.key, key);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return "enc " + name + " (" + key.length * 8 + "-bit key)";
        }
    }

    /** An integrity transform with a truncated ICV (XFRMA_ALG_AUTH_TRUNC), for example hmac(sha256) 128. */
    record Auth(String name, byte[] key, int truncationBits) implements XfrmAlgorithm {
        public Auth {
            checkName(name);
            key = key.clone();
        }

        public byte[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Auth a && a.name.equals(name) && Arrays.equals(a.key, key)
                    && a.truncationBits == truncationBits;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + truncationBits;
        }

        @Override
        public String toString() {
            return "auth-trunc " + name + " (" + key.length * 8 + "-bit key, " + truncationBits + "-bit ICV)";
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() >= Xfrm.ALGO_NAME_SIZE) {
            throw new IllegalArgumentException("algorithm name must be 1-63 characters: '" + name + "'");
        }
    }
}
