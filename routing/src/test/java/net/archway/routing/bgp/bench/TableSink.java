package net.archway.routing.bgp.bench;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * The receiving end of a benchmark: an eBGP peer that counts the distinct prefixes a router
 * advertises to it (announcements add, withdrawals remove; IPv4 in the NLRI fields, IPv6 in
 * MP_REACH/MP_UNREACH, RFC 4760) and notes End-of-RIB per family (RFC 4724 §2), without
 * building routes. {@link #awaitPrefixes} tells when the whole table has arrived.
 *
 * <p>Distinct IPv6 prefixes are keyed on their first 64 bits and length, enough for the
 * feeder's table (no prefix longer than /64).
 */
public final class TableSink extends TableFeeder.Peer {
    private final LongSet ipv4 = new LongSet();
    private final LongSet ipv6 = new LongSet();
    private volatile long updates;
    private volatile long ipv4EndOfRibNanos;
    private volatile long ipv6EndOfRibNanos;
    private volatile long target = Long.MAX_VALUE;
    private volatile long targetNanos;
    private final Object progress = new Object();

    private TableSink(Socket socket, long localAs, int routerId, Duration timeout) throws IOException {
        super(socket, localAs, routerId, timeout, "sink");
    }

    /** Runs the handshake on a connected (or accepted) socket; {@code timeout} bounds each read of it. */
    public static TableSink open(Socket socket, long localAs, int routerId, Duration timeout) throws IOException {
        TableSink s = new TableSink(socket, localAs, routerId, timeout);
        s.startReading();
        return s;
    }

    public synchronized int ipv4Prefixes() {
        return ipv4.size();
    }

    public synchronized int ipv6Prefixes() {
        return ipv6.size();
    }

    public synchronized int prefixes() {
        return ipv4.size() + ipv6.size();
    }

    public long updates() {
        return updates;
    }

    /** {@link System#nanoTime()} of the IPv4 End-of-RIB, or 0. */
    public long ipv4EndOfRibNanos() {
        return ipv4EndOfRibNanos;
    }

    /** {@link System#nanoTime()} of the IPv6 End-of-RIB, or 0. */
    public long ipv6EndOfRibNanos() {
        return ipv6EndOfRibNanos;
    }

    /**
     * Waits until at least {@code count} distinct prefixes are held, the session ends, or
     * {@code timeout} passes. Returns the {@link System#nanoTime()} the count was reached, or 0.
     */
    public long awaitPrefixes(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            target = count;
            if (prefixes() >= count && targetNanos == 0) {
                targetNanos = System.nanoTime();
            }
            while (targetNanos == 0 && closeReason() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                progress.wait(Math.max(1, Math.min(200, left / 1_000_000)));
            }
            return targetNanos;
        }
    }

    @Override
    protected void update(byte[] m, int length) {
        updates++;
        int p = 19;
        int withdrawnLength = u16(m, p);
        p += 2;
        synchronized (this) {
            p = walk(m, p, p + withdrawnLength, false, false);
            int attrLength = u16(m, p);
            p += 2;
            int attrEnd = p + attrLength;
            if (withdrawnLength == 0 && attrLength == 0 && length == 23) {
                ipv4EndOfRibNanos = System.nanoTime();
            }
            while (p < attrEnd) {
                int flags = m[p] & 0xff;
                int type = m[p + 1] & 0xff;
                int len;
                int v;
                if ((flags & 0x10) != 0) {
                    len = u16(m, p + 2);
                    v = p + 4;
                } else {
                    len = m[p + 2] & 0xff;
                    v = p + 3;
                }
                if (type == 14 && u16(m, v) == 2) { // MP_REACH_NLRI, IPv6
                    int nhLen = m[v + 3] & 0xff;
                    walk(m, v + 4 + nhLen + 1, v + len, true, true);
                } else if (type == 15 && u16(m, v) == 2) { // MP_UNREACH_NLRI, IPv6
                    if (len == 3) {
                        ipv6EndOfRibNanos = System.nanoTime();
                    }
                    walk(m, v + 3, v + len, true, false);
                }
                p = v + len;
            }
            walk(m, attrEnd, length, false, true);
        }
        synchronized (progress) {
            if (targetNanos == 0 && prefixes() >= target) {
                targetNanos = System.nanoTime();
            }
            progress.notifyAll();
        }
    }

    private int walk(byte[] m, int p, int end, boolean v6, boolean add) {
        while (p < end) {
            int len = m[p] & 0xff;
            int octets = (len + 7) / 8;
            long key = 0;
            for (int i = 0; i < Math.min(octets, 8); i++) {
                key |= (long) (m[p + 1 + i] & 0xff) << (56 - 8 * i);
            }
            if (v6) {
                key = key ^ (len * 0x9E3779B97F4A7C15L);
            } else {
                key = (key >>> 24) | len;
            }
            if (add) {
                (v6 ? ipv6 : ipv4).add(key);
            } else {
                (v6 ? ipv6 : ipv4).remove(key);
            }
            p += 1 + octets;
        }
        return end;
    }

    private static int u16(byte[] m, int p) {
        return ((m[p] & 0xff) << 8) | (m[p + 1] & 0xff);
    }

    /** An open-addressing set of longs (0 is stored aside), so a million prefixes cost 16 MB, not 100. */
    static final class LongSet {
        private long[] table = new long[1 << 16];
        private int size;
        private int used; // slots not free: live keys and tombstones
        private boolean hasZero;
        private static final long DELETED = 0x8000_0000_0000_0001L;

        int size() {
            return size;
        }

        void add(long k) {
            if (k == 0) {
                if (!hasZero) {
                    hasZero = true;
                    size++;
                }
                return;
            }
            if ((used + 1) * 2 > table.length) {
                rehash();
            }
            int mask = table.length - 1;
            int i = mix(k) & mask;
            int free = -1;
            while (table[i] != 0) {
                if (table[i] == k) {
                    return;
                }
                if (table[i] == DELETED && free < 0) {
                    free = i;
                }
                i = (i + 1) & mask;
            }
            if (free < 0) {
                used++;
                free = i;
            }
            table[free] = k;
            size++;
        }

        void remove(long k) {
            if (k == 0) {
                if (hasZero) {
                    hasZero = false;
                    size--;
                }
                return;
            }
            int mask = table.length - 1;
            int i = mix(k) & mask;
            while (table[i] != 0) {
                if (table[i] == k) {
                    table[i] = DELETED;
                    size--;
                    return;
                }
                i = (i + 1) & mask;
            }
        }

        private void rehash() {
            long[] old = table;
            int live = size - (hasZero ? 1 : 0);
            table = new long[live * 4 > old.length ? old.length * 2 : old.length];
            used = live;
            int mask = table.length - 1;
            for (long k : old) {
                if (k != 0 && k != DELETED) {
                    int i = mix(k) & mask;
                    while (table[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    table[i] = k;
                }
            }
        }

        private static int mix(long k) {
            long h = k * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
