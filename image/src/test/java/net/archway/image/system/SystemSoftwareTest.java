package net.archway.image.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slots and grubenv on image files in a temp directory, as scripts/build-disk lays them out. */
class SystemSoftwareTest {
    @TempDir
    Path dir;

    private SystemDisk disk() throws IOException {
        Path esp = dir.resolve("esp.img");
        try (RandomAccessFile f = new RandomAccessFile(esp.toFile(), "rw")) {
            f.setLength(3 << 20);
            f.seek((2 << 20) + 4096); // somewhere in the FAT's data area, beyond the first MiB read
            f.write(new GrubEnvironment(Map.of("slot", "A", "version_a", "1.0")).encode());
        }
        for (String s : new String[] {"a.img", "b.img"}) {
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve(s).toFile(), "rw")) {
                f.setLength(1 << 20);
            }
        }
        return new SystemDisk(esp, dir.resolve("a.img"), dir.resolve("b.img"));
    }

    private static byte[] image(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void grubEnvironmentRoundTrip() {
        GrubEnvironment e = GrubEnvironment.empty().with("slot", "B").with("next", "A").with("tries", "1");
        byte[] block = e.encode();
        assertEquals(1024, block.length);
        assertTrue(new String(block).startsWith("# GRUB Environment Block\nslot=B\nnext=A\ntries=1\n###"));
        assertEquals(e.values(), GrubEnvironment.decode(block).values());
        assertEquals("", e.with("next", "").get("next"));
        assertThrows(IllegalArgumentException.class, () -> GrubEnvironment.decode(new byte[1024]));
    }

    @Test
    void addWritesTheOtherSlotAndBootsItOnce() throws Exception {
        SystemDisk d = disk();
        byte[] a = Files.readAllBytes(d.slotA());
        byte[] img = image(300_000, 1);
        Path file = dir.resolve("new.system");
        UpgradeFile.create(file, "amd64", "2.0", img);
        SystemSoftware s = new SystemSoftware(d, Slot.A, "amd64");
        s.add(file);
        assertArrayEquals(img, Arrays.copyOf(Files.readAllBytes(d.slotB()), img.length));
        assertArrayEquals(a, Files.readAllBytes(d.slotA()), "the running slot is never written");
        GrubEnvironment e = s.environment();
        assertEquals(Map.of("slot", "A", "version_a", "1.0", "version_b", "2.0", "next", "B", "tries", "1"), e.values());
        assertEquals(Slot.B, s.status().nextBoot());
    }

    /** What grub.cfg does with the variables (the same decisions, for the unit test). */
    private static Slot grubBoots(EnvironmentStore store) throws IOException {
        GrubEnvironment e = store.read();
        Slot boot = Slot.parse(e.get("slot")) == null ? Slot.A : Slot.parse(e.get("slot"));
        if (!e.get("next").isEmpty()) {
            if (e.get("tries").equals("1")) {
                store.write(e.with("tries", "0"));
                return Slot.parse(e.get("next"));
            }
            store.write(e.with("next", "").with("tries", ""));
        }
        return boot;
    }

    @Test
    void aHealthyNewSystemStaysAnUnhealthyOneIsAbandoned() throws Exception {
        SystemDisk d = disk();
        Path file = dir.resolve("new.system");
        UpgradeFile.create(file, "amd64", "2.0", image(1000, 2));
        new SystemSoftware(d, Slot.A, "amd64").add(file);
        EnvironmentStore store = new EnvironmentStore(d.esp());

        // the new system boots once and never becomes healthy: the next boot is A again, for good
        assertEquals(Slot.B, grubBoots(store));
        assertEquals(Slot.A, grubBoots(store));
        assertEquals(Slot.A, grubBoots(store));

        // again, and this time B comes up healthy
        new SystemSoftware(d, Slot.A, "amd64").add(file);
        assertEquals(Slot.B, grubBoots(store));
        SystemSoftware onB = new SystemSoftware(d, Slot.B, "amd64");
        assertTrue(onB.markHealthy());
        assertFalse(onB.markHealthy());
        assertEquals(Slot.B, grubBoots(store));
        assertEquals(Slot.B, grubBoots(store));

        // rollback: A boots once, becomes the default when healthy
        assertEquals(Slot.A, onB.rollback());
        assertEquals(Slot.A, grubBoots(store));
        assertTrue(new SystemSoftware(d, Slot.A, "amd64").markHealthy());
        assertEquals(Slot.A, grubBoots(store));
    }

    @Test
    void corruptTruncatedOrWrongArchitectureFilesAreRefusedBeforeAnyWrite() throws Exception {
        SystemDisk d = disk();
        byte[] esp = Files.readAllBytes(d.esp());
        byte[] b = Files.readAllBytes(d.slotB());
        SystemSoftware s = new SystemSoftware(d, Slot.A, "amd64");

        Path arm = dir.resolve("arm.system");
        UpgradeFile.create(arm, "arm64", "2.0", image(1000, 3));
        assertTrue(assertThrows(UpgradeException.class, () -> s.add(arm)).getMessage().contains("arm64"));

        Path corrupt = dir.resolve("corrupt.system");
        UpgradeFile.create(corrupt, "amd64", "2.0", image(1000, 4));
        try (RandomAccessFile f = new RandomAccessFile(corrupt.toFile(), "rw")) {
            f.seek(UpgradeFile.HEADER + 500);
            f.write(0xff ^ f.read());
        }
        assertTrue(assertThrows(UpgradeException.class, () -> s.add(corrupt)).getMessage().contains("sha256"));

        Path truncated = dir.resolve("truncated.system");
        UpgradeFile.create(truncated, "amd64", "2.0", image(1000, 5));
        try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
            f.setLength(UpgradeFile.HEADER + 999);
        }
        assertTrue(assertThrows(UpgradeException.class, () -> s.add(truncated)).getMessage().contains("truncated"));

        Path big = dir.resolve("big.system");
        UpgradeFile.create(big, "amd64", "2.0", image((1 << 20) + 1, 6));
        assertTrue(assertThrows(UpgradeException.class, () -> s.add(big)).getMessage().contains("slot holds"));

        Path junk = dir.resolve("junk");
        Files.write(junk, image(8192, 7));
        assertTrue(assertThrows(UpgradeException.class, () -> s.add(junk)).getMessage().contains("not an Archway system"));

        assertArrayEquals(esp, Files.readAllBytes(d.esp()), "grubenv unchanged");
        assertArrayEquals(b, Files.readAllBytes(d.slotB()), "slot B unchanged");
    }

    @Test
    void aPendingSystemInTheTargetSlotIsUnselectedBeforeItIsOverwritten() throws Exception {
        SystemDisk d = disk();
        Path file = dir.resolve("new.system");
        UpgradeFile.create(file, "amd64", "2.0", image(1000, 8));
        SystemSoftware s = new SystemSoftware(d, Slot.A, "amd64");
        s.add(file);
        // a second add: a power cut while B is written must not boot a half-written B, so the
        // selection is reset first; simulate the cut right after that first write
        EnvironmentStore store = new EnvironmentStore(d.esp());
        store.write(store.read().with("next", "").with("tries", "").with("version_b", ""));
        assertEquals(Slot.A, grubBoots(store));
    }

    @Test
    void discoversPartitionsByTheirGptNames() throws Exception {
        Path sys = dir.resolve("sys");
        for (String[] p : new String[][] {{"vda", ""}, {"vda1", "archway-efi"}, {"vda2", "archway-a"},
                {"vda3", "archway-b"}, {"vda4", "archway-data"}}) {
            Files.createDirectories(sys.resolve(p[0]));
            Files.writeString(sys.resolve(p[0]).resolve("uevent"), "MAJOR=254\nDEVNAME=" + p[0]
                    + (p[1].isEmpty() ? "\nDEVTYPE=disk\n" : "\nDEVTYPE=partition\nPARTNAME=" + p[1] + "\n"));
        }
        SystemDisk d = SystemDisk.discover(sys, Path.of("/dev"));
        assertEquals(new SystemDisk(Path.of("/dev/vda1"), Path.of("/dev/vda2"), Path.of("/dev/vda3")), d);
    }
}
