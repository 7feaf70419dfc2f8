package net.archway.cli.schema;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * The reversible {@code $9$} encoding Junos uses for secrets in configuration files (keys,
 * pre-shared keys). It is obfuscation, not encryption: it keeps secrets off screens and out of
 * casual reading, and lets Junos configurations be pasted in. The scheme is the publicly
 * documented one: a random salt character, a salt-dependent number of random padding
 * characters, then each byte of the secret as 1 to 4 "gaps" between characters of a 65-letter
 * alphabet, weighted by a repeating table.
 */
public final class Secrets {
    private static final String[] FAMILY = {"QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx", "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T"};
    private static final String ALPHABET = String.join("", FAMILY);
    private static final Map<Character, Integer> EXTRA = new HashMap<>();
    private static final Map<Character, Integer> POSITION = new HashMap<>();
    private static final int[][] ENCODING = {{1, 4, 32}, {1, 16, 32}, {1, 8, 32}, {1, 64}, {1, 32}, {1, 4, 16, 128}, {1, 32, 64}};
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        for (int f = 0; f < FAMILY.length; f++) {
            for (char c : FAMILY[f].toCharArray()) {
                EXTRA.put(c, 3 - f);
            }
        }
        for (int i = 0; i < ALPHABET.length(); i++) {
            POSITION.put(ALPHABET.charAt(i), i);
        }
    }

    private Secrets() {
    }

    /** Encodes a secret (UTF-8) with a random salt. */
    public static String encode(String plain) {
        char salt = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        StringBuilder out = new StringBuilder("$9$").append(salt);
        for (int i = 0; i < EXTRA.get(salt); i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        char prev = salt;
        byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
        for (int pos = 0; pos < bytes.length; pos++) {
            int[] enc = ENCODING[pos % ENCODING.length];
            int value = bytes[pos] & 0xff;
            int[] gaps = new int[enc.length];
            for (int i = enc.length - 1; i >= 0; i--) {
                gaps[i] = value / enc[i];
                value %= enc[i];
            }
            for (int gap : gaps) {
                prev = ALPHABET.charAt((POSITION.get(prev) + gap + 1) % ALPHABET.length());
                out.append(prev);
            }
        }
        return out.toString();
    }

    /** Decodes a {@code $9$} string. */
    public static String decode(String encoded) throws InvalidValueException {
        if (!encoded.startsWith("$9$") || encoded.length() < 4) {
            throw new InvalidValueException("malformed $9$ secret (no data after $9$)");
        }
        String chars = encoded.substring(3);
        for (char c : chars.toCharArray()) {
            if (!POSITION.containsKey(c)) {
                throw new InvalidValueException("malformed $9$ secret (character outside its alphabet)");
            }
        }
        char first = chars.charAt(0);
        int i = 1 + EXTRA.get(first);
        if (i > chars.length()) {
            throw new InvalidValueException("malformed $9$ secret (too short)");
        }
        char prev = first;
        byte[] out = new byte[chars.length()];
        int n = 0;
        while (i < chars.length()) {
            int[] dec = ENCODING[n % ENCODING.length];
            if (i + dec.length > chars.length()) {
                throw new InvalidValueException("malformed $9$ secret (truncated)");
            }
            int value = 0;
            for (int k = 0; k < dec.length; k++) {
                char c = chars.charAt(i + k);
                int gap = Math.floorMod(POSITION.get(c) - POSITION.get(prev), ALPHABET.length()) - 1;
                value += gap * dec[k];
                prev = c;
            }
            out[n++] = (byte) (value % 256);
            i += dec.length;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
