package net.archway.netlink.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A throwaway network namespace for integration tests: created with {@code ip netns add},
 * inspected with {@code ip -n NAME -j ...}, removed by {@link #close()} and, should a test
 * crash the JVM's normal path, by a shutdown hook. Nothing here touches the machine's own
 * namespace. Needs root: without it, creating one fails loudly (a test never skips silently).
 */
public final class TestNamespace implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String name : LIVE) {
                runQuietly(List.of("ip", "netns", "del", name));
            }
        }, "test-namespace-cleanup"));
    }

    private final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Creates {@code aw-<purpose>-<pid>-<n>} with its loopback up. */
    public static TestNamespace create(String purpose) {
        requireRoot();
        String name = "aw-" + purpose + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        run(List.of("ip", "netns", "add", name));
        LIVE.add(name);
        TestNamespace ns = new TestNamespace(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    /** Fails the calling test with a clear message when not root: namespaces need CAP_SYS_ADMIN. */
    public static void requireRoot() {
        String user = System.getProperty("user.name");
        boolean root = "root".equals(user) || isEuidZero();
        if (!root) {
            throw new AssertionError("integration tests create network namespaces and need root; run them as root "
                    + "(the README's test command does) -- refusing to skip");
        }
    }

    private static boolean isEuidZero() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return false;
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip -n NAME ARGS...}; a failure throws with ip's message. */
    public String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs {@code ip -n NAME -j ARGS...} and parses the JSON; empty output is an empty array. */
    public JsonNode ipJson(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name, "-j"));
        cmd.addAll(List.of(args));
        String out = run(cmd).trim();
        try {
            return JSON.readTree(out.isEmpty() ? "[]" : out);
        } catch (IOException e) {
            throw new AssertionError("ip -j printed something that is not JSON: " + out, e);
        }
    }

    /** Runs a command inside the namespace ({@code ip netns exec}). */
    public String exec(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs a command; a non-zero exit throws with its output. */
    public static String run(List<String> cmd) {
        Result r = runQuietly(cmd);
        if (r.exit != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + r.exit + ": " + r.output);
        }
        return r.output;
    }

    /** A command's exit status and combined output. */
    public record Result(int exit, String output) {
    }

    public static Result runQuietly(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after 60 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    @Override
    public void close() {
        if (LIVE.remove(name)) {
            // processes a test started in the namespace and lost track of (a daemon's children, say) go with it
            Result pids = runQuietly(List.of("ip", "netns", "pids", name));
            for (String pid : pids.output().trim().split("\\s+")) {
                if (pid.matches("[0-9]+") && Long.parseLong(pid) != ProcessHandle.current().pid()) {
                    runQuietly(List.of("kill", "-9", pid));
                }
            }
            run(List.of("ip", "netns", "del", name));
        }
    }
}
