package net.archway.routing.bfd.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** BFD's thread asks the kernel for SCHED_FIFO (needs root, as every IT here). */
class BfdEventLoopIT {

    /** Fields 40 (rt_priority) and 41 (policy) of /proc/thread-self/stat; comm (field 2) may hold spaces. */
    private static String[] schedulingOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after[0] is field 3
        return new String[] {after[40 - 3], after[41 - 3]};
    }

    @Test
    void theLoopsThreadRunsAtRealTimePriority() throws Exception {
        try (BfdEventLoop loop = new BfdEventLoop("bfd-test")) {
            String[] rtPriorityAndPolicy = loop.call(BfdEventLoopIT::schedulingOfThisThread);
            assertEquals(String.valueOf(LibC.SCHED_FIFO), rtPriorityAndPolicy[1], "policy of BFD's thread");
            assertEquals(String.valueOf(BfdEventLoop.REAL_TIME_PRIORITY), rtPriorityAndPolicy[0], "real-time priority of BFD's thread");
        }
        assertEquals("0", schedulingOfThisThread()[1], "the test's own thread stays SCHED_OTHER");
    }
}
