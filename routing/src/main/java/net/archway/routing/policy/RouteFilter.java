package net.archway.routing.policy;

import net.archway.routing.Prefix;

/**
 * A Junos {@code route-filter PREFIX MATCH}: {@code exact}, {@code orlonger}, {@code longer},
 * {@code upto /N}, {@code prefix-length-range /A-/B}. Within a term the most specific filter
 * containing the route decides (Junos' longest-match rule); its match type must then hold.
 */
public record RouteFilter(Prefix prefix, Match match, int fromLength, int toLength, Term.Flow action) {
    public enum Match {
        EXACT, ORLONGER, LONGER, UPTO, PREFIX_LENGTH_RANGE
    }

    public RouteFilter {
        int max = prefix.isIpv4() ? 32 : 128;
        if (match == Match.UPTO && (toLength < prefix.length() || toLength > max)) {
            throw new IllegalArgumentException("route-filter " + prefix + " upto /" + toLength + ": the length must be "
                    + prefix.length() + "-" + max);
        }
        if (match == Match.PREFIX_LENGTH_RANGE && (fromLength < prefix.length() || toLength < fromLength || toLength > max)) {
            throw new IllegalArgumentException("route-filter " + prefix + " prefix-length-range /" + fromLength + "-/"
                    + toLength + ": need " + prefix.length() + " <= A <= B <= " + max);
        }
    }

    public RouteFilter(Prefix prefix, Match match, int fromLength, int toLength) {
        this(prefix, match, fromLength, toLength, null);
    }

    /**
     * The filter's own action ({@code route-filter 10.0.0.0/8 orlonger reject}): when this
     * filter decides the match, the action is taken at once and the term's {@code then} is not.
     */
    public RouteFilter withAction(Term.Flow flow) {
        if (flow != null && flow != Term.Flow.ACCEPT && flow != Term.Flow.REJECT) {
            throw new IllegalArgumentException("a route-filter's action is accept or reject");
        }
        return new RouteFilter(prefix, match, fromLength, toLength, flow);
    }

    public static RouteFilter exact(Prefix p) {
        return new RouteFilter(p, Match.EXACT, 0, 0);
    }

    public static RouteFilter orlonger(Prefix p) {
        return new RouteFilter(p, Match.ORLONGER, 0, 0);
    }

    public static RouteFilter longer(Prefix p) {
        return new RouteFilter(p, Match.LONGER, 0, 0);
    }

    public static RouteFilter upto(Prefix p, int length) {
        return new RouteFilter(p, Match.UPTO, 0, length);
    }

    public static RouteFilter lengthRange(Prefix p, int from, int to) {
        return new RouteFilter(p, Match.PREFIX_LENGTH_RANGE, from, to);
    }

    /** Whether a route contained in {@link #prefix()} satisfies the match type. */
    boolean typeMatches(Prefix route) {
        int len = route.length();
        return switch (match) {
            case EXACT -> len == prefix.length();
            case ORLONGER -> true;
            case LONGER -> len > prefix.length();
            case UPTO -> len <= toLength;
            case PREFIX_LENGTH_RANGE -> len >= fromLength && len <= toLength;
        };
    }

    @Override
    public String toString() {
        return "route-filter " + prefix + " " + switch (match) {
            case EXACT -> "exact";
            case ORLONGER -> "orlonger";
            case LONGER -> "longer";
            case UPTO -> "upto /" + toLength;
            case PREFIX_LENGTH_RANGE -> "prefix-length-range /" + fromLength + "-/" + toLength;
        } + (action == null ? "" : " " + action.name().toLowerCase());
    }
}
