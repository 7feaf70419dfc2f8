package net.archway.appliance.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures failover in the lab: a ping stream from the site host to the cloud host
 * ({@code ping -D -i 0.01}), line A fails, and the outage is the longest gap between two replies.
 * Three ways to fail: line A's port goes down (carrier loss), line A drops everything silently
 * with the lab's RPM probes and ip-monitoring watching it (1 s × 2), and the same silent drop with
 * BFD (300 ms × 3) on the static next hops instead, committed through the CLI over SSH.
 *
 * <p>Run with {@code scripts/measure-failover [TRIALS]}; it brings up a lab of its own and takes it down.
 */
public final class FailoverMeasurement {
    private static final Pattern REPLY = Pattern.compile("^\\[(\\d+\\.\\d+)\\].*icmp_seq=(\\d+)");
    private static final String NFT_DROP = "add table netdev lab ; add chain netdev lab in "
            + "{ type filter hook ingress device eth1 priority 0; policy drop; }";

    private FailoverMeasurement() {
    }

    /** One trial: the longest gap between replies, the replies lost in it, the real spacing of the stream. */
    record Trial(double outageMillis, int lost, double spacingMillis) {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (!Lab.presentNamespaces().isEmpty()) {
            System.err.println("measure-failover needs a lab of its own: run `archway lab down` first");
            System.exit(1);
        }
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        if (Lab.command(List.of("up"), quiet, System.err) != 0) {
            System.exit(1);
        }
        try {
            System.out.printf("Failover in the lab (%d trials each): ping -D -i 0.01 from the site host to the cloud host,%n"
                    + "line A fails; outage = longest gap between replies.%n%n", trials);
            System.out.printf("%-46s %8s %8s %8s %10s%n", "failure", "median", "max", "lost", "spacing");
            awaitPrimary();
            report("line A port down (carrier loss)", measure(trials, "ip -n aw-lab-ce link set eth1 down",
                    "ip -n aw-lab-ce link set eth1 up", 2));
            report("line A drops silently, RPM probes 1 s x 2", measure(trials,
                    "ip netns exec aw-lab-cloud nft " + quote(NFT_DROP), "ip netns exec aw-lab-cloud nft delete table netdev lab", 5));
            for (String[] r : new String[][] {{"aw-lab-ce", "10.17.11.128/26"}, {"aw-lab-cloud", "10.1.11.0/25"}}) {
                cli(r[0], "configure\nset routing-options static route " + r[1] + " bfd-liveness-detection minimum-interval 300\n"
                        + "set routing-options static route " + r[1] + " bfd-liveness-detection multiplier 3\n"
                        + "delete services\ncommit and-quit\n");
            }
            awaitPrimary();
            report("line A drops silently, BFD 300 ms x 3", measure(trials,
                    "ip netns exec aw-lab-cloud nft " + quote(NFT_DROP), "ip netns exec aw-lab-cloud nft delete table netdev lab", 3));
        } finally {
            Lab.command(List.of("down"), quiet, System.err);
        }
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    private static List<Trial> measure(int trials, String fail, String restore, int settleSeconds) throws Exception {
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            Process ping = new ProcessBuilder("ip", "netns", "exec", LabTopology.SITE_HOST, "timeout",
                    Integer.toString(2 + settleSeconds), "ping", "-D", "-i", "0.01", "10.17.11.132")
                    .redirectErrorStream(true).start();
            Thread.sleep(1500);
            sh(fail);
            String text = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ping.waitFor(30, TimeUnit.SECONDS);
            sh(restore);
            out.add(analyse(text));
            awaitPrimary();
        }
        return out;
    }

    static Trial analyse(String pingOutput) {
        List<double[]> replies = new ArrayList<>();
        for (String line : pingOutput.split("\n")) {
            Matcher m = REPLY.matcher(line);
            if (m.find()) {
                replies.add(new double[] {Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2))});
            }
        }
        if (replies.size() < 2) {
            return new Trial(Double.NaN, -1, Double.NaN);
        }
        double gap = 0;
        int lost = 0;
        for (int i = 1; i < replies.size(); i++) {
            double g = replies.get(i)[0] - replies.get(i - 1)[0];
            if (g > gap) {
                gap = g;
                lost = (int) (replies.get(i)[1] - replies.get(i - 1)[1] - 1);
            }
        }
        double[] first = replies.get(0);
        double[] last = replies.get(replies.size() - 1);
        double spacing = (last[0] - first[0]) / (last[1] - first[1]);
        return new Trial(gap * 1000, lost, spacing * 1000);
    }

    private static void report(String what, List<Trial> t) {
        List<Double> outages = new ArrayList<>();
        List<Integer> lost = new ArrayList<>();
        double spacing = 0;
        for (Trial x : t) {
            outages.add(x.outageMillis());
            lost.add(x.lost());
            spacing += x.spacingMillis() / t.size();
        }
        Collections.sort(outages);
        Collections.sort(lost);
        System.out.printf("%-46s %6.0fms %6.0fms %8d %8.1fms%n", what, outages.get(outages.size() / 2),
                outages.get(outages.size() - 1), lost.get(lost.size() / 2), spacing);
    }

    /** Waits (bounded) until both routers forward over line A again. */
    private static void awaitPrimary() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String a = capture("ip -n aw-lab-ce route show proto 145");
            String b = capture("ip -n aw-lab-cloud route show proto 145");
            if (a.contains("dev eth1") && b.contains("dev eth1")) {
                Thread.sleep(1000); // let probes and BFD settle on the healthy line
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the routers did not return to line A within 60 s");
    }

    private static void cli(String namespace, String commands) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "ssh", "-i", Lab.DIRECTORY.resolve("lab_key").toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "lab@127.0.0.1")
                .redirectErrorStream(true).start();
        p.getOutputStream().write(commands.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.contains("commit complete")) {
            throw new IllegalStateException("the commit on " + namespace + " failed: " + out);
        }
    }

    private static void sh(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
    }

    private static String capture(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
