package net.archway.image.testbed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.archway.netlink.testing.TestNamespace;

/**
 * A box booted from {@code scripts/build-disk}'s {@code disk.img} as the hardware boots it:
 * UEFI (Debian's OVMF for amd64, AAVMF for arm64), GRUB from the ESP, a slot, the appliance
 * with its factory default. QEMU (TCG) runs in a namespace of its own; its user-mode NIC is the
 * box's first interface (QEMU's DHCP server answers the factory default's {@code family inet
 * dhcp}) and forwards SSH from that namespace's loopback port 2222. The serial console is a
 * unix socket (for {@link #consoleLogin}) whose every byte also goes to a log file, one per boot.
 * Extra drives (upgrade files) appear as read-only virtio disks after the system disk
 * ({@code /dev/vdb}...), as a file written onto a USB stick would.
 */
public final class DiskVm implements AutoCloseable {
    private final String arch;
    private final Path dir;
    private final Path disk;
    private final Path key;
    private final List<Path> extra;
    private final TestNamespace ns;
    private Process qemu;
    private Path serial;
    private int boots;

    /**
     * @param key the private key whose public half {@code build-disk --authorized-keys} put on the
     *            data partition (the factory user admin's)
     */
    public DiskVm(String arch, Path dir, Path disk, Path key, List<Path> extraDrives) throws IOException {
        this.arch = arch;
        this.dir = dir;
        this.disk = disk;
        this.key = key;
        this.extra = List.copyOf(extraDrives);
        for (Path p : firmwareFiles()) {
            assertTrue(Files.isReadable(p), p + " missing: apt-get install " + (amd64() ? "ovmf" : "qemu-efi-aarch64")
                    + " (scripts/test-packages)");
        }
        Files.copy(firmwareFiles().get(1), dir.resolve("vars-" + arch + ".fd"), StandardCopyOption.REPLACE_EXISTING);
        this.ns = TestNamespace.create("disk-" + arch);
        ns.ip("link", "set", "lo", "up");
    }

    private boolean amd64() {
        return arch.equals("amd64");
    }

    /** UEFI code and the template of its variable store. */
    private List<Path> firmwareFiles() {
        return amd64() ? List.of(Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd"), Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd"))
                : List.of(Path.of("/usr/share/AAVMF/AAVMF_CODE.fd"), Path.of("/usr/share/AAVMF/AAVMF_VARS.fd"));
    }

    /** Powers the box on (a new serial log per boot). */
    public void start() throws IOException {
        serial = dir.resolve("serial-" + arch + "-" + (++boots) + ".log");
        Path socket = dir.resolve("console-" + arch + ".sock");
        Files.deleteIfExists(socket);
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        if (amd64()) {
            cmd.addAll(List.of("qemu-system-x86_64", "-machine", "q35,accel=tcg", "-cpu", "max"));
        } else {
            cmd.addAll(List.of("qemu-system-aarch64", "-machine", "virt,accel=tcg", "-cpu", "cortex-a57"));
        }
        cmd.addAll(List.of("-smp", "1", "-m", "1024", "-display", "none", "-monitor", "none", "-nodefaults",
                "-chardev", "socket,id=console,path=" + socket + ",server=on,wait=off,logfile=" + serial,
                "-serial", "chardev:console",
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + firmwareFiles().get(0),
                "-drive", "if=pflash,format=raw,unit=1,file=" + dir.resolve("vars-" + arch + ".fd"),
                "-drive", "if=virtio,format=raw,file=" + disk,
                "-nic", "user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:2222-:22",
                "-device", "virtio-rng-pci"));
        for (Path p : extra) {
            cmd.addAll(List.of("-drive", "if=virtio,format=raw,readonly=on,file=" + p));
        }
        qemu = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu-" + arch + "-" + boots + ".log").toFile()).start();
    }

    /** {@code request system power-off}; returns QEMU's exit status once the guest turned it off. */
    public int powerOff(Duration timeout) throws Exception {
        String said = cli("request system power-off");
        assertTrue(said.contains("Powering off"), said);
        assertTrue(qemu.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "QEMU still runs " + timeout.toSeconds()
                + " s after request system power-off\n" + tail());
        return qemu.exitValue();
    }

    /** Pulls the plug: QEMU killed, nothing flushed. */
    public void powerCut() throws InterruptedException {
        qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** {@code ssh admin@box COMMAND}, running. */
    public Process ssh(String command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "ssh", "-q", "-p", "2222",
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=5", "-i", key.toString(), "admin@127.0.0.1"));
        if (command != null) {
            cmd.add(command);
        } else {
            cmd.add("-T");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** One CLI command over SSH; its output (empty when SSH does not answer). */
    public String cli(String command) throws IOException, InterruptedException {
        Process p = ssh(command);
        p.getOutputStream().close();
        return finish(p);
    }

    /** CLI lines typed into one SSH session (configuration mode and commit, say). */
    public String cliSession(String lines) throws IOException, InterruptedException {
        Process p = ssh(null);
        try (OutputStream in = p.getOutputStream()) {
            in.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        return finish(p);
    }

    private static String finish(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** Waits until {@code show version} answers over SSH; returns the seconds waited. */
    public double awaitCli(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            assertTrue(qemu.isAlive(), "QEMU exited:\n" + tail());
            last = cli("show version");
            if (last.contains("Slot:")) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("no SSH CLI within " + timeout.toSeconds() + " s (last: " + last + ")\n" + tail());
    }

    /** {@code request system reboot}, then waits for Linux to boot again and the CLI to answer. */
    public void reboot(Duration timeout) throws Exception {
        int before = count("archway-boot: state on");
        cli("request system reboot");
        awaitCount("archway-boot: state on", before + 1, timeout);
        awaitCli(timeout);
    }

    /**
     * Logs in on the serial console as {@code user}; returns what the console showed from the
     * login prompt on. With the right password, runs {@code echo} through the shell (the
     * returned text then holds its answer), then {@code cli} (the router's CLI) with
     * {@code show version}, leaves both and logs out.
     */
    public String consoleLogin(String user, String password, Duration timeout) throws Exception {
        Path socket = dir.resolve("console-" + arch + ".sock");
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            Console c = new Console(ch, timeout);
            c.send("\r");
            c.await("login: ");
            c.send(user + "\r");
            c.await("Password: ");
            c.send(password + "\r");
            String seen = c.awaitAny("Login incorrect", "# ");
            if (seen.equals("# ")) {
                c.send("echo console-$((6*7))\r");
                c.await("console-42");
                c.send("cli\r");
                c.await("root@");
                c.await("> ");
                c.send("show version\r");
                c.await("Slot:");
                c.await("> ");
                c.send("exit\r");
                c.await("# ");
                c.send("exit\r");
                c.await("login: ");
            }
            return c.text();
        }
    }

    /** The console as a byte stream read in a background thread. */
    private static final class Console {
        private final SocketChannel ch;
        private final long deadline;
        private final StringBuilder seen = new StringBuilder();

        Console(SocketChannel ch, Duration timeout) {
            this.ch = ch;
            this.deadline = System.nanoTime() + timeout.toNanos();
            Thread t = new Thread(() -> {
                try (InputStream in = Channels.newInputStream(ch)) {
                    byte[] b = new byte[4096];
                    for (int n = in.read(b); n > 0; n = in.read(b)) {
                        synchronized (seen) {
                            seen.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "serial-console");
            t.setDaemon(true);
            t.start();
        }

        void send(String text) throws IOException {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        }

        private int mark;

        void await(String text) throws InterruptedException {
            awaitAny(text);
        }

        /** Waits for the first of {@code texts} after what earlier waits consumed. */
        String awaitAny(String... texts) throws InterruptedException {
            while (System.nanoTime() < deadline) {
                synchronized (seen) {
                    int best = -1;
                    String found = null;
                    for (String t : texts) {
                        int i = seen.indexOf(t, mark);
                        if (i >= 0 && (best < 0 || i < best)) {
                            best = i;
                            found = t;
                        }
                    }
                    if (found != null) {
                        mark = best + found.length();
                        return found;
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the serial console did not show " + String.join(" or ", texts) + ":\n" + text());
        }

        String text() {
            synchronized (seen) {
                return seen.toString();
            }
        }
    }

    /** How often {@code text} is in this boot's serial log. */
    public int count(String text) throws IOException {
        String log = Files.readString(serial, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = log.indexOf(text); i >= 0; i = log.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    public void awaitCount(String text, int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(text) < n && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        assertTrue(count(text) >= n, "'" + text + "' not seen " + n + " times\n" + tail());
    }

    public void awaitText(String text, Duration timeout) throws Exception {
        awaitCount(text, 1, timeout);
    }

    /** The last 40 lines of this boot's serial log. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(serial, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no serial log)";
        }
    }

    @Override
    public void close() {
        if (qemu != null) {
            qemu.destroyForcibly();
            try {
                qemu.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ns.close();
    }
}
