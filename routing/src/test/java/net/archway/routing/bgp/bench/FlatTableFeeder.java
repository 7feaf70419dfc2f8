package net.archway.routing.bgp.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal BGP peer for benchmarks (one attribute set, consecutive /24s; the richer synthetic
 * table is the bench branch's TableFeeder): on a connected socket it sends OPEN (4-octet AS, IPv4
 * unicast), answers with KEEPALIVEs every hold time / 3 from a thread of its own, and announces
 * {@code count} distinct IPv4 /24s (from 32.0.0.0 up) with one set of attributes, packed into
 * UPDATEs of at most 4096 octets (RFC 4271 §4.3). It records why the session ended, if it did
 * (a NOTIFICATION from the speaker, e.g. Hold Timer Expired, code 4), so a benchmark can say
 * whether a hold timer expired under load.
 */
public final class FlatTableFeeder implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final AtomicReference<String> ended = new AtomicReference<>();
    private final Thread reader;
    private final Thread keepalives;

    /** Opens the session on {@code socket} and waits (bounded) for the speaker's OPEN. */
    public FlatTableFeeder(Socket socket, long as, Inet4Address routerId, int holdSeconds) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        ByteBuffer caps = ByteBuffer.allocate(64);
        caps.put(new byte[] {2, 6, 1, 4, 0, 1, 0, 1}); // multiprotocol IPv4 unicast (RFC 4760)
        caps.put(new byte[] {2, 6, 65, 4}).putInt((int) as); // 4-octet AS (RFC 6793)
        ByteBuffer open = ByteBuffer.allocate(10 + caps.position());
        open.put((byte) 4).putShort((short) (as > 65535 ? 23456 : as)).putShort((short) holdSeconds).put(routerId.getAddress());
        open.put((byte) caps.position()).put(caps.array(), 0, caps.position());
        send(1, open.array());
        socket.setSoTimeout(30_000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int type = readMessage(in);
        if (type != 1) {
            throw new IOException("expected the speaker's OPEN, got message type " + type);
        }
        send(4, new byte[0]);
        socket.setSoTimeout(0);
        reader = new Thread(() -> {
            try {
                while (true) {
                    int t = readMessage(in);
                    if (t == 3) {
                        return;
                    }
                }
            } catch (IOException e) {
                ended.compareAndSet(null, "connection closed: " + e.getMessage());
            }
        }, "feeder-reader");
        reader.setDaemon(true);
        reader.start();
        keepalives = new Thread(() -> {
            try {
                while (ended.get() == null) {
                    Thread.sleep(holdSeconds * 1000L / 3);
                    send(4, new byte[0]);
                }
            } catch (InterruptedException | IOException e) {
                ended.compareAndSet(null, "keepalive failed: " + e.getMessage());
            }
        }, "feeder-keepalive");
        keepalives.setDaemon(true);
        keepalives.start();
    }

    private int readMessage(DataInputStream in) throws IOException {
        byte[] header = new byte[19];
        in.readFully(header);
        int length = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
        byte[] body = new byte[length - 19];
        in.readFully(body);
        if (header[18] == 3) {
            ended.compareAndSet(null, "NOTIFICATION code " + (body[0] & 0xff) + " subcode " + (body[1] & 0xff)
                    + ((body[0] & 0xff) == 4 ? " (Hold Timer Expired)" : ""));
        }
        return header[18];
    }

    private synchronized void send(int type, byte[] body) throws IOException {
        byte[] m = new byte[19 + body.length];
        java.util.Arrays.fill(m, 0, 16, (byte) 0xff);
        m[16] = (byte) (m.length >> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, 19, body.length);
        out.write(m);
    }

    /** The i-th announced prefix's address (a /24). */
    public static int prefix(int i) {
        return ((32 << 16) + i) << 8;
    }

    /** Announces prefixes 0..count-1 with next hop {@code nextHop} and AS path [as]. */
    public void announce(int count, Inet4Address nextHop, long as) throws IOException {
        ByteBuffer attrs = ByteBuffer.allocate(32);
        attrs.put(new byte[] {0x40, 1, 1, 0}); // ORIGIN IGP
        attrs.put(new byte[] {0x40, 2, 6, 2, 1}).putInt((int) as); // AS_PATH: one AS_SEQUENCE of 4-octet ASes
        attrs.put(new byte[] {0x40, 3, 4}).put(nextHop.getAddress()); // NEXT_HOP
        int attrLen = attrs.position();
        int perUpdate = (4096 - 19 - 4 - attrLen) / 4;
        for (int first = 0; first < count; first += perUpdate) {
            int n = Math.min(perUpdate, count - first);
            ByteBuffer u = ByteBuffer.allocate(4 + attrLen + 4 * n);
            u.putShort((short) 0).putShort((short) attrLen).put(attrs.array(), 0, attrLen);
            for (int i = first; i < first + n; i++) {
                int p = prefix(i);
                u.put((byte) 24).put((byte) (p >>> 24)).put((byte) (p >>> 16)).put((byte) (p >>> 8));
            }
            send(2, u.array());
            if (ended.get() != null) {
                throw new IOException("session ended while announcing: " + ended.get());
            }
        }
    }

    /** Why the session ended, or null while it is up. */
    public String ended() {
        return ended.get();
    }

    @Override
    public void close() throws IOException {
        ended.compareAndSet(null, "closed by the feeder");
        keepalives.interrupt();
        socket.close();
    }
}
