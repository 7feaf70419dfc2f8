package net.archway.routing.policy;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Junos AS-path regular expression ({@code "65000 .*"}, {@code ".* 65001$"}, {@code "65000{2}"},
 * {@code "(65000|65001) .*"}, {@code "^$"}): the atoms are whole AS numbers, not characters. It
 * is translated to a Java pattern over the path written as {@code "65000 65001 "} (each AS
 * followed by one space): an AS number becomes itself plus a space, {@code .} any one AS.
 * The whole path must match, as in Junos.
 */
public final class AsPathRegex {
    private final String text;
    private final Pattern pattern;

    private AsPathRegex(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static AsPathRegex compile(String text) {
        StringBuilder out = new StringBuilder();
        String s = text.trim();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                out.append("(?:").append(s, i, j).append(" )");
                i = j;
            } else if (c == '.') {
                out.append("(?:\\d+ )");
                i++;
            } else if (c == ' ') {
                i++; // atoms carry their own separator
            } else if (c == '^' || c == '$') {
                i++; // the whole path must match anyway
            } else if (c == '{') {
                int j = s.indexOf('}', i);
                if (j < 0 || !s.substring(i + 1, j).matches("\\d+(,\\d*)?")) {
                    throw new IllegalArgumentException("as-path '" + text + "': a repetition is {n}, {n,} or {n,m}");
                }
                out.append(s, i, j + 1); // a repetition count, not an AS number
                i = j + 1;
            } else if ("()|*+?-".indexOf(c) >= 0) {
                if (c == '-') {
                    throw new IllegalArgumentException("as-path '" + text + "': AS ranges are not supported; use (A|B)");
                }
                out.append(c);
                i++;
            } else {
                throw new IllegalArgumentException("as-path '" + text + "': unexpected '" + c + "' at position " + (i + 1));
            }
        }
        try {
            return new AsPathRegex(text, Pattern.compile(out.toString()));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("as-path '" + text + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    public boolean matches(List<Long> asPath) {
        StringBuilder sb = new StringBuilder(asPath.size() * 7);
        for (long as : asPath) {
            sb.append(as).append(' ');
        }
        return pattern.matcher(sb).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
