package net.archway.appliance.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.archway.netlink.socket.NetworkNamespace;

/**
 * {@code archway lab up|status|down}: the topology of {@link LabTopology} in network namespaces,
 * an Archway router started in each router namespace with an embedded configuration, and an
 * SSH key to log in with. Never touches the machine's own namespace; {@code down} removes
 * every namespace, process and file it made.
 */
public final class Lab {
    /** Where the lab keeps its routers' state, logs, pids and the login key. */
    public static final Path DIRECTORY = Path.of("/var/lib/archway-lab");
    private static final int SSH_WAIT_SECONDS = 120;

    private final PrintStream out;
    private final PrintStream err;

    private Lab(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static int command(List<String> args, PrintStream out, PrintStream err) {
        Lab lab = new Lab(out, err);
        if (args.size() != 1) {
            err.println("archway lab: up, status or down");
            return 2;
        }
        try {
            switch (args.get(0)) {
                case "up":
                    return lab.up();
                case "status":
                    return lab.status();
                case "down":
                    return lab.down();
                default:
                    err.println("archway lab: unknown command '" + args.get(0) + "' (up, status, down)");
                    return 2;
            }
        } catch (LabException e) {
            err.println("archway lab " + args.get(0) + ": " + e.getMessage());
            return 1;
        }
    }

    /** A step of the lab failed; says what and why. */
    static final class LabException extends Exception {
        LabException(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- up

    private int up() throws LabException {
        requireRoot();
        List<String> present = presentNamespaces();
        if (!present.isEmpty()) {
            throw new LabException("the lab is already up (" + String.join(", ", present)
                    + "); `archway lab status` shows it, `archway lab down` removes it");
        }
        Path jar = ownJar();
        try {
            Files.createDirectories(DIRECTORY);
            Files.setPosixFilePermissions(DIRECTORY, PosixFilePermissions.fromString("rwx------"));
            Path key = DIRECTORY.resolve("lab_key");
            Files.deleteIfExists(key);
            Files.deleteIfExists(DIRECTORY.resolve("lab_key.pub"));
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "archway-lab", "-f", key.toString());
            String publicKey = Files.readString(DIRECTORY.resolve("lab_key.pub")).trim();

            out.println("Making the lab's network namespaces...");
            for (String ns : LabTopology.NAMESPACES) {
                run("ip", "netns", "add", ns);
                run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            for (LabTopology.Wire w : LabTopology.WIRES) {
                run("ip", "-n", w.nsA(), "link", "add", w.ifA(), "type", "veth", "peer", "name", w.ifB(), "netns", w.nsB());
                if (w.addrA() != null) {
                    run("ip", "-n", w.nsA(), "addr", "add", w.addrA(), "dev", w.ifA());
                    run("ip", "-n", w.nsA(), "link", "set", w.ifA(), "up");
                }
                if (w.addrB() != null) {
                    run("ip", "-n", w.nsB(), "addr", "add", w.addrB(), "dev", w.ifB());
                    run("ip", "-n", w.nsB(), "link", "set", w.ifB(), "up");
                }
            }
            for (String[] r : LabTopology.HOST_ROUTES) {
                run("ip", "-n", r[0], "route", "add", "default", "via", r[1]);
            }
            for (LabTopology.Router r : LabTopology.ROUTERS) {
                start(r, jar, publicKey);
            }
            for (LabTopology.Router r : LabTopology.ROUTERS) {
                awaitSsh(r);
            }
            out.println("Waiting for BGP to bring the routes in...");
            for (LabTopology.Router r : LabTopology.ROUTERS) {
                awaitRoute(r);
            }
        } catch (IOException e) {
            throw new LabException(e.getMessage() + "; `archway lab down` removes what was made");
        }
        printTips();
        return 0;
    }

    private void start(LabTopology.Router r, Path jar, String publicKey) throws IOException, LabException {
        Path state = DIRECTORY.resolve(r.name());
        Files.createDirectories(state);
        String template;
        try (InputStream in = Lab.class.getResourceAsStream(r.configResource())) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path config = DIRECTORY.resolve(r.name() + ".conf");
        Files.writeString(config, template.replace("@LAB_KEY@", publicKey));
        Path console = DIRECTORY.resolve(r.name() + ".console.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // setsid: the routers outlive this command and its terminal
        // ZGC: the collector chosen for BFD timing while a table is learned (routing/BFD.md, Measurement)
        Process p = new ProcessBuilder("setsid", java, "-XX:+UseZGC", "-jar", jar.toString(), "run", "--config", config.toString(),
                "--state-dir", state.toString(), "--netns", r.namespace())
                .redirectErrorStream(true).redirectOutput(console.toFile()).start();
        Files.writeString(DIRECTORY.resolve(r.name() + ".pid"), Long.toString(p.pid()));
        out.println("Started the " + r.name() + " router (pid " + p.pid() + ") in " + r.namespace() + "; console log "
                + console);
    }

    private void awaitSsh(LabTopology.Router r) throws LabException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SSH_WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!alive(r)) {
                throw new LabException("the " + r.name() + " router stopped while starting; see "
                        + DIRECTORY.resolve(r.name() + ".console.log"));
            }
            if (sshAnswers(r)) {
                return;
            }
            sleep(250);
        }
        throw new LabException("the " + r.name() + " router's SSH did not answer within " + SSH_WAIT_SECONDS + " s; see "
                + DIRECTORY.resolve(r.name() + ".console.log"));
    }

    /** Waits until the router forwards to the far network over BGP (its route in the kernel). */
    private void awaitRoute(LabTopology.Router r) throws LabException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SSH_WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String routes = capture("ip", "-n", r.namespace(), "route", "show", r.farNetwork(), "proto", "145");
            if (routes.contains("via")) {
                return;
            }
            sleep(250);
        }
        throw new LabException("the " + r.name() + " router has no route to " + r.farNetwork() + " after "
                + SSH_WAIT_SECONDS + " s (is BGP up? `show bgp summary` on it); see "
                + DIRECTORY.resolve(r.name() + ".console.log"));
    }

    private static String capture(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static boolean sshAnswers(LabTopology.Router r) {
        try {
            return NetworkNamespace.callIn(r.namespace(), () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", 22), 500);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void printTips() {
        String key = DIRECTORY.resolve("lab_key").toString();
        String ssh = "ssh -i " + key + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null lab@127.0.0.1";
        out.println("""

                The lab is up: a site (AS 65020) and a cloud (AS 65515) joined by two lines, eBGP with BFD
                (300 ms x 3) on each; both routers prefer line A (local-preference 200).

                  site host ---- site router ==== line A 192.168.11.16/30 (eth1) ==== cloud router ---- cloud host
                  10.1.11.10     (%s)      ==== line B 192.168.11.20/30 (eth2) ==== (%s)     10.17.11.132

                Log in to the routers (Junos CLI):
                  ip netns exec %s %s
                  ip netns exec %s %s

                Try there:  show bgp summary    show bfd session    show route    show bgp neighbor 192.168.11.18
                            show route receive-protocol bgp 192.168.11.18    show route advertising-protocol bgp 192.168.11.22
                            show configuration protocols bgp | display set

                Watch a failover: in one terminal send traffic from the site host to the cloud host,
                  ip netns exec %s ping -D -i 0.05 10.17.11.132
                then make line A drop every packet silently on the cloud side: BFD misses three packets (about
                a second), takes BGP on line A down, and both routers move to line B:
                  ip netns exec %s nft add table netdev lab \\; add chain netdev lab in '{ type filter hook ingress device eth1 priority 0; policy drop; }'
                and bring line A back (BFD comes up, BGP re-establishes, traffic returns to line A):
                  ip netns exec %s nft delete table netdev lab
                Or take line A's port down on the site router (the next hop goes at once):
                  ip netns exec %s ip link set eth1 down     (and `... set eth1 up` to bring it back)
                Watch `show route 10.17.11.132`, `show bfd session` and `show bgp summary` on the site router.

                Status: java -jar %s lab status      Remove everything: java -jar %s lab down
                """.formatted(LabTopology.SITE_ROUTER, LabTopology.CLOUD_ROUTER, LabTopology.SITE_ROUTER, ssh,
                LabTopology.CLOUD_ROUTER, ssh, LabTopology.SITE_HOST, LabTopology.CLOUD_ROUTER, LabTopology.CLOUD_ROUTER,
                LabTopology.SITE_ROUTER, jarName(), jarName()));
    }

    // ---------------------------------------------------------------- status and down

    private int status() throws LabException {
        List<String> present = presentNamespaces();
        if (present.isEmpty()) {
            out.println("The lab is down (no " + LabTopology.PREFIX + "* namespaces).");
            return 0;
        }
        out.println("Namespaces: " + String.join(", ", present));
        boolean healthy = present.size() == LabTopology.NAMESPACES.size();
        for (LabTopology.Router r : LabTopology.ROUTERS) {
            boolean alive = alive(r);
            boolean ssh = alive && sshAnswers(r);
            healthy &= alive && ssh;
            out.printf("%-6s router in %-13s %s, SSH %s%n", r.name(), r.namespace(), alive ? "running (pid " + pid(r) + ")"
                    : "not running", ssh ? "answers" : "does not answer");
        }
        return healthy ? 0 : 1;
    }

    private int down() throws LabException {
        requireRoot();
        for (LabTopology.Router r : LabTopology.ROUTERS) {
            long pid = pid(r);
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(15, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
            }
        }
        for (String ns : presentNamespaces()) {
            runQuietly("ip", "netns", "del", ns);
        }
        try {
            if (Files.exists(DIRECTORY)) {
                try (var walk = Files.walk(DIRECTORY)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new LabException("could not remove " + DIRECTORY + ": " + e.getMessage());
        }
        List<String> left = presentNamespaces();
        if (!left.isEmpty()) {
            throw new LabException("namespaces still present: " + String.join(", ", left));
        }
        out.println("The lab is down: routers stopped, namespaces and " + DIRECTORY + " removed.");
        return 0;
    }

    // ---------------------------------------------------------------- helpers

    private static long pid(LabTopology.Router r) {
        try {
            return Long.parseLong(Files.readString(DIRECTORY.resolve(r.name() + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static boolean alive(LabTopology.Router r) {
        long pid = pid(r);
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static List<String> presentNamespaces() {
        List<String> out = new ArrayList<>();
        for (String ns : LabTopology.NAMESPACES) {
            if (NetworkNamespace.exists(ns)) {
                out.add(ns);
            }
        }
        return out;
    }

    private static void requireRoot() throws LabException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new LabException("the lab makes network namespaces: run it as root");
        }
    }

    private static Path ownJar() throws LabException {
        try {
            Path p = Path.of(Lab.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!p.toString().endsWith(".jar")) {
                throw new LabException("run the lab from archway.jar (java -jar appliance/target/archway.jar lab up)");
            }
            return p;
        } catch (java.net.URISyntaxException e) {
            throw new LabException("cannot find archway.jar: " + e.getMessage());
        }
    }

    private static String jarName() {
        try {
            return ownJar().toString();
        } catch (LabException e) {
            return "archway.jar";
        }
    }

    private static void run(String... cmd) throws LabException {
        String outText = runQuietly(cmd);
        if (outText != null) {
            throw new LabException(String.join(" ", cmd) + " failed: " + outText.trim());
        }
    }

    /** Runs a command; null on success, else its output. */
    private static String runQuietly(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? null : text;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
