package net.archway.image.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The two system slots and the boot selection in grubenv. The variables, read by grub.cfg
 * (scripts/build-disk) and written here:
 * <ul>
 * <li>{@code slot}: the slot that boots (A or B);</li>
 * <li>{@code next} + {@code tries=1}: boot once into {@code next}; GRUB sets {@code tries=0} before
 *     it boots it, and on the boot after that, if {@code next} is still set (the new system never
 *     became healthy), clears it and boots {@code slot} again;</li>
 * <li>{@code version_a}, {@code version_b}: what each slot holds.</li>
 * </ul>
 * Order of writes for a power cut at any point: the boot selection first falls back to the
 * running slot, then the other slot is written and synced, then the selection names it.
 * The running slot is never written.
 */
public final class SystemSoftware {
    private final SystemDisk disk;
    private final EnvironmentStore env;
    private final Slot running;
    private final String arch;

    public SystemSoftware(SystemDisk disk, Slot running, String arch) {
        this.disk = disk;
        this.env = new EnvironmentStore(disk.esp());
        this.running = running;
        this.arch = arch;
    }

    /** On the firmware: from /proc/cmdline (archway.slot=) and /sys/class/block; null elsewhere. */
    public static SystemSoftware onThisBox() throws IOException {
        Path cmdline = Path.of("/proc/cmdline");
        if (!Files.isReadable(cmdline)) {
            return null;
        }
        Slot slot = null;
        for (String w : Files.readString(cmdline).trim().split("\\s+")) {
            if (w.startsWith("archway.slot=")) {
                slot = Slot.parse(w.substring(13));
            }
        }
        if (slot == null) {
            return null;
        }
        SystemDisk disk = SystemDisk.discover(Path.of("/sys/class/block"), Path.of("/dev"));
        return disk == null ? null : new SystemSoftware(disk, slot, hostArch());
    }

    public static String hostArch() {
        String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        switch (a) {
            case "amd64":
            case "x86_64":
                return "amd64";
            case "aarch64":
            case "arm64":
                return "arm64";
            default:
                return a;
        }
    }

    public Slot running() {
        return running;
    }

    public String arch() {
        return arch;
    }

    public GrubEnvironment environment() throws IOException {
        return env.read();
    }

    /** What each slot holds and what boots next. */
    public Status status() throws IOException {
        GrubEnvironment e = env.read();
        Slot def = Slot.parse(e.get("slot"));
        Slot next = Slot.parse(e.get("next"));
        Slot nextBoot = next != null && e.get("tries").equals("1") ? next : def == null ? Slot.A : def;
        return new Status(running, e.get("version_a"), e.get("version_b"), def == null ? Slot.A : def, next, nextBoot);
    }

    public record Status(Slot running, String versionA, String versionB, Slot defaultSlot, Slot pending, Slot nextBoot) {
        public String version(Slot s) {
            return s == Slot.A ? versionA : versionB;
        }
    }

    /**
     * Writes the upgrade file into the other slot and makes it boot once at the next reboot.
     * Refuses a corrupt or wrong-architecture file before writing anything.
     */
    public UpgradeFile add(Path file) throws UpgradeException, IOException {
        Slot target = running.other();
        Path slot = disk.slot(target);
        UpgradeFile u = UpgradeFile.verify(file, arch, sizeOf(slot));
        GrubEnvironment e = env.read();
        // 1. the selection must not name the slot about to be overwritten
        GrubEnvironment safe = e.with("slot", running.name()).with("next", "").with("tries", "")
                .with("version_" + target.name().toLowerCase(Locale.ROOT), "");
        if (!safe.values().equals(e.values())) {
            env.write(safe);
        }
        // 2. the image, synced and read back
        u.writeTo(slot);
        // 3. boot it once
        env.write(safe.with("version_" + target.name().toLowerCase(Locale.ROOT), u.version())
                .with("next", target.name()).with("tries", "1"));
        return u;
    }

    /** Boots the other slot once at the next reboot (it becomes the default when it comes up healthy). */
    public Slot rollback() throws UpgradeException, IOException {
        Slot target = running.other();
        GrubEnvironment e = env.read();
        if (e.get("version_" + target.name().toLowerCase(Locale.ROOT)).isEmpty()) {
            throw new UpgradeException("slot " + target + " holds no system; nothing changed");
        }
        env.write(e.with("slot", running.name()).with("next", target.name()).with("tries", "1"));
        return target;
    }

    /**
     * Called once the appliance runs with its configuration loaded: a system booted once
     * ({@code next} names the running slot) becomes the default.
     *
     * @return true if this boot confirmed a new system
     */
    public boolean markHealthy() throws IOException {
        GrubEnvironment e = env.read();
        if (!e.get("next").equals(running.name())) {
            return false;
        }
        env.write(e.with("slot", running.name()).with("next", "").with("tries", ""));
        return true;
    }

    /** The size of a file or a block device. */
    static long sizeOf(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long n = ch.size();
            if (n > 0) {
                return n;
            }
        }
        // a block device whose fstat size is 0: the kernel's count of 512-byte sectors
        Path sectors = Path.of("/sys/class/block", p.getFileName().toString(), "size");
        return Files.isReadable(sectors) ? Long.parseLong(Files.readString(sectors).trim()) * 512 : 0;
    }
}
