package net.archway.appliance.show;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import net.archway.cli.op.OpResult;
import net.archway.routing.Prefix;
import net.archway.routing.bfd.BfdSessionSnapshot;

/**
 * {@code show bfd session [detail]} in the Junos layout: address, state, interface, detection
 * time, transmit interval and multiplier; with {@code detail}, the client, negotiated and
 * advertised intervals, diagnostics, discriminators and counters.
 */
public record BfdSessions(List<Session> sessions, int clientCount, double transmitRate, double receiveRate, boolean detail)
        implements OpResult {

    public record Session(String address, String state, String interfaceName, double detectTime, double transmitInterval,
                          int multiplier, String client, String upFor, String localDiagnostic, String remoteDiagnostic,
                          String remoteState, String type, double localMinTx, double localMinRx, double remoteMinTx,
                          double remoteMinRx, int remoteMultiplier, long localDiscriminator, long remoteDiscriminator,
                          long packetsIn, long packetsOut, long upTransitions, long downTransitions) {
    }

    /** @param clientOf which protocol uses a session ("BGP", "Static") */
    public static BfdSessions of(List<BfdSessionSnapshot> snapshots, Function<BfdSessionSnapshot, String> clientOf,
                                 boolean detail) {
        List<Session> out = new ArrayList<>();
        int clients = 0;
        double tx = 0;
        double rx = 0;
        for (BfdSessionSnapshot s : snapshots) {
            clients += s.clients();
            if (!s.transmitInterval().isZero()) {
                tx += 1.0 / seconds(s.transmitInterval());
            }
            if (!s.detectionTime().isZero() && s.remoteMultiplier() > 0) {
                rx += s.remoteMultiplier() / seconds(s.detectionTime());
            }
            out.add(new Session(Prefix.format(s.key().peer()), s.state().toString(), s.key().interfaceName(),
                    seconds(s.detectionTime()), seconds(s.transmitInterval()), s.multiplier(), clientOf.apply(s),
                    JunosTime.age(s.sinceLastChange()), s.localDiagnostic().toString(), s.lastDownDiagnostic().toString(),
                    s.remoteState().toString(), s.key().multihop() ? "Multi hop BFD" : "Single hop BFD",
                    seconds(s.desiredMinTx()), seconds(s.requiredMinRx()), seconds(s.remoteDesiredMinTx()),
                    seconds(s.remoteRequiredMinRx()), s.remoteMultiplier(), s.localDiscriminator(), s.remoteDiscriminator(),
                    s.counters().packetsIn(), s.counters().packetsOut(), s.counters().upTransitions(),
                    s.counters().downTransitions()));
        }
        return new BfdSessions(out, clients, Math.round(tx * 10) / 10.0, Math.round(rx * 10) / 10.0, detail);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("                                                  Detect   Transmit\n");
        sb.append("Address                  State     Interface      Time     Interval  Multiplier\n");
        for (Session s : sessions) {
            sb.append(String.format("%-24s %-9s %-14s %-8.3f %-9.3f %5d%n", s.address(), s.state(),
                    s.interfaceName() == null ? "" : s.interfaceName(), s.detectTime(), s.transmitInterval(), s.multiplier()));
            if (detail) {
                sb.append(String.format(" Client %s, TX interval %.3f, RX interval %.3f%n", s.client(), s.transmitInterval(),
                        s.localMinRx()));
                sb.append(" Session ").append(s.state().equals("Up") ? "up" : "down").append(" time ").append(s.upFor())
                        .append(", transitions up ").append(s.upTransitions()).append(" down ").append(s.downTransitions())
                        .append('\n');
                sb.append(" Local diagnostic ").append(s.localDiagnostic()).append(", remote state ").append(s.remoteState())
                        .append(", last down diagnostic ").append(s.remoteDiagnostic()).append('\n');
                sb.append(" Session type: ").append(s.type()).append('\n');
                sb.append(String.format(" Local min TX interval %.3f, minimum RX interval %.3f, multiplier %d%n",
                        s.localMinTx(), s.localMinRx(), s.multiplier()));
                sb.append(String.format(" Remote min TX interval %.3f, min RX interval %.3f, multiplier %d%n",
                        s.remoteMinTx(), s.remoteMinRx(), s.remoteMultiplier()));
                sb.append(" Local discriminator ").append(s.localDiscriminator()).append(", remote discriminator ")
                        .append(s.remoteDiscriminator()).append('\n');
                sb.append(" Packets in ").append(s.packetsIn()).append(", out ").append(s.packetsOut()).append('\n');
                sb.append('\n');
            }
        }
        sb.append('\n').append(sessions.size()).append(" sessions, ").append(clientCount).append(" clients\n");
        sb.append(String.format("Cumulative transmit rate %.1f pps, cumulative receive rate %.1f pps%n", transmitRate,
                receiveRate));
        return sb.toString();
    }
}
