package net.archway.cli.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import net.archway.cli.ManagementPlane;
import net.archway.cli.TestSchema;
import net.archway.cli.commit.Subsystem;
import net.archway.cli.schema.Schema;

/**
 * A management plane for tests: the test schema, a temporary state directory, a fake clock,
 * SSH on a free loopback port, and users with keys made by ssh-keygen.
 */
public final class TestPlane implements AutoCloseable {
    public final Path dir;
    public final FakeScheduler clock = new FakeScheduler(Instant.parse("2026-11-22T02:00:00Z"));
    public final ManagementPlane plane;

    public TestPlane(boolean ssh, Subsystem... subsystems) throws IOException {
        this(TestSchema.build(), ssh, subsystems);
    }

    private TestPlane(Path dir, ManagementPlane plane, FakeScheduler unused) {
        this.dir = dir;
        this.plane = plane;
    }

    /** A plane reopened on the state directory of another (a restart); closing it removes the directory. */
    public record Reopened(TestPlane first, ManagementPlane plane) {
        public TestPlane asPlane() {
            TestPlane p = new TestPlane(first.dir, plane, null);
            return p;
        }
    }

    public TestPlane(Schema schema, boolean ssh, Subsystem... subsystems) throws IOException {
        this(schema, ssh, b -> { }, subsystems);
    }

    /** With {@code extra} adding to the plane (operational commands a test defines). */
    public TestPlane(boolean ssh, java.util.function.Consumer<ManagementPlane.Builder> extra) throws IOException {
        this(TestSchema.build(), ssh, extra);
    }

    private TestPlane(Schema schema, boolean ssh, java.util.function.Consumer<ManagementPlane.Builder> extra,
                      Subsystem... subsystems) throws IOException {
        dir = Files.createTempDirectory("archway-cli-test");
        ManagementPlane.Builder b = ManagementPlane.builder(schema).stateDirectory(dir.resolve("state"))
                .scheduler(clock).version("test").ssh("127.0.0.1", ssh ? 0 : -1);
        extra.accept(b);
        for (Subsystem s : subsystems) {
            b.subsystem(s);
        }
        plane = b.build();
        plane.start();
    }

    /** Runs console lines as root; returns the output. */
    public String console(String lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plane.console(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Makes an ed25519 key pair with ssh-keygen; returns the private key file. */
    public Path keygen(String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@test", "-f", key.toString()));
        return key;
    }

    public static String publicKey(Path key) throws IOException {
        return Files.readString(Path.of(key + ".pub")).strip();
    }

    /** Adds a user with a key (and class) through the console and commits. */
    public void addUser(String user, String cls, Path key) throws IOException {
        String out = console("configure\nset system login user " + user + " class " + cls
                + "\nset system login user " + user + " authentication ssh-ed25519 \"" + publicKey(key)
                + "\"\ncommit and-quit\n");
        if (!out.contains("commit complete")) {
            throw new IllegalStateException("could not add user " + user + ": " + out);
        }
    }

    /** The result of a program. */
    public record Run(int status, String out, String err) {
    }

    public static Run run(List<String> cmd) throws IOException, InterruptedException {
        return run(cmd, null);
    }

    public static Run run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        requireProgram(cmd.get(0));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path errFile = Files.createTempFile("archway-run", ".err");
        pb.redirectError(errFile.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 60 s");
        }
        String err = Files.readString(errFile);
        Files.deleteIfExists(errFile);
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), err);
    }

    /** Fails (never skips) when a program a test needs is missing. */
    public static void requireProgram(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return;
            }
        }
        throw new IllegalStateException(name + " is missing: install it (scripts/test-packages lists the Debian "
                + "packages the tests need; scripts/test installs them)");
    }

    /** ssh (OpenSSH) to the plane as {@code user} with {@code key}, extra options, then the command words. */
    public List<String> ssh(String user, Path key, String... more) {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-o", "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-i", key.toString(),
                "-p", Integer.toString(plane.sshPort()), user + "@127.0.0.1"));
        cmd.addAll(List.of(more));
        return cmd;
    }

    @Override
    public void close() throws IOException {
        plane.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
