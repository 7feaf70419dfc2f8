package net.archway.routing.bgp.speaker;

import java.net.InetAddress;
import java.util.List;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.rib.RouteDetail;

/** What a BGP route shows in {@code show route}: local preference, MED, AS path and origin, the peer. */
public record BgpRouteDetail(long localPreference, Long med, String asPath, InetAddress from, boolean external,
                             int paths) implements RouteDetail {

    static BgpRouteDetail of(PathAttributes a, InetAddress from, boolean external, int paths) {
        return new BgpRouteDetail(a.hasLocalPref() ? a.localPref() : BestPath.DEFAULT_LOCAL_PREF,
                a.hasMultiExitDisc() ? a.multiExitDisc() : null, asPathText(a), from, external, paths);
    }

    /** Junos: {@code 12076 65515 I}, {@code I} alone for an empty path, sets in braces. */
    static String asPathText(PathAttributes a) {
        String p = a.asPath().toString().trim();
        return (p.isEmpty() ? "" : p + " ") + a.origin().letter();
    }

    @Override
    public String routeLine() {
        return (med == null ? "" : "MED " + med + ", ") + "localpref " + localPreference + ", from " + Prefix.format(from);
    }

    @Override
    public List<String> lines() {
        return List.of("AS path: " + asPath);
    }
}
