package net.archway.routing.bgp.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import net.archway.netlink.testing.TestNamespace;

/**
 * A BGP daemon from Debian's packages (FRR's bgpd, BIRD, GoBGP) running in a test namespace
 * with its own directory for configuration, pid file and control socket. Closing stops it by
 * its process id and deletes the directory; a shutdown hook does the same should the test JVM
 * exit otherwise. A missing program fails the test with the package to install.
 */
public abstract class PeerDaemon implements AutoCloseable {
    private static final Set<PeerDaemon> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(PeerDaemon::stop), "peer-daemon-cleanup"));
    }

    public final TestNamespace ns;
    public final Path dir;
    private Process process;
    private final List<Path> pidFiles = new ArrayList<>();

    protected PeerDaemon(TestNamespace ns, String name) {
        this.ns = ns;
        try {
            this.dir = Files.createTempDirectory("archway-bgp-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LIVE.add(this);
    }

    public static void requireProgram(String path, String debianPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new AssertionError(path + " is missing: install the Debian package " + debianPackage
                    + " (scripts/test installs everything in scripts/test-packages) -- refusing to skip");
        }
    }

    protected void write(String file, String content) {
        try {
            Files.writeString(dir.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a daemon that forks and writes its pid to {@code pidFile}. */
    protected void startForking(Path pidFile, List<String> command) {
        pidFiles.add(pidFile);
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        cmd.addAll(command);
        TestNamespace.run(cmd);
        await("the pid file " + pidFile, () -> Files.exists(pidFile));
    }

    /** Starts a daemon that stays in the foreground; its output goes to {@code log}. */
    protected void startForeground(Path log, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        cmd.addAll(command);
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command in the daemon's namespace and returns its output; a failure throws. */
    public String exec(String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        cmd.addAll(List.of(command));
        return TestNamespace.run(cmd);
    }

    public static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Speaker.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + Speaker.WAIT.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(100); // polling a daemon's CLI; no timed assertion depends on it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** The daemon's own log, for failure messages. */
    public abstract String log();

    private void stop() {
        try {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
            // the last started first: FRR's bgpd and bfdd before the zebra they talk to
            for (int i = pidFiles.size() - 1; i >= 0; i--) {
                Path pidFile = pidFiles.get(i);
                if (!Files.exists(pidFile)) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                });
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // best effort; the namespace goes anyway
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // the directory is in /tmp
            }
            LIVE.remove(this);
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static Duration waitTime() {
        return Speaker.WAIT;
    }
}
