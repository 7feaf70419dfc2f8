package net.archway.routing.bgp.transport;

import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.unix.UnixChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import net.archway.routing.Prefix;
import net.archway.routing.SocketScope;
import net.archway.routing.bgp.session.BgpConnection;
import net.archway.routing.bgp.session.PeerSettings;
import net.archway.routing.bgp.session.Scheduler;
import net.archway.routing.bgp.session.SessionTransport;
import net.archway.routing.bgp.session.TransportException;

/**
 * BGP over TCP with Netty's epoll transport: listens on port 179 (IPv4 and IPv6 sockets, each
 * created on first use) and connects to peers, with the socket options of each peer set
 * through {@link LinuxSockets} before a byte is exchanged: the TCP MD5 key (on the listening
 * socket per peer, and on a connecting socket before connect), TTL or GTSM, the local address,
 * and the CS6 class. Every socket is created inside the caller's {@link SocketScope}.
 *
 * <p>One event loop thread by default: sessions ({@link #newScheduler}) and their connections
 * then share it, so no message crosses threads and keepalives never queue behind anything but
 * other sessions' I/O. Connections from addresses no session registered are closed at once.
 */
public final class BgpTransport implements SessionTransport, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BgpTransport.class.getName());
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final SocketScope scope;
    private final int port;
    private final EventLoopGroup group;
    private final Map<InetAddress, Peer> peers = new ConcurrentHashMap<>();
    private final Object listenerLock = new Object();
    private EpollServerSocketChannel listener4;
    private EpollServerSocketChannel listener6;

    private record Peer(PeerSettings settings, Consumer<BgpConnection> acceptor) {
    }

    /**
     * @param scope where sockets are created (a network namespace)
     * @param port the port to listen on (179)
     * @param threads event loop threads (1 keeps every session on one thread)
     */
    public BgpTransport(SocketScope scope, int port, int threads) {
        this.scope = scope;
        this.port = port;
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bgp-io", true), EpollIoHandler.newFactory());
    }

    /** Port 179, one thread. */
    public static BgpTransport create(SocketScope scope) {
        return new BgpTransport(scope, PeerSettings.BGP_PORT, 1);
    }

    /** A scheduler on one of the transport's event loops, for a {@code BgpSession}. */
    public Scheduler newScheduler() {
        return new EventLoopScheduler(group.next());
    }

    @Override
    public void register(PeerSettings settings, Consumer<BgpConnection> acceptor) throws TransportException {
        boolean v6 = settings.peerAddress() instanceof Inet6Address;
        EpollServerSocketChannel listener = listener(v6);
        synchronized (this) {
            register(settings, acceptor, listener, v6);
        }
    }

    private void register(PeerSettings settings, Consumer<BgpConnection> acceptor, EpollServerSocketChannel listener, boolean v6)
            throws TransportException {
        InetAddress peer = settings.peerAddress();
        Peer old = peers.get(peer);
        try {
            if (settings.md5Key() != null) {
                LinuxSockets.setMd5Key(fd(listener), v6, peer, settings.md5Key().octets());
            } else if (old != null && old.settings().md5Key() != null) {
                LinuxSockets.setMd5Key(fd(listener), v6, peer, null);
            }
        } catch (LinuxSockets.OptionException e) {
            throw new TransportException("the TCP MD5 key for " + Prefix.format(peer) + " could not be installed on the listening socket ("
                    + e.getMessage() + "); the session stays down rather than run unauthenticated", true);
        }
        peers.put(peer, new Peer(settings, acceptor));
    }

    @Override
    public synchronized void unregister(PeerSettings settings) {
        InetAddress peer = settings.peerAddress();
        Peer p = peers.remove(peer);
        boolean v6 = peer instanceof Inet6Address;
        EpollServerSocketChannel listener;
        synchronized (listenerLock) {
            listener = v6 ? listener6 : listener4;
        }
        if (p != null && p.settings().md5Key() != null && listener != null) {
            try {
                LinuxSockets.setMd5Key(fd(listener), v6, peer, null);
            } catch (LinuxSockets.OptionException e) {
                LOG.log(Level.WARNING, "removing the TCP MD5 key of {0} from the listening socket: {1}", Prefix.format(peer), e.getMessage());
            }
        }
    }

    /**
     * The listening socket of a family, made on first use. It is always made on one of the
     * transport's event loops and registered and bound to that very loop, so every step runs
     * inline and nothing here waits for another thread (the loops may be waiting for this
     * transport's lock).
     */
    private EpollServerSocketChannel listener(boolean v6) throws TransportException {
        EventLoop here = null;
        for (EventExecutor e : group) {
            if (e.inEventLoop()) {
                here = (EventLoop) e;
            }
        }
        if (here == null) {
            try {
                return group.next().submit(() -> listener(v6)).get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TransportException t) {
                    throw t;
                }
                throw new TransportException("cannot listen: " + e.getCause(), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while opening the listening socket", false);
            }
        }
        synchronized (listenerLock) {
            return listenOn(here, v6);
        }
    }

    private EpollServerSocketChannel listenOn(EventLoop loop, boolean v6) throws TransportException {
        EpollServerSocketChannel existing = v6 ? listener6 : listener4;
        if (existing != null && existing.isActive()) {
            return existing;
        }
        ServerBootstrap b = new ServerBootstrap().group(loop, group)
                .channelFactory(() -> new EpollServerSocketChannel(v6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET))
                .option(ChannelOption.SO_REUSEADDR, true).option(ChannelOption.SO_BACKLOG, 64)
                .childOption(ChannelOption.AUTO_READ, false).childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted((EpollSocketChannel) ch);
                    }
                });
        String where = (v6 ? "[::]" : "0.0.0.0") + ":" + port;
        ChannelFuture registered;
        try {
            registered = scope.call(b::register);
        } catch (RuntimeException e) {
            throw new TransportException("cannot create the listening socket " + where + ": " + e.getMessage(), false);
        }
        EpollServerSocketChannel ch = (EpollServerSocketChannel) registered.channel();
        try {
            if (v6) {
                LinuxSockets.setV6Only(fd(ch)); // IPv4 peers come to the IPv4 socket, keys stay per family
            }
            // The kernel answers a SYN with the listener's TTL, before Archway sees the
            // connection: 255, so a GTSM peer accepts our SYN-ACK (as FRR does); each accepted
            // socket then gets its peer's TTL.
            LinuxSockets.setTtl(fd(ch), v6, 255);
        } catch (LinuxSockets.OptionException e) {
            ch.close();
            throw new TransportException("cannot listen on " + where + ": " + e.getMessage(), false);
        }
        // On this loop, registering and binding complete before the calls return.
        ChannelFuture bound = registered.isSuccess() ? ch.bind(new InetSocketAddress(v6 ? "::" : "0.0.0.0", port)) : registered;
        if (!bound.isDone()) {
            ch.close();
            throw new TransportException("cannot listen on " + where + ": binding did not complete on the event loop", false);
        }
        if (!bound.isSuccess()) {
            ch.close();
            throw new TransportException("cannot listen on " + where + ": " + bound.cause().getMessage()
                    + " (is another BGP daemon running?)", false);
        }
        LOG.log(Level.INFO, "BGP listening on {0}", where);
        if (v6) {
            listener6 = ch;
        } else {
            listener4 = ch;
        }
        return ch;
    }

    /** An accepted connection (TcpConnection_Valid or Tcp_CR_Invalid, RFC 4271 §8.1.4). */
    private void accepted(EpollSocketChannel ch) {
        InetSocketAddress remote = ch.remoteAddress();
        Peer p = peers.get(remote.getAddress());
        if (p == null) {
            LOG.log(Level.INFO, "BGP connection from {0} refused: no neighbor has that address", Prefix.format(remote.getAddress()));
            ch.close();
            return;
        }
        PeerSettings s = p.settings();
        if (s.localAddress() != null && !s.localAddress().equals(ch.localAddress().getAddress())) {
            LOG.log(Level.INFO, "BGP connection from {0} to {1} refused: local-address is {2}", Prefix.format(remote.getAddress()),
                    Prefix.format(ch.localAddress().getAddress()), Prefix.format(s.localAddress()));
            ch.close();
            return;
        }
        try {
            applyOptions(fd(ch), remote.getAddress() instanceof Inet6Address, s);
        } catch (LinuxSockets.OptionException e) {
            LOG.log(Level.WARNING, "BGP connection from {0} closed: {1}", s.name(), e.getMessage());
            ch.close();
            return;
        }
        NettyConnection conn = new NettyConnection(ch);
        ch.pipeline().addLast(new MessageFramer(), conn);
        p.acceptor().accept(conn);
    }

    /** TTL or GTSM (RFC 5082) and the CS6 class; the MD5 key is inherited from the listening socket. */
    private static void applyOptions(int fd, boolean v6, PeerSettings s) throws LinuxSockets.OptionException {
        LinuxSockets.setTtl(fd, v6, s.effectiveTtl());
        if (s.minimumTtl() > 0) {
            LinuxSockets.setMinTtl(fd, v6, s.minimumTtl());
        }
        LinuxSockets.setNetworkControlClass(fd, v6);
    }

    @Override
    public ConnectAttempt connect(PeerSettings s, ConnectCallback callback) {
        boolean v6 = s.peerAddress() instanceof Inet6Address;
        InetSocketAddress remote = new InetSocketAddress(s.peerAddress(), s.peerPort());
        Bootstrap b = new Bootstrap().group(group)
                .channelFactory(() -> new EpollSocketChannel(v6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(s.connectRetryTime().toMillis(), 30_000))
                .option(ChannelOption.AUTO_READ, false).option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInboundHandlerAdapter());
        ChannelFuture registered;
        try {
            registered = scope.call(b::register);
        } catch (RuntimeException e) {
            callback.failed("cannot create a socket to connect to " + Prefix.format(s.peerAddress()) + ": " + e.getMessage(), false);
            return () -> { };
        }
        EpollSocketChannel ch = (EpollSocketChannel) registered.channel();
        int fd = fd(ch);
        if (s.md5Key() != null) {
            try {
                LinuxSockets.setMd5Key(fd, v6, s.peerAddress(), s.md5Key().octets());
            } catch (LinuxSockets.OptionException e) {
                ch.close();
                callback.failed("the TCP MD5 key could not be installed on the socket to " + Prefix.format(s.peerAddress()) + " ("
                        + e.getMessage() + "); not connecting without it", true);
                return () -> { };
            }
        }
        try {
            applyOptions(fd, v6, s);
        } catch (LinuxSockets.OptionException e) {
            ch.close();
            callback.failed("cannot prepare the socket to " + Prefix.format(s.peerAddress()) + ": " + e.getMessage(), true);
            return () -> { };
        }
        registered.addListener(r -> {
            if (!r.isSuccess()) {
                callback.failed("cannot register the socket: " + r.cause().getMessage(), false);
                return;
            }
            ChannelFuture connecting = s.localAddress() == null ? ch.connect(remote)
                    : ch.connect(remote, new InetSocketAddress(s.localAddress(), 0));
            connecting.addListener(c -> {
                if (c.isSuccess()) {
                    NettyConnection conn = new NettyConnection(ch);
                    ch.pipeline().addLast(new MessageFramer(), conn);
                    callback.connected(conn);
                } else {
                    ch.close();
                    callback.failed(describe(c.cause(), s), false);
                }
            });
        });
        return ch::close;
    }

    private static String describe(Throwable cause, PeerSettings s) {
        String peer = Prefix.format(s.peerAddress());
        if (cause instanceof ConnectTimeoutException) {
            return "connecting to " + peer + " timed out" + (s.md5Key() != null
                    ? " (with a TCP MD5 key set, a peer whose key differs drops our segments without an answer: check the key on both ends)"
                    : "");
        }
        String m = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return "connecting to " + peer + ": " + m.replaceFirst("^finishConnect\\(\\.\\.\\) failed: ", "");
    }

    private static int fd(UnixChannel ch) {
        return ch.fd().intValue();
    }

    /**
     * Closes the listening sockets and stops the event loop (sessions should be stopped first).
     * Waits for nothing while holding the transport's lock: the event loop may need it.
     */
    @Override
    public void close() {
        EpollServerSocketChannel l4;
        EpollServerSocketChannel l6;
        synchronized (listenerLock) {
            l4 = listener4;
            l6 = listener6;
            listener4 = null;
            listener6 = null;
        }
        if (l4 != null) {
            l4.close();
        }
        if (l6 != null) {
            l6.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
