package net.archway.appliance.show;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import net.archway.cli.op.OpResult;
import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.session.SessionState;
import net.archway.routing.bgp.speaker.BgpSpeaker;

/**
 * {@code show bgp summary} in the Junos layout: groups and peers, a line per table with its
 * path counts, then a line per peer with its packet counters, flaps, time in state and either
 * its state or, when Established, its {@code active/received/accepted/damped} counts per table.
 */
public record BgpSummary(int groupCount, int peerCount, int downPeerCount, List<TableCounts> tables, List<Peer> peers)
        implements OpResult {

    public record TableCounts(String name, long totalPaths, long activePaths, long suppressed, long history, long damped,
                              long pending) {
    }

    /** One neighbour; {@code tables} per family while Established. */
    public record Peer(String address, long as, long inputMessages, long outputMessages, long outputQueue, long flaps,
                       String lastUpDown, long lastUpDownSeconds, String state, List<PeerTable> tables) {
    }

    public record PeerTable(String name, long active, long received, long accepted, long damped) {
    }

    public static BgpSummary of(List<BgpSpeaker.PeerView> views, Instant now) {
        Set<String> groups = new LinkedHashSet<>();
        List<Peer> peers = new ArrayList<>();
        int down = 0;
        long[] total = new long[2];
        long[] active = new long[2];
        boolean[] present = new boolean[2];
        for (BgpSpeaker.PeerView v : views) {
            groups.add(v.group());
            boolean up = v.session().state() == SessionState.ESTABLISHED;
            if (!up) {
                down++;
            }
            List<PeerTable> tables = new ArrayList<>();
            for (Family f : List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)) {
                if (!v.session().settings().families().contains(f)) {
                    continue;
                }
                int i = f.equals(Family.IPV4_UNICAST) ? 0 : 1;
                BgpSpeaker.Counts c = v.counts(f);
                present[i] = true;
                total[i] += c.received();
                active[i] += c.active();
                if (up) {
                    tables.add(new PeerTable(i == 0 ? "inet.0" : "inet6.0", c.active(), c.received(), c.accepted(), 0));
                }
            }
            Duration inState = Duration.between(v.session().since(), now);
            peers.add(new Peer(Prefix.format(v.address()), v.peerAs(), v.session().messagesReceived(),
                    v.session().messagesSent(), v.outputQueue(), v.flaps(), JunosTime.age(inState), inState.getSeconds(),
                    up ? "Establ" : v.session().state().toString(), tables));
        }
        List<TableCounts> tables = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            if (present[i]) {
                tables.add(new TableCounts(i == 0 ? "inet.0" : "inet6.0", total[i], active[i], 0, 0, 0, 0));
            }
        }
        return new BgpSummary(groups.size(), views.size(), down, tables, peers);
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Threading mode: BGP I/O\n");
        sb.append("Groups: ").append(groupCount).append(" Peers: ").append(peerCount).append(" Down peers: ")
                .append(downPeerCount).append('\n');
        sb.append("Table          Tot Paths  Act Paths Suppressed    History Damp State    Pending\n");
        for (TableCounts t : tables) {
            sb.append(t.name()).append('\n');
            sb.append(String.format("%24d %10d %10d %10d %10d %10d%n", t.totalPaths(), t.activePaths(), t.suppressed(),
                    t.history(), t.damped(), t.pending()));
        }
        sb.append("Peer                     AS      InPkt     OutPkt    OutQ   Flaps Last Up/Dwn State|#Active/Received/Accepted/Damped...\n");
        for (Peer p : peers) {
            sb.append(String.format("%-20s %10d %10d %10d %7d %7d %11s %s%n", p.address(), p.as(), p.inputMessages(),
                    p.outputMessages(), p.outputQueue(), p.flaps(), p.lastUpDown(), p.state()));
            for (PeerTable t : p.tables()) {
                sb.append("  ").append(t.name()).append(": ").append(t.active()).append('/').append(t.received()).append('/')
                        .append(t.accepted()).append('/').append(t.damped()).append('\n');
            }
        }
        return sb.toString();
    }
}
