package net.archway.routing.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * A process's threads as the kernel shows them in {@code /proc/PID/task}: their ids by name
 * ({@code comm}, at most 15 characters) and the CPUs each may run on ({@code Cpus_allowed_list}),
 * for tests that check what the code under test asked of the scheduler.
 */
public final class ProcThreads {
    private ProcThreads() {
    }

    /** The ids of process {@code pid}'s threads whose name is {@code name}. */
    public static List<Integer> named(long pid, String name) {
        List<Integer> ids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                        ids.add(Integer.parseInt(task.getFileName().toString()));
                    }
                } catch (NoSuchFileException exited) {
                    // the thread ended while we listed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /** The one thread of process {@code pid} named {@code name}; fails when there is none or more than one. */
    public static int only(long pid, String name) {
        List<Integer> ids = named(pid, name);
        if (ids.size() != 1) {
            throw new AssertionError("process " + pid + " has " + ids.size() + " threads named " + name + ": " + ids);
        }
        return ids.get(0);
    }

    /** The CPUs thread {@code tid} of process {@code pid} may run on. */
    public static BitSet allowedCpus(long pid, int tid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "task", Integer.toString(tid), "status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseCpuList(line.substring("Cpus_allowed_list:".length()).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no Cpus_allowed_list for thread " + tid + " of process " + pid);
    }

    /** The kernel's CPU list format: "0-3,6,8-9". */
    public static BitSet parseCpuList(String list) {
        BitSet cpus = new BitSet();
        for (String part : list.split(",")) {
            int dash = part.indexOf('-');
            if (dash < 0) {
                cpus.set(Integer.parseInt(part));
            } else {
                cpus.set(Integer.parseInt(part.substring(0, dash)), Integer.parseInt(part.substring(dash + 1)) + 1);
            }
        }
        return cpus;
    }
}
