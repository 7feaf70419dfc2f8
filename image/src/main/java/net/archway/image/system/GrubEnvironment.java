package net.archway.image.system;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GRUB's environment block ({@code grubenv}): exactly 1024 bytes, the signature line
 * {@code # GRUB Environment Block}, then {@code name=value} lines, padded with {@code #}.
 * GRUB's {@code save_env} rewrites the block in place (it never allocates), so the block keeps
 * its sectors for the life of the disk: {@link EnvironmentStore} finds and rewrites it there.
 */
public final class GrubEnvironment {
    public static final int SIZE = 1024;
    static final String SIGNATURE = "# GRUB Environment Block\n";

    private final Map<String, String> values;

    public GrubEnvironment(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    public static GrubEnvironment empty() {
        return new GrubEnvironment(Map.of());
    }

    public static boolean isBlock(byte[] b, int offset) {
        byte[] sig = SIGNATURE.getBytes(StandardCharsets.US_ASCII);
        if (b.length - offset < SIZE) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if (b[offset + i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes a block; fails with what is wrong when it is not one. */
    public static GrubEnvironment decode(byte[] block) {
        if (block.length != SIZE || !isBlock(block, 0)) {
            throw new IllegalArgumentException("not a GRUB environment block (" + block.length
                    + " bytes, signature '" + SIGNATURE.trim() + "' expected)");
        }
        String text = new String(block, StandardCharsets.US_ASCII);
        Map<String, String> v = new LinkedHashMap<>();
        for (String line : text.substring(SIGNATURE.length()).split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("GRUB environment block: line '" + line + "' is not name=value");
            }
            v.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new GrubEnvironment(v);
    }

    public byte[] encode() {
        StringBuilder sb = new StringBuilder(SIGNATURE);
        values.forEach((k, val) -> sb.append(k).append('=').append(val).append('\n'));
        if (sb.length() > SIZE) {
            throw new IllegalStateException("GRUB environment is " + sb.length() + " bytes, more than " + SIZE);
        }
        while (sb.length() < SIZE) {
            sb.append('#');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The value, or "" when unset (as GRUB's script sees an unset variable). */
    public String get(String name) {
        return values.getOrDefault(name, "");
    }

    public GrubEnvironment with(String name, String value) {
        if (name.isEmpty() || name.contains("=") || name.contains("\n") || value.contains("\n")) {
            throw new IllegalArgumentException("GRUB environment: bad variable " + name + "=" + value);
        }
        GrubEnvironment e = new GrubEnvironment(values);
        if (value.isEmpty()) {
            e.values.remove(name);
        } else {
            e.values.put(name, value);
        }
        return e;
    }

    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
