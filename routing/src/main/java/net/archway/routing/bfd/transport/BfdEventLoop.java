package net.archway.routing.bfd.transport;

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

import net.archway.routing.bfd.session.BfdScheduler;

/**
 * BFD's own Netty epoll event loop: one thread that reads every BFD socket, runs every session's
 * timers (timerfd, microsecond resolution) and sends every packet. Shared with nothing, so a busy
 * BGP peer or a RIB computation cannot delay a BFD packet.
 */
public final class BfdEventLoop implements BfdScheduler, AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final IoEventLoopGroup group;
    private final IoEventLoop loop;

    public BfdEventLoop(String name) {
        String threadName = name + "-" + COUNT.incrementAndGet();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        };
        this.group = new MultiThreadIoEventLoopGroup(1, factory, EpollIoHandler.newFactory());
        this.loop = (IoEventLoop) group.next();
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
