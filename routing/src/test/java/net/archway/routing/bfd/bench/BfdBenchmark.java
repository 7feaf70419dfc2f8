package net.archway.routing.bfd.bench;

import net.archway.routing.SocketScope;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import net.archway.netlink.socket.NetworkNamespace;
import net.archway.netlink.testing.TestNamespace;
import net.archway.routing.Prefix;
import net.archway.routing.bfd.Bfd;
import net.archway.routing.bfd.BfdListener;
import net.archway.routing.bfd.BfdSessionKey;
import net.archway.routing.bfd.BfdSessionSettings;
import net.archway.routing.SocketScope;
import net.archway.routing.bfd.packet.BfdState;
import net.archway.routing.bfd.packet.Diagnostic;

/**
 * N BFD sessions between Archway (namespace A) and a peer (namespace B: a second Archway, or
 * FRR's bfdd) over one veth pair, each session on its own address pair, for a bounded time.
 * Prints false downs and the distribution of transmit gaps of each side, measured the same way
 * for both (a packet capture on the link), as a share of the negotiated interval.
 * Run by {@code scripts/bench-bfd}.
 */
public final class BfdBenchmark {
    private BfdBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int intervalMs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String peers = args.length > 3 ? args[3] : "archway,frr";
        if (sessions < 1 || sessions > 4000) {
            throw new IllegalArgumentException("sessions must be 1-4000");
        }
        System.out.printf("BFD benchmark: %d sessions at %d ms x 3, %d s each run%n%n", sessions, intervalMs, seconds);
        List<String[]> rows = new ArrayList<>();
        for (String peer : peers.split(",")) {
            rows.addAll(run(peer.trim(), sessions, intervalMs, seconds));
        }
        System.out.printf("%n%-26s %8s %9s %7s %7s %7s %8s %8s %8s%n", "sender (run)", "falseDn", "gaps", "p50%", "p99%",
                "p99.9%", "max%", ">100%", "max ms");
        for (String[] r : rows) {
            System.out.printf("%-26s %8s %9s %7s %7s %7s %8s %8s %8s%n", (Object[]) r);
        }
        System.out.println("\ngaps: intervals between consecutive packets of one session in one direction, in % of the"
                + " negotiated interval (jitter alone keeps them at 75-100%); falseDn: sessions that left Up during the run.");
    }

    static InetAddress address(int side, int i) {
        int host = side * 8192 + i + 1;
        return Prefix.parseAddress("10.91." + (host >> 8) + "." + (host & 0xff), "");
    }

    private static List<String[]> run(String peer, int n, int intervalMs, int seconds) throws Exception {
        TestNamespace a = TestNamespace.create("bfdbench-a");
        TestNamespace b = TestNamespace.create("bfdbench-b");
        Path dir = Files.createTempDirectory("archway-bfd-bench-");
        List<AutoCloseable> open = new ArrayList<>();
        Process capture = null;
        try {
            TestNamespace.run(List.of("ip", "link", "add", "bench0", "netns", a.name(), "type", "veth", "peer", "name", "bench1", "netns", b.name()));
            StringBuilder ba = new StringBuilder();
            StringBuilder bb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                ba.append("addr add ").append(Prefix.format(address(0, i))).append("/16 dev bench0\n");
                bb.append("addr add ").append(Prefix.format(address(1, i))).append("/16 dev bench1\n");
            }
            Files.writeString(dir.resolve("a.batch"), ba);
            Files.writeString(dir.resolve("b.batch"), bb);
            a.ip("-batch", dir.resolve("a.batch").toString());
            b.ip("-batch", dir.resolve("b.batch").toString());
            a.ip("link", "set", "bench0", "up");
            b.ip("link", "set", "bench1", "up");
            SocketScope scopeA = scope(a.name());
            Duration interval = Duration.ofMillis(intervalMs);
            AtomicLong falseDownsA = new AtomicLong();
            AtomicLong upA = new AtomicLong();
            AtomicLong falseDownsB = new AtomicLong();
            AtomicLong upB = new AtomicLong();
            PeerFrr frr = null;
            Bfd archA = Bfd.start(scopeA, "bfd-bench-a");
            open.add(archA);
            if (peer.equals("archway")) {
                Bfd archB = Bfd.start(scope(b.name()), "bfd-bench-b");
                open.add(archB);
                for (int i = 0; i < n; i++) {
                    archB.add(BfdSessionSettings.singleHop(address(0, i), address(1, i), "bench1").withTiming(interval, 3), counter(upB, falseDownsB));
                }
            } else if (peer.equals("frr")) {
                frr = new PeerFrr(b, dir, n, intervalMs);
                open.add(frr);
            } else {
                throw new IllegalArgumentException("peer must be archway or frr, not " + peer);
            }
            for (int i = 0; i < n; i++) {
                archA.add(BfdSessionSettings.singleHop(address(1, i), address(0, i), "bench0").withTiming(interval, 3), counter(upA, falseDownsA));
            }
            long t0 = System.nanoTime();
            while (archA.sessions().stream().anyMatch(s -> s.state() != BfdState.UP || s.pollSequence())) {
                if (System.nanoTime() - t0 > 60_000_000_000L) {
                    throw new IllegalStateException("not every session came up within 60 s");
                }
                Thread.sleep(100);
            }
            Thread.sleep(2000);
            System.out.printf("[%s] %d sessions Up after %.1f s; measuring %d s%n", peer, n, (System.nanoTime() - t0) / 1e9, seconds);
            falseDownsA.set(0);
            falseDownsB.set(0);
            long frrDownsBefore = frr != null ? frr.downCount() : 0;
            long gcCount = gcCount();
            long gcMillis = gcMillis();
            Path pcap = dir.resolve("cap.pcap");
            capture = new ProcessBuilder("ip", "netns", "exec", b.name(), "tcpdump", "-q", "-n", "-s", "96", "-B", "8192", "-i", "bench1",
                    "-w", pcap.toString(), "udp port 3784").redirectErrorStream(true).redirectOutput(dir.resolve("tcpdump.log").toFile()).start();
            Thread.sleep(1000);
            Thread.sleep(seconds * 1000L);
            capture.destroy();
            capture.waitFor();
            capture = null;
            long frrDowns = frr != null ? frr.downCount() - frrDownsBefore : falseDownsB.get();
            System.out.printf("[%s] JVM garbage collections during the run: %d, %d ms in total%n", peer, gcCount() - gcCount, gcMillis() - gcMillis);
            Map<String, List<Double>> gaps = gaps(pcap, intervalMs);
            List<String[]> rows = new ArrayList<>();
            rows.add(row("Archway (vs " + peer + ")", falseDownsA.get(), gaps.getOrDefault("a", List.of()), intervalMs));
            rows.add(row((peer.equals("frr") ? "FRR bfdd" : "Archway B") + " (vs archway)", frrDowns, gaps.getOrDefault("b", List.of()), intervalMs));
            return rows;
        } finally {
            if (capture != null) {
                capture.destroyForcibly();
            }
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
            a.close();
            b.close();
            TestNamespace.runQuietly(List.of("rm", "-rf", dir.toString()));
        }
    }

    private static SocketScope scope(String ns) {
        return new SocketScope() {
            @Override
            public <T> T call(java.util.function.Supplier<T> body) {
                return NetworkNamespace.callIn(ns, body);
            }
        };
    }

    private static BfdListener counter(AtomicLong up, AtomicLong falseDowns) {
        return new BfdListener() {
            @Override
            public void up(BfdSessionKey session) {
                up.incrementAndGet();
            }

            @Override
            public void down(BfdSessionKey session, Diagnostic diagnostic, boolean peerAdminDown) {
                falseDowns.incrementAndGet();
            }
        };
    }

    /** Per direction ("a": sent from namespace A, "b": from B), every gap between consecutive packets of one session, in % of the interval. */
    private static Map<String, List<Double>> gaps(Path pcap, int intervalMs) {
        String out = TestNamespace.run(List.of("tshark", "-r", pcap.toString(), "-T", "fields", "-E", "separator= ",
                "-e", "frame.time_epoch", "-e", "ip.src", "-e", "ip.dst", "-e", "bfd.sta"));
        Map<String, Double> last = new HashMap<>();
        Map<String, List<Double>> gaps = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 3 || !Character.isDigit(f[0].charAt(0))) {
                continue; // tshark's own messages
            }
            double t = Double.parseDouble(f[0]);
            String flow = f[1] + ">" + f[2];
            Double prev = last.put(flow, t);
            if (prev != null) {
                int host = Integer.parseInt(f[1].split("\\.")[2]) * 256 + Integer.parseInt(f[1].split("\\.")[3]);
                String side = host > 8192 ? "b" : "a";
                gaps.computeIfAbsent(side, k -> new ArrayList<>()).add((t - prev) * 1000 * 100 / intervalMs);
            }
        }
        return gaps;
    }

    private static String[] row(String who, long falseDowns, List<Double> gaps, int intervalMs) {
        double[] g = gaps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (g.length == 0) {
            return new String[] {who, Long.toString(falseDowns), "0", "-", "-", "-", "-", "-", "-"};
        }
        long over = Arrays.stream(g).filter(x -> x > 100.5).count();
        return new String[] {who, Long.toString(falseDowns), Integer.toString(g.length), pct(g, 0.5), pct(g, 0.99), pct(g, 0.999),
                String.format("%.0f", g[g.length - 1]), String.format("%.3f%%", 100.0 * over / g.length),
                String.format("%.1f", g[g.length - 1] * intervalMs / 100)};
    }

    private static String pct(double[] sorted, double q) {
        return String.format("%.0f", sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))]);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** FRR's bfdd in namespace B with one peer per session. */
    private static final class PeerFrr implements AutoCloseable {
        final TestNamespace ns;
        final Path dir;

        PeerFrr(TestNamespace ns, Path base, int n, int intervalMs) throws Exception {
            this.ns = ns;
            this.dir = base.resolve("frr");
            base.toFile().setReadable(true, false);
            base.toFile().setExecutable(true, false);
            Files.createDirectories(dir);
            StringBuilder conf = new StringBuilder("bfd\n");
            for (int i = 0; i < n; i++) {
                conf.append(" peer ").append(Prefix.format(address(0, i))).append(" local-address ").append(Prefix.format(address(1, i)))
                        .append("\n  receive-interval ").append(intervalMs).append("\n  transmit-interval ").append(intervalMs)
                        .append("\n  detect-multiplier 3\n !\n");
            }
            Files.writeString(dir.resolve("bfdd.conf"), conf.append("!\n"));
            TestNamespace.run(List.of("chown", "-R", "frr:frr", dir.toString()));
            ns.exec("/usr/lib/frr/bfdd", "-d", "-u", "frr", "-g", "frr", "-f", dir.resolve("bfdd.conf").toString(),
                    "-i", dir.resolve("bfdd.pid").toString(), "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(),
                    "--bfdctl", dir.resolve("bfdd.sock").toString(), "--log", "file:" + dir.resolve("bfdd.log"));
            for (int i = 0; i < 100 && !Files.exists(dir.resolve("bfdd.vty")); i++) {
                Thread.sleep(50);
            }
        }

        /** Sum of FRR's session-down-count over every peer. */
        long downCount() {
            String json = ns.exec("vtysh", "--vty_socket", dir.toString(), "-d", "bfdd", "-c", "show bfd peers counters json");
            long sum = 0;
            int at = 0;
            while ((at = json.indexOf("\"session-down\"", at)) >= 0) {
                int colon = json.indexOf(':', at);
                int end = colon + 1;
                while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == ' ')) {
                    end++;
                }
                sum += Long.parseLong(json.substring(colon + 1, end).trim());
                at = end;
            }
            return sum;
        }

        @Override
        public void close() throws Exception {
            Path pid = dir.resolve("bfdd.pid");
            if (Files.exists(pid)) {
                String p = Files.readString(pid).trim();
                TestNamespace.runQuietly(List.of("kill", p));
                for (int i = 0; i < 100 && Files.exists(Path.of("/proc", p, "cmdline")) && !Files.readString(Path.of("/proc", p, "stat")).contains(") Z "); i++) {
                    Thread.sleep(50);
                }
            }
        }
    }
}
