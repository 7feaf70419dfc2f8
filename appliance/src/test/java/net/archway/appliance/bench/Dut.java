package net.archway.appliance.bench;

import static net.archway.appliance.bench.FullTableBenchmark.DUT4;
import static net.archway.appliance.bench.FullTableBenchmark.DUT4S;
import static net.archway.appliance.bench.FullTableBenchmark.DUT6;
import static net.archway.appliance.bench.FullTableBenchmark.DUT6S;
import static net.archway.appliance.bench.FullTableBenchmark.DUT_AS;
import static net.archway.appliance.bench.FullTableBenchmark.FEEDER4;
import static net.archway.appliance.bench.FullTableBenchmark.FEEDER_AS;
import static net.archway.appliance.bench.FullTableBenchmark.SINK4;
import static net.archway.appliance.bench.FullTableBenchmark.SINK_AS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import net.archway.netlink.testing.TestNamespace;

/** One device under test in its namespace: started with a config for the feeder and the sink, polled through its own CLI. */
abstract class Dut implements AutoCloseable {
    final TestNamespace ns;
    final Path dir;
    final List<Process> processes = new ArrayList<>();
    /** Where the DUT's processes are charged, or null (peak memory is then VmHWM). */
    final MemoryCgroup memory;

    Dut(TestNamespace ns, String name) throws IOException {
        this.ns = ns;
        this.dir = Files.createTempDirectory("aw-bench-" + name + "-");
        this.memory = MemoryCgroup.open(name);
    }

    static Dut start(String impl, TestNamespace ns, Path jar) throws Exception {
        switch (impl) {
            case "archway":
                return new Archway(ns, jar);
            case "bird":
                return new Bird(ns);
            case "frr":
                return new Frr(ns);
            case "gobgp":
                return new Gobgp(ns);
            default:
                throw new IllegalArgumentException("unknown implementation " + impl + " (archway, bird, frr, gobgp)");
        }
    }

    /** Prefixes received from the feeder with a best path chosen. */
    abstract long ribCount() throws Exception;

    /** Whether it writes routes to the kernel (GoBGP does not). */
    boolean installsFib() {
        return true;
    }

    /** Process ids whose memory and CPU count. */
    abstract List<Long> pids();

    /** Peak memory: the cgroup's peak (each page once), or the processes' summed VmHWM without a cgroup. */
    long peakRssKb() throws IOException {
        return memory != null ? memory.peakKb() : FullTableBenchmark.sumProc(pids(), "VmHWM");
    }

    /** How {@link #peakRssKb} was measured, for the table's note. */
    String memorySource() {
        return memory != null ? "cgroup peak" : "VmHWM";
    }

    /** {@code cmd} in the DUT's namespace and memory cgroup. */
    List<String> inNamespace(List<String> cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        full.addAll(cmd);
        return memory == null ? full : memory.wrap(full);
    }

    double cpuSeconds() {
        return FullTableBenchmark.cpuOf(pids());
    }

    Process spawn(List<String> cmd, String log) throws IOException {
        Process p = new ProcessBuilder(inNamespace(cmd)).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
        processes.add(p);
        return p;
    }

    String run(String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        full.addAll(List.of(cmd));
        return TestNamespace.runQuietly(full).output();
    }

    /** Leaf processes of what we spawned (ip netns exec execs, so the pid is the daemon's). */
    List<Long> spawnedPids() {
        List<Long> out = new ArrayList<>();
        for (Process p : processes) {
            out.add(p.pid());
            p.descendants().forEach(h -> out.add(h.pid()));
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        try (var walk = Files.walk(dir)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
        if (memory != null) {
            memory.close();
        }
    }

    static final class Bird extends Dut {
        Bird(TestNamespace ns) throws Exception {
            super(ns, "bird");
            Files.writeString(dir.resolve("bird.conf"), """
                    router id %s;
                    protocol device { }
                    protocol direct { ipv4; ipv6; }
                    protocol kernel k4 { ipv4 { import none; export where source = RTS_BGP; }; }
                    protocol kernel k6 { ipv6 { import none; export where source = RTS_BGP; }; }
                    protocol bgp feeder { local %s as %d; neighbor %s as %d; passive;
                        ipv4 { import all; export none; }; ipv6 { import all; export none; }; }
                    protocol bgp sink { local %s as %d; neighbor %s as %d; passive;
                        ipv4 { import none; export where source = RTS_BGP; };
                        ipv6 { import none; export where source = RTS_BGP; next hop address %s; }; }
                    """.formatted(DUT4, DUT4, DUT_AS, FEEDER4, FEEDER_AS, DUT4S, DUT_AS, SINK4, SINK_AS, DUT6S));
            spawn(List.of("bird", "-f", "-c", dir.resolve("bird.conf").toString(), "-s", dir.resolve("bird.ctl").toString()), "bird.log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(dir.resolve("bird.ctl")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }

        private static final Pattern IMPORTED = Pattern.compile("Routes:\\s+(\\d+) imported");

        @Override
        long ribCount() {
            // the feeder's channels: "Routes: N imported, 0 exported, M preferred"
            String out = run("birdc", "-s", dir.resolve("bird.ctl").toString(), "show", "protocols", "all", "feeder");
            return FullTableBenchmark.count(Pattern.compile("(\\d+) preferred"), out);
        }

        @Override
        List<Long> pids() {
            return spawnedPids();
        }
    }

    static final class Frr extends Dut {
        Frr(TestNamespace ns) throws Exception {
            super(ns, "frr");
            Path d = dir;
            Files.writeString(d.resolve("zebra.conf"), "hostname dut\n");
            Files.writeString(d.resolve("bgpd.conf"), """
                    frr defaults traditional
                    hostname dut
                    router bgp %d
                     bgp router-id %s
                     no bgp ebgp-requires-policy
                     no bgp network import-check
                     neighbor %s remote-as %d
                     neighbor %s passive
                     neighbor %s remote-as %d
                     neighbor %s passive
                     address-family ipv4 unicast
                     exit-address-family
                     address-family ipv6 unicast
                      neighbor %s activate
                      neighbor %s activate
                     exit-address-family
                    """.formatted(DUT_AS, DUT4, FEEDER4, FEEDER_AS, FEEDER4, SINK4, SINK_AS, SINK4, FEEDER4, SINK4));
            Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            spawn(List.of("/usr/lib/frr/zebra", "-f", d.resolve("zebra.conf").toString(), "-i", d.resolve("zebra.pid").toString(), "--vty_socket",
                    d.toString(), "-z", d.resolve("zserv.api").toString(), "-s", "67108864"), "zebra.log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(d.resolve("zserv.api")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            spawn(List.of("/usr/lib/frr/bgpd", "-f", d.resolve("bgpd.conf").toString(), "-i", d.resolve("bgpd.pid").toString(), "--vty_socket",
                    d.toString(), "-z", d.resolve("zserv.api").toString(), "-P", "0"), "bgpd.log");
            while (!Files.exists(d.resolve("bgpd.vty")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }

        @Override
        long ribCount() {
            long n = 0;
            for (String af : new String[] {"ipv4", "ipv6"}) {
                String out = run("vtysh", "--vty_socket", dir.toString(), "-c", "show bgp " + af + " unicast summary json");
                // pfxRcd of the feeder (the sink sends nothing)
                n += FullTableBenchmark.count(Pattern.compile("\"pfxRcd\":(\\d+)"), out);
            }
            return n;
        }

        @Override
        List<Long> pids() {
            return spawnedPids();
        }
    }

    static final class Gobgp extends Dut {
        Gobgp(TestNamespace ns) throws Exception {
            super(ns, "gobgp");
            Files.writeString(dir.resolve("gobgpd.toml"), """
                    [global.config]
                      as = %d
                      router-id = "%s"
                      port = 179
                    [[neighbors]]
                      [neighbors.config]
                        neighbor-address = "%s"
                        peer-as = %d
                      [neighbors.transport.config]
                        passive-mode = true
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "ipv4-unicast"
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "ipv6-unicast"
                    [[neighbors]]
                      [neighbors.config]
                        neighbor-address = "%s"
                        peer-as = %d
                      [neighbors.transport.config]
                        passive-mode = true
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "ipv4-unicast"
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "ipv6-unicast"
                    """.formatted(DUT_AS, DUT4, FEEDER4, FEEDER_AS, SINK4, SINK_AS));
            spawn(List.of("gobgpd", "-f", dir.resolve("gobgpd.toml").toString(), "--api-hosts", "127.0.0.1:50051", "-l", "warn"), "gobgpd.log");
            Thread.sleep(1500);
        }

        @Override
        boolean installsFib() {
            return false;
        }

        @Override
        long ribCount() {
            long n = 0;
            for (String af : new String[] {"ipv4", "ipv6"}) {
                String out = run("gobgp", "-u", "127.0.0.1", "global", "rib", "summary", "-a", af);
                n += FullTableBenchmark.count(Pattern.compile("Destination:\\s*(\\d+)"), out);
            }
            return n;
        }

        @Override
        List<Long> pids() {
            return spawnedPids();
        }
    }

    static final class Archway extends Dut {
        Archway(TestNamespace ns, Path jar) throws Exception {
            super(ns, "archway");
            TestNamespace.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString()));
            String key = Files.readString(dir.resolve("key.pub")).trim();
            Files.writeString(dir.resolve("router.conf"), """
                    system { host-name dut; login { user admin { class super-user; authentication { ssh-ed25519 "%s"; } } }
                        services { ssh { port 22; } } }
                    interfaces {
                        eth1 { unit 0 { family { inet { address %s/30; } inet6 { address %s/64; } } } }
                        eth2 { unit 0 { family { inet { address %s/30; } inet6 { address %s/64; } } } }
                    }
                    routing-options { router-id %s; autonomous-system %d; }
                    protocols { bgp {
                        group feeder { type external; peer-as %d; passive; family { inet { unicast; } inet6 { unicast; } } import all; export none; neighbor %s; }
                        group sink { type external; peer-as %d; passive; family { inet { unicast; } inet6 { unicast; } } import none; export bgp-routes; neighbor %s; }
                    } }
                    policy-options {
                        policy-statement all { then accept; }
                        policy-statement none { then reject; }
                        policy-statement bgp-routes { term b { from protocol bgp; then accept; } term rest { then reject; } }
                    }
                    """.formatted(key, DUT4, DUT6, DUT4S, DUT6S, DUT4, DUT_AS, FEEDER_AS, FEEDER4, SINK_AS, SINK4));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java));
            // as a user runs it with a full table (README): ZGC, 4 GB of heap, two GC threads; ARCHWAY_JAVA_OPTS replaces these
            String opts = System.getenv().getOrDefault("ARCHWAY_JAVA_OPTS", DEFAULT_JAVA_OPTS);
            if (!opts.isBlank()) {
                cmd.addAll(List.of(opts.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-jar", jar.toString(), "run", "--config", dir.resolve("router.conf").toString(), "--state-dir",
                    dir.resolve("state").toString(), "--netns", ns.name()));
            Process p = new ProcessBuilder(memory == null ? cmd : memory.wrap(cmd)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.log").toFile()).start();
            processes.add(p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("archway exited: " + Files.readString(dir.resolve("console.log")));
                }
                if (run("sh", "-c", "ss -ltn | grep -c ':179 '").trim().startsWith("1") || run("sh", "-c", "ss -ltn | grep -c ':179 '").trim().matches("[1-9].*")) {
                    return;
                }
                Thread.sleep(300);
            }
            throw new IllegalStateException("archway did not listen on 179 within 90 s: " + Files.readString(dir.resolve("console.log")));
        }

        static final String DEFAULT_JAVA_OPTS = "-XX:+UseZGC -Xmx4g -XX:SoftMaxHeapSize=1536m -XX:ConcGCThreads=2";
        private static final Pattern ACTIVE = Pattern.compile("inet6?\\.0: (\\d+)/");

        @Override
        long ribCount() {
            String out = run("ssh", "-i", dir.resolve("key").toString(), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                    "-o", "LogLevel=ERROR", "admin@127.0.0.1", "show bgp summary");
            return FullTableBenchmark.count(ACTIVE, out);
        }

        @Override
        List<Long> pids() {
            return List.of(processes.get(0).pid());
        }
    }
}
