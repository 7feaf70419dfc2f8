package net.archway.image.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The partitions of the firmware's disk, found by their GPT names (scripts/build-disk):
 * {@code archway-efi} (EFI system partition with GRUB and grubenv), {@code archway-a},
 * {@code archway-b} (the system slots) and the data partition labelled {@code archway-data}.
 */
public record SystemDisk(Path esp, Path slotA, Path slotB) {
    public static final String ESP = "archway-efi";

    public Path slot(Slot s) {
        return s == Slot.A ? slotA : slotB;
    }

    /** The disk from /sys/class/block's uevent files (PARTNAME=), or null when there is none. */
    public static SystemDisk discover(Path sysClassBlock, Path dev) throws IOException {
        if (!Files.isDirectory(sysClassBlock)) {
            return null;
        }
        Map<String, Path> byName = new HashMap<>();
        try (Stream<Path> s = Files.list(sysClassBlock)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path uevent = p.resolve("uevent");
                if (!Files.isReadable(uevent)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(uevent);
                for (String l : lines) {
                    if (l.startsWith("PARTNAME=")) {
                        byName.putIfAbsent(l.substring(9), dev.resolve(p.getFileName().toString()));
                    }
                }
            }
        }
        Path esp = byName.get(ESP);
        Path a = byName.get(Slot.A.partitionName());
        Path b = byName.get(Slot.B.partitionName());
        return esp == null || a == null || b == null ? null : new SystemDisk(esp, a, b);
    }
}
