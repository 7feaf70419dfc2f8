package net.archway.routing.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.archway.routing.bfd.transport.ThreadCpus;

/** The reservation's policy, on a table of thread affinities standing in for the kernel's. */
class BfdCpuReservationTest {
    static final int BFD = 100;
    static final int RIB = 101;
    static final int LATE = 102;

    /** Threads' CPU sets, as sched_{get,set}affinity would keep them; may refuse one thread. */
    static final class Affinities implements ThreadCpus {
        final Map<Integer, BitSet> sets = new HashMap<>();
        Integer refused;

        Affinities(BitSet process, int... threads) {
            for (int t : threads) {
                sets.put(t, (BitSet) process.clone());
            }
        }

        @Override
        public BitSet get(int threadId) throws IOException {
            BitSet s = sets.get(threadId);
            if (s == null) {
                throw new IOException("no such thread " + threadId);
            }
            return (BitSet) s.clone();
        }

        @Override
        public void set(int threadId, BitSet cpus) throws IOException {
            if (!sets.containsKey(threadId) || Integer.valueOf(threadId).equals(refused)) {
                throw new IOException("refused for thread " + threadId);
            }
            sets.put(threadId, (BitSet) cpus.clone());
        }

        String of(int thread) {
            return sets.get(thread).toString();
        }
    }

    static BitSet cpus(int... n) {
        BitSet b = new BitSet();
        for (int i : n) {
            b.set(i);
        }
        return b;
    }

    @Test
    void theFirstSessionTakesTheLowestCpuAndTheLastGivesItBack() throws IOException {
        Affinities a = new Affinities(cpus(0, 1, 2, 3), BFD, RIB);
        BfdCpuReservation r = new BfdCpuReservation(a, BFD, "bfd-1");
        r.keepOff(RIB, "rib");
        assertEquals("{0, 1, 2, 3}", a.of(RIB), "no session: nothing changes");
        assertEquals(OptionalInt.empty(), r.reservedCpu());

        r.sessions(1);
        assertEquals("{0}", a.of(BFD));
        assertEquals("{1, 2, 3}", a.of(RIB));
        assertEquals(OptionalInt.of(0), r.reservedCpu());

        r.sessions(5);
        assertEquals("{0}", a.of(BFD));
        assertEquals("{1, 2, 3}", a.of(RIB));

        r.sessions(0);
        assertEquals("{0, 1, 2, 3}", a.of(BFD));
        assertEquals("{0, 1, 2, 3}", a.of(RIB));
        assertEquals(OptionalInt.empty(), r.reservedCpu());
    }

    @Test
    void aThreadKeptOffWhileSessionsExistMovesAtOnce() throws IOException {
        Affinities a = new Affinities(cpus(0, 1), BFD, RIB, LATE);
        BfdCpuReservation r = new BfdCpuReservation(a, BFD, "bfd-1");
        r.keepOff(RIB, "rib");
        r.sessions(1);
        r.keepOff(LATE, "late");
        assertEquals("{0}", a.of(BFD));
        assertEquals("{1}", a.of(RIB));
        assertEquals("{1}", a.of(LATE));
    }

    @Test
    void theProcessesOwnCpusAreRespected() throws IOException {
        // a cpuset (taskset, cgroup) that allows CPUs 2, 5 and 6 only: BFD gets 2, the rest 5 and 6
        Affinities a = new Affinities(cpus(2, 5, 6), BFD, RIB);
        BfdCpuReservation r = new BfdCpuReservation(a, BFD, "bfd-1");
        r.keepOff(RIB, "rib");
        r.sessions(1);
        assertEquals("{2}", a.of(BFD));
        assertEquals("{5, 6}", a.of(RIB));
    }

    @Test
    void oneCpuHasNothingToReserve() throws IOException {
        Affinities a = new Affinities(cpus(0), BFD, RIB);
        BfdCpuReservation r = new BfdCpuReservation(a, BFD, "bfd-1");
        r.keepOff(RIB, "rib");
        r.sessions(3);
        assertEquals("{0}", a.of(BFD));
        assertEquals("{0}", a.of(RIB));
        assertEquals(OptionalInt.empty(), r.reservedCpu());
        r.sessions(0);
        assertEquals("{0}", a.of(RIB));
    }

    @Test
    void aRefusedCallChangesNothingElseAndTheNextSessionTriesAgain() throws IOException {
        Affinities a = new Affinities(cpus(0, 1), BFD, RIB);
        BfdCpuReservation r = new BfdCpuReservation(a, BFD, "bfd-1");
        r.keepOff(RIB, "rib");
        a.refused = BFD;
        r.sessions(1);
        assertEquals("{0, 1}", a.of(BFD), "BFD's own thread refused: no reservation");
        assertEquals("{0, 1}", a.of(RIB), "and the FIB writer keeps every CPU");
        assertEquals(OptionalInt.empty(), r.reservedCpu());
        r.sessions(0);
        a.refused = null;
        r.sessions(1);
        assertEquals("{0}", a.of(BFD));
        assertEquals("{1}", a.of(RIB));
    }

    @Test
    void aKeptOffThreadThatIsGoneDoesNotStopTheOthers() throws IOException {
        Affinities a = new Affinities(cpus(0, 1), BFD, RIB);
        BfdCpuReservation r = new BfdCpuReservation(a, BFD, "bfd-1");
        r.keepOff(999, "exited");
        r.keepOff(RIB, "rib");
        r.sessions(1);
        assertEquals("{0}", a.of(BFD));
        assertEquals("{1}", a.of(RIB));
    }
}
