package net.archway.routing.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import net.archway.routing.bfd.transport.ThreadCpus;
import net.archway.routing.testing.ProcThreads;

/**
 * The kernel's view of {@link BfdCpuReservation}: with a session, BFD's thread may run only on
 * the lowest CPU this process may use, and a thread kept off it (standing in for the FIB writer)
 * on every other; without one, both on all again. On a one-CPU machine nothing changes.
 */
class BfdCpuIT {
    static final long PID = ProcessHandle.current().pid();

    @Test
    void aSessionGivesBfdsThreadACpuTheFibWriterDoesNotUse() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Integer> writerId = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                writerId.complete(ThreadCpus.currentThreadId());
                done.await();
            } catch (IOException | InterruptedException e) {
                writerId.completeExceptionally(e);
            }
        }, "fib-writer-test");
        writer.start();
        try (BfdTestbed bed = new BfdTestbed("cpu")) {
            int writerTid = writerId.get(10, TimeUnit.SECONDS);
            Bfd bfd = bed.startArchway();
            int bfdTid = ProcThreads.only(PID, bfd.threadName());
            BitSet all = ProcThreads.allowedCpus(PID, bfdTid);
            bfd.keepOffItsCpu(writerTid, "fib-writer-test");
            assertEquals(all, ProcThreads.allowedCpus(PID, writerTid), "no session yet: the writer keeps every CPU");

            BfdClient c = bfd.add(BfdSessionSettings.singleHop(BfdTestbed.PEER4, BfdTestbed.ARCHWAY4, "arch0"),
                    new BfdTestbed.Recorder());
            BfdClient second = bfd.add(BfdSessionSettings.singleHop(BfdTestbed.PEER6, BfdTestbed.ARCHWAY6, "arch0"),
                    new BfdTestbed.Recorder());
            if (all.cardinality() >= 2) {
                int reserved = all.nextSetBit(0);
                BitSet rest = (BitSet) all.clone();
                rest.clear(reserved);
                assertEquals(OptionalInt.of(reserved), bfd.reservedCpu());
                assertEquals(BitSet.valueOf(new long[] {1L << reserved}), ProcThreads.allowedCpus(PID, bfdTid));
                assertEquals(rest, ProcThreads.allowedCpus(PID, writerTid));
                c.close();
                assertEquals(rest, ProcThreads.allowedCpus(PID, writerTid), "one session left: still reserved");
            } else {
                assertEquals(OptionalInt.empty(), bfd.reservedCpu(), "one CPU: nothing to reserve");
                assertEquals(all, ProcThreads.allowedCpus(PID, bfdTid));
                assertEquals(all, ProcThreads.allowedCpus(PID, writerTid));
                c.close();
            }

            second.close();
            assertEquals(OptionalInt.empty(), bfd.reservedCpu());
            assertEquals(all, ProcThreads.allowedCpus(PID, bfdTid), "no session: BFD may run anywhere again");
            assertEquals(all, ProcThreads.allowedCpus(PID, writerTid), "and so may the writer");

            bfd.add(BfdSessionSettings.singleHop(BfdTestbed.PEER4, BfdTestbed.ARCHWAY4, "arch0"), new BfdTestbed.Recorder());
            bfd.close();
            assertEquals(all, ProcThreads.allowedCpus(PID, writerTid), "BFD closed with a session: the writer gets its CPU back");
        } finally {
            done.countDown();
            writer.join(10_000);
        }
    }
}
