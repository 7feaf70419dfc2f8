package net.archway.netlink.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Route programming, Archway against {@code ip -batch}, in one run on one machine. For each size
 * and next-hop shape, each contender gets a fresh namespace, installs the routes, and deletes
 * them; the table shows routes per second for both steps, peak RSS of the process that did the
 * work (GNU time's %M), and Archway's ratio to ip. Each cell is the median of REPEATS runs, the
 * two contenders taking turns, because this machine's kernel speed drifts by up to 2x between
 * runs. Run with scripts/bench-netlink-routes.
 *
 * <p>Usage: RouteBenchmark [SIZE,...] [REPEATS]  (default 100000,1000000 and 3)
 */
public final class RouteBenchmark {
    private record Run(double addSeconds, double deleteSeconds, long peakRssKb) {
    }

    private RouteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "100000,1000000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String javaCmd = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        System.out.printf("Route programming into a fresh network namespace (%s, %d cores, kernel %s)%n",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), System.getProperty("os.version"));
        System.out.printf("Archway: pipelined netlink batch, JVM %s %s; ip: %s%n", System.getProperty("java.version"),
                String.join(" ", workerJvmFlags()), run(List.of("ip", "-V")).trim());
        System.out.printf("Each cell: median of %d runs, Archway and ip taking turns.%n%n", repeats);
        String header = String.format("%-9s %-7s | %-21s | %-21s | %-17s | %-11s %-11s %-9s",
                "routes", "paths", "add routes/s", "delete routes/s", "peak RSS MB", "add ratio", "del ratio", "RSS ratio");
        System.out.println(header);
        System.out.printf("%-9s %-7s | %-10s %-10s | %-10s %-10s | %-8s %-8s |%n", "", "", "Archway", "ip -batch",
                "Archway", "ip -batch", "Archway", "ip");
        System.out.println("-".repeat(header.length()));
        for (int n : sizes) {
            for (String mode : List.of("single", "ecmp", "ecmp-nhg")) {
                List<Run> oursRuns = new ArrayList<>();
                List<Run> theirRuns = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    oursRuns.add(measureArchway(javaCmd, classpath, n, mode));
                    theirRuns.add(measureIp(n, mode));
                }
                Run ours = median(oursRuns);
                Run theirs = median(theirRuns);
                System.out.printf("%-9d %-7s | %-10.0f %-10.0f | %-10.0f %-10.0f | %-8.1f %-8.1f | %-11s %-11s %-9s%n",
                        n, switch (mode) {
                            case "ecmp" -> "2 ECMP";
                            case "ecmp-nhg" -> "2 NHG";
                            default -> "1";
                        },
                        n / ours.addSeconds, n / theirs.addSeconds, n / ours.deleteSeconds, n / theirs.deleteSeconds,
                        ours.peakRssKb / 1024.0, theirs.peakRssKb / 1024.0,
                        String.format("%.2fx", theirs.addSeconds / ours.addSeconds),
                        String.format("%.2fx", theirs.deleteSeconds / ours.deleteSeconds),
                        String.format("%.2fx", (double) ours.peakRssKb / theirs.peakRssKb));
            }
        }
        System.out.println();
        System.out.println("paths: 1 = one gateway; 2 ECMP = two gateways inline (RTA_MULTIPATH); 2 NHG = two gateways in a");
        System.out.println("kernel nexthop group made first, routes through it (RTA_NH_ID / ip's nhid), on both sides.");
        System.out.println("ratios: add/del = Archway's rate over ip's (higher is better); RSS = Archway's peak over ip's.");
        System.out.println("Archway's times cover the batch only; its RSS is the whole JVM's.");
    }

    /** The median of each column on its own. */
    private static Run median(List<Run> runs) {
        double[] add = runs.stream().mapToDouble(Run::addSeconds).sorted().toArray();
        double[] del = runs.stream().mapToDouble(Run::deleteSeconds).sorted().toArray();
        long[] rss = runs.stream().mapToLong(Run::peakRssKb).sorted().toArray();
        int m = runs.size() / 2;
        return new Run(add[m], del[m], rss[m]);
    }

    static List<String> workerJvmFlags() {
        return List.of("-Xmx64m", "-XX:+UseSerialGC");
    }

    private static String namespace(String who) {
        return "aw-bench-" + who + "-" + ProcessHandle.current().pid();
    }

    /** A namespace with aw0 (10.255.0.1/24) up, the gateways 10.255.0.2 and .3 on its link. */
    private static void makeNamespace(String ns) {
        run(List.of("ip", "netns", "add", ns));
        run(List.of("ip", "-n", ns, "link", "add", "aw0", "type", "veth", "peer", "name", "aw1"));
        run(List.of("ip", "-n", ns, "link", "set", "aw0", "up"));
        run(List.of("ip", "-n", ns, "link", "set", "aw1", "up"));
        run(List.of("ip", "-n", ns, "addr", "add", "10.255.0.1/24", "dev", "aw0"));
    }

    private static void deleteNamespace(String ns) {
        runQuietly(List.of("ip", "netns", "del", ns));
    }

    private static Run measureArchway(String javaCmd, String classpath, int n, String mode) throws Exception {
        String ns = namespace("archway");
        makeNamespace(ns);
        try {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "RSS %M", javaCmd));
            cmd.addAll(workerJvmFlags());
            cmd.addAll(List.of("-cp", classpath, RouteInstallWorker.class.getName(), ns, Integer.toString(n), mode));
            String out = run(cmd);
            double add = 0;
            double del = 0;
            long rss = 0;
            for (String line : out.split("\n")) {
                if (line.startsWith("RSS ")) {
                    rss = Long.parseLong(line.substring(4).trim());
                } else if (line.matches("[0-9.]+ [0-9.]+")) {
                    add = Double.parseDouble(line.split(" ")[0]);
                    del = Double.parseDouble(line.split(" ")[1]);
                }
            }
            if (add == 0 || rss == 0) {
                throw new IllegalStateException("Archway run printed no result: " + out);
            }
            return new Run(add, del, rss);
        } finally {
            deleteNamespace(ns);
        }
    }

    private static Run measureIp(int n, String mode) throws Exception {
        String ns = namespace("ip");
        Path add = Files.createTempFile("aw-bench-add", ".batch");
        Path del = Files.createTempFile("aw-bench-del", ".batch");
        try {
            writeBatch(add, "add", n, mode);
            writeBatch(del, "del", n, mode);
            if (mode.equals("ecmp-nhg")) {
                // the group is made before the timed batch, as on Archway's side
                Path groups = Files.createTempFile("aw-bench-nhg", ".batch");
                Files.writeString(groups, "nexthop add id 1 via 10.255.0.2 dev aw0 proto 145\n"
                        + "nexthop add id 2 via 10.255.0.3 dev aw0 proto 145\nnexthop add id 3 group 1/2 proto 145\n");
                makeNamespace(ns);
                run(List.of("ip", "-n", ns, "-batch", groups.toString()));
                Files.delete(groups);
            } else {
                makeNamespace(ns);
            }
            long[] rss = new long[1];
            double addSeconds = timeIp(ns, add, rss);
            String count = run(List.of("sh", "-c", "ip -n " + ns + " route show proto 145 | grep -c '^[0-9]'")).trim();
            if (!count.equals(Integer.toString(n))) {
                throw new IllegalStateException("ip -batch left " + count + " routes, expected " + n);
            }
            long addRss = rss[0];
            double delSeconds = timeIp(ns, del, rss);
            return new Run(addSeconds, delSeconds, Math.max(addRss, rss[0]));
        } finally {
            deleteNamespace(ns);
            Files.deleteIfExists(add);
            Files.deleteIfExists(del);
        }
    }

    private static double timeIp(String ns, Path batch, long[] rss) {
        long start = System.nanoTime();
        String out = run(List.of("/usr/bin/time", "-f", "RSS %M", "ip", "-n", ns, "-batch", batch.toString()));
        double seconds = (System.nanoTime() - start) / 1e9;
        for (String line : out.split("\n")) {
            if (line.startsWith("RSS ")) {
                rss[0] = Long.parseLong(line.substring(4).trim());
            }
        }
        return seconds;
    }

    private static void writeBatch(Path file, String verb, int n, String mode) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            String via = switch (mode) {
                case "ecmp" -> " nexthop via 10.255.0.2 dev aw0 nexthop via 10.255.0.3 dev aw0";
                case "ecmp-nhg" -> " nhid 3";
                default -> " via 10.255.0.2 dev aw0";
            };
            for (int i = 0; i < n; i++) {
                w.print("route ");
                w.print(verb);
                w.print(' ');
                w.print(RouteInstallWorker.prefix(i));
                w.print(" proto 145");
                w.println(via);
            }
        }
    }

    private static String run(List<String> cmd) {
        ProcessResult r = runQuietly(cmd);
        if (r.exit != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + r.exit + ": " + r.output);
        }
        return r.output;
    }

    private record ProcessResult(int exit, String output) {
    }

    private static ProcessResult runQuietly(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " took over 30 minutes");
            }
            return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ProcessResult(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessResult(-1, "interrupted");
        }
    }
}
