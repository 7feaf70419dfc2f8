package net.archway.appliance.show;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import net.archway.cli.op.OpException;
import net.archway.routing.Prefix;
import net.archway.routing.bgp.speaker.BgpSpeaker;
import net.archway.routing.rib.Rib;
import net.archway.routing.rib.RibSnapshot;

/**
 * {@code show route ...} over a table of any size (see {@link TableStream}): the selected
 * prefixes are collected from the RIB and the BGP Loc-RIB (references only) and sorted, then a
 * thousand destinations at a time are copied from the RIB ({@code Rib.snapshot(prefixes)}) and
 * the speaker ({@code BgpSpeaker.paths(prefixes)}) and rendered by {@link RouteInformation},
 * whose text and JSON layout this keeps.
 */
public final class RouteListing extends TableStream<RouteInformation.Destination> {

    /** Where the listing reads from: the daemon's RIB and BGP speaker. */
    public interface Source {
        List<Rib.Totals> totals() throws OpException;

        /** The speaker's counts (IPv4, IPv6), empty without BGP. */
        List<BgpSpeaker.PathCounts> bgpCounts() throws OpException;

        /** Prefixes of the RIB and of the BGP Loc-RIB that {@code which} selects; unordered, duplicates allowed. */
        List<Prefix> prefixes(Predicate<Prefix> which) throws OpException;

        RibSnapshot snapshot(Collection<Prefix> prefixes) throws OpException;

        /** Every BGP path of these prefixes; empty when BGP is not asked for. */
        Map<Prefix, List<BgpSpeaker.RouteView>> bgpPaths(Collection<Prefix> prefixes) throws OpException;
    }

    private final RouteInformation.Query query;
    private final Source source;
    private Prefix bestMatch;

    public RouteListing(RouteInformation.Query query, Source source) {
        this.query = query;
        this.source = source;
    }

    @Override
    List<Section> sections() throws OpException {
        RouteInformation.Query q = query;
        if (q.prefix() != null && !q.exact() && q.prefix().length() == (q.prefix().isIpv4() ? 32 : 128)) {
            // a host address: the longest active prefix covering it, from the few that do
            bestMatch = RouteInformation.bestMatch(source.snapshot(source.prefixes(p -> p.contains(q.prefix()))), q);
        }
        Prefix best = bestMatch;
        List<Rib.Totals> totals = source.totals();
        List<BgpSpeaker.PathCounts> bgpCounts = source.bgpCounts();
        List<Section> out = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            if (!RouteInformation.shows(q, v6)) {
                continue;
            }
            TableCounts c = TableCounts.of(totals.get(v6 ? 1 : 0), v6, bgpCounts);
            List<Prefix> prefixes = source.prefixes(p -> p.isIpv6() == v6 && RouteInformation.selected(p, q, best));
            if (q.prefix() != null && prefixes.isEmpty() && c.routes() == 0) {
                continue;
            }
            out.add(new Section(RouteInformation.tableName(v6), c, sortedDistinct(prefixes)));
        }
        return out;
    }

    @Override
    List<RouteInformation.Destination> rows(Section section, List<Prefix> piece) throws OpException {
        Map<Prefix, List<BgpSpeaker.RouteView>> paths = source.bgpPaths(piece);
        return RouteInformation.destinations(source.snapshot(piece), query, bestMatch, section.name().equals("inet6.0"), paths,
                paths.keySet());
    }

    @Override
    String beforeRows() {
        return RouteInformation.LEGEND;
    }

    @Override
    void appendRows(StringBuilder sb, List<RouteInformation.Destination> rows) {
        RouteInformation.appendDestinations(sb, rows);
    }

    @Override
    Object jsonHead(Section s) {
        TableCounts c = s.counts();
        return new RouteInformation.Table(s.name(), c.destinations(), c.routes(), c.active(), c.holddown(), c.hidden(), List.of());
    }

    @Override
    String rowsField() {
        return "destinations";
    }
}
