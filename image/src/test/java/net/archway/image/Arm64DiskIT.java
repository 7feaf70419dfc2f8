package net.archway.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.archway.image.testbed.DiskVm;

/**
 * The arm64 firmware as an arm64 box boots it: {@code scripts/build-image --arch arm64} (Debian's
 * arm64 kernel, busybox and JDK, fetched for that architecture), {@code scripts/build-disk --arch
 * arm64}, booted under QEMU's TCG (cortex-a57, {@code virt}) through AAVMF and GRUB's arm64 EFI
 * binary into slot A with the factory default (DHCP, SSH CLI); an amd64 upgrade file refused;
 * an arm64 one added into B, booted, and kept as healthy.
 */
class Arm64DiskIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Duration BOOT = Duration.ofSeconds(420);

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
    void theArm64DiskBootsUpgradesAndRefusesAnotherArchitecture() throws Exception {
        DiskUpgradeIT.run(List.of(ROOT.resolve("scripts/build-image").toString(), "--arch", "arm64"));
        DiskUpgradeIT.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString()));
        DiskUpgradeIT.buildDisk(ROOT, dir, "arm64", "1.0.0", dir.resolve("v1"));
        DiskUpgradeIT.buildDisk(ROOT, dir, "arm64", "2.0.0", dir.resolve("v2"));
        DiskUpgradeIT.buildDisk(ROOT, dir, "amd64", "2.0.0", dir.resolve("x86"));
        Path good = dir.resolve("v2/archway-2.0.0-arm64.system");
        Path other = dir.resolve("x86/archway-2.0.0-amd64.system");
        vm = new DiskVm("arm64", dir, dir.resolve("v1/disk.img"), dir.resolve("key"), List.of(good, other)); // vdb, vdc

        vm.start();
        System.out.printf("arm64 disk boot to SSH CLI: %.1f s after QEMU started%n", vm.awaitCli(BOOT));
        String version = vm.cli("show version");
        assertTrue(version.contains("Slot: A") && version.contains("aarch64"), version);
        String binding = vm.cli("show dhcp client binding");
        assertTrue(binding.contains("10.0.2.15/24") && binding.contains("BOUND"), binding);

        String refused = vm.cli("request system software add /dev/vdc");
        assertTrue(refused.contains("amd64") && refused.contains("nothing written"), refused);
        String added = vm.cli("request system software add /dev/vdb");
        assertTrue(added.contains("Installed Archway 2.0.0 (arm64)"), added);
        vm.reboot(BOOT);
        version = vm.cli("show version");
        assertTrue(version.contains("Slot: B") && version.contains("aarch64"), version);
        vm.awaitText("came up healthy", Duration.ofSeconds(120));
        String sw = vm.cli("show system software");
        assertTrue(sw.lines().anyMatch(l -> l.startsWith("B ") && l.contains("2.0.0") && l.trim().endsWith("running, boots next")),
                sw);
        assertEquals(0, vm.powerOff(Duration.ofSeconds(180)), "QEMU's exit status after the guest powered off");
    }
}
