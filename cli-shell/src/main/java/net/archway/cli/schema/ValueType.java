package net.archway.cli.schema;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The type of a leaf's value or of a list key: how a value is checked, how it is canonicalised,
 * how many tokens it takes and what completion offers. Instances are immutable and shared.
 */
public abstract class ValueType {
    private final String placeholder;
    private final String description;

    protected ValueType(String placeholder, String description) {
        this.placeholder = placeholder;
        this.description = description;
    }

    /** The name shown in help, e.g. {@code <address>}. */
    public String placeholder() {
        return placeholder;
    }

    /** What the type accepts, for help and errors. */
    public String description() {
        return description;
    }

    /** Checks a value and returns its canonical form. */
    public abstract String canonical(String raw) throws InvalidValueException;

    /**
     * How many tokens starting at {@code tokens.get(0)} make one value; 1 for every type but
     * keyword-with-argument ones ({@code upto /24}).
     */
    public int arity(List<String> tokens) {
        return 1;
    }

    /** Whether a value of this type is printed as separate bare words rather than one quoted string. */
    public boolean multiToken() {
        return false;
    }

    /** Keywords offered by completion ({@code ?} and Tab); empty for free values. */
    public Map<String, String> keywords() {
        return Map.of();
    }

    /** Whether the value is a secret: stored obfuscated ({@code $9$}), printed with {@code ## SECRET-DATA}. */
    public boolean secret() {
        return false;
    }

    /** The list this value names, for reference types; null otherwise. */
    public List<String> referencePath() {
        return null;
    }

    /** For JSON: whether the canonical value is printed as a number. */
    public boolean numeric() {
        return false;
    }

    // ---- the types ----

    public static ValueType string() {
        return new ValueType("<string>", "string") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                checkPrintable(raw);
                return raw;
            }
        };
    }

    public static ValueType string(String placeholder, String description) {
        return new ValueType(placeholder, description) {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                checkPrintable(raw);
                return raw;
            }
        };
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:/+-]{0,63}");

    /** A name: letters, digits and {@code _ . : / + -}, at most 64 characters. */
    public static ValueType identifier(String placeholder) {
        return new ValueType(placeholder, "name (letters, digits, _ . : / + -; at most 64 characters)") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                if (!IDENTIFIER.matcher(raw).matches()) {
                    throw new InvalidValueException("invalid name '" + printable(raw)
                            + "': use letters, digits and _ . : / + - (at most 64 characters)");
                }
                return raw;
            }
        };
    }

    /** A pattern-checked string. */
    public static ValueType pattern(String placeholder, String description, String regex) {
        Pattern p = Pattern.compile(regex);
        return new ValueType(placeholder, description) {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                if (!p.matcher(raw).matches()) {
                    throw new InvalidValueException("invalid value '" + printable(raw) + "': expected " + description);
                }
                return raw;
            }
        };
    }

    /** An unsigned integer in [min, max]. */
    public static ValueType integer(String placeholder, long min, long max) {
        return new ValueType(placeholder, "number " + min + ".." + max) {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                long v;
                try {
                    if (raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(Character::isDigit)) {
                        throw new NumberFormatException();
                    }
                    v = Long.parseLong(raw);
                } catch (NumberFormatException e) {
                    throw new InvalidValueException("invalid number '" + printable(raw) + "': expected a number "
                            + min + ".." + max);
                }
                if (v < min || v > max) {
                    throw new InvalidValueException("value " + v + " is not within range (" + min + ".." + max + ")");
                }
                return Long.toString(v);
            }

            @Override
            public boolean numeric() {
                return true;
            }
        };
    }

    public static ValueType ipv4Address() {
        return new ValueType("<address>", "IPv4 address") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                return ipv4(raw, raw);
            }
        };
    }

    public static ValueType ipv6Address() {
        return new ValueType("<address>", "IPv6 address") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                return ipv6(raw, raw);
            }
        };
    }

    public static ValueType ipAddress() {
        return new ValueType("<address>", "IPv4 or IPv6 address") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                return raw.indexOf(':') >= 0 ? ipv6(raw, raw) : ipv4(raw, raw);
            }
        };
    }

    public static ValueType ipv4Prefix() {
        return new ValueType("<prefix>", "IPv4 prefix (a.b.c.d/len)") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                return prefix(raw, false, true);
            }
        };
    }

    public static ValueType ipv6Prefix() {
        return new ValueType("<prefix>", "IPv6 prefix (x::/len)") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                return prefix(raw, true, true);
            }
        };
    }

    public static ValueType ipPrefix() {
        return new ValueType("<prefix>", "IPv4 or IPv6 prefix") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                return prefix(raw, raw.indexOf(':') >= 0, true);
            }
        };
    }

    /** An interface address: a host address with its prefix length ({@code 192.0.2.1/30}). */
    public static ValueType interfaceAddress(boolean v6) {
        return new ValueType("<address>", v6 ? "IPv6 address with prefix length" : "IPv4 address with prefix length") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                return prefix(raw, v6, false);
            }
        };
    }

    /** One of fixed keywords. */
    public static ValueType enumeration(String... keywordsAndHelp) {
        Map<String, String> kw = pairs(keywordsAndHelp);
        return new ValueType("<" + String.join("|", kw.keySet()) + ">", "one of " + String.join(", ", kw.keySet())) {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                if (!kw.containsKey(raw)) {
                    throw new InvalidValueException("invalid value '" + printable(raw) + "': expected one of "
                            + String.join(", ", kw.keySet()));
                }
                return raw;
            }

            @Override
            public Map<String, String> keywords() {
                return kw;
            }
        };
    }

    /** The first of several types that accepts the value ({@code next-hop self} or an address). */
    public static ValueType union(String placeholder, ValueType... types) {
        List<String> names = new ArrayList<>();
        Map<String, String> kw = new LinkedHashMap<>();
        for (ValueType t : types) {
            names.add(t.description());
            kw.putAll(t.keywords());
        }
        String description = String.join(" or ", names);
        return new ValueType(placeholder, description) {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                for (ValueType t : types) {
                    try {
                        return t.canonical(raw);
                    } catch (InvalidValueException e) {
                        // try the next one
                    }
                }
                throw new InvalidValueException("invalid value '" + printable(raw) + "': expected " + description);
            }

            @Override
            public Map<String, String> keywords() {
                return kw;
            }
        };
    }

    /**
     * A keyword that may take one argument, as route-filter match types: {@code exact},
     * {@code upto /24}, {@code prefix-length-range /16-/24}. The value is the words joined by a space.
     * {@code arguments} maps each keyword to its argument's type, or to null for none.
     */
    public static ValueType keywordWithArgument(String placeholder, Map<String, ValueType> arguments,
                                                Map<String, String> help) {
        return new ValueType(placeholder, "one of " + String.join(", ", arguments.keySet())) {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                String[] words = raw.trim().split("\\s+", 2);
                if (!arguments.containsKey(words[0])) {
                    throw new InvalidValueException("invalid value '" + printable(words[0]) + "': expected one of "
                            + String.join(", ", arguments.keySet()));
                }
                ValueType arg = arguments.get(words[0]);
                if (arg == null) {
                    if (words.length > 1) {
                        throw new InvalidValueException("'" + words[0] + "' takes no argument");
                    }
                    return words[0];
                }
                if (words.length < 2) {
                    throw new InvalidValueException("'" + words[0] + "' needs " + arg.placeholder());
                }
                return words[0] + " " + arg.canonical(words[1]);
            }

            @Override
            public int arity(List<String> tokens) {
                if (tokens.isEmpty()) {
                    return 1;
                }
                return arguments.get(tokens.get(0)) == null ? 1 : 2;
            }

            @Override
            public boolean multiToken() {
                return true;
            }

            @Override
            public Map<String, String> keywords() {
                return help;
            }
        };
    }

    /**
     * A reference to an entry of the keyed list at {@code listPath} (e.g. policy-options
     * policy-statement); the name is checked at parse time, its existence at validation.
     */
    public static ValueType reference(String placeholder, String... listPath) {
        List<String> path = List.of(listPath);
        ValueType base = identifier(placeholder);
        return new ValueType(placeholder, "name of a " + String.join(" ", path)) {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                return base.canonical(raw);
            }

            @Override
            public List<String> referencePath() {
                return path;
            }
        };
    }

    /**
     * A secret: the value is kept as a {@code $9$} string ({@link Secrets}); a plain value is
     * encoded on entry. Printed with {@code ## SECRET-DATA}.
     */
    public static ValueType secret(String placeholder) {
        return new ValueType(placeholder, "secret (plain text or $9$ encoded)") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                if (raw.startsWith("$9$")) {
                    Secrets.decode(raw); // throws if malformed
                    return raw;
                }
                if (raw.isEmpty() || raw.length() > 255) {
                    throw new InvalidValueException("a secret must have 1 to 255 characters");
                }
                checkPrintable(raw);
                return Secrets.encode(raw);
            }

            @Override
            public boolean secret() {
                return true;
            }
        };
    }

    /** A crypt(3) password hash: SHA-512 ({@code $6$}) or SHA-256 ({@code $5$}). */
    public static ValueType passwordHash() {
        Pattern p = Pattern.compile("\\$[56]\\$(rounds=[0-9]+\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{43,86}");
        return new ValueType("<encrypted-password>", "SHA-512 crypt hash ($6$...)") {
            @Override
            public String canonical(String raw) throws InvalidValueException {
                if (!p.matcher(raw).matches()) {
                    throw new InvalidValueException("invalid encrypted password: expected a SHA-512 crypt hash "
                            + "($6$salt$hash, as made by 'mkpasswd -m sha-512')");
                }
                return raw;
            }

            @Override
            public boolean secret() {
                return true;
            }
        };
    }

    // ---- helpers ----

    static Map<String, String> pairs(String... keywordsAndHelp) {
        Map<String, String> kw = new LinkedHashMap<>();
        for (int i = 0; i < keywordsAndHelp.length; i += 2) {
            kw.put(keywordsAndHelp[i], i + 1 < keywordsAndHelp.length ? keywordsAndHelp[i + 1] : "");
        }
        return kw;
    }

    static void checkPrintable(String raw) throws InvalidValueException {
        if (raw.length() > 1024) {
            throw new InvalidValueException("value is too long (" + raw.length() + " characters, at most 1024)");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidValueException("value contains a control character (code " + (int) c + ")");
            }
        }
    }

    /** A value made safe to show in an error: control characters escaped, long values cut. */
    public static String printable(String raw) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length() && i < 64; i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfffd) {
                sb.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                sb.append(c);
            }
        }
        if (raw.length() > 64) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    static String ipv4(String s, String raw) throws InvalidValueException {
        var m = V4.matcher(s);
        if (!m.matches()) {
            throw new InvalidValueException("invalid IPv4 address '" + printable(raw) + "'");
        }
        for (int i = 1; i <= 4; i++) {
            String g = m.group(i);
            if (Integer.parseInt(g) > 255 || (g.length() > 1 && g.charAt(0) == '0')) {
                throw new InvalidValueException("invalid IPv4 address '" + printable(raw) + "'");
            }
        }
        return s;
    }

    static String ipv6(String s, String raw) throws InvalidValueException {
        if (s.isEmpty() || s.length() > 45 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                || s.indexOf(':') < 0) {
            throw new InvalidValueException("invalid IPv6 address '" + printable(raw) + "'");
        }
        try {
            InetAddress.getByName(s); // literal only: the characters above cannot form a host name
        } catch (Exception e) {
            throw new InvalidValueException("invalid IPv6 address '" + printable(raw) + "'");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    static String prefix(String raw, boolean v6, boolean network) throws InvalidValueException {
        int slash = raw.indexOf('/');
        String kind = (v6 ? "IPv6" : "IPv4") + (network ? " prefix" : " address with prefix length");
        if (slash < 0) {
            throw new InvalidValueException("invalid " + kind + " '" + printable(raw) + "': missing /length");
        }
        String addr = raw.substring(0, slash);
        String len = raw.substring(slash + 1);
        int max = v6 ? 128 : 32;
        int l;
        try {
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            l = Integer.parseInt(len);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("invalid " + kind + " '" + printable(raw) + "': bad length");
        }
        if (l > max) {
            throw new InvalidValueException("invalid " + kind + " '" + printable(raw) + "': length over " + max);
        }
        String a = v6 ? ipv6(addr, raw) : ipv4(addr, raw);
        return a + "/" + l;
    }
}
