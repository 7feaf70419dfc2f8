package net.archway.image.testbed;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import net.archway.netlink.testing.TestNamespace;

/**
 * The QEMU test bed: boots VMs from the firmware ({@link Firmware#amd64()} with its test overlay
 * and this module's payload classes appended to the initramfs) under TCG with
 * {@code -kernel/-initrd}. Every QEMU runs in the bed's own network namespace; a
 * {@link Nic.Tap} is created there by QEMU and then moved into the test's namespace, a
 * {@link Link} joins two VMs with UDP socket netdevs on the bed namespace's loopback. Serial
 * consoles are kept under {@code target/vm-logs}. {@link #close()} (and a shutdown hook) stops
 * every QEMU and removes the bed's namespace and temporary files.
 *
 * <pre>{@code
 * try (VmBed bed = VmBed.create("esp"); TestNamespace lan = TestNamespace.create("lan")) {
 *     Vm r1 = bed.vm("r1").nic(new Nic.Tap(lan, "r1-eth0")).kernelArg("archway.addr=192.0.2.1/24").start();
 *     r1.awaitChannel(Duration.ofSeconds(120));
 *     r1.execOk("ip link");
 * }
 * }</pre>
 */
public final class VmBed implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final String QEMU = "qemu-system-x86_64";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : LIVE) {
                p.destroyForcibly();
            }
        }, "vm-bed-cleanup"));
    }

    private final String purpose;
    private final Firmware firmware;
    private final TestNamespace namespace;
    private final Path temp;
    private final Path logs;
    private final Path sshKey;
    private final List<Vm> vms = new ArrayList<>();
    private Path initrd;
    private int nextPort = 20000;

    private VmBed(String purpose, Firmware firmware, TestNamespace namespace, Path temp, Path logs, Path sshKey) {
        this.purpose = purpose;
        this.firmware = firmware;
        this.namespace = namespace;
        this.temp = temp;
        this.logs = logs;
        this.sshKey = sshKey;
    }

    /** A bed for one test class; fails (never skips) without root, QEMU or the firmware. */
    public static VmBed create(String purpose) {
        TestNamespace.requireRoot();
        requireProgram(QEMU, "qemu-system-x86");
        requireProgram("ssh-keygen", "openssh-client");
        requireProgram("cpio", "cpio");
        Firmware firmware = Firmware.amd64();
        TestNamespace ns = TestNamespace.create("vmbed");
        Path temp = null;
        try {
            temp = Files.createTempDirectory("archway-vmbed-");
            Path logs = firmware.directory().getParent().getParent().resolve("vm-logs")
                    .resolve(purpose + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss")));
            Files.createDirectories(logs);
            Path key = temp.resolve("id_ed25519");
            TestNamespace.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "archway-vmbed",
                    "-f", key.toString()));
            return new VmBed(purpose, firmware, ns, temp, logs, key);
        } catch (IOException | RuntimeException | Error e) {
            ns.close();
            deleteTree(temp);
            throw new AssertionError("cannot set up the VM test bed: " + e, e);
        }
    }

    private static void requireProgram(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        throw new AssertionError(program + " is missing: the VM tests need Debian's " + debianPackage
                + " (listed in scripts/test-packages; scripts/test installs it) -- refusing to skip");
    }

    public Firmware firmware() {
        return firmware;
    }

    /** The namespace every QEMU runs in. */
    public TestNamespace namespace() {
        return namespace;
    }

    /** The private key whose public half every VM's factory user {@code admin} accepts. */
    public Path sshKey() {
        return sshKey;
    }

    /** Where the serial logs go. */
    public Path logDirectory() {
        return logs;
    }

    /** A point-to-point link between two VMs: give {@link Link#a()} to one, {@link Link#b()} to the other. */
    public record Link(Nic.Socket a, Nic.Socket b) {
    }

    public synchronized Link link() {
        int p = nextPort;
        nextPort += 2;
        return new Link(new Nic.Socket(p, p + 1), new Nic.Socket(p + 1, p));
    }

    /** Starts describing a VM. */
    public VmSpec vm(String name) {
        return new VmSpec(this, name);
    }

    /** How a VM is started: its NICs (eth0, eth1, ... in order), memory, extra kernel arguments. */
    public static final class VmSpec {
        private final VmBed bed;
        private final String name;
        private final List<Nic> nics = new ArrayList<>();
        private final List<String> kernelArgs = new ArrayList<>();
        private int memoryMb = 768;

        VmSpec(VmBed bed, String name) {
            this.bed = bed;
            this.name = name;
        }

        public VmSpec nic(Nic nic) {
            nics.add(nic);
            return this;
        }

        /** A kernel argument, e.g. {@code archway.addr=192.0.2.1/24} (see image/DESIGN.md). */
        public VmSpec kernelArg(String arg) {
            kernelArgs.add(arg);
            return this;
        }

        public VmSpec memoryMb(int mb) {
            memoryMb = mb;
            return this;
        }

        public Vm start() {
            return bed.start(this);
        }
    }

    Path commandSocket(String vm) {
        return temp.resolve(vm + ".cmd");
    }

    String qemuOutput(String vm) {
        try {
            return "--- QEMU's output ---\n" + Files.readString(logs.resolve(vm + ".qemu.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no QEMU output)";
        }
    }

    private synchronized Vm start(VmSpec spec) {
        Path serial = logs.resolve(spec.name + ".serial.log");
        String pubKey;
        try {
            pubKey = Files.readString(Path.of(sshKey + ".pub")).trim().split(" ")[1];
            if (initrd == null) {
                initrd = buildInitrd();
            }
        } catch (IOException e) {
            throw new AssertionError("cannot prepare VM " + spec.name + ": " + e, e);
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace.name(), QEMU,
                "-machine", "q35,accel=tcg", "-cpu", "max", "-smp", "1", "-m", Integer.toString(spec.memoryMb),
                "-display", "none", "-monitor", "none", "-no-reboot", "-nodefaults",
                "-kernel", firmware.kernel().toString(), "-initrd", initrd.toString(),
                "-serial", "file:" + serial,
                "-device", "virtio-serial-pci",
                "-chardev", "socket,id=cmd,path=" + commandSocket(spec.name) + ",server=on,wait=off",
                "-device", "virtserialport,chardev=cmd,name=archway.test",
                "-device", "virtio-rng-pci"));
        List<String> append = new ArrayList<>(List.of("console=ttyS0", "panic=-1", "archway.sshkey=" + pubKey));
        append.addAll(spec.kernelArgs);
        cmd.add("-append");
        cmd.add(String.join(" ", append));
        int vmIndex = vms.size() + 1;
        for (int i = 0; i < spec.nics.size(); i++) {
            Nic nic = spec.nics.get(i);
            String id = "n" + i;
            if (nic instanceof Nic.Tap tap) {
                cmd.addAll(List.of("-netdev", "tap,id=" + id + ",ifname=" + tap.tapName() + ",script=no,downscript=no"));
            } else if (nic instanceof Nic.Socket s) {
                cmd.addAll(List.of("-netdev", "socket,id=" + id + ",udp=127.0.0.1:" + s.remotePort()
                        + ",localaddr=127.0.0.1:" + s.localPort()));
            }
            cmd.addAll(List.of("-device", String.format("virtio-net-pci,netdev=%s,mac=52:54:00:aa:%02x:%02x",
                    id, vmIndex, i)));
        }
        Process qemu;
        try {
            qemu = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(spec.name + ".qemu.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + QEMU + ": " + e, e);
        }
        LIVE.add(qemu);
        Vm vm = new Vm(this, spec.name, qemu, serial, commandSocket(spec.name), System.nanoTime());
        vms.add(vm);
        try {
            for (Nic nic : spec.nics) {
                if (nic instanceof Nic.Tap tap) {
                    moveTap(vm, qemu, tap);
                }
            }
        } catch (RuntimeException | Error e) {
            vm.close();
            throw e;
        }
        return vm;
    }

    /** QEMU made the tap in the bed's namespace; it keeps working once moved into the test's. */
    private void moveTap(Vm vm, Process qemu, Nic.Tap tap) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (TestNamespace.runQuietly(List.of("ip", "-n", namespace.name(), "link", "show", tap.tapName())).exit() != 0) {
            if (!qemu.isAlive()) {
                throw new AssertionError("VM " + vm.name() + ": QEMU exited\n" + qemuOutput(vm.name()));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("VM " + vm.name() + ": QEMU did not create tap " + tap.tapName());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        namespace.ip("link", "set", tap.tapName(), "netns", tap.namespace().name());
        tap.namespace().ip("link", "set", tap.tapName(), "up");
    }

    /** The firmware's initramfs, the test overlay and this module's payload classes, concatenated. */
    private Path buildInitrd() throws IOException {
        Path stage = temp.resolve("payload");
        Path classes;
        try {
            classes = Path.of(VmBed.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path payload = classes.resolve("net/archway/image/payload");
        Path into = stage.resolve("opt/archway/test/classes/net/archway/image/payload");
        Files.createDirectories(into);
        if (Files.isDirectory(payload)) {
            try (Stream<Path> s = Files.list(payload)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.copy(p, into.resolve(p.getFileName().toString()));
                }
            }
        }
        Path payloadCpio = temp.resolve("payload.cpio.gz");
        TestNamespace.run(List.of("sh", "-c", "cd '" + stage + "' && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet"
                + " | gzip -1 > '" + payloadCpio + "'"));
        Path out = temp.resolve("initrd.img");
        try (OutputStream o = Files.newOutputStream(out)) {
            Files.copy(firmware.initramfs(), o);
            Files.copy(firmware.testOverlay(), o);
            Files.copy(payloadCpio, o);
        }
        return out;
    }

    synchronized void forget(Vm vm) {
        vms.remove(vm);
    }

    /** Stops every VM, removes the bed's namespace and temporary files (the logs stay). */
    @Override
    public void close() {
        List<Vm> running;
        synchronized (this) {
            running = new ArrayList<>(vms);
        }
        for (Vm vm : running) {
            vm.close();
        }
        LIVE.removeIf(p -> !p.isAlive());
        namespace.close();
        deleteTree(temp);
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp file left behind is reported by nothing worse
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "VM bed " + purpose + " (" + vms.size() + " VMs, logs in " + logs + ")";
    }
}
