package net.archway.routing.bfd.transport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import jnr.ffi.byref.IntByReference;

import net.archway.routing.bfd.session.BfdScheduler;

/**
 * BFD's own Netty epoll event loop: one thread that reads every BFD socket, runs every session's
 * timers (timerfd, microsecond resolution) and sends every packet. Shared with nothing, so a busy
 * BGP peer or a RIB computation cannot delay a BFD packet.
 *
 * <p>A separate thread is not enough when the machine is busy: learning a full table keeps every
 * core running (the RIB, the FIB writer, the kernel's route inserts, the collector's threads), and
 * the scheduler's fair share then delays BFD's thread by hundreds of milliseconds, far beyond a
 * 150 ms detection time (measured in {@code scripts/bench-bfd-under-load}). So the loop's thread
 * asks for SCHED_FIFO at a low real-time priority: it runs for microseconds per packet and
 * sleeps in epoll otherwise, so it takes almost nothing from the rest. Without CAP_SYS_NICE the
 * request fails and the thread stays at normal priority, saying so once in the log.
 */
public final class BfdEventLoop implements BfdScheduler, AutoCloseable {
    private static final Logger LOG = System.getLogger(BfdEventLoop.class.getName());
    private static final AtomicInteger COUNT = new AtomicInteger();
    /** Real-time priority of BFD's thread: low among real-time ones (1..99), above every normal thread. */
    static final int REAL_TIME_PRIORITY = 10;

    private final IoEventLoopGroup group;
    private final IoEventLoop loop;
    private final String threadName;

    public BfdEventLoop(String name) {
        String threadName = name + "-" + COUNT.incrementAndGet();
        this.threadName = threadName;
        ThreadFactory factory = r -> {
            Thread t = new Thread(() -> {
                realTime(threadName);
                r.run();
            }, threadName);
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        };
        this.group = new MultiThreadIoEventLoopGroup(1, factory, EpollIoHandler.newFactory());
        this.loop = (IoEventLoop) group.next();
    }

    private static void realTime(String threadName) {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return;
        }
        try {
            if (LibC.INSTANCE.sched_setscheduler(0, LibC.SCHED_FIFO, new IntByReference(REAL_TIME_PRIORITY)) == 0) {
                LOG.log(Level.INFO, "{0} runs at real-time priority SCHED_FIFO {1}", threadName, REAL_TIME_PRIORITY);
            } else {
                int errno = LibC.errno();
                LOG.log(Level.WARNING, "{0} stays at normal priority: SCHED_FIFO refused ({1}); "
                        + "BFD timing may suffer while the machine is busy", threadName, LibC.INSTANCE.strerror(errno));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "{0} stays at normal priority: {1}", threadName, e.toString());
        }
    }

    /** The name of the loop's thread. */
    public String threadName() {
        return threadName;
    }

    public IoEventLoop loop() {
        return loop;
    }

    public boolean inLoop() {
        return loop.inEventLoop();
    }

    public void execute(Runnable task) {
        loop.execute(task);
    }

    /** Runs {@code task} on the loop and waits for it (at once when already on the loop). */
    public <T> T call(Callable<T> task) {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> f = loop.submit(task);
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the BFD event loop", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the BFD event loop did not answer within 10 s", e);
        }
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f = loop.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
