package net.archway.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

import net.archway.netlink.message.MessageReader;
import net.archway.netlink.message.NetlinkMessage;
import net.archway.netlink.socket.NetlinkSocket;

/**
 * Listens to multicast groups on its own socket and thread and hands every message to a
 * handler. When the kernel drops notifications because the listener fell behind (ENOBUFS), the
 * {@code overrun} callback runs: the listener's picture of the kernel is stale and must be
 * rebuilt from a dump. {@link #close()} stops the thread and closes the socket.
 */
public final class NetlinkSubscription implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NetlinkSubscription.class.getName());

    private final NetlinkSocket socket;
    private final Thread thread;
    private volatile boolean running = true;

    private NetlinkSubscription(NetlinkSocket socket, String threadName, Consumer<NetlinkMessage> handler,
                                Runnable overrun) {
        this.socket = socket;
        this.thread = new Thread(() -> run(handler, overrun), threadName);
        this.thread.setDaemon(true);
    }

    /**
     * Joins {@code groups} on a new socket in {@code namespace} (null: the JVM's own) and starts
     * delivering. The handler runs on the subscription's thread; it must not block for long.
     */
    public static NetlinkSubscription start(NetlinkProtocol protocol, String namespace, int[] groups,
                                            String threadName, Consumer<NetlinkMessage> handler, Runnable overrun) {
        NetlinkSocket socket = NetlinkSocket.open(protocol, namespace);
        try {
            socket.setReceiveBufferSize(8 * 1024 * 1024);
            for (int group : groups) {
                socket.joinGroup(group);
            }
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        NetlinkSubscription subscription = new NetlinkSubscription(socket, threadName, handler, overrun);
        subscription.thread.start();
        return subscription;
    }

    private void run(Consumer<NetlinkMessage> handler, Runnable overrun) {
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024).order(ByteOrder.nativeOrder());
        while (running) {
            try {
                if (socket.receiveNow(buf) == 0) {
                    socket.await(1000);
                    continue;
                }
                MessageReader.forEach(buf, m -> {
                    try {
                        handler.accept(m);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "netlink event handler failed on message type "
                                + m.type() + "; event skipped", e);
                    }
                });
            } catch (NetlinkIoException e) {
                if (!running) {
                    return;
                }
                if (e.errno().equals(Errno.ENOBUFS)) {
                    LOG.log(System.Logger.Level.WARNING, "netlink notifications were dropped (ENOBUFS); resynchronising");
                    overrun.run();
                } else {
                    LOG.log(System.Logger.Level.ERROR, "netlink subscription stopped", e);
                    return;
                }
            } catch (NetlinkProtocolException e) {
                LOG.log(System.Logger.Level.WARNING, "malformed netlink notification skipped", e);
            }
        }
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        socket.wakeUp();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }

}
