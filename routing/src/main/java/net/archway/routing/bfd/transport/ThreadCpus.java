package net.archway.routing.bfd.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The CPUs one thread may run on: Linux's per-thread affinity ({@code sched_getaffinity},
 * {@code sched_setaffinity} on a thread id), bit n of a set being CPU n. An interface, so that the
 * policy built on it ({@link net.archway.routing.bfd.BfdCpuReservation}) can be tested alone.
 */
public interface ThreadCpus {
    /** The CPUs thread {@code threadId} may run on. */
    BitSet get(int threadId) throws IOException;

    /** Lets thread {@code threadId} run only on {@code cpus}. */
    void set(int threadId, BitSet cpus) throws IOException;

    /** Linux's system calls, through jnr-ffi. */
    static ThreadCpus linux() {
        return Linux.INSTANCE;
    }

    /** The calling thread's id as the kernel knows it (its TID), read from {@code /proc/thread-self} ("PID/task/TID"). */
    static int currentThreadId() throws IOException {
        return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
    }

    /** sched_{get,set}affinity with glibc's cpu_set_t: 1024 CPUs, 128 bytes, little-endian bit order as {@link BitSet#valueOf(byte[])}. */
    final class Linux implements ThreadCpus {
        static final Linux INSTANCE = new Linux();
        private static final int CPU_SET_BYTES = 128;

        private Linux() {
        }

        @Override
        public BitSet get(int threadId) throws IOException {
            byte[] mask = new byte[CPU_SET_BYTES];
            if (LibC.INSTANCE.sched_getaffinity(threadId, mask.length, mask) != 0) {
                throw failure("sched_getaffinity", threadId);
            }
            return BitSet.valueOf(mask);
        }

        @Override
        public void set(int threadId, BitSet cpus) throws IOException {
            if (cpus.isEmpty() || cpus.length() > CPU_SET_BYTES * 8) {
                throw new IllegalArgumentException("a CPU set of 1 to " + CPU_SET_BYTES * 8 + " CPUs, not " + cpus);
            }
            byte[] mask = Arrays.copyOf(cpus.toByteArray(), CPU_SET_BYTES);
            if (LibC.INSTANCE.sched_setaffinity(threadId, mask.length, mask) != 0) {
                throw failure("sched_setaffinity", threadId);
            }
        }

        private static IOException failure(String call, int threadId) {
            int errno = LibC.errno();
            return new IOException(call + " of thread " + threadId + ": " + LibC.INSTANCE.strerror(errno));
        }
    }
}
