package net.archway.appliance.show;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.archway.cli.op.OpResult;
import net.archway.routing.Prefix;
import net.archway.routing.bfd.BfdSessionSnapshot;
import net.archway.routing.bgp.message.Capability;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.session.NegotiatedSession;
import net.archway.routing.bgp.session.PeerSettings;
import net.archway.routing.bgp.session.SessionSnapshot;
import net.archway.routing.bgp.session.SessionState;
import net.archway.routing.bgp.speaker.BgpSpeaker;

/**
 * {@code show bgp neighbor [ADDRESS]} in the Junos layout: who and where, state and the last
 * error in words (a refused connection, a wrong MD5 key, a NOTIFICATION with its shutdown
 * communication), policies, options, what was negotiated, BFD, and per table the prefix
 * counts; then message counters.
 */
public record BgpNeighborDetail(List<Neighbor> neighbors) implements OpResult {

    public record Neighbor(String peer, int peerPort, long peerAs, String local, int localPort, long localAs, String group,
                           String type, String state, String stateFor, String lastError, String lastDown,
                           List<String> exportPolicies, List<String> importPolicies, List<String> options, boolean authentication,
                           long holdTime, long activeHoldTime, long keepaliveInterval, long flaps, String peerId, String localId,
                           String bfd, List<String> nlriPeer, List<String> nlriSession, List<String> capabilities,
                           Integer peerRestartTime, boolean staleRoutes, List<Table> tables, long inputMessages,
                           long inputUpdates, long outputMessages, long outputUpdates, long outputQueue) {
    }

    public record Table(String name, long active, long received, long accepted, long advertised) {
    }

    public static Neighbor of(BgpSpeaker.PeerView v, BfdSessionSnapshot bfd, boolean bfdConfigured, Instant now) {
        SessionSnapshot s = v.session();
        PeerSettings ps = s.settings();
        NegotiatedSession n = s.negotiated();
        List<String> options = new ArrayList<>(List.of("Preference"));
        if (ps.localAddress() != null) {
            options.add("LocalAddress");
        }
        options.add("HoldTime");
        if (ps.md5Key() != null) {
            options.add("AuthKey");
        }
        if (ps.gracefulRestart() != null) {
            options.add("GracefulRestart");
        }
        if (ps.passive()) {
            options.add("Passive");
        }
        if (ps.ttl() > 0) {
            options.add("Multihop");
        }
        if (ps.gtsmHops() > 0) {
            options.add("TtlSecurity");
        }
        if (ps.localAsOverride() != 0) {
            options.add("LocalAS");
        }
        options.add("PeerAS");
        options.add("Refresh");
        if (bfdConfigured) {
            options.add("BfdEnabled");
        }
        String bfdText = !bfdConfigured ? "disabled, down"
                : bfd == null ? "enabled, down" : "enabled, " + bfd.state().toString().toLowerCase();
        List<String> caps = new ArrayList<>();
        List<String> nlriPeer = new ArrayList<>();
        List<String> nlriSession = new ArrayList<>();
        Integer restart = null;
        if (n != null) {
            for (Capability c : n.peerCapabilities()) {
                caps.add(c.toString());
                if (c instanceof Capability.GracefulRestart gr) {
                    restart = gr.restartTime();
                }
            }
            for (Family f : List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)) {
                if (n.families().contains(f)) {
                    nlriSession.add(f.toString());
                }
            }
            nlriPeer.addAll(nlriSession);
        }
        List<Table> tables = new ArrayList<>();
        if (s.state() == SessionState.ESTABLISHED) {
            for (Family f : List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)) {
                if (n != null && n.families().contains(f)) {
                    BgpSpeaker.Counts c = v.counts(f);
                    tables.add(new Table(f.equals(Family.IPV4_UNICAST) ? "inet.0" : "inet6.0", c.active(), c.received(),
                            c.accepted(), c.advertised()));
                }
            }
        }
        // Established: the last time it went down, if ever; otherwise what stops it now
        String error = s.state() == SessionState.ESTABLISHED ? (s.lastDown() == null ? null : s.lastDown().text())
                : s.lastError() != null ? s.lastError() : s.lastDown() != null ? s.lastDown().text() : null;
        String local = n != null ? Prefix.format(n.localAddress().getAddress())
                : ps.localAddress() != null ? Prefix.format(ps.localAddress()) : null;
        return new Neighbor(Prefix.format(ps.peerAddress()), n != null ? n.remoteAddress().getPort() : ps.peerPort(), ps.peerAs(),
                local, n != null ? n.localAddress().getPort() : 0, ps.effectiveLocalAs(), v.group(),
                ps.internal() ? "Internal" : "External", s.state().toString(), JunosTime.age(Duration.between(s.since(), now)),
                error, s.lastDown() == null ? null : JunosTime.age(Duration.between(s.lastDown().at(), now)) + " ago",
                v.exportPolicies(), v.importPolicies(), options, ps.md5Key() != null, ps.holdTime().toSeconds(),
                n == null ? 0 : n.holdTime().toSeconds(), n == null ? 0 : n.keepaliveTime().toSeconds(), v.flaps(),
                n == null ? null : ipv4(n.peerBgpIdentifier()), ipv4(ps.routerId()), bfdText, nlriPeer, nlriSession, caps,
                restart, v.staleRoutes(), tables, s.messagesReceived(), s.updatesReceived(), s.messagesSent(), s.updatesSent(),
                v.outputQueue());
    }

    static String ipv4(int v) {
        return (v >>> 24) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Neighbor x : neighbors) {
            sb.append(String.format("Peer: %s AS %d Local: %s AS %d%n", x.peer() + "+" + x.peerPort(), x.peerAs(),
                    x.local() == null ? "unspecified" : x.local() + (x.localPort() == 0 ? "" : "+" + x.localPort()),
                    x.localAs()));
            sb.append(String.format("  Group: %-24s Routing-Instance: master%n", x.group()));
            sb.append("  Forwarding routing-instance: master\n");
            sb.append(String.format("  Type: %-10s State: %-12s Flags: <%s>%n", x.type(), x.state(),
                    x.state().equals("Established") ? "Sync" : ""));
            sb.append("  State for: ").append(x.stateFor()).append('\n');
            sb.append("  Last Error: ").append(x.lastError() == null ? "None" : x.lastError()).append('\n');
            if (x.lastDown() != null) {
                sb.append("  Last flap: ").append(x.lastDown()).append('\n');
            }
            sb.append("  Export: [ ").append(String.join(" ", x.exportPolicies())).append(" ] Import: [ ")
                    .append(String.join(" ", x.importPolicies())).append(" ]\n");
            sb.append("  Options: <").append(String.join(" ", x.options())).append(">\n");
            if (x.authentication()) {
                sb.append("  Authentication key is configured\n");
            }
            sb.append("  Holdtime: ").append(x.holdTime()).append(" Preference: 170\n");
            sb.append("  Number of flaps: ").append(x.flaps()).append('\n');
            if (x.peerId() != null) {
                sb.append(String.format("  Peer ID: %-15s Local ID: %-15s Active Holdtime: %d%n", x.peerId(), x.localId(),
                        x.activeHoldTime()));
                sb.append("  Keepalive Interval: ").append(x.keepaliveInterval()).append('\n');
            } else {
                sb.append("  Local ID: ").append(x.localId()).append('\n');
            }
            sb.append("  BFD: ").append(x.bfd()).append('\n');
            if (!x.nlriSession().isEmpty()) {
                sb.append("  NLRI advertised by peer: ").append(String.join(" ", x.nlriPeer())).append('\n');
                sb.append("  NLRI for this session: ").append(String.join(" ", x.nlriSession())).append('\n');
                sb.append("  Peer capabilities: ").append(String.join(", ", x.capabilities())).append('\n');
            }
            if (x.peerRestartTime() != null) {
                sb.append("  Restart time configured on the peer: ").append(x.peerRestartTime()).append('\n');
            }
            if (x.staleRoutes()) {
                sb.append("  Peer is restarting: its routes are kept as stale\n");
            }
            for (Table t : x.tables()) {
                sb.append("  Table ").append(t.name()).append('\n');
                sb.append("    Active prefixes:              ").append(t.active()).append('\n');
                sb.append("    Received prefixes:            ").append(t.received()).append('\n');
                sb.append("    Accepted prefixes:            ").append(t.accepted()).append('\n');
                sb.append("    Suppressed due to damping:    0\n");
                sb.append("    Advertised prefixes:          ").append(t.advertised()).append('\n');
            }
            sb.append(String.format("  Input messages:  Total %-8d Updates %-8d%n", x.inputMessages(), x.inputUpdates()));
            sb.append(String.format("  Output messages: Total %-8d Updates %-8d%n", x.outputMessages(), x.outputUpdates()));
            sb.append("  Output Queue[0]: ").append(x.outputQueue()).append('\n');
            sb.append('\n');
        }
        return sb.toString();
    }
}
