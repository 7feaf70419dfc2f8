package net.archway.appliance.daemon;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import net.archway.appliance.show.BfdSessions;
import net.archway.appliance.show.BgpNeighborDetail;
import net.archway.appliance.show.BgpRouteTable;
import net.archway.appliance.show.BgpSummary;
import net.archway.appliance.show.RouteInformation;
import net.archway.appliance.show.RouteListing;
import net.archway.cli.ManagementPlane;
import net.archway.cli.op.OpCommand;
import net.archway.cli.op.OpException;
import net.archway.cli.op.OpResult;
import net.archway.cli.op.Permission;
import net.archway.routing.Prefix;
import net.archway.routing.bfd.BfdSessionSnapshot;
import net.archway.routing.bgp.speaker.BgpSpeaker;
import net.archway.routing.rib.Rib;
import net.archway.routing.rib.RibSnapshot;

/**
 * The BGP and BFD operational commands: {@code show bgp summary}, {@code show bgp neighbor},
 * {@code show route receive-protocol|advertising-protocol bgp}, {@code show route} with every
 * BGP path, {@code clear bgp neighbor}, {@code show bfd session}.
 */
final class BgpCommands {
    /** A show command waits this long for the speaker before saying it is busy. */
    private static final long WAIT_SECONDS = 60;

    private BgpCommands() {
    }

    static void register(ManagementPlane.Builder b, Daemon d) {
        b.command(OpCommand.of("show bgp summary", "Show overview of BGP information", Permission.VIEW,
                (ctx, args) -> BgpSummary.of(get(d.bgp().peers()), Instant.now())));
        Map<String, String> neighborArgs = new LinkedHashMap<>();
        neighborArgs.put("<address>", "IP address of the neighbor");
        b.command(new OpCommand(List.of("show", "bgp", "neighbor"), "Show BGP neighbor information", Permission.VIEW,
                neighborArgs, (ctx, args) -> neighbors(d, args)));

        Map<String, String> protoArgs = new LinkedHashMap<>();
        protoArgs.put("bgp", "BGP");
        protoArgs.put("<address>", "IP address of the neighbor");
        protoArgs.put("hidden", "Show the routes import policy rejected, with the reason");
        b.command(new OpCommand(List.of("show", "route", "receive-protocol"), "Show routes received from a neighbor",
                Permission.VIEW, protoArgs, (ctx, args) -> {
                    InetAddress n = neighborOf(args, "receive-protocol");
                    boolean hidden = args.size() > 2 && args.get(2).equals("hidden");
                    return BgpRouteTable.received(new RouteTableSource(d) {
                        @Override
                        public List<Prefix> prefixes() throws OpException {
                            return get(d.bgp().receivedPrefixes(n, hidden));
                        }

                        @Override
                        public List<BgpSpeaker.RouteView> views(java.util.Collection<Prefix> piece) throws OpException {
                            return get(d.bgp().receivedFrom(n, hidden, piece));
                        }
                    });
                }));
        Map<String, String> advArgs = new LinkedHashMap<>(protoArgs);
        advArgs.remove("hidden");
        b.command(new OpCommand(List.of("show", "route", "advertising-protocol"), "Show routes advertised to a neighbor",
                Permission.VIEW, advArgs, (ctx, args) -> {
                    InetAddress n = neighborOf(args, "advertising-protocol");
                    List<String> self = new ArrayList<>();
                    for (BgpSpeaker.PeerView v : get(d.bgp().peers())) {
                        if (v.address().equals(n) && v.session().negotiated() != null) {
                            self.add(Prefix.format(v.session().negotiated().localAddress().getAddress()));
                        }
                    }
                    return BgpRouteTable.advertised(new RouteTableSource(d) {
                        @Override
                        public List<Prefix> prefixes() throws OpException {
                            return get(d.bgp().advertisedPrefixes(n));
                        }

                        @Override
                        public List<BgpSpeaker.RouteView> views(java.util.Collection<Prefix> piece) throws OpException {
                            return get(d.bgp().advertisedTo(n, piece));
                        }
                    }, self);
                }));

        Map<String, String> clearArgs = new LinkedHashMap<>();
        clearArgs.put("<address>", "IP address of the neighbor (all neighbors when left out)");
        clearArgs.put("soft", "Re-run import and export policy without resetting the session");
        clearArgs.put("soft-inbound", "Re-run import policy on the routes kept from the neighbor");
        b.command(new OpCommand(List.of("clear", "bgp", "neighbor"), "Clear BGP neighbor sessions", Permission.CONTROL,
                clearArgs, (ctx, args) -> clear(d, args)));

        Map<String, String> bfdArgs = new LinkedHashMap<>();
        bfdArgs.put("detail", "Display detailed output");
        bfdArgs.put("address", "Only the session with this peer address");
        b.command(new OpCommand(List.of("show", "bfd", "session"), "Show BFD sessions", Permission.VIEW, bfdArgs,
                (ctx, args) -> bfd(d, args)));
    }

    /** The table headers' counts of a route listing, from the RIB and the speaker; the routes come from the subclass. */
    private abstract static class DaemonCounts {
        final Daemon d;

        DaemonCounts(Daemon d) {
            this.d = d;
        }

        public List<Rib.Totals> totals() throws OpException {
            return get(d.rib().totals());
        }

        public List<BgpSpeaker.PathCounts> bgpCounts() throws OpException {
            return get(d.bgp().pathCounts());
        }
    }

    private abstract static class RouteTableSource extends DaemonCounts implements BgpRouteTable.Source {
        RouteTableSource(Daemon d) {
            super(d);
        }
    }

    private abstract static class ListingSource extends DaemonCounts implements RouteListing.Source {
        ListingSource(Daemon d) {
            super(d);
        }
    }

    /**
     * {@code show route ...} with every BGP path of the selected prefixes, streamed piece by
     * piece (RouteListing): the RIB and the speaker are asked for a thousand destinations at a
     * time, never for the whole table.
     */
    static OpResult route(Daemon d, RouteInformation.Query q) {
        boolean bgp = q.protocol() == null || q.protocol().equalsIgnoreCase("bgp");
        return new RouteListing(q, new ListingSource(d) {
            @Override
            public List<Prefix> prefixes(java.util.function.Predicate<Prefix> which) throws OpException {
                List<Prefix> all = new ArrayList<>(get(d.rib().prefixes(which)));
                if (bgp) {
                    all.addAll(get(d.bgp().prefixes(which)));
                }
                return all;
            }

            @Override
            public RibSnapshot snapshot(java.util.Collection<Prefix> prefixes) throws OpException {
                return get(d.rib().snapshot(prefixes));
            }

            @Override
            public Map<Prefix, List<BgpSpeaker.RouteView>> bgpPaths(java.util.Collection<Prefix> prefixes) throws OpException {
                return bgp ? get(d.bgp().paths(prefixes)) : Map.of();
            }
        });
    }

    private static InetAddress neighborOf(List<String> args, String command) throws OpException {
        if (args.size() < 2 || !args.get(0).equals("bgp")) {
            throw new OpException("show route " + command + ": usage: show route " + command + " bgp ADDRESS"
                    + (command.startsWith("receive") ? " [hidden]" : ""));
        }
        return address(args.get(1));
    }

    private static InetAddress address(String text) throws OpException {
        try {
            return Prefix.parseAddress(text, text);
        } catch (IllegalArgumentException e) {
            throw new OpException("'" + text + "' is not an IP address");
        }
    }

    private static OpResult neighbors(Daemon d, List<String> args) throws OpException {
        InetAddress only = args.isEmpty() ? null : address(args.get(0));
        Map<InetAddress, BfdSessionSnapshot> bfd = new LinkedHashMap<>();
        for (BfdSessionSnapshot s : d.bfd().sessions()) {
            bfd.put(s.key().peer(), s);
        }
        List<BgpNeighborDetail.Neighbor> out = new ArrayList<>();
        Instant now = Instant.now();
        for (BgpSpeaker.PeerView v : get(d.bgp().peers())) {
            if (only == null || v.address().equals(only)) {
                out.add(BgpNeighborDetail.of(v, bfd.get(v.address()), d.bgpBfdConfigured(v.address()), now));
            }
        }
        if (only != null && out.isEmpty()) {
            throw new OpException("error: peer " + args.get(0) + " not found");
        }
        return new BgpNeighborDetail(out);
    }

    private static OpResult clear(Daemon d, List<String> args) throws OpException {
        BgpSpeaker.Clear how = BgpSpeaker.Clear.HARD;
        List<InetAddress> which = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "soft" -> how = BgpSpeaker.Clear.SOFT;
                case "soft-inbound" -> how = BgpSpeaker.Clear.SOFT_INBOUND;
                default -> which.add(address(a));
            }
        }
        if (which.isEmpty()) {
            for (BgpSpeaker.PeerView v : get(d.bgp().peers())) {
                which.add(v.address());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (InetAddress n : which) {
            if (!get(d.bgp().clear(n, how))) {
                throw new OpException("error: peer " + Prefix.format(n) + " not found");
            }
        }
        return OpResult.text(sb.toString());
    }

    private static OpResult bfd(Daemon d, List<String> args) throws OpException {
        boolean detail = false;
        InetAddress only = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "detail" -> detail = true;
                case "address" -> {
                    if (i + 1 >= args.size()) {
                        throw new OpException("'address' needs a value");
                    }
                    only = address(args.get(++i));
                }
                default -> throw new OpException("show bfd session: unknown option '" + args.get(i) + "'");
            }
        }
        List<BfdSessionSnapshot> sessions = new ArrayList<>();
        for (BfdSessionSnapshot s : d.bfd().sessions()) {
            if (only == null || s.key().peer().equals(only)) {
                sessions.add(s);
            }
        }
        return BfdSessions.of(sessions, d::bfdClientName, detail);
    }

    static <T> T get(CompletableFuture<T> f) throws OpException {
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new OpException("error: BGP did not answer within " + WAIT_SECONDS + " s (busy with a large update?); try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpException("interrupted");
        } catch (ExecutionException e) {
            throw new OpException("error: " + e.getCause());
        }
    }
}
