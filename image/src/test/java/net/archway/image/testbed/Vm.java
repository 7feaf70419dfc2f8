package net.archway.image.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.archway.netlink.testing.TestNamespace;

/**
 * One QEMU (TCG) running the firmware with the test overlay: its serial console goes to
 * {@link #serialLog()}, its test command channel answers {@link #exec}, its SSH CLI
 * {@link #cli}. Made by {@link VmBed#vm}; {@link #close()} stops QEMU.
 */
public final class Vm implements AutoCloseable {
    private final String name;
    private final Process qemu;
    private final Path serialLog;
    private final VmCommandChannel channel;
    private final VmBed bed;
    private final long startedNanos;

    Vm(VmBed bed, String name, Process qemu, Path serialLog, Path commandSocket, long startedNanos) {
        this.bed = bed;
        this.name = name;
        this.qemu = qemu;
        this.serialLog = serialLog;
        this.channel = new VmCommandChannel(commandSocket);
        this.startedNanos = startedNanos;
    }

    public String name() {
        return name;
    }

    /** The serial console's log (kept after the test, under target/vm-logs). */
    public Path serialLog() {
        return serialLog;
    }

    /** When QEMU was started, in {@link System#nanoTime()}. */
    public long startedNanos() {
        return startedNanos;
    }

    /** The QEMU process id. */
    public long pid() {
        return qemu.pid();
    }

    /**
     * Waits until the VM's command channel answers (the boot script has run its hooks); fails
     * with the end of the serial log otherwise.
     */
    public Vm awaitChannel(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            checkAlive();
            if (Files.exists(bed.commandSocket(name))) {
                try {
                    CommandResult r = channel.run("echo ready", Duration.ofSeconds(5));
                    if (r.output().contains("ready")) {
                        return this;
                    }
                } catch (IOException e) {
                    last = e;
                }
            }
            sleep(500);
        }
        throw new AssertionError("VM " + name + ": the test command channel did not answer within "
                + timeout.toSeconds() + " s (" + last + ")\n" + serialTail());
    }

    /** Runs a shell script in the VM as root; the result carries its exit status and output. */
    public CommandResult exec(String script, Duration timeout) {
        checkAlive();
        try {
            return channel.run(script, timeout);
        } catch (IOException e) {
            throw new AssertionError("VM " + name + ": " + e.getMessage() + "\n" + serialTail(), e);
        }
    }

    /** Runs a shell script in the VM and fails the test, with its output, unless it exits 0. */
    public String execOk(String script) {
        CommandResult r = exec(script, Duration.ofSeconds(120));
        if (!r.ok()) {
            throw new AssertionError("VM " + name + ": `" + script + "` exited " + r.exit() + ":\n" + r.output());
        }
        return r.output();
    }

    /**
     * Runs a Java class from this module's test classes ({@code net.archway.image.payload}, packed
     * into the VM at /opt/archway/test/classes) with the image's JRE and the appliance's jar.
     */
    public CommandResult java(String mainClass, Duration timeout, String... args) {
        StringBuilder cmd = new StringBuilder("exec /opt/archway/jre/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "
                + "-cp /opt/archway/test/classes:/opt/archway/lib/archway.jar " + mainClass);
        for (String a : args) {
            cmd.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        return exec(cmd.toString(), timeout);
    }

    /**
     * Runs one CLI command over SSH (OpenSSH, the bed's test key, user admin) from
     * {@code namespace} to {@code address}.
     */
    public CommandResult cli(TestNamespace namespace, String address, String command, Duration timeout) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace.name(), "ssh", "-q",
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=5", "-i", bed.sshKey().toString(), "admin@" + address, command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new CommandResult(-1, out + "(timed out)");
            }
            return new CommandResult(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run ssh (openssh-client, in scripts/test-packages): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Waits until the SSH CLI at {@code address}, reached from {@code namespace}, answers
     * {@code show version}; returns the seconds since QEMU started.
     */
    public double awaitCli(TestNamespace namespace, String address, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CommandResult last = null;
        while (System.nanoTime() < deadline) {
            checkAlive();
            last = cli(namespace, address, "show version", Duration.ofSeconds(30));
            if (last.ok() && last.output().contains("Archway")) {
                return (System.nanoTime() - startedNanos) / 1e9;
            }
            sleep(1000);
        }
        throw new AssertionError("VM " + name + ": the SSH CLI at " + address + " did not answer within "
                + timeout.toSeconds() + " s (last: " + last + ")\n" + serialTail());
    }

    /** The last lines of the serial console, for failure messages. */
    public String serialTail() {
        try {
            List<String> lines = Files.readAllLines(serialLog, java.nio.charset.StandardCharsets.ISO_8859_1);
            return "--- last lines of " + serialLog + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no serial log: " + e + ")";
        }
    }

    private void checkAlive() {
        if (!qemu.isAlive()) {
            throw new AssertionError("VM " + name + ": QEMU exited with status " + qemu.exitValue() + "\n"
                    + bed.qemuOutput(name) + "\n" + serialTail());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops QEMU (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() {
        channel.close();
        if (qemu.isAlive()) {
            qemu.destroy();
            try {
                if (!qemu.waitFor(5, TimeUnit.SECONDS)) {
                    qemu.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        bed.forget(this);
    }
}
