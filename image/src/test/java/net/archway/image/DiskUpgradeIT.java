package net.archway.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.archway.image.testbed.DiskVm;

/**
 * The disk image under QEMU with UEFI (OVMF), as a box boots it ({@link DiskVm}): GRUB from the
 * ESP, slot A with the factory default (SSH CLI on the first interface by DHCP), then
 * {@code request system software add} into B, reboot into B, rollback to A, a broken system
 * abandoned by itself, corrupt and wrong-architecture files refused, and power cuts during
 * {@code software add} with the running slot still booting. Also: the factory default's DHCP
 * stays after commits and reboots (it is configuration), and root logs in on the serial console
 * with the password committed as {@code system root-authentication}.
 */
class DiskUpgradeIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    /** {@code openssl passwd -6 -salt archwaytest console-test}. */
    static final String ROOT_HASH = "$6$archwaytest$4/h6U3tfTugIvy/C6T1NGatH7avGrZlIddr1voTNF9lFsKADC4k2Xi8laGIJX"
            + ".a88yEbYts0TCbOq/WpcpfTT1";
    static final String ROOT_PASSWORD = "console-test";
    private static final Duration BOOT = Duration.ofSeconds(300);

    @TempDir
    Path dir;
    private DiskVm vm;

    @AfterEach
    void stop() {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void upgradeRollbackFallbackRefusalAndPowerCut() throws Exception {
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString()));
        buildDisk(ROOT, dir, "amd64", "1.0.0", dir.resolve("v1"));
        buildDisk(ROOT, dir, "amd64", "2.0.0", dir.resolve("v2"));
        buildDisk(ROOT, dir, "amd64", "3.0.0-broken", dir.resolve("v3"), "--hook",
                ROOT.resolve("image/src/test/system/15-broken.sh").toString());
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
        vm = new DiskVm("amd64", dir, disk, dir.resolve("key"), List.of(good, corrupt, arm, broken)); // vdb, vdc, vdd, vde

        vm.start();
        System.out.printf("disk boot to SSH CLI: %.1f s after QEMU started%n", vm.awaitCli(BOOT));
        assertTrue(vm.cli("show version").contains("Slot: A"));
        // GRUB boots the kernel fully preemptible (scripts/build-disk), not Debian's default voluntary
        vm.awaitText("Dynamic Preempt: full", Duration.ofSeconds(1));
        assertLease();

        // root's console password, committed: root logs in on the serial console with it only
        String commit = vm.cliSession("configure\nset system root-authentication encrypted-password \"" + ROOT_HASH
                + "\"\ncommit\nexit\n");
        assertTrue(commit.contains("commit complete"), commit);
        assertConsoleLogin();

        String refused = vm.cli("request system software add /dev/vdc");
        assertTrue(refused.contains("sha256") && refused.contains("nothing written"), refused);
        refused = vm.cli("request system software add /dev/vdd");
        assertTrue(refused.contains("arm64") && refused.contains("nothing written"), refused);
        assertSlot("A", "1.0.0", "running, boots next");

        long t0 = System.nanoTime();
        String added = vm.cli("request system software add /dev/vdb");
        long addMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(added.contains("Installed Archway 2.0.0"), added);
        System.out.printf("software add of a %d MB system: %.1f s%n", Files.size(good) >> 20, addMillis / 1e3);
        String json = vm.cli("show system software | display json");
        assertTrue(json.contains("\"nextBoot\"") && json.contains("2.0.0"), json);
        vm.reboot(BOOT);
        assertTrue(vm.cli("show version").contains("Slot: B"), vm.cli("show version"));
        vm.awaitText("came up healthy", Duration.ofSeconds(60));
        assertSlot("B", "2.0.0", "running, boots next");
        // the committed configuration (factory default + root password) came along: DHCP and the console login
        assertLease();
        assertConsoleLogin();

        assertTrue(vm.cli("request system software rollback").contains("Slot A"));
        vm.reboot(BOOT);
        assertTrue(vm.cli("show version").contains("Slot: A"), vm.cli("show version"));

        // a system that never comes up healthy: its trial ends with a reboot, GRUB boots A again
        assertTrue(vm.cli("request system software add /dev/vde").contains("3.0.0-broken"));
        int before = grubBoots("Booting `Archway (slot B)'");
        vm.cli("request system reboot");
        awaitGrubBoots("Booting `Archway (slot B)'", before + 1);
        vm.awaitText("did not come up healthy", BOOT);
        vm.awaitCli(BOOT);
        assertTrue(vm.cli("show version").contains("Slot: A"), vm.cli("show version"));
        assertSlot("A", "1.0.0", "running, boots next");

        // power cuts during software add (QEMU killed): early in the copy, half way, near its end
        for (long at : new long[] {1500, addMillis / 2, addMillis * 9 / 10}) {
            Process add = vm.ssh("request system software add /dev/vdb");
            add.getOutputStream().close();
            Thread.sleep(at);
            vm.powerCut();
            String said = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            add.destroyForcibly();
            vm.start();
            vm.awaitCli(BOOT);
            String version = vm.cli("show version");
            String slot = version.lines().filter(l -> l.startsWith("Slot:")).findFirst().orElse("?");
            System.out.printf("power cut %.1f s into software add (the add %s): %s%n", at / 1e3,
                    said.contains("Installed") ? "had answered" : "had not answered", slot);
            if (said.contains("Installed Archway 2.0.0")) {
                assertEquals("Slot: B", slot, "the add had finished before the cut: B boots once");
            }
            if (slot.equals("Slot: B")) {
                // the cut came after the add's last step (the boot selection): B is whole, and A still boots
                assertSlot("B", "2.0.0", "running, boots next");
                assertTrue(vm.cli("request system software rollback").contains("Slot A"));
                vm.reboot(BOOT);
            }
            assertTrue(vm.cli("show version").contains("Slot: A"), "power cut " + at + " ms into the add (it said: "
                    + said + "): " + version);
            assertSlot("A", "1.0.0", "running, boots next");
        }
        assertEquals(0, vm.powerOff(Duration.ofSeconds(120)), "QEMU's exit status after the guest powered off");
        // busybox init ran the shutdown action: the appliance stopped before the kernel powered off
        assertTrue(vm.count("Daemon: stopping") >= 1 && vm.count("reboot: Power down") >= 1, vm.tail());
    }

    private void assertLease() throws Exception {
        String binding = vm.cli("show dhcp client binding");
        assertTrue(binding.contains("10.0.2.15/24") && binding.contains("BOUND") && binding.contains("eth0"), binding);
        String route = vm.cli("show route 0.0.0.0/0 exact");
        assertTrue(route.contains("Access-internal/12") && route.contains("10.0.2.2"), route);
    }

    private void assertConsoleLogin() throws Exception {
        String wrong = vm.consoleLogin("root", "not-the-password", Duration.ofSeconds(60));
        assertTrue(wrong.contains("Login incorrect"), wrong);
        String right = vm.consoleLogin("root", ROOT_PASSWORD, Duration.ofSeconds(120));
        assertTrue(right.contains("console-42") && right.contains("Slot:"), right);
    }

    private void assertSlot(String slot, String version, String status) throws Exception {
        String sw = vm.cli("show system software");
        assertTrue(sw.lines().anyMatch(l -> l.startsWith(slot + " ") && l.contains(version) && l.trim().endsWith(status)),
                "slot " + slot + " " + version + " " + status + ":\n" + sw);
    }

    /** GRUB prints each "Booting" line twice (console and serial terminal on one port). */
    private int grubBoots(String text) throws IOException {
        return (vm.count(text) + 1) / 2;
    }

    private void awaitGrubBoots(String text, int n) throws Exception {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (grubBoots(text) < n && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        assertTrue(grubBoots(text) >= n, "'" + text + "' not seen " + n + " times\n" + vm.tail());
    }

    /** {@code scripts/build-disk} for {@code arch}, the factory user's key from {@code keyDir/key.pub}. */
    static void buildDisk(Path root, Path keyDir, String arch, String version, Path out, String... more)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("scripts/build-disk").toString(), "--arch", arch,
                "--version", version, "--authorized-keys", keyDir.resolve("key.pub").toString(), "--out", out.toString()));
        cmd.addAll(List.of(more));
        run(cmd);
    }

    static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(900, TimeUnit.SECONDS), cmd + " did not finish");
        assertEquals(0, p.exitValue(), cmd + ":\n" + out);
    }
}
