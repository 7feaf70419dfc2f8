package net.archway.appliance.daemon;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.archway.netlink.socket.NetworkNamespace;
import net.archway.netlink.testing.TestNamespace;

/**
 * An Archway router as users run it: {@code java -jar appliance/target/archway.jar run --netns}
 * in a throwaway namespace, driven through OpenSSH's {@code ssh} with a key made for the test.
 * Its configuration comes from a template where {@code @KEY@} is the test's public key.
 */
public final class RouterUnderTest implements AutoCloseable {
    static final Path JAR = Path.of("target/archway.jar").toAbsolutePath();

    public final TestNamespace ns;
    public final Path dir;
    public final Path state;
    private final Path config;
    private Process process;

    public RouterUnderTest(TestNamespace ns, String configTemplate) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            fail("the daemon tests run the packaged jar, and " + JAR + " is missing: run them with `mvn verify`");
        }
        this.ns = ns;
        this.dir = Files.createTempDirectory("aw-router-");
        this.state = dir.resolve("state");
        TestNamespace.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString()));
        String key = Files.readString(dir.resolve("key.pub")).trim();
        this.config = dir.resolve("router.conf");
        Files.writeString(config, configTemplate.replace("@KEY@", key));
    }

    /** Starts the daemon and waits (bounded) for its SSH CLI. */
    public RouterUnderTest start() throws Exception {
        return start(List.of());
    }

    /** Starts the daemon with these JVM options (as the README's run command gives them) and waits for its SSH CLI. */
    public RouterUnderTest start(List<String> jvmOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", JAR.toString(), "run", "--config", config.toString(), "--state-dir", state.toString(), "--netns",
                ns.name()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the daemon exited with " + process.exitValue() + ":\n" + console());
            }
            if (sshAnswers()) {
                return this;
            }
            Thread.sleep(200);
        }
        fail("the daemon's SSH did not answer within 60 s:\n" + console());
        return this;
    }

    private boolean sshAnswers() {
        return NetworkNamespace.callIn(ns.name(), () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", 22), 300);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The daemon's process id. */
    public long pid() {
        return process.pid();
    }

    public String console() throws IOException {
        Path log = dir.resolve("console.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Runs CLI commands (one per line) through ssh without a terminal; returns exit status and output. */
    public TestNamespace.Result cli(String commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "ssh", "-i", dir.resolve("key").toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-T",
                "admin@127.0.0.1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(commands.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("ssh did not finish within 60 s: " + out);
        }
        return new TestNamespace.Result(p.exitValue(), out);
    }

    /** One command on the exec channel. */
    public TestNamespace.Result exec(String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "ssh", "-i", dir.resolve("key").toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "admin@127.0.0.1", command));
        return TestNamespace.runQuietly(cmd);
    }

    /**
     * One command on the exec channel, its output kept in a file rather than in memory, waited
     * for at most {@code bound} (ssh is killed past it): for commands whose output is large.
     * Returns the exit status (-1 on timeout) and the output's last 64 KiB.
     */
    public TestNamespace.Result exec(String command, java.time.Duration bound) throws Exception {
        Path out = Files.createTempFile(dir, "exec-", ".out");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "ssh", "-i", dir.resolve("key").toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "admin@127.0.0.1", command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.getOutputStream().close();
        boolean done = p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        try (var f = new java.io.RandomAccessFile(out.toFile(), "r")) {
            long from = Math.max(0, f.length() - 65536);
            byte[] b = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(b);
            Files.delete(out);
            return new TestNamespace.Result(done ? p.exitValue() : -1,
                    (done ? "" : "(ssh killed after " + bound.toSeconds() + " s) ") + new String(b, StandardCharsets.UTF_8));
        }
    }

    /** SIGKILL: nothing cleaned up. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit status. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the daemon did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
