package net.archway.appliance.show;

import java.time.Duration;

/** Durations the way Junos prints ages: {@code 00:01:02}, {@code 1d 02:03:04}, {@code 5w4d 21:07:38}. */
public final class JunosTime {
    private JunosTime() {
    }

    public static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long weeks = s / (7 * 86400);
        long days = s / 86400 % 7;
        // by hand, not String.format: a full-table show route formats a million of these
        String hms = two(s / 3600 % 24) + ":" + two(s / 60 % 60) + ":" + two(s % 60);
        if (weeks > 0) {
            return weeks + "w" + days + "d " + hms;
        }
        if (days > 0) {
            return days + "d " + hms;
        }
        return hms;
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
