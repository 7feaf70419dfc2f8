package net.archway.appliance.schema;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import net.archway.cli.ManagementPlane;
import net.archway.cli.op.LoginClass;
import net.archway.cli.shell.CliSession;
import net.archway.cli.shell.SessionIo;

/**
 * Benchmark (not a test): a 20,000-line configuration (10,000 static routes, 1,000 BGP
 * neighbours, 2,000 prefix-list entries) with the real Archway schema. Times {@code load
 * override} from a file, {@code commit check}, {@code commit} (no subsystem work) and
 * {@code show | compare} after 100 changed lines, through a CLI session, beside FRR's
 * {@code vtysh --dryrun -f} checking the equivalent FRR configuration, in the same run.
 * Run with {@code scripts/bench-cli-config [REPEATS]}.
 */
public final class ConfigBenchmark {
    private ConfigBenchmark() {
    }

    static String ip(int base, int i) {
        return base + "." + (i / 65536 % 256) + "." + (i / 256 % 256) + "." + (i % 256);
    }

    /** The Archway configuration (curly form). */
    static String archway() {
        StringBuilder sb = new StringBuilder();
        sb.append("system {\n    host-name bench;\n}\n");
        sb.append("routing-options {\n    router-id 10.255.0.1;\n    autonomous-system 65020;\n    static {\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("        route ").append(ip(20, i * 256)).append("/24 next-hop 192.0.2.")
                    .append(1 + i % 4).append(";\n");
        }
        sb.append("    }\n}\nprotocols {\n    bgp {\n");
        for (int g = 0; g < 10; g++) {
            sb.append("        group peers-").append(g).append(" {\n            type external;\n");
            for (int n = 0; n < 100; n++) {
                int i = g * 100 + n;
                sb.append("            neighbor ").append(ip(172, 16 * 65536 + i)).append(" {\n")
                        .append("                description \"peer ").append(i).append("\";\n")
                        .append("                peer-as ").append(64512 + i).append(";\n")
                        .append("                local-address 172.31.255.1;\n")
                        .append("                hold-time 30;\n")
                        .append("                import from-peers;\n")
                        .append("                export to-peers;\n")
                        .append("            }\n");
            }
            sb.append("        }\n");
        }
        sb.append("    }\n}\npolicy-options {\n");
        for (int p = 0; p < 20; p++) {
            sb.append("    prefix-list pl-").append(p).append(" {\n");
            for (int e = 0; e < 100; e++) {
                sb.append("        ").append(ip(30, (p * 100 + e) * 256)).append("/24;\n");
            }
            sb.append("    }\n");
        }
        sb.append("    policy-statement from-peers {\n        term t {\n            from prefix-list pl-0;\n"
                + "            then accept;\n        }\n    }\n");
        sb.append("    policy-statement to-peers {\n        then reject;\n    }\n}\n");
        return sb.toString();
    }

    /** The equivalent FRR configuration. */
    static String frr() {
        StringBuilder sb = new StringBuilder("hostname bench\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("ip route ").append(ip(20, i * 256)).append("/24 192.0.2.").append(1 + i % 4).append('\n');
        }
        for (int p = 0; p < 20; p++) {
            for (int e = 0; e < 100; e++) {
                sb.append("ip prefix-list pl-").append(p).append(" seq ").append((e + 1) * 5).append(" permit ")
                        .append(ip(30, (p * 100 + e) * 256)).append("/24\n");
            }
        }
        sb.append("route-map from-peers permit 10\n match ip address prefix-list pl-0\nexit\n");
        sb.append("route-map to-peers deny 10\nexit\n");
        sb.append("router bgp 65020\n bgp router-id 10.255.0.1\n");
        for (int i = 0; i < 1000; i++) {
            String n = ip(172, 16 * 65536 + i);
            sb.append(" neighbor ").append(n).append(" remote-as ").append(64512 + i).append('\n')
                    .append(" neighbor ").append(n).append(" description peer ").append(i).append('\n')
                    .append(" neighbor ").append(n).append(" update-source 172.31.255.1\n")
                    .append(" neighbor ").append(n).append(" timers 10 30\n");
        }
        sb.append(" address-family ipv4 unicast\n");
        for (int i = 0; i < 1000; i++) {
            String n = ip(172, 16 * 65536 + i);
            sb.append("  neighbor ").append(n).append(" route-map from-peers in\n")
                    .append("  neighbor ").append(n).append(" route-map to-peers out\n");
        }
        sb.append(" exit-address-family\nexit\n");
        return sb.toString();
    }

    /** Output goes nowhere; the session's status tells success. */
    static final class Quiet implements SessionIo {
        final StringBuilder last = new StringBuilder();

        @Override
        public void print(String text) {
            if (last.length() < 100_000) {
                last.append(text);
            }
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String readLine(String prompt, boolean secret) {
            return null;
        }
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    static double time(CliSession s, Quiet io, String line) {
        io.last.setLength(0);
        long t0 = System.nanoTime();
        int status = s.execute(line);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (status != 0) {
            throw new IllegalStateException("'" + line + "' failed: " + io.last);
        }
        return ms;
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("archway-bench");
        try {
            Path archwayFile = dir.resolve("bench.conf");
            Path frrFile = dir.resolve("frr.conf");
            String text = archway();
            Files.writeString(archwayFile, text);
            Files.writeString(frrFile, frr());
            long lines = text.lines().count();
            long frrLines = Files.readString(frrFile).lines().count();

            ManagementPlane.Builder b = ManagementPlane.builder(ArchwaySchema.build())
                    .stateDirectory(dir.resolve("state")).ssh("127.0.0.1", -1).version("bench");
            ArchwaySchema.checks().forEach(b::check); // as the appliance registers them
            ManagementPlane plane = b.build();
            plane.start();
            Quiet io = new Quiet();
            CliSession s = new CliSession(plane.context(), "bench", LoginClass.SUPER_USER, io, null);
            time(s, io, "configure");

            List<Double> load = new ArrayList<>();
            List<Double> check = new ArrayList<>();
            List<Double> commit = new ArrayList<>();
            List<Double> compare = new ArrayList<>();
            for (int r = 0; r < repeats + 1; r++) { // the first round warms the JIT and is dropped
                double l = time(s, io, "load override " + archwayFile);
                double c = time(s, io, "commit check");
                double m = time(s, io, "commit");
                for (int i = 0; i < 100; i++) {
                    s.execute("set routing-options static route " + ip(20, i * 256 * 7) + "/24 preference " + (r + 10));
                }
                double d = time(s, io, "show | compare");
                if (!io.last.toString().contains("preference")) {
                    throw new IllegalStateException("compare shows no change");
                }
                if (r > 0) {
                    load.add(l);
                    check.add(c);
                    commit.add(m);
                    compare.add(d);
                }
                time(s, io, "rollback 0");
            }
            plane.close();

            List<Double> frr = new ArrayList<>();
            for (int r = 0; r < repeats + 1; r++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("vtysh", "--dryrun", "-f", frrFile.toString())
                        .redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("vtysh --dryrun failed: " + new String(out, StandardCharsets.UTF_8));
                }
                if (r > 0) {
                    frr.add((System.nanoTime() - t0) / 1e6);
                }
            }
            double f = median(frr);
            System.out.printf("Configuration benchmark: Archway %d lines (10,000 static routes, 1,000 BGP neighbours, "
                    + "2,000 prefix-list entries); FRR %d lines, same objects; median of %d runs%n", lines, frrLines,
                    repeats);
            System.out.printf("%-42s %12s %22s %8s%n", "step", "Archway ms", "FRR vtysh --dryrun ms", "ratio");
            row("load override FILE (parse)", median(load), f);
            row("commit check (parse + validate + stage)", median(load) + median(check), f);
            row("commit check (on the loaded candidate)", median(check), Double.NaN);
            row("commit (validate, persist, no subsystems)", median(commit), Double.NaN);
            row("show | compare after 100 changed lines", median(compare), Double.NaN);
            System.out.println("FRR's reference is vtysh --dryrun -f (parse and check of the whole file, in a new "
                    + "process).");
            System.out.println("It compares with Archway's load override and with load + commit check; commit, commit "
                    + "check alone and show | compare have no FRR reference (FRR has no candidate or commit).");
            System.out.println("ratio = Archway / FRR (below 1: Archway faster).");
        } finally {
            try (Stream<Path> w = Files.walk(dir)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void row(String step, double ms, double ref) {
        System.out.printf("%-42s %12.1f %22s %8s%n", step, ms, Double.isNaN(ref) ? "no reference" : String.format("%.1f", ref),
                Double.isNaN(ref) ? "-" : String.format("%.2f", ms / ref));
    }

}
