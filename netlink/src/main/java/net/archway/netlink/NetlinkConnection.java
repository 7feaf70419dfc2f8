package net.archway.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import net.archway.netlink.message.AttributeSchema;
import net.archway.netlink.message.MessageReader;
import net.archway.netlink.message.MessageWriter;
import net.archway.netlink.message.NetlinkMessage;
import net.archway.netlink.message.Nl;
import net.archway.netlink.socket.LibC;
import net.archway.netlink.socket.NetlinkSocket;

/**
 * Requests and replies over one netlink socket: acknowledged requests, single-object queries,
 * dumps (multipart, DONE, NLM_F_DUMP_INTR retried) and pipelined batches. Replies are matched
 * to requests by sequence number; anything left over from an earlier, abandoned exchange is
 * skipped. Methods are synchronized: one exchange at a time per connection.
 */
public final class NetlinkConnection implements AutoCloseable {
    /** Decodes one reply message; returns null to skip it. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(NetlinkMessage message);
    }

    private static final int RECEIVE_BUFFER = 256 * 1024;
    private static final int SOCKET_RCVBUF = 4 * 1024 * 1024;
    private static final int SOCKET_SNDBUF = 1024 * 1024;
    private static final int SEND_CHUNK = 64 * 1024;
    private static final int MAX_DUMP_ATTEMPTS = 10;
    private static final int REPLY_TIMEOUT_MILLIS = 30_000;

    private final NetlinkSocket socket;
    private final MessageWriter writer = new MessageWriter(SEND_CHUNK + 4096);
    private final ByteBuffer receive = ByteBuffer.allocateDirect(RECEIVE_BUFFER).order(ByteOrder.nativeOrder());
    private final int window;
    /**
     * The requests of the chunk in flight, by position; one array for every batch (they are
     * synchronized), not one per call: a full table written in small batches made a gigabyte of them.
     */
    private final Object[] inflight;
    private int seq = ThreadLocalRandom.current().nextInt(1, 1 << 30);

    private NetlinkConnection(NetlinkSocket socket) {
        this.socket = socket;
        // Extended ACKs give the kernel's reason and the offending attribute; capped ACKs keep
        // every acknowledgement small; strict checking makes the kernel honour dump filters.
        socket.trySetOption(LibC.SOL_NETLINK, LibC.NETLINK_EXT_ACK, 1);
        socket.trySetOption(LibC.SOL_NETLINK, LibC.NETLINK_CAP_ACK, 1);
        if (socket.protocol() == NetlinkProtocol.ROUTE) {
            socket.trySetOption(LibC.SOL_NETLINK, LibC.NETLINK_GET_STRICT_CHK, 1);
        }
        socket.setReceiveBufferSize(SOCKET_RCVBUF);
        socket.setSendBufferSize(SOCKET_SNDBUF);
        // Every queued ACK costs roughly a kilobyte of receive buffer (skb truesize): keep the
        // number of unread ACKs well below what the buffer holds, so none is ever dropped.
        int rcvbuf = socket.receiveBufferSize();
        this.window = Integer.highestOneBit(Math.max(64, Math.min(4096, rcvbuf / 2048)));
        this.inflight = new Object[window];
    }

    public static NetlinkConnection open(NetlinkProtocol protocol) {
        return open(protocol, null);
    }

    /** Opens a connection inside the named network namespace (null: the JVM's own). */
    public static NetlinkConnection open(NetlinkProtocol protocol, String namespace) {
        NetlinkSocket socket = NetlinkSocket.open(protocol, namespace);
        try {
            return new NetlinkConnection(socket);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public NetlinkProtocol protocol() {
        return socket.protocol();
    }

    public String namespace() {
        return socket.namespace();
    }

    /** How many acknowledgements a batch leaves unread at most. */
    public int window() {
        return window;
    }

    private int peekSeq() {
        return seq == Integer.MAX_VALUE ? 1 : seq + 1;
    }

    private int nextSeq() {
        seq = peekSeq();
        return seq;
    }

    /** Sends {@code request} and waits for its acknowledgement; a kernel error is thrown. */
    public synchronized void execute(NetlinkRequest request) {
        int s = send(request, Nl.NLM_F_ACK);
        awaitReplies(s, request, m -> false);
    }

    /** Sends a request that answers with one object (a GET without DUMP); returns it decoded. */
    public synchronized <T> T query(NetlinkRequest request, Decoder<T> decoder) {
        int s = send(request, Nl.NLM_F_ACK);
        List<T> out = new ArrayList<>(1);
        awaitReplies(s, request, m -> {
            T t = decoder.decode(m);
            if (t != null) {
                out.add(t);
            }
            return false;
        });
        if (out.isEmpty()) {
            throw new NetlinkProtocolException("no reply to " + request.describe());
        }
        return out.get(0);
    }

    /**
     * Sends a request with NLM_F_ECHO and returns the kernel's copy of what it created (for
     * example the SA with the SPI the kernel chose), or null when nothing came back.
     */
    public synchronized <T> T executeAndDecode(NetlinkRequest request, Decoder<T> decoder) {
        int s = send(request, Nl.NLM_F_ACK);
        List<T> out = new ArrayList<>(1);
        awaitReplies(s, request, m -> {
            T t = decoder.decode(m);
            if (t != null) {
                out.add(t);
            }
            return false;
        });
        return out.isEmpty() ? null : out.get(0);
    }

    /** Dumps and collects every object; an interrupted dump (NLM_F_DUMP_INTR) is started again. */
    public synchronized <T> List<T> dump(NetlinkRequest request, Decoder<T> decoder) {
        for (int attempt = 1; ; attempt++) {
            List<T> out = new ArrayList<>();
            boolean consistent = dumpOnce(request, decoder, out::add);
            if (consistent) {
                return out;
            }
            if (attempt == MAX_DUMP_ATTEMPTS) {
                throw new NetlinkException(request.describe() + " was interrupted by concurrent changes "
                        + MAX_DUMP_ATTEMPTS + " times in a row");
            }
        }
    }

    /**
     * Streams a dump to {@code sink} without collecting it, for tables too large to hold twice.
     * Returns false when the kernel flagged the dump as interrupted (NLM_F_DUMP_INTR): the
     * caller has seen an inconsistent snapshot and should dump again.
     */
    public synchronized <T> boolean dump(NetlinkRequest request, Decoder<T> decoder, Consumer<T> sink) {
        return dumpOnce(request, decoder, sink);
    }

    private <T> boolean dumpOnce(NetlinkRequest request, Decoder<T> decoder, Consumer<T> sink) {
        int s = send(request, 0);
        boolean[] interrupted = {false};
        awaitReplies(s, request, m -> {
            if (m.hasFlag(Nl.NLM_F_DUMP_INTR)) {
                interrupted[0] = true;
            }
            if (m.type() == Nl.NLMSG_DONE) {
                int error = m.payloadLength() >= 4 ? m.buffer().getInt(m.payloadOffset()) : 0;
                if (error < 0) {
                    throw kernelError(request, Errno.valueOf(-error), m, m.payloadOffset() + 4);
                }
                return true;
            }
            T t = decoder.decode(m);
            if (t != null) {
                sink.accept(t);
            }
            return false;
        });
        return !interrupted[0];
    }

    private int send(NetlinkRequest request, int extraFlags) {
        ensureOpen();
        int s = nextSeq();
        writer.reset();
        request.write(writer, s, socket.portId(), extraFlags);
        socket.send(writer.written());
        return s;
    }

    private void ensureOpen() {
        if (socket.isClosed()) {
            throw new NetlinkException("netlink connection is closed");
        }
    }

    /** Handles one reply; returns true when the exchange is complete. */
    private interface ReplyHandler {
        boolean handle(NetlinkMessage message);
    }

    /**
     * Reads until the exchange with sequence {@code s} completes: an ACK (error 0), a kernel
     * error (thrown), or the handler saying it is done (DONE of a dump).
     */
    private void awaitReplies(int s, NetlinkRequest request, ReplyHandler handler) {
        boolean[] done = {false};
        while (!done[0]) {
            receiveBlocking(request);
            MessageReader.forEach(receive, m -> {
                if (done[0] || m.seq() != s || m.portId() != socket.portId()) {
                    return; // a stale reply of an abandoned exchange, or a broadcast
                }
                if (m.type() == Nl.NLMSG_ERROR) {
                    int error = m.buffer().getInt(m.payloadOffset());
                    if (error != 0) {
                        throw kernelError(request, Errno.valueOf(-error), m, errorTlvStart(m));
                    }
                    done[0] = true;
                } else if (m.type() == Nl.NLMSG_OVERRUN) {
                    throw new NetlinkProtocolException("kernel reported NLMSG_OVERRUN for " + request.describe());
                } else if (handler.handle(m)) {
                    done[0] = true;
                }
            });
        }
    }

    private void receiveBlocking(NetlinkRequest request) {
        long deadline = System.nanoTime() + REPLY_TIMEOUT_MILLIS * 1_000_000L;
        while (socket.receiveNow(receive) == 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new NetlinkIoException("recv", Errno.ETIMEDOUT, "no reply to " + request.describe()
                        + " within " + REPLY_TIMEOUT_MILLIS / 1000 + " s");
            }
            socket.await((int) Math.min(left, Integer.MAX_VALUE));
        }
    }

    /**
     * Sends many change requests (NEW/DEL; not queries) without waiting for each answer. Requests
     * go out in chunks of one send each; only the last request of a chunk asks for an
     * acknowledgement. The kernel answers a refused request with an error carrying its sequence
     * number whether or not it asked for an ACK, and answers in order, so when the chunk's last
     * answer arrives every request before it that drew no error has succeeded. That saves a
     * datagram and a receive per request. At most {@link #window()} requests are outstanding and
     * only those are held, so memory stays flat however many {@code requests} yields. Each
     * refusal is reported to {@code listener} against its own request; the batch goes on.
     */
    public synchronized <R extends NetlinkRequest> BatchResult batch(Iterator<? extends R> requests,
                                                                     BatchListener<? super R> listener) {
        ensureOpen();
        long started = System.nanoTime();
        long submitted = 0;
        long ok = 0;
        long failed = 0;
        while (requests.hasNext()) {
            // one chunk: consecutive sequence numbers first..first+count-1, the last one acknowledged
            writer.reset();
            int count = 0;
            int first = peekSeq();
            while (requests.hasNext() && count < window && writer.position() < SEND_CHUNK
                    && (count == 0 || peekSeq() != 1)) { // a chunk never wraps the sequence space
                R r = requests.next();
                int start = r.write(writer, nextSeq(), socket.portId(), 0);
                inflight[count++] = r;
                if (!requests.hasNext() || count == window || writer.position() >= SEND_CHUNK || peekSeq() == 1) {
                    writer.patchFlags(start, Nl.NLM_F_ACK);
                }
            }
            submitted += count;
            socket.send(writer.written());
            int last = first + count - 1;
            boolean[] refused = new boolean[count];
            boolean[] done = {false};
            long[] failures = {0};
            while (!done[0]) {
                receiveBlocking(batchDescription(count));
                MessageReader.forEach(receive, m -> {
                    if (done[0] || m.type() != Nl.NLMSG_ERROR || m.portId() != socket.portId()
                            || m.seq() < first || m.seq() > last) {
                        return; // not an answer to this chunk
                    }
                    int i = m.seq() - first;
                    int error = m.buffer().getInt(m.payloadOffset());
                    if (error != 0) {
                        refused[i] = true;
                        failures[0]++;
                        @SuppressWarnings("unchecked")
                        R r = (R) inflight[i];
                        listener.failed(r, kernelError(r, Errno.valueOf(-error), m, errorTlvStart(m)));
                    }
                    if (m.seq() == last) {
                        done[0] = true;
                    }
                });
            }
            for (int i = 0; i < count; i++) {
                if (!refused[i]) {
                    @SuppressWarnings("unchecked")
                    R r = (R) inflight[i];
                    listener.succeeded(r);
                }
                inflight[i] = null;
            }
            failed += failures[0];
            ok += count - failures[0];
        }
        return new BatchResult(submitted, ok, failed, Duration.ofNanos(System.nanoTime() - started));
    }

    private static NetlinkRequest batchDescription(int outstanding) {
        return new NetlinkRequest() {
            public int type() {
                return 0;
            }

            public int flags() {
                return 0;
            }

            public void writePayload(MessageWriter w) {
            }

            public String describe() {
                return "a batch with " + outstanding + " requests outstanding";
            }
        };
    }

    /** Where the extended-ACK TLVs of an NLMSG_ERROR start (after the echoed request). */
    private static int errorTlvStart(NetlinkMessage m) {
        int p = m.payloadOffset() + 4; // int error
        if (p + Nl.NLMSG_HDRLEN > m.end()) {
            return m.end();
        }
        int echoedLength = m.buffer().getInt(p);
        int echoed = m.hasFlag(Nl.NLM_F_CAPPED) ? Nl.NLMSG_HDRLEN : echoedLength;
        return Math.min(m.end(), Nl.align(p + Math.max(Nl.NLMSG_HDRLEN, echoed)));
    }

    /** Builds the typed error from an NLMSG_ERROR (or DONE) and its extended-ACK TLVs. */
    private NetlinkKernelException kernelError(NetlinkRequest request, Errno errno, NetlinkMessage m, int tlvStart) {
        String text = null;
        int offset = -1;
        int missingType = -1;
        if (m.hasFlag(Nl.NLM_F_ACK_TLVS) && tlvStart < m.end()) {
            ByteBuffer b = m.buffer();
            int[] found = {-1, -1, -1, -1};
            try {
                net.archway.netlink.message.Attributes.forEach(b, tlvStart, m.end(), (type, flags, off, len) -> {
                    if (type == Nl.NLMSGERR_ATTR_MSG) {
                        found[0] = off;
                        found[1] = len;
                    } else if (type == Nl.NLMSGERR_ATTR_OFFS && len >= 4) {
                        found[2] = b.getInt(off);
                    } else if (type == Nl.NLMSGERR_ATTR_MISS_TYPE && len >= 4) {
                        found[3] = b.getInt(off);
                    }
                });
            } catch (NetlinkProtocolException ignored) {
                // a malformed TLV area must not hide the errno itself
            }
            if (found[0] >= 0) {
                int n = found[1];
                while (n > 0 && b.get(found[0] + n - 1) == 0) {
                    n--;
                }
                byte[] raw = new byte[n];
                b.get(found[0], raw);
                text = new String(raw, StandardCharsets.UTF_8);
            }
            offset = found[2];
            missingType = found[3];
        }
        String attribute = null;
        AttributeSchema schema = request.schema();
        if (schema != null && offset >= 0) {
            attribute = attributeAt(request, schema, offset);
        }
        if (schema != null && missingType >= 0) {
            attribute = "missing " + schema.name(missingType);
        }
        return new NetlinkKernelException(errno, request.describe(), text, attribute);
    }

    /** Re-encodes the request (only on error) to name the attribute at {@code offset}. */
    private static String attributeAt(NetlinkRequest request, AttributeSchema schema, int offset) {
        MessageWriter scratch = new MessageWriter(512);
        request.write(scratch, 0, 0, 0);
        ByteBuffer bytes = scratch.written();
        int attrs = Nl.align(Nl.NLMSG_HDRLEN + request.headerLength());
        if (offset < attrs) {
            return "header byte " + (offset - Nl.NLMSG_HDRLEN);
        }
        return schema.pathAt(bytes, attrs, bytes.limit(), offset);
    }

    @Override
    public synchronized void close() {
        socket.close();
    }
}
