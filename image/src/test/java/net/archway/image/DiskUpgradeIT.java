package net.archway.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.archway.netlink.testing.TestNamespace;

/**
 * The disk image under QEMU with UEFI (OVMF), as a box boots it: GRUB from the ESP, slot A,
 * then {@code request system software add} into B, reboot into B, rollback to A, a broken
 * system abandoned by itself, corrupt and wrong-architecture files refused, and QEMU killed
 * during {@code software add} with slot A still booting. Upgrade files reach the VM as extra
 * read-only virtio disks (/dev/vdb...), as a file written raw onto a USB stick would. QEMU runs
 * in a namespace of the test, its user-mode NIC (DHCP for the factory default) forwards SSH
 * from that namespace's loopback.
 */
class DiskUpgradeIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path FIRMWARE = Path.of(System.getProperty("archway.firmware",
            ROOT.resolve("image/target/firmware/amd64").toString()));
    private static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    private static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");

    @TempDir
    Path dir;
    private TestNamespace ns;
    private Process qemu;
    private Path serial;
    private int boots;

    @AfterEach
    void stop() {
        if (qemu != null) {
            qemu.destroyForcibly();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void upgradeRollbackFallbackRefusalAndPowerCut() throws Exception {
        for (Path p : List.of(OVMF_CODE, OVMF_VARS)) {
            assertTrue(Files.isReadable(p), p + " missing: apt-get install ovmf (scripts/test-packages)");
        }
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString()));
        buildDisk("1.0.0", dir.resolve("v1"));
        buildDisk("2.0.0", dir.resolve("v2"));
        buildDisk("3.0.0-broken", dir.resolve("v3"), "--hook", ROOT.resolve("image/src/test/system/15-broken.sh").toString());
        Path disk = dir.resolve("v1/disk.img");
        Path good = dir.resolve("v2/archway-2.0.0-amd64.system");
        Path broken = dir.resolve("v3/archway-3.0.0-broken-amd64.system");
        Path corrupt = dir.resolve("corrupt.system");
        Files.copy(good, corrupt);
        try (RandomAccessFile f = new RandomAccessFile(corrupt.toFile(), "rw")) {
            f.seek(4096 + 20_000_000);
            f.write(0x5a ^ f.read());
        }
        Path arm = dir.resolve("arm.system");
        Files.copy(good, arm);
        try (RandomAccessFile f = new RandomAccessFile(arm.toFile(), "rw")) {
            byte[] head = new byte[4096];
            f.readFully(head);
            String h = new String(head, StandardCharsets.ISO_8859_1).replace("arch=amd64", "arch=arm64");
            f.seek(0);
            f.write(h.getBytes(StandardCharsets.ISO_8859_1));
        }
        Files.copy(OVMF_VARS, dir.resolve("vars.fd"), StandardCopyOption.REPLACE_EXISTING);
        ns = TestNamespace.create("disk");
        ns.ip("link", "set", "lo", "up");
        List<Path> extra = List.of(good, corrupt, arm, broken); // vdb, vdc, vdd, vde

        long t0 = System.nanoTime();
        start(disk, extra);
        awaitCli();
        System.out.printf("disk boot to SSH CLI: %.1f s after QEMU started%n", (System.nanoTime() - t0) / 1e9);
        assertTrue(cli("show version").contains("Slot: A"));

        String refused = cli("request system software add /dev/vdc");
        assertTrue(refused.contains("sha256") && refused.contains("nothing written"), refused);
        refused = cli("request system software add /dev/vdd");
        assertTrue(refused.contains("arm64") && refused.contains("nothing written"), refused);
        assertSlot("A", "1.0.0", "running, boots next");

        String added = cli("request system software add /dev/vdb");
        assertTrue(added.contains("Installed Archway 2.0.0"), added);
        String json = cli("show system software | display json");
        assertTrue(json.contains("\"nextBoot\"") && json.contains("2.0.0"), json);
        reboot();
        assertTrue(cli("show version").contains("Slot: B"), cli("show version"));
        awaitText("came up healthy", Duration.ofSeconds(60));
        assertSlot("B", "2.0.0", "running, boots next");

        assertTrue(cli("request system software rollback").contains("Slot A"));
        reboot();
        assertTrue(cli("show version").contains("Slot: A"), cli("show version"));

        // a system that never comes up healthy: its trial ends with a reboot, GRUB boots A again
        assertTrue(cli("request system software add /dev/vde").contains("3.0.0-broken"));
        int before = boots("Booting `Archway (slot B)'");
        cli("request system reboot");
        awaitCount("Booting `Archway (slot B)'", before + 1, Duration.ofSeconds(300));
        awaitText("did not come up healthy", Duration.ofSeconds(300));
        awaitCli();
        assertTrue(cli("show version").contains("Slot: A"), cli("show version"));
        assertSlot("A", "1.0.0", "running, boots next");

        // power cut during software add: kill QEMU while slot B is written
        Process add = ssh("request system software add /dev/vdb");
        Thread.sleep(1500);
        qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        add.destroyForcibly();
        start(disk, extra);
        awaitCli();
        assertTrue(cli("show version").contains("Slot: A"), "after the power cut: " + cli("show version"));
    }

    private void assertSlot(String slot, String version, String status) throws Exception {
        String sw = cli("show system software");
        assertTrue(sw.lines().anyMatch(l -> l.startsWith(slot + " ") && l.contains(version) && l.trim().endsWith(status)),
                "slot " + slot + " " + version + " " + status + ":\n" + sw);
    }

    private void buildDisk(String version, Path out, String... more) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("scripts/build-disk").toString(), "--arch", "amd64",
                "--version", version, "--authorized-keys", dir.resolve("key.pub").toString(), "--out", out.toString(),
                // a static address: the factory default commits it, so SSH answers after every reboot
                // (DHCP is the factory default's only until the first commit)
                "--kernel-args", "archway.addr=10.0.2.15/24 archway.gw=10.0.2.2"));
        cmd.addAll(List.of(more));
        run(cmd);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), cmd + " did not finish");
        assertEquals(0, p.exitValue(), cmd + ":\n" + out);
    }

    private void start(Path disk, List<Path> extra) throws IOException {
        serial = dir.resolve("serial-" + (++boots) + ".log");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "qemu-system-x86_64",
                "-machine", "q35,accel=tcg", "-cpu", "max", "-smp", "1", "-m", "1024", "-display", "none",
                "-monitor", "none", "-nodefaults", "-serial", "file:" + serial,
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + OVMF_CODE,
                "-drive", "if=pflash,format=raw,unit=1,file=" + dir.resolve("vars.fd"),
                "-drive", "if=virtio,format=raw,file=" + disk,
                "-nic", "user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:2222-:22",
                "-device", "virtio-rng-pci"));
        for (Path p : extra) {
            cmd.addAll(List.of("-drive", "if=virtio,format=raw,readonly=on,file=" + p));
        }
        qemu = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu-" + boots + ".log").toFile()).start();
    }

    private Process ssh(String command) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "ssh", "-q", "-p", "2222", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5",
                "-i", dir.resolve("key").toString(), "admin@127.0.0.1", command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        return p;
    }

    private String cli(String command) throws IOException, InterruptedException {
        Process p = ssh(command);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    private void awaitCli() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            assertTrue(qemu.isAlive(), "QEMU exited:\n" + tail());
            last = cli("show version");
            if (last.contains("Slot:")) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("no SSH CLI within 300 s (last: " + last + ")\n" + tail());
    }

    private void reboot() throws Exception {
        String text = "Booting `Archway";
        int before = boots(text);
        cli("request system reboot");
        awaitCount(text, before + 1, Duration.ofSeconds(300));
        awaitCli();
    }

    /** GRUB prints each "Booting" line twice (console and serial terminal on one port). */
    private int boots(String text) throws IOException {
        return (count(text) + 1) / 2;
    }

    private int count(String text) throws IOException {
        String log = Files.readString(serial, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = log.indexOf(text); i >= 0; i = log.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    private void awaitCount(String text, int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (boots(text) < n && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        assertTrue(boots(text) >= n, "'" + text + "' not seen " + n + " times\n" + tail());
    }

    private void awaitText(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(serial, StandardCharsets.ISO_8859_1).contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        assertTrue(Files.readString(serial, StandardCharsets.ISO_8859_1).contains(text), "'" + text + "' not seen\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(serial, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no serial log)";
        }
    }
}
