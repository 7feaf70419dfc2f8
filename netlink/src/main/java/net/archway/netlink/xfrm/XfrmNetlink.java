package net.archway.netlink.xfrm;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import net.archway.netlink.Errno;
import net.archway.netlink.NetlinkConnection;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.NetlinkProtocol;
import net.archway.netlink.NetlinkProtocolException;
import net.archway.netlink.NetlinkSubscription;

/**
 * XFRM for one network namespace: IPsec SAs and policies, SPI allocation, flushes, and
 * subscriptions to expire and acquire events. A kernel without ESP refuses SAs with
 * EPROTONOSUPPORT ("Requested type not found") or ENOSYS; that error is passed on as it is.
 */
public final class XfrmNetlink implements AutoCloseable {
    private final NetlinkConnection connection;

    private XfrmNetlink(NetlinkConnection connection) {
        this.connection = connection;
    }

    public static XfrmNetlink open() {
        return open(null);
    }

    public static XfrmNetlink open(String namespace) {
        return new XfrmNetlink(NetlinkConnection.open(NetlinkProtocol.XFRM, namespace));
    }

    public String namespace() {
        return connection.namespace();
    }

    // ---- SAs ----

    /** Adds an SA; one with the same destination, SPI and protocol is an EEXIST error. */
    public void addSa(XfrmSa sa) {
        connection.execute(XfrmCodec.addSa(sa, false));
    }

    /** Replaces an existing SA (or completes one made by {@link #allocateSpi}). */
    public void updateSa(XfrmSa sa) {
        connection.execute(XfrmCodec.addSa(sa, true));
    }

    public void deleteSa(XfrmSaId id) {
        connection.execute(XfrmCodec.deleteSa(id));
    }

    /** The SA with this id, counters included, or empty (ESRCH). */
    public Optional<XfrmSa> getSa(XfrmSaId id) {
        try {
            return Optional.ofNullable(connection.query(XfrmCodec.getSa(id), XfrmCodec::decodeSa));
        } catch (NetlinkKernelException e) {
            if (e.errno().equals(Errno.ESRCH)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<XfrmSa> listSas() {
        return connection.dump(XfrmCodec.dumpSas(), XfrmCodec::decodeSa);
    }

    /** Deletes every SA of {@code protocol} (0: all IPsec protocols). */
    public void flushSas(int protocol) {
        connection.execute(XfrmCodec.flushSas(protocol));
    }

    /**
     * Reserves an unused SPI in [min, max] for an inbound SA from {@code source} to
     * {@code destination}: the kernel creates a larval SA and returns its SPI. Complete it
     * with {@link #updateSa}.
     */
    public int allocateSpi(InetAddress source, InetAddress destination, int protocol, XfrmMode mode, int reqid,
                           int min, int max) {
        XfrmSa larval = connection.query(XfrmCodec.allocateSpi(source, destination, protocol, mode, reqid, min, max),
                XfrmCodec::decodeSa);
        if (larval == null) {
            throw new NetlinkProtocolException("XFRM_MSG_ALLOCSPI returned no SA");
        }
        return larval.spi();
    }

    // ---- policies ----

    public void addPolicy(XfrmPolicy policy) {
        connection.execute(XfrmCodec.addPolicy(policy, false));
    }

    public void updatePolicy(XfrmPolicy policy) {
        connection.execute(XfrmCodec.addPolicy(policy, true));
    }

    public void deletePolicy(XfrmPolicy policy) {
        connection.execute(XfrmCodec.deletePolicy(policy));
    }

    public Optional<XfrmPolicy> getPolicy(XfrmPolicy policy) {
        try {
            return Optional.ofNullable(connection.query(XfrmCodec.getPolicy(policy), XfrmCodec::decodePolicy));
        } catch (NetlinkKernelException e) {
            if (e.errno().equals(Errno.ENOENT)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<XfrmPolicy> listPolicies() {
        return connection.dump(XfrmCodec.dumpPolicies(), XfrmCodec::decodePolicy);
    }

    public void flushPolicies() {
        connection.execute(XfrmCodec.flushPolicies());
    }

    // ---- events ----

    /** Delivers XFRM events of {@code groups} on the subscription's own thread. */
    public NetlinkSubscription subscribe(Set<XfrmEvent.Group> groups, Consumer<XfrmEvent> handler, Runnable overrun) {
        Objects.requireNonNull(handler);
        Objects.requireNonNull(overrun);
        int[] numbers = groups.stream().mapToInt(XfrmEvent.Group::number).toArray();
        return NetlinkSubscription.start(NetlinkProtocol.XFRM, connection.namespace(), numbers,
                "xfrm-events" + (connection.namespace() == null ? "" : "-" + connection.namespace()), m -> {
                    XfrmEvent e = XfrmCodec.decodeEvent(m);
                    if (e != null) {
                        handler.accept(e);
                    }
                }, overrun);
    }

    @Override
    public void close() {
        connection.close();
    }
}
