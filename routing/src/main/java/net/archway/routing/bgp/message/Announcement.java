package net.archway.routing.bgp.message;

import java.util.List;

import net.archway.routing.Prefix;

/** Prefixes announced with one attribute set (next hop included). */
public record Announcement(PathAttributes attributes, List<Prefix> prefixes) {
    public Announcement {
        if (attributes == null) {
            throw new IllegalArgumentException("an announcement needs attributes");
        }
    }
}
