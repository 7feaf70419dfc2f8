package net.archway.appliance.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.archway.netlink.socket.NetworkNamespace;
import net.archway.netlink.testing.TestNamespace;
import net.archway.routing.bgp.bench.TableFeeder;
import net.archway.routing.bgp.bench.TableSink;
import net.archway.routing.bgp.message.NextHop;

/**
 * Issue 5: a full table fed to Archway, BIRD 2, FRR (bgpd+zebra) and GoBGP, one at a time, in
 * namespaces feeder - DUT - sink. Per DUT: seconds from Established until the DUT's own CLI
 * counts every prefix as best (RIB), until the DUT namespace's main table holds them (FIB),
 * peak memory (the DUT's own memory cgroup, VmHWM without one), CPU seconds, and the time to re-advertise
 * the table to the sink once it connects. Prints a table with ratios to BIRD.
 * Run by scripts/bench-bgp-full-table.
 */
public final class FullTableBenchmark {
    static final String FEEDER4 = "10.77.1.1";
    static final String DUT4 = "10.77.1.2";
    static final String SINK4 = "10.77.2.1";
    static final String DUT4S = "10.77.2.2";
    static final String FEEDER6 = "fd00:77:1::1";
    static final String DUT6 = "fd00:77:1::2";
    static final String SINK6 = "fd00:77:2::1";
    static final String DUT6S = "fd00:77:2::2";
    static final long DUT_AS = 65000;
    static final long FEEDER_AS = 65001;
    static final long SINK_AS = 65002;

    record Row(String impl, double rib, double fib, long rssKb, double cpu, double readvertise, String note) {
    }

    public static void main(String[] args) throws Exception {
        int v4 = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int v6 = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        List<String> impls = List.of((args.length > 2 ? args[2] : "archway,bird,frr,gobgp").split(","));
        Path jar = Path.of(System.getProperty("archway.jar", "appliance/target/archway.jar")).toAbsolutePath();
        long t0 = System.nanoTime();
        TableFeeder.Table table = TableFeeder.Table.generate(v4, v6, FEEDER_AS, 1);
        TableFeeder.Encoded wire = TableFeeder.encode(table, NextHop.of(InetAddress.getByName(FEEDER4)),
                v6 > 0 ? NextHop.of(InetAddress.getByName(FEEDER6)) : null);
        System.out.printf("table: %,d IPv4 + %,d IPv6 prefixes, %,d attribute sets, %,d UPDATEs, %,d octets (built in %.1f s)%n", v4, v6,
                table.attributeSets(), wire.messages(), wire.bytes(), (System.nanoTime() - t0) / 1e9);
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        Duration bound = Duration.ofSeconds(Math.max(120, (v4 + v6) / 2000));
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String impl : impls) {
            Row r;
            try {
                r = runOne(impl, jar, table, wire, bound);
            } catch (Exception | AssertionError e) {
                e.printStackTrace();
                r = new Row(impl, -1, -1, -1, -1, -1, "failed: " + e);
            }
            rows.put(impl, r);
            System.out.println("  " + r);
        }
        System.out.println("load after: " + Files.readString(Path.of("/proc/loadavg")).trim());
        print(rows, v4, v6);
    }

    static Row runOne(String impl, Path jar, TableFeeder.Table table, TableFeeder.Encoded wire, Duration bound) throws Exception {
        int total = wire.prefixes();
        try (TestNamespace feeder = TestNamespace.create("bf-feed"); TestNamespace dutNs = TestNamespace.create("bf-dut");
                TestNamespace sinkNs = TestNamespace.create("bf-sink")) {
            link(feeder, "eth0", FEEDER4, FEEDER6, dutNs, "eth1", DUT4, DUT6);
            link(sinkNs, "eth0", SINK4, SINK6, dutNs, "eth2", DUT4S, DUT6S);
            try (Dut dut = Dut.start(impl, dutNs, jar)) {
                FibCounter fib = new FibCounter(dutNs);
                TableFeeder.Session feed = null;
                long openDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (feed == null) {
                    // a daemon may listen before its protocol is up (BIRD then closes at once): retry, bounded
                    try {
                        feed = TableFeeder.Session.open(connect(feeder, DUT4, bound), FEEDER_AS, 0x0a4d0101, Duration.ofSeconds(60));
                    } catch (java.io.IOException e) {
                        if (System.nanoTime() > openDeadline) {
                            throw new IllegalStateException(impl + " did not complete the BGP handshake within 90 s: " + e);
                        }
                        Thread.sleep(500);
                    }
                }
                long established = feed.establishedNanos();
                feed.send(wire);
                long rib = 0;
                long fibAt = 0;
                long deadline = established + bound.toNanos();
                while (System.nanoTime() < deadline && (rib == 0 || (dut.installsFib() && fibAt == 0))) {
                    if (rib == 0 && dut.ribCount() >= total) {
                        rib = System.nanoTime();
                    }
                    if (dut.installsFib() && fibAt == 0 && fib.count() >= total) {
                        fibAt = System.nanoTime();
                    }
                    if (feed.closeReason() != null) {
                        throw new IllegalStateException(impl + " closed the feeder session: " + feed.closeReason());
                    }
                    Thread.sleep(rib == 0 ? 100 : 200);
                }
                if (rib == 0) {
                    throw new IllegalStateException(impl + ": RIB holds " + dut.ribCount() + " of " + total + " after " + bound.toSeconds() + " s");
                }
                long sinkStart = System.nanoTime();
                TableSink sink = null;
                while (sink == null) {
                    try {
                        sink = TableSink.open(connect(sinkNs, DUT4S, Duration.ofSeconds(60)), SINK_AS, 0x0a4d0201, Duration.ofSeconds(60));
                    } catch (java.io.IOException e) {
                        if (System.nanoTime() > sinkStart + TimeUnit.SECONDS.toNanos(90)) {
                            throw new IllegalStateException(impl + " did not complete the sink's handshake within 90 s: " + e);
                        }
                        Thread.sleep(500);
                    }
                }
                long got = sink.awaitPrefixes(total, bound);
                double readv = got == 0 ? -1 : (got - sink.establishedNanos()) / 1e9;
                long rss = dut.peakRssKb();
                double cpu = dut.cpuSeconds();
                String note = (fibAt == 0 && dut.installsFib() ? "FIB " + fib.count() + "/" + total + "; " : "")
                        + (got == 0 ? "sink got " + sink.prefixes() + "; " : "") + "sink Established " + (sink.establishedNanos() - sinkStart) / 1_000_000
                        + " ms after the RIB was complete; memory: " + dut.memorySource();
                sink.close();
                feed.close();
                return new Row(impl, (rib - established) / 1e9, fibAt == 0 ? -1 : (fibAt - established) / 1e9, rss, cpu, readv, note);
            }
        }
    }

    /** A TCP connection to port 179 at {@code address}, made inside {@code ns}; retried until {@code bound}. */
    public static Socket connect(TestNamespace ns, String address, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            // java.net.Socket makes its descriptor at connect: connect inside the namespace
            Object r = NetworkNamespace.callIn(ns.name(), () -> {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(address, 179), 1000);
                    return s;
                } catch (Exception e) {
                    try {
                        s.close();
                    } catch (Exception ignored) {
                        // closing a socket that never connected
                    }
                    return e;
                }
            });
            if (r instanceof Socket s) {
                return s;
            }
            last = (Exception) r;
            Thread.sleep(300);
        }
        throw new IllegalStateException("no BGP listener at " + address + " within " + bound.toSeconds() + " s: " + last);
    }

    /** A veth pair between two namespaces, each end with an IPv4 /30 and an IPv6 /64, both up. */
    public static void link(TestNamespace a, String aIf, String a4, String a6, TestNamespace b, String bIf, String b4, String b6) {
        String tmp = "bf" + Long.toHexString(System.nanoTime() & 0xffffff);
        a.ip("link", "add", aIf, "type", "veth", "peer", "name", tmp);
        a.ip("link", "set", tmp, "netns", b.name());
        b.ip("link", "set", tmp, "name", bIf);
        a.ip("addr", "add", a4 + "/30", "dev", aIf);
        a.ip("-6", "addr", "add", a6 + "/64", "dev", aIf, "nodad");
        b.ip("addr", "add", b4 + "/30", "dev", bIf);
        b.ip("-6", "addr", "add", b6 + "/64", "dev", bIf, "nodad");
        a.ip("link", "set", aIf, "up");
        b.ip("link", "set", bIf, "up");
    }

    static void print(Map<String, Row> rows, int v4, int v6) {
        Row bird = rows.get("bird");
        System.out.printf("%nfull table %,d IPv4 + %,d IPv6, seconds from Established (ratio to BIRD)%n", v4, v6);
        System.out.printf("%-8s %16s %16s %18s %14s %18s%n", "impl", "RIB s", "FIB s", "peak memory MB", "CPU s", "re-advertise s");
        for (Row r : rows.values()) {
            System.out.printf("%-8s %16s %16s %18s %14s %18s  %s%n", r.impl(), cell(r.rib(), bird == null ? -1 : bird.rib()),
                    cell(r.fib(), bird == null ? -1 : bird.fib()), cell(r.rssKb() / 1024.0, bird == null ? -1 : bird.rssKb() / 1024.0),
                    cell(r.cpu(), bird == null ? -1 : bird.cpu()), cell(r.readvertise(), bird == null ? -1 : bird.readvertise()), r.note());
        }
    }

    static String cell(double v, double ref) {
        if (v < 0) {
            return "-";
        }
        return ref > 0 ? String.format("%.1f (%.2fx)", v, v / ref) : String.format("%.1f", v);
    }

    /**
     * Counts the routes added to the DUT namespace's tables since it was made, from the kernel's
     * own counters: the IPv4 trie's prefix count ({@code /proc/net/fib_triestat}, main table) and
     * IPv6's route entries ({@code /proc/net/rt6_stats}), less what they were before the feed. A
     * poll costs about 30 ms of kernel time at a million routes. (It used to dump both tables
     * through ip(8) on every poll, which kept one of the machine's two cores busy for as long as a
     * DUT took; a route-notification listener overran.)
     */
    static final class FibCounter {
        private static final Pattern MAIN_PREFIXES = Pattern.compile("Main:\\s*\\n(?:\\s+[^\\n]*\\n)*?\\s+Prefixes:\\s+(\\d+)");
        private final TestNamespace ns;
        private final long base;

        FibCounter(TestNamespace ns) {
            this.ns = ns;
            this.base = routes();
        }

        long count() {
            return routes() - base;
        }

        /** IPv4 prefixes of the main table plus IPv6 route entries (every table), as the kernel counts them. */
        private long routes() {
            TestNamespace.Result r = TestNamespace.runQuietly(List.of("ip", "netns", "exec", ns.name(), "cat",
                    "/proc/net/fib_triestat", "/proc/net/rt6_stats"));
            Matcher m = MAIN_PREFIXES.matcher(r.output());
            String[] lines = r.output().strip().split("\n");
            String[] rt6 = lines[lines.length - 1].trim().split("\\s+");
            if (!m.find() || rt6.length < 4) {
                throw new IllegalStateException("cannot read the route counts of " + ns.name() + ":\n" + r.output());
            }
            return Long.parseLong(m.group(1)) + Long.parseLong(rt6[3], 16); // rt6_stats' fourth field: fib_rt_entries
        }
    }

    static long sumProc(List<Long> pids, String field) {
        long sum = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith(field + ":")) {
                        sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (Exception e) {
                // gone
            }
        }
        return sum;
    }

    static double cpuOf(List<Long> pids) {
        double s = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                s += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
            } catch (Exception e) {
                // gone
            }
        }
        return s;
    }

    static int count(Pattern p, String text) {
        int n = 0;
        Matcher m = p.matcher(text);
        while (m.find()) {
            n += Integer.parseInt(m.group(1));
        }
        return n;
    }

    static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<Long> pids(String pattern) {
        List<Long> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> h.info().commandLine().ifPresent(c -> {
            if (c.contains(pattern)) {
                out.add(h.pid());
            }
        }));
        return out;
    }
}
