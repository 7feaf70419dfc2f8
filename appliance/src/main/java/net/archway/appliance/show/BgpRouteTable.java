package net.archway.appliance.show;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import net.archway.cli.op.OpException;
import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.speaker.BgpRouteDetail;
import net.archway.routing.bgp.speaker.BgpSpeaker;
import net.archway.routing.rib.Rib;

/**
 * {@code show route receive-protocol bgp ADDRESS [hidden]} and {@code show route
 * advertising-protocol bgp ADDRESS} in the Junos layout: per table, a line per prefix with next
 * hop, MED, local preference and AS path. A hidden route carries the reason it was rejected
 * (Archway prints it under the route: the question is always "why was my route filtered?").
 * Written piece by piece ({@link TableStream}): a peer that sends or gets a full table makes a
 * full-table listing.
 */
public final class BgpRouteTable extends TableStream<BgpRouteTable.Route> {

    /** A table as {@code | display json} shows it. */
    public record Table(String tableName, int destinationCount, int totalRouteCount, int activeRouteCount,
                        int holddownRouteCount, int hiddenRouteCount, List<Route> routes) {
    }

    /** {@code nextHop} is "Self" for routes we advertise with our own address. */
    public record Route(boolean active, String prefix, String nextHop, Long med, Long localPreference, String asPath,
                        List<String> communities, String reason) {
    }

    /** The neighbour's routes, read from the speaker a piece at a time. */
    public interface Source {
        List<Rib.Totals> totals() throws OpException;

        /** The speaker's counts for the table headers, see {@link TableCounts#of}. */
        List<BgpSpeaker.PathCounts> bgpCounts() throws OpException;

        /** Every prefix the listing shows (received, or advertised), unordered. */
        List<Prefix> prefixes() throws OpException;

        /** The routes of these prefixes. */
        List<BgpSpeaker.RouteView> views(Collection<Prefix> prefixes) throws OpException;
    }

    private final Source source;
    private final boolean advertised;
    private final List<String> self;

    private BgpRouteTable(Source source, boolean advertised, List<String> self) {
        this.source = source;
        this.advertised = advertised;
        this.self = self;
    }

    public static BgpRouteTable received(Source source) {
        return new BgpRouteTable(source, false, List.of());
    }

    /** @param selfAddresses the addresses a next hop shows as "Self" for */
    public static BgpRouteTable advertised(Source source, List<String> selfAddresses) {
        return new BgpRouteTable(source, true, selfAddresses);
    }

    /** inet.0 always, inet6.0 when it has routes to show. */
    @Override
    List<Section> sections() throws OpException {
        List<Prefix> all = source.prefixes();
        List<Rib.Totals> totals = source.totals();
        List<BgpSpeaker.PathCounts> bgpCounts = source.bgpCounts();
        List<Section> out = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            List<Prefix> mine = new ArrayList<>();
            for (Prefix p : all) {
                if (p.isIpv6() == v6) {
                    mine.add(p);
                }
            }
            if (!mine.isEmpty() || !v6) {
                TableCounts c = TableCounts.of(totals.get(v6 ? 1 : 0), v6, bgpCounts);
                out.add(new Section(c.table(), c, sortedDistinct(mine)));
            }
        }
        return out;
    }

    @Override
    List<Route> rows(Section section, List<Prefix> piece) throws OpException {
        List<BgpSpeaker.RouteView> views = new ArrayList<>(source.views(piece));
        views.sort(Comparator.comparing(BgpSpeaker.RouteView::prefix));
        List<Route> routes = new ArrayList<>(views.size());
        for (BgpSpeaker.RouteView v : views) {
            PathAttributes a = v.attributes();
            String nh = a.nextHop() == null ? null : Prefix.format(a.nextHop().address());
            if (advertised && self.contains(nh)) {
                nh = "Self";
            }
            List<String> communities = new ArrayList<>();
            for (int i = 0; i < a.communities().size(); i++) {
                int c = a.communities().get(i);
                communities.add((c >>> 16) + ":" + (c & 0xffff));
            }
            for (int i = 0; i < a.largeCommunities().size(); i++) {
                communities.add("large:" + a.largeCommunities().globalAdministrator(i) + ":"
                        + a.largeCommunities().localData1(i) + ":" + a.largeCommunities().localData2(i));
            }
            routes.add(new Route(v.active() || advertised, v.prefix().toString(), nh,
                    a.hasMultiExitDisc() ? a.multiExitDisc() : null, a.hasLocalPref() ? a.localPref() : null,
                    BgpRouteDetail.asPathText(a), communities, v.rejectedBecause()));
        }
        return routes;
    }

    @Override
    String beforeRows() {
        return "  Prefix                  Nexthop              MED     Lclpref    AS path\n";
    }

    @Override
    void appendRows(StringBuilder sb, List<Route> rows) {
        for (Route r : rows) {
            StringBuilder line = new StringBuilder(96).append(r.active() ? "* " : "  ");
            TextColumns.padRight(line, r.prefix(), 23).append(' ');
            TextColumns.padRight(line, r.nextHop() == null ? "" : r.nextHop(), 20).append(' ');
            TextColumns.padRight(line, r.med() == null ? "" : r.med().toString(), 7).append(' ');
            TextColumns.padRight(line, r.localPreference() == null ? "" : r.localPreference().toString(), 10).append(' ')
                    .append(r.asPath());
            sb.append(line.toString().stripTrailing()).append('\n');
            if (r.reason() != null) {
                sb.append("     Hidden: ").append(r.reason()).append('\n');
            }
        }
    }

    @Override
    Object jsonHead(Section s) {
        TableCounts c = s.counts();
        return new Table(s.name(), c.destinations(), c.routes(), c.active(), c.holddown(), c.hidden(), List.of());
    }

    @Override
    String rowsField() {
        return "routes";
    }
}
