package net.archway.routing.bgp.speaker;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.rib.RouteDetail;

/**
 * What a BGP route shows in {@code show route}: local preference, MED, AS path and origin, the peer.
 * One is kept per route in the RIB, so it holds the (interned, shared) attribute set and derives
 * the text only when shown: a full table would otherwise keep a million AS path strings.
 */
public final class BgpRouteDetail implements RouteDetail {
    private final PathAttributes attributes;
    private final InetAddress from;
    private final boolean external;
    private final int paths;

    private BgpRouteDetail(PathAttributes attributes, InetAddress from, boolean external, int paths) {
        this.attributes = Objects.requireNonNull(attributes);
        this.from = from;
        this.external = external;
        this.paths = paths;
    }

    public static BgpRouteDetail of(PathAttributes a, InetAddress from, boolean external, int paths) {
        return new BgpRouteDetail(a, from, external, paths);
    }

    public long localPreference() {
        return attributes.hasLocalPref() ? attributes.localPref() : BestPath.DEFAULT_LOCAL_PREF;
    }

    /** The MED, or null when the route has none. */
    public Long med() {
        return attributes.hasMultiExitDisc() ? attributes.multiExitDisc() : null;
    }

    /** Junos: {@code 12076 65515 I}. */
    public String asPath() {
        return asPathText(attributes);
    }

    public InetAddress from() {
        return from;
    }

    public boolean external() {
        return external;
    }

    /** How many paths the speaker knows for the prefix. */
    public int paths() {
        return paths;
    }

    /** Junos: {@code 12076 65515 I}, {@code I} alone for an empty path, sets in braces. */
    public static String asPathText(PathAttributes a) {
        String p = a.asPath().toString().trim();
        return (p.isEmpty() ? "" : p + " ") + a.origin().letter();
    }

    @Override
    public String routeLine() {
        Long med = med();
        return (med == null ? "" : "MED " + med + ", ") + "localpref " + localPreference() + ", from " + Prefix.format(from);
    }

    @Override
    public List<String> lines() {
        return List.of("AS path: " + asPath());
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof BgpRouteDetail d && d.external == external && d.paths == paths
                && Objects.equals(d.from, from) && d.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        // by hand, not Objects.hash: its array per call came to 0.18 GB over a full table
        int h = attributes.hashCode();
        h = 31 * h + Objects.hashCode(from);
        h = 31 * h + Boolean.hashCode(external);
        return 31 * h + paths;
    }

    @Override
    public String toString() {
        return "BgpRouteDetail[" + routeLine() + ", AS path " + asPath() + ", paths " + paths + "]";
    }
}
