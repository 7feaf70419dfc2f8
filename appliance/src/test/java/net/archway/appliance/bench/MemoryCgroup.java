package net.archway.appliance.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A memory cgroup of its own for one device under test, whose peak is the physical memory the
 * DUT's processes used, each page once. Per-process peak RSS (VmHWM) is not that for a JVM with
 * ZGC: its heap is mapped three times (JDK 17's multi-mapping), so VmHWM counts it up to three
 * times. cgroup v1 (memory.max_usage_in_bytes) and v2 (memory.peak) both serve; without either
 * (no memory controller, no permission) {@link #open} returns null and the caller falls back to
 * VmHWM, saying so.
 */
final class MemoryCgroup implements AutoCloseable {
    private final Path dir;
    private final Path peakFile;

    private MemoryCgroup(Path dir, Path peakFile) {
        this.dir = dir;
        this.peakFile = peakFile;
    }

    static MemoryCgroup open(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length < 3) {
                    continue;
                }
                Path base;
                String peak;
                if (f[1].equals("memory") || List.of(f[1].split(",")).contains("memory")) {
                    base = Path.of("/sys/fs/cgroup/memory" + f[2]);
                    peak = "memory.max_usage_in_bytes";
                } else if (f[0].equals("0") && f[1].isEmpty() && Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))) {
                    base = Path.of("/sys/fs/cgroup" + f[2]);
                    peak = "memory.peak";
                } else {
                    continue;
                }
                Path dir = base.resolve("aw-bench-" + name + "-" + ProcessHandle.current().pid());
                Files.createDirectories(dir);
                if (Files.exists(dir.resolve(peak))) {
                    return new MemoryCgroup(dir, dir.resolve(peak));
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("no memory cgroup for " + name + " (" + e + "): peak memory falls back to VmHWM");
        }
        return null;
    }

    /** {@code cmd} wrapped so that it joins this cgroup before it execs, so every page it and its children touch counts. */
    List<String> wrap(List<String> cmd) {
        List<String> out = new ArrayList<>(List.of("sh", "-c", "echo $$ > " + dir.resolve("cgroup.procs") + " && exec \"$@\"", "sh"));
        out.addAll(cmd);
        return out;
    }

    /** The peak memory charged to the cgroup so far, in KiB (anonymous, shared and page cache). */
    long peakKb() throws IOException {
        return Long.parseLong(Files.readString(peakFile).trim()) / 1024;
    }

    /** Removes the cgroup; its processes must have exited (a few tries while the kernel lets go of them). */
    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        System.err.println("could not remove " + dir);
    }
}
