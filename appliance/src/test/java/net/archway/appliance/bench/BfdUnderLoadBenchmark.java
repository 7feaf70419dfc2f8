package net.archway.appliance.bench;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import net.archway.netlink.socket.NetworkNamespace;
import net.archway.netlink.testing.TestNamespace;
import net.archway.routing.bgp.bench.FlatTableFeeder;
import net.archway.routing.testing.ProcThreads;

/**
 * BFD timing while the daemon learns a full table (issue 5): the real daemon
 * ({@code java -jar archway.jar run --netns}, one JVM per collector) in namespace A with N static
 * next hops watched by BFD at INTERVAL × 3 against FRR's bfdd in namespace B, over one veth; while
 * they run, a {@link FlatTableFeeder} in B announces IPV4_PREFIXES /24s to the daemon's BGP speaker,
 * whose FIB writer installs them in A's kernel. Per collector: false downs on both sides, transmit
 * gaps from a capture (the method of {@code BfdBenchmark}), GC pauses from {@code -Xlog:gc} and
 * safepoints during the load, time until the last prefix is in the kernel, whether the BGP
 * session ended (hold timer), the CPUs the daemon's BFD thread may use, and the longest wake-up
 * delay of a real-time probe on each CPU during the load ({@link #PROBE}), which tells a stall of
 * the machine from one of a sender. Run by {@code scripts/bench-bfd-under-load}.
 */
public final class BfdUnderLoadBenchmark {
    /** The daemon's heap, from BENCH_HEAP; the default holds a full table (1,000,000 prefixes) without ZGC allocation stalls. */
    static final String HEAP = System.getenv().getOrDefault("BENCH_HEAP", "-Xms3g -Xmx3g");

    private BfdUnderLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int intervalMs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int prefixes = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        String collectors = args.length > 3 ? args[3] : "g1,zgc,parallel";
        Path jar = Path.of(args.length > 4 ? args[4] : "appliance/target/archway.jar").toAbsolutePath();
        if (n < 1 || n > 4000 || prefixes < 1 || prefixes > 4_000_000) {
            throw new IllegalArgumentException("sessions must be 1-4000, prefixes 1-4000000");
        }
        System.out.printf("BFD under load: %d sessions at %d ms x 3 to FRR bfdd while %d IPv4 prefixes are learned; heap %s%n%n",
                n, intervalMs, prefixes, HEAP);
        List<String[]> rows = new ArrayList<>();
        for (String c : collectors.split(",")) {
            rows.addAll(run(c.trim(), n, intervalMs, prefixes, jar));
        }
        String fmt = "%-22s %7s %8s %5s %5s %6s %6s %7s %7s %9s %8s %8s %9s %9s %8s %s%n";
        System.out.printf("%n" + fmt, "sender (collector)", "falseDn", "gaps", "p50%", "p99%", "p99.9%", "max%", ">100%",
                "max ms", "GC pauses", "total ms", "max SP ms", "stalls", "stall ms", "learn s", "BGP session");
        for (String[] r : rows) {
            System.out.printf(fmt, (Object[]) r);
        }
        System.out.println("\ngaps: intervals between consecutive packets of one session in one direction, in % of the negotiated"
                + " interval (jitter keeps them at 75-100%); falseDn: sessions that left Up during the load; GC: safepoints of GC operations during the load"
                + " (-Xlog:safepoint, request to end), max SP ms: longest safepoint of any kind; stalls: threads ZGC stopped because the heap"
                + " was full (Allocation Stall, -Xlog:gc), stall ms their total; learn s: feeder's first UPDATE to the last"
                + " prefix in the kernel.");
    }

    /** Session i runs on its own /30 (side 0: the daemon's .1, side 1: FRR's .2), so each has its own address pair. */
    static String addr(int side, int i) {
        int host = 4 * i + 1 + side;
        return "10.100." + (host >> 8) + "." + (host & 0xff);
    }

    static String config(int n, int intervalMs) {
        StringBuilder s = new StringBuilder("""
                system { host-name bench; }
                interfaces {
                    bench0 { unit 0 { family { inet { address 10.92.0.1/24; @ADDRESSES@} } } }
                }
                routing-options {
                    router-id 10.92.0.1;
                    autonomous-system 65000;
                    static {
                """);
        StringBuilder addresses = new StringBuilder();
        for (int i = 0; i < n; i++) {
            addresses.append("address ").append(addr(0, i)).append("/30; ");
        }
        s.replace(s.indexOf("@ADDRESSES@"), s.indexOf("@ADDRESSES@") + "@ADDRESSES@".length(), addresses.toString());
        for (int i = 0; i < n; i++) {
            s.append("        route 10.200.").append(i >> 8).append('.').append(i & 0xff).append("/32 { next-hop ")
                    .append(addr(1, i)).append("; bfd-liveness-detection { minimum-interval ").append(intervalMs)
                    .append("; multiplier 3; } }\n");
        }
        s.append("""
                    }
                }
                protocols {
                    bgp {
                        hold-time 9;
                        group feed { type external; peer-as 65001; import all; neighbor 10.92.0.2; }
                    }
                }
                policy-options { policy-statement all { then accept; } }
                """);
        return s.toString();
    }

    private static List<String[]> run(String collector, int n, int intervalMs, int prefixes, Path jar) throws Exception {
        String gcFlag = switch (collector) {
            case "g1" -> "-XX:+UseG1GC";
            case "zgc" -> "-XX:+UseZGC";
            case "parallel" -> "-XX:+UseParallelGC";
            case "serial" -> "-XX:+UseSerialGC";
            case "shenandoah" -> "-XX:+UseShenandoahGC";
            default -> throw new IllegalArgumentException("collector must be g1, zgc, shenandoah, parallel or serial, not " + collector);
        };
        TestNamespace a = TestNamespace.create("bfdload-a");
        TestNamespace b = TestNamespace.create("bfdload-b");
        Path dir = Files.createTempDirectory("archway-bfd-load-");
        Process daemon = null;
        Process capture = null;
        Process probe = null;
        Frr frr = null;
        FlatTableFeeder feeder = null;
        try {
            TestNamespace.run(List.of("ip", "link", "add", "bench0", "netns", a.name(), "type", "veth", "peer", "name", "bench1", "netns", b.name()));
            StringBuilder bb = new StringBuilder("addr add 10.92.0.2/24 dev bench1\n");
            for (int i = 0; i < n; i++) {
                bb.append("addr add ").append(addr(1, i)).append("/30 dev bench1\n");
            }
            Files.writeString(dir.resolve("b.batch"), bb);
            b.ip("-batch", dir.resolve("b.batch").toString());
            a.ip("link", "set", "bench0", "up");
            b.ip("link", "set", "bench1", "up");
            frr = new Frr(b, dir, n, intervalMs);
            Files.writeString(dir.resolve("router.conf"), config(n, intervalMs));
            Path gcLog = dir.resolve("gc.log");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(Arrays.asList(HEAP.split(" ")));
            cmd.addAll(List.of(gcFlag, "-Xlog:gc,safepoint:file=" + gcLog + ":timemillis", "-jar", jar.toString(), "run",
                    "--config", dir.resolve("router.conf").toString(), "--state-dir", dir.resolve("state").toString(), "--netns", a.name()));
            Path console = dir.resolve("console.log");
            daemon = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
            long t0 = System.nanoTime();
            while (countIn(console, "-> Up") < n || frr.upCount() < n) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("the daemon exited:\n" + Files.readString(console));
                }
                if (System.nanoTime() - t0 > 90_000_000_000L) {
                    throw new IllegalStateException("not every BFD session came up within 90 s (Archway " + countIn(console, "-> Up")
                            + ", FRR " + frr.upCount() + "):\n" + tail(console));
                }
                Thread.sleep(500);
            }
            Thread.sleep(2000);
            System.out.printf("[%s] %d sessions Up after %.1f s; feeding %d prefixes%n", collector, n, (System.nanoTime() - t0) / 1e9, prefixes);
            System.out.printf("[%s] %s%n", collector, PEER_ANYWHERE ? "FRR bfdd (the peer) may run on any CPU (BENCH_PEER_ANYWHERE)"
                    : keepPeerOffFibWriter(daemon.pid(), frr));
            long downsA = countIn(console, "Up -> ");
            long expiredA = countIn(console, EXPIRED);
            long signalledA = countIn(console, SIGNALLED);
            long downsB = frr.downCount();
            Path pcap = dir.resolve("cap.pcap");
            capture = new ProcessBuilder("ip", "netns", "exec", b.name(), "tcpdump", "-q", "-n", "-s", "96", "-B", "16384", "-i", "bench1",
                    "-w", pcap.toString(), "udp port 3784").redirectErrorStream(true).redirectOutput(dir.resolve("tcpdump.log").toFile()).start();
            Path probeOut = dir.resolve("cyclictest.out");
            probe = new ProcessBuilder(PROBE).redirectErrorStream(true).redirectOutput(probeOut.toFile()).start();
            Thread.sleep(1000);
            long loadStart = System.currentTimeMillis();
            Socket s = NetworkNamespace.callIn(b.name(), () -> {
                try {
                    Socket so = new Socket();
                    so.bind(new InetSocketAddress(InetAddress.getByName("10.92.0.2"), 0));
                    so.connect(new InetSocketAddress(InetAddress.getByName("10.92.0.1"), 179), 5000);
                    return so;
                } catch (IOException e) {
                    throw new IllegalStateException("cannot connect to the daemon's BGP speaker: " + e.getMessage(), e);
                }
            });
            feeder = new FlatTableFeeder(s, 65001, (Inet4Address) InetAddress.getByName("10.92.0.2"), 9);
            long feedStart = System.nanoTime();
            feeder.announce(prefixes, (Inet4Address) InetAddress.getByName("10.92.0.2"), 65001);
            int last = FlatTableFeeder.prefix(prefixes - 1);
            String lastPrefix = (last >>> 24) + "." + ((last >>> 16) & 0xff) + "." + ((last >>> 8) & 0xff) + ".0/24";
            double learn = -1;
            while (System.nanoTime() - feedStart < TimeUnit.SECONDS.toNanos(600)) {
                if (!a.ip("-4", "route", "show", "exact", lastPrefix, "proto", "145").isBlank()) {
                    learn = (System.nanoTime() - feedStart) / 1e9;
                    break;
                }
                if (feeder.ended() != null || !daemon.isAlive()) {
                    break;
                }
                Thread.sleep(200);
            }
            Thread.sleep(3000); // the tail of the load (the last batches, garbage left behind)
            long loadEnd = System.currentTimeMillis();
            capture.destroy();
            capture.waitFor();
            capture = null;
            String bfdCpus = bfdCpus(daemon.pid());
            probe.destroy(); // SIGTERM: cyclictest prints each thread's summary and exits
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
            }
            probe = null;
            String probeMax = probeMaxima(Files.readString(probeOut));
            System.out.printf("[%s] BFD thread's CPUs %s; real-time probe's longest wake-up delay per CPU during the load: %s%n",
                    collector, bfdCpus, probeMax);
            String session = feeder.ended() == null ? "stayed up" : feeder.ended();
            if (countIn(console, "Hold Timer") + countIn(console, "hold timer expired") > 0) {
                session += " (daemon log mentions the hold timer)";
            }
            long falseA = countIn(console, "Up -> ") - downsA;
            if (falseA > 0) {
                // who missed whose packets: Archway's diagnostic says which side's detection time ran out first
                System.out.printf("[%s] Archway's sessions that left Up: %d because FRR's packets stopped arriving (Control Detection"
                        + " Time Expired), %d because FRR said Down first, having missed Archway's (Neighbor Signaled Session Down)%n",
                        collector, countIn(console, EXPIRED) - expiredA, countIn(console, SIGNALLED) - signalledA);
            }
            long falseB = frr.downCount() - downsB;
            long installed = a.ip("-4", "route", "show", "proto", "145").lines().count();
            System.out.printf("[%s] learned in %s s; %d routes of proto 145 in the kernel; BGP session %s%n", collector,
                    learn < 0 ? "(not within 600 s)" : String.format("%.1f", learn), installed, session);
            double[] gc = gcPauses(gcLog, loadStart, loadEnd);
            Map<String, List<Double>> gaps = gaps(pcap, intervalMs);
            String learnCell = learn < 0 ? "-" : String.format("%.1f", learn);
            List<String[]> rows = new ArrayList<>();
            rows.add(row("Archway (" + collector + ")", falseA, gaps.getOrDefault("a", List.of()), intervalMs,
                    String.format("%.0f", gc[0]), String.format("%.1f", gc[1]), String.format("%.1f", gc[2]),
                    String.format("%.0f", gc[3]), String.format("%.1f", gc[4]), learnCell, session));
            rows.add(row("FRR bfdd (vs " + collector + ")", falseB, gaps.getOrDefault("b", List.of()), intervalMs, "", "", "", "", "", "",
                    ""));
            System.out.printf("[%s] heap after the load: %s%n", collector, lastHeapLine(gcLog));
            return rows;
        } finally {
            if (capture != null) {
                capture.destroyForcibly();
            }
            if (probe != null) {
                probe.destroyForcibly();
            }
            if (feeder != null) {
                feeder.close();
            }
            if (daemon != null) {
                daemon.destroy();
                if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                    daemon.waitFor(30, TimeUnit.SECONDS);
                }
            }
            if (frr != null) {
                frr.close();
            }
            a.close();
            b.close();
            TestNamespace.runQuietly(List.of("rm", "-rf", dir.toString()));
        }
    }

    /** The collector's last heap summary (occupancy before and after its last cycle). */
    private static String lastHeapLine(Path gcLog) throws IOException {
        String last = "(none logged)";
        for (String line : Files.readAllLines(gcLog)) {
            if (line.contains("Pause Young") || line.contains("Pause Full") || line.contains("Garbage Collection (")) {
                last = line.replaceFirst("^\\[\\d+ms\\]\\s*", "");
            }
        }
        return last;
    }

    private static String tail(Path console) throws IOException {
        String s = Files.readString(console);
        return s.substring(Math.max(0, s.length() - 3000));
    }

    /** Archway's log line of a session that left Up, by diagnostic (BfdSession.setState). */
    static final String EXPIRED = "Up -> Down (Control Detection Time Expired)";
    static final String SIGNALLED = "Up -> Down (Neighbor Signaled Session Down)";

    private static long countIn(Path file, String needle) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long c = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.contains(needle)) {
                c++;
            }
        }
        return c;
    }

    private static final Pattern DECORATION = Pattern.compile("^\\[(\\d+)ms\\]");
    // One measure for every collector: the safepoints of GC operations (ZGC's pauses are its
    // ZMarkStart/ZMarkEnd/ZRelocateStart safepoints), each from the request to its end ("Total").
    private static final Pattern SAFEPOINT = Pattern.compile("Safepoint \"(\\w+)\".*Total: (\\d+) ns");
    private static final Pattern GC_OPERATION = Pattern.compile("G1.*|Z.*|Shenandoah.*|Parallel.*|Serial.*|GenCollect.*|CollectFor.*");

    private static final Pattern STALL = Pattern.compile("Allocation Stall \\(.*\\) ([\\d.]+)ms");

    /**
     * {GC pauses, their total ms, max ms of any safepoint, allocation stalls, their total ms} logged
     * between from and to (epoch ms).
     */
    static double[] gcPauses(Path log, long from, long to) throws IOException {
        double count = 0;
        double total = 0;
        double max = 0;
        double stalls = 0;
        double stalled = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher d = DECORATION.matcher(line);
            if (!d.find()) {
                continue;
            }
            long t = Long.parseLong(d.group(1));
            if (t < from || t > to) {
                continue;
            }
            Matcher st = STALL.matcher(line);
            if (st.find()) {
                stalls++;
                stalled += Double.parseDouble(st.group(1));
            }
            Matcher sp = SAFEPOINT.matcher(line);
            if (sp.find()) {
                double ms = Long.parseLong(sp.group(2)) / 1e6;
                max = Math.max(max, ms);
                if (GC_OPERATION.matcher(sp.group(1)).matches()) {
                    count++;
                    total += ms;
                }
            }
        }
        return new double[] {count, total, max, stalls, stalled};
    }

    /** As BfdBenchmark: per direction ("a": from the daemon, "b": from FRR), every gap between consecutive packets of one session, in % of the interval. */
    static Map<String, List<Double>> gaps(Path pcap, int intervalMs) {
        String out = TestNamespace.run(List.of("tshark", "-r", pcap.toString(), "-T", "fields", "-E", "separator= ",
                "-e", "frame.time_epoch", "-e", "ip.src", "-e", "ip.dst"));
        Map<String, Double> last = new HashMap<>();
        Map<String, List<Double>> gaps = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 3 || !Character.isDigit(f[0].charAt(0))) {
                continue;
            }
            double t = Double.parseDouble(f[0]);
            String flow = f[1] + ">" + f[2];
            Double prev = last.put(flow, t);
            if (prev != null) {
                String side = Integer.parseInt(f[1].substring(f[1].lastIndexOf('.') + 1)) % 4 == 1 ? "a" : "b";
                gaps.computeIfAbsent(side, k -> new ArrayList<>()).add((t - prev) * 1000 * 100 / intervalMs);
            }
        }
        return gaps;
    }

    /**
     * The machine's own real-time latency beside the two BFD senders: cyclictest (rt-tests), one
     * SCHED_FIFO 20 thread pinned to each CPU waking every millisecond (the same interval on all,
     * and without touching /dev/cpu_dma_latency). A CPU whose probe was held as long as a BFD
     * sender's gap was held by something that does not care which process waits.
     */
    static final List<String> PROBE = List.of("cyclictest", "-q", "-m", "--laptop", "-p", "20", "-i", "1000", "-d", "0", "-t", "-a");
    private static final Pattern PROBE_LINE = Pattern.compile("^T:\\s*(\\d+) .* Max:\\s*(\\d+)", Pattern.MULTILINE);

    /** "CPU0 4.2 ms, CPU1 151.0 ms" from cyclictest's summary lines (thread n pinned to CPU n; Max in microseconds). */
    static String probeMaxima(String out) {
        Matcher m = PROBE_LINE.matcher(out);
        List<String> cells = new ArrayList<>();
        while (m.find()) {
            cells.add(String.format("CPU%s %.1f ms", m.group(1), Long.parseLong(m.group(2)) / 1000.0));
        }
        return cells.isEmpty() ? "(no cyclictest summary: " + out.strip() + ")" : String.join(", ", cells);
    }

    /**
     * Set BENCH_PEER_ANYWHERE=1 to let the peer's bfdd run on any CPU. By default it runs only where
     * the daemon's FIB writer does not: the peer stands in for another box, and on two shared cores
     * a bfdd woken on the FIB writer's CPU waits behind its route inserts (perf: up to 91 ms, with
     * the false downs of both sides following), which a peer elsewhere would not.
     */
    static final boolean PEER_ANYWHERE = "1".equals(System.getenv("BENCH_PEER_ANYWHERE"));

    /** Pins every thread of the peer's bfdd to the CPUs the daemon's {@code rib} thread may not use, if there are any. */
    static String keepPeerOffFibWriter(long daemonPid, Frr frr) throws IOException {
        BitSet all = ProcThreads.allowedCpus(daemonPid, (int) daemonPid); // its first thread's, which nothing changes
        BitSet peer = (BitSet) all.clone();
        peer.andNot(ProcThreads.allowedCpus(daemonPid, ProcThreads.only(daemonPid, "rib")));
        if (peer.isEmpty()) {
            return "FRR bfdd (the peer) may run on any CPU: the daemon's FIB writer is not kept off any";
        }
        String list = peer.stream().mapToObj(Integer::toString).collect(Collectors.joining(","));
        TestNamespace.run(List.of("taskset", "-a", "-p", "-c", list, frr.pid()));
        return "FRR bfdd (the peer) runs on CPUs " + peer + ", where the daemon's FIB writer does not (BENCH_PEER_ANYWHERE=1 lifts this)";
    }

    /** The CPUs the daemon's BFD thread may run on, as the kernel lists them (its CPU of its own while sessions exist). */
    static String bfdCpus(long pid) {
        List<Integer> bfd = ProcThreads.named(pid, "bfd-1");
        return bfd.size() == 1 ? ProcThreads.allowedCpus(pid, bfd.get(0)).toString() : "(no thread bfd-1)";
    }

    private static String[] row(String who, long falseDowns, List<Double> gaps, int intervalMs, String... rest) {
        double[] g = gaps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String[] r = new String[16];
        r[0] = who;
        r[1] = Long.toString(falseDowns);
        r[2] = Integer.toString(g.length);
        if (g.length == 0) {
            Arrays.fill(r, 3, 9, "-");
        } else {
            long over = Arrays.stream(g).filter(x -> x > 100.5).count();
            r[3] = pct(g, 0.5);
            r[4] = pct(g, 0.99);
            r[5] = pct(g, 0.999);
            r[6] = String.format("%.0f", g[g.length - 1]);
            r[7] = String.format("%.3f%%", 100.0 * over / g.length);
            r[8] = String.format("%.1f", g[g.length - 1] * intervalMs / 100);
        }
        System.arraycopy(rest, 0, r, 9, rest.length);
        return r;
    }

    private static String pct(double[] sorted, double q) {
        return String.format("%.0f", sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))]);
    }

    /** FRR's bfdd in namespace B, one peer per session (as BfdBenchmark), at real-time priority 10 (SCHED_FIFO) like Archway's BFD thread. */
    private static final class Frr implements AutoCloseable {
        final TestNamespace ns;
        final Path dir;

        Frr(TestNamespace ns, Path base, int n, int intervalMs) throws Exception {
            this.ns = ns;
            this.dir = base.resolve("frr");
            base.toFile().setReadable(true, false);
            base.toFile().setExecutable(true, false);
            Files.createDirectories(dir);
            StringBuilder conf = new StringBuilder("bfd\n");
            for (int i = 0; i < n; i++) {
                conf.append(" peer ").append(addr(0, i)).append(" local-address ").append(addr(1, i)).append("\n  receive-interval ").append(intervalMs)
                        .append("\n  transmit-interval ").append(intervalMs).append("\n  detect-multiplier 3\n !\n");
            }
            Files.writeString(dir.resolve("bfdd.conf"), conf.append("!\n"));
            TestNamespace.run(List.of("chown", "-R", "frr:frr", dir.toString()));
            // bfdd at the same real-time priority as Archway's BFD thread: otherwise the peer's
            // own starvation on this 2-core machine shows up as Archway's false downs.
            ns.exec("chrt", "-f", "10", "/usr/lib/frr/bfdd", "-d", "-u", "frr", "-g", "frr", "-f", dir.resolve("bfdd.conf").toString(),
                    "-i", dir.resolve("bfdd.pid").toString(), "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(),
                    "--bfdctl", dir.resolve("bfdd.sock").toString(), "--log", "file:" + dir.resolve("bfdd.log"));
            for (int i = 0; i < 100 && !Files.exists(dir.resolve("bfdd.vty")); i++) {
                Thread.sleep(50);
            }
        }

        String pid() throws IOException {
            return Files.readString(dir.resolve("bfdd.pid")).trim();
        }

        private String vtysh(String command) {
            return ns.exec("vtysh", "--vty_socket", dir.toString(), "-d", "bfdd", "-c", command);
        }

        long upCount() {
            String json = vtysh("show bfd peers json");
            int c = 0;
            for (int at = 0; (at = json.indexOf("\"status\":\"up\"", at)) >= 0; at++) {
                c++;
            }
            return c;
        }

        long downCount() {
            return sum(vtysh("show bfd peers counters json"), "\"session-down\"");
        }

        private static long sum(String json, String key) {
            long sum = 0;
            int at = 0;
            while ((at = json.indexOf(key, at)) >= 0) {
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
