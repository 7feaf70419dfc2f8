package net.archway.routing.bfd;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import net.archway.routing.bfd.transport.ThreadCpus;

/**
 * While any BFD session exists, BFD's thread runs on one CPU that the threads registered with
 * {@link #keepOff} (the one writing routes into the kernel) never run on; when the last session
 * goes, every thread may run anywhere again.
 *
 * <p>Why (routing/BFD.md, "Kernel preemption"): inserting a full table into the kernel makes the
 * FIB writer spend up to 100 ms at a time inside one netlink {@code sendmsg} while the IPv4 FIB
 * trie resizes. On a kernel without full preemption (Linux's {@code PREEMPT_NONE} and
 * {@code PREEMPT_VOLUNTARY}, the default of Debian's arm64 kernel and of the amd64 kernel unless
 * booted with {@code preempt=full}) a real-time thread woken on that CPU waits until the writer
 * leaves the kernel, past a 150 ms detection time. The scheduler may wake BFD's thread on either
 * CPU, so real-time priority alone does not help; keeping the two apart does (measured there).
 * Any other thread may still use BFD's CPU: ordinary threads running in user space yield to a
 * real-time one at once.
 *
 * <p>The reserved CPU is the lowest one BFD's thread was allowed at start, a convention: on the
 * two-core build machine BFD on CPU 0 and on CPU 1 measured the same (routing/BFD.md, "CPU
 * reservation"). With a single allowed CPU there is nothing to reserve. A failed system call is
 * logged and changes nothing else: BFD keeps running where it ran. Thread-safe.
 */
public final class BfdCpuReservation {
    private static final Logger LOG = System.getLogger(BfdCpuReservation.class.getName());

    private final ThreadCpus cpus;
    private final int bfdThread;
    private final String bfdName;
    private final BitSet allowed;
    /** Threads kept off BFD's CPU: thread id to name, for the log. */
    private final Map<Integer, String> keptOff = new LinkedHashMap<>();
    private int reserved = -1;
    private boolean engaged;

    /** For BFD's thread {@code bfdThread} (named {@code bfdName}), reading the CPUs it may use now. */
    public BfdCpuReservation(ThreadCpus cpus, int bfdThread, String bfdName) throws IOException {
        this.cpus = cpus;
        this.bfdThread = bfdThread;
        this.bfdName = bfdName;
        this.allowed = cpus.get(bfdThread);
    }

    /** Keeps thread {@code threadId} off BFD's CPU while sessions exist (at once when they do now). */
    public synchronized void keepOff(int threadId, String name) {
        keptOff.put(threadId, name);
        if (reserved >= 0) {
            set(threadId, name, others());
        }
    }

    /** Tells the reservation how many BFD sessions exist: it takes the CPU with the first and gives it back with the last. */
    public synchronized void sessions(int count) {
        if (count > 0 && !engaged) {
            engaged = true;
            engage();
        } else if (count == 0 && engaged) {
            engaged = false;
            release();
        }
    }

    /** The CPU BFD's thread has to itself now, if any. */
    public synchronized OptionalInt reservedCpu() {
        return reserved < 0 ? OptionalInt.empty() : OptionalInt.of(reserved);
    }

    private void engage() {
        if (allowed.cardinality() < 2) {
            LOG.log(Level.INFO, "{0} shares the only CPU it may use ({1}) with the FIB writer", bfdName, allowed);
            return;
        }
        int cpu = allowed.nextSetBit(0);
        BitSet one = new BitSet();
        one.set(cpu);
        if (!set(bfdThread, bfdName, one)) {
            return;
        }
        reserved = cpu;
        BitSet others = others();
        keptOff.forEach((id, name) -> set(id, name, others));
        LOG.log(Level.INFO, "{0} runs on CPU {1}, which {2} no longer use while BFD sessions exist (they keep CPUs {3})",
                bfdName, cpu, keptOff.values(), others);
    }

    private void release() {
        if (reserved < 0) {
            return;
        }
        reserved = -1;
        set(bfdThread, bfdName, allowed);
        keptOff.forEach((id, name) -> set(id, name, allowed));
        LOG.log(Level.INFO, "no BFD session: {0} and {1} may run on CPUs {2} again", bfdName, keptOff.values(), allowed);
    }

    private BitSet others() {
        BitSet others = (BitSet) allowed.clone();
        others.clear(reserved);
        return others;
    }

    private boolean set(int threadId, String name, BitSet to) {
        try {
            cpus.set(threadId, to);
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "could not set the CPUs of {0} to {1}: {2}", name, to, e.getMessage());
            return false;
        }
    }
}
