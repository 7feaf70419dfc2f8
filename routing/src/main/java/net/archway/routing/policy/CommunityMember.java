package net.archway.routing.policy;

import java.util.regex.Pattern;

/**
 * One member of a Junos {@code community NAME members [...]} definition: a literal standard
 * community ({@code 65000:100}, or a well-known name such as {@code no-export}), a literal large
 * community ({@code large:65000:1:2}), or a regular expression over the text form ({@code 65000:1.*}).
 */
public sealed interface CommunityMember {

    boolean matches(long community);

    boolean matches(LargeCommunity large);

    record Standard(long value) implements CommunityMember {
        public boolean matches(long community) {
            return community == value;
        }

        public boolean matches(LargeCommunity large) {
            return false;
        }

        @Override
        public String toString() {
            return (value >>> 16) + ":" + (value & 0xffff);
        }
    }

    record Large(LargeCommunity value) implements CommunityMember {
        public boolean matches(long community) {
            return false;
        }

        public boolean matches(LargeCommunity large) {
            return value.equals(large);
        }

        @Override
        public String toString() {
            return "large:" + value;
        }
    }

    /** A regular expression over {@code AS:value} (or {@code large:G:L1:L2}) text. */
    record Regex(String text, Pattern pattern, boolean large) implements CommunityMember {
        public boolean matches(long community) {
            return !large && pattern.matcher((community >>> 16) + ":" + (community & 0xffff)).matches();
        }

        public boolean matches(LargeCommunity l) {
            return large && pattern.matcher(l.toString()).matches();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    long NO_EXPORT = 0xFFFFFF01L;
    long NO_ADVERTISE = 0xFFFFFF02L;
    long NO_EXPORT_SUBCONFED = 0xFFFFFF03L;

    /** Parses a member as Junos writes it; a bad one is an IllegalArgumentException with the reason. */
    static CommunityMember parse(String text) {
        switch (text) {
            case "no-export":
                return new Standard(NO_EXPORT);
            case "no-advertise":
                return new Standard(NO_ADVERTISE);
            case "no-export-subconfed":
                return new Standard(NO_EXPORT_SUBCONFED);
            default:
                break;
        }
        boolean large = text.startsWith("large:");
        String body = large ? text.substring(6) : text;
        if (large ? body.matches("\\d{1,10}:\\d{1,10}:\\d{1,10}") : body.matches("\\d{1,5}:\\d{1,5}")) {
            String[] p = body.split(":");
            if (large) {
                return new Large(new LargeCommunity(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])));
            }
            long as = Long.parseLong(p[0]);
            long v = Long.parseLong(p[1]);
            if (as > 0xffff || v > 0xffff) {
                throw new IllegalArgumentException("community '" + text + "': both parts must be 0-65535");
            }
            return new Standard((as << 16) | v);
        }
        try {
            return new Regex(text, Pattern.compile(body), large);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("community '" + text + "' is neither AS:value nor a valid regular expression: "
                    + e.getDescription());
        }
    }

    /** A literal member can be added to a route; a regular expression only matched. */
    default boolean isLiteral() {
        return !(this instanceof Regex);
    }
}
