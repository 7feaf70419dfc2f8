package net.archway.routing.bgp.message;

/** The ORIGIN attribute's value (RFC 4271 §5.1.1); any other value is malformed (RFC 7606 §7.1). */
public enum Origin {
    IGP("I"),
    EGP("E"),
    INCOMPLETE("?");

    private final String letter;

    Origin(String letter) {
        this.letter = letter;
    }

    public int code() {
        return ordinal();
    }

    /** The origin code; null for a value RFC 4271 does not define. */
    public static Origin fromCode(int code) {
        return code >= 0 && code <= 2 ? values()[code] : null;
    }

    /** The one-letter form at the end of an AS path in {@code show route} ({@code I}, {@code E}, {@code ?}). */
    public String letter() {
        return letter;
    }
}
