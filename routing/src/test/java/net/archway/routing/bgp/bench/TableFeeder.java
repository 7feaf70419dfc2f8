package net.archway.routing.bgp.bench;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.AsPath;
import net.archway.routing.bgp.message.Capability;
import net.archway.routing.bgp.message.Communities;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.KeepaliveMessage;
import net.archway.routing.bgp.message.LargeCommunities;
import net.archway.routing.bgp.message.MessageCodec;
import net.archway.routing.bgp.message.MessageType;
import net.archway.routing.bgp.message.NextHop;
import net.archway.routing.bgp.message.OpenMessage;
import net.archway.routing.bgp.message.Origin;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.message.UpdateContext;
import net.archway.routing.bgp.message.UpdatePacker;

/**
 * A fast BGP feeder for benchmarks and load tests: a deterministic synthetic Internet table
 * ({@link Table#generate}), pre-encoded once into UPDATEs packed with as many NLRI as fit
 * ({@link #encode}, with the routing module's own {@link UpdatePacker}), and a minimal eBGP
 * session over a socket the caller connected or accepted (so it can live in any namespace)
 * that writes the whole table as fast as TCP takes it, then End-of-RIB for each family.
 *
 * <p>Typical use:
 * <pre>
 *   TableFeeder.Table table = TableFeeder.Table.generate(1_000_000, 200_000, 65001, 1);
 *   TableFeeder.Encoded wire = TableFeeder.encode(table, NextHop.of(v4), NextHop.of(v6));
 *   try (TableFeeder.Session s = TableFeeder.Session.open(socket, 65001, routerId, Duration.ofSeconds(10))) {
 *       long established = s.establishedNanos();
 *       s.send(wire);
 *   }
 * </pre>
 * Not a BGP speaker: it never processes what the peer sends (it drains and discards it so the
 * peer never blocks), answers keepalives with keepalives, and stops at a NOTIFICATION.
 */
public final class TableFeeder {
    private TableFeeder() {
    }

    /** Prefixes sharing one attribute set (no next hop: that is set when encoding). */
    public record Group(PathAttributes attributes, List<Prefix> prefixes) {
    }

    /**
     * A synthetic table: IPv4 and IPv6 groups. Deterministic for a given size, AS and seed.
     * Prefix lengths follow the shape of today's DFZ (about 60 % /24 in IPv4, about half /48 in
     * IPv6); AS paths are 2 to 8 hops (the feeder's AS first, then transit, then one of a few
     * thousand origins with a skewed share of prefixes); about 60 % of attribute sets carry 1-6
     * communities and 15 % large communities; some carry a MED or origin INCOMPLETE.
     */
    public record Table(long feederAs, List<Group> ipv4, List<Group> ipv6, int ipv4Count, int ipv6Count) {

        public int prefixCount() {
            return ipv4Count + ipv6Count;
        }

        public int attributeSets() {
            return ipv4.size() + ipv6.size();
        }

        /** Every prefix, IPv4 first. */
        public List<Prefix> prefixes() {
            List<Prefix> all = new ArrayList<>(prefixCount());
            for (Group g : ipv4) {
                all.addAll(g.prefixes);
            }
            for (Group g : ipv6) {
                all.addAll(g.prefixes);
            }
            return all;
        }

        public static Table generate(int ipv4Count, int ipv6Count, long feederAs, long seed) {
            if (ipv4Count < 0 || ipv6Count < 0) {
                throw new IllegalArgumentException("negative table size");
            }
            SplittableRandom rnd = new SplittableRandom(seed);
            int origins = Math.max(16, Math.min(6000, (ipv4Count + ipv6Count) / 150));
            long[] transit = new long[40];
            for (int i = 0; i < transit.length; i++) {
                transit[i] = i < 12 ? new long[] {174, 701, 1299, 2914, 3257, 3320, 3356, 3491, 6453, 6461, 6762, 7018}[i] : 4000 + rnd.nextInt(60000);
            }
            long[] origin = new long[origins];
            for (int i = 0; i < origins; i++) {
                // a third 4-octet ASNs, as in today's table
                origin[i] = rnd.nextInt(3) == 0 ? 131072 + rnd.nextInt(270000) : 1000 + rnd.nextInt(63000);
            }
            // each origin has up to 4 path variants (different upstreams / communities)
            List<PathAttributes>[] variants = buildVariants(rnd, feederAs, transit, origin);
            List<Group> v4 = assign(rnd, variants, ipv4Prefixes(rnd, ipv4Count));
            List<Group> v6 = assign(rnd, variants, ipv6Prefixes(rnd, ipv6Count));
            return new Table(feederAs, v4, v6, ipv4Count, ipv6Count);
        }

        @SuppressWarnings("unchecked")
        private static List<PathAttributes>[] buildVariants(SplittableRandom rnd, long feederAs, long[] transit, long[] origin) {
            List<PathAttributes>[] variants = new List[origin.length];
            for (int o = 0; o < origin.length; o++) {
                int n = 1 + rnd.nextInt(4);
                variants[o] = new ArrayList<>(n);
                for (int v = 0; v < n; v++) {
                    int hops = 2 + Math.min(6, (int) Math.abs(rnd.nextGaussian() * 1.6 + 1.8)); // 2..8, mode 3-4
                    long[] path = new long[hops];
                    path[0] = feederAs;
                    for (int h = 1; h < hops - 1; h++) {
                        path[h] = transit[rnd.nextInt(transit.length)];
                    }
                    path[hops - 1] = origin[o];
                    if (hops > 3 && rnd.nextInt(10) == 0) {
                        path[hops - 2] = origin[o]; // prepending
                    }
                    PathAttributes.Builder b = PathAttributes.builder()
                            .origin(rnd.nextInt(10) == 0 ? Origin.INCOMPLETE : Origin.IGP)
                            .asPath(AsPath.sequence(path));
                    if (rnd.nextInt(4) == 0) {
                        b.multiExitDisc(rnd.nextInt(1000));
                    }
                    if (rnd.nextInt(10) < 6) {
                        int[] c = new int[1 + rnd.nextInt(6)];
                        for (int i = 0; i < c.length; i++) {
                            long high = path[Math.min(hops - 1, 1 + rnd.nextInt(hops - 1))];
                            c[i] = Communities.community((int) (high > 0xffff ? 65000 + rnd.nextInt(500) : high), rnd.nextInt(4000));
                        }
                        b.communities(Communities.of(c));
                    }
                    if (rnd.nextInt(100) < 15) {
                        int k = 1 + rnd.nextInt(3);
                        long[] t = new long[3 * k];
                        for (int i = 0; i < k; i++) {
                            t[3 * i] = path[1];
                            t[3 * i + 1] = 1 + rnd.nextInt(10);
                            t[3 * i + 2] = rnd.nextInt(1000);
                        }
                        b.largeCommunities(LargeCommunities.of(t));
                    }
                    variants[o].add(b.build());
                }
            }
            return variants;
        }

        /** Hands prefixes to origins with a skewed (roughly Zipf) share, then groups them by attribute set. */
        private static List<Group> assign(SplittableRandom rnd, List<PathAttributes>[] variants, List<Prefix> prefixes) {
            int n = variants.length;
            @SuppressWarnings("unchecked")
            List<Prefix>[][] buckets = new List[n][];
            for (Prefix p : prefixes) {
                double u = rnd.nextDouble();
                int o = (int) Math.min(n - 1, Math.floor(n * u * u * u)); // low indexes get most prefixes
                if (buckets[o] == null) {
                    buckets[o] = new List[variants[o].size()];
                }
                int v = rnd.nextInt(variants[o].size());
                if (buckets[o][v] == null) {
                    buckets[o][v] = new ArrayList<>();
                }
                buckets[o][v].add(p);
            }
            List<Group> groups = new ArrayList<>();
            for (int o = 0; o < n; o++) {
                if (buckets[o] == null) {
                    continue;
                }
                for (int v = 0; v < buckets[o].length; v++) {
                    if (buckets[o][v] != null) {
                        groups.add(new Group(variants[o].get(v), List.copyOf(buckets[o][v])));
                    }
                }
            }
            return groups;
        }

        // IPv4 lengths /16../24 with today's shares (percent); shorter ones come from the pass below
        private static final int[] V4_LEN = {24, 23, 22, 21, 20, 19, 18, 17, 16};
        private static final int[] V4_PCT = {60, 10, 12, 6, 5, 3, 2, 1, 1};

        private static List<Prefix> ipv4Prefixes(SplittableRandom rnd, int count) {
            List<Prefix> out = new ArrayList<>(count);
            long cursor = 1L << 24; // 1.0.0.0
            int shortOnes = count / 2000; // /8../15, each placed inside its own aligned block
            while (out.size() < count - shortOnes) {
                int len = pick(rnd, V4_LEN, V4_PCT);
                long size = 1L << (32 - len);
                cursor = (cursor + size - 1) & -size;
                cursor = skipReserved(cursor);
                if (cursor + size > (224L << 24)) {
                    throw new IllegalArgumentException("a synthetic IPv4 table of " + count + " prefixes does not fit in unicast space");
                }
                out.add(Prefix.ipv4((int) cursor, len));
                cursor += size;
            }
            // covering aggregates of already-used space, as real tables carry both (distinct by length)
            int i = 0;
            while (out.size() < count) {
                Prefix p = out.get((int) ((long) i * 7919 % (count - shortOnes)));
                int len = 8 + (i % 8);
                Prefix agg = Prefix.ipv4(p.ipv4Address() & (int) (0xffffffffL << (32 - len)), len);
                if (!containsShort(out, count - shortOnes, agg)) {
                    out.add(agg);
                }
                i++;
            }
            return out;
        }

        private static boolean containsShort(List<Prefix> out, int from, Prefix p) {
            for (int i = from; i < out.size(); i++) {
                if (out.get(i).equals(p)) {
                    return true;
                }
            }
            return false;
        }

        /** Keeps the table out of 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16, where benches put links. */
        private static long skipReserved(long a) {
            long[][] holes = {{10L << 24, 11L << 24}, {(100L << 24) | (64L << 16), (100L << 24) | (128L << 16)}, {127L << 24, 128L << 24},
                {(169L << 24) | (254L << 16), (169L << 24) | (255L << 16)}, {(172L << 24) | (16L << 16), (172L << 24) | (32L << 16)},
                {(192L << 24) | (168L << 16), (192L << 24) | (169L << 16)}};
            for (long[] h : holes) {
                if (a >= h[0] && a < h[1]) {
                    return h[1];
                }
            }
            return a;
        }

        private static final int[] V6_LEN = {48, 32, 44, 40, 36, 47, 46, 29, 56, 64};
        private static final int[] V6_PCT = {48, 12, 8, 8, 5, 5, 4, 4, 4, 2};

        private static List<Prefix> ipv6Prefixes(SplittableRandom rnd, int count) {
            List<Prefix> out = new ArrayList<>(count);
            long cursor = 0x2001_0400_0000_0000L; // inside 2000::/3, clear of 2001:db8::/32 (documentation)
            while (out.size() < count) {
                int len = pick(rnd, V6_LEN, V6_PCT);
                long size = 1L << (64 - len);
                cursor = (cursor + size - 1) & -size;
                out.add(Prefix.ipv6(cursor, 0, len));
                cursor += size;
            }
            return out;
        }

        private static int pick(SplittableRandom rnd, int[] values, int[] pct) {
            int r = rnd.nextInt(100);
            for (int i = 0; i < values.length; i++) {
                r -= pct[i];
                if (r < 0) {
                    return values[i];
                }
            }
            return values[0];
        }
    }

    /** A whole table as wire bytes: UPDATEs then End-of-RIB, cut into chunks at message boundaries. */
    public record Encoded(List<byte[]> chunks, int messages, long bytes, int prefixes) {
    }

    /** Encodes the table for an eBGP session with 4-octet AS numbers; IPv6 is left out when {@code ipv6NextHop} is null. */
    public static Encoded encode(Table table, NextHop ipv4NextHop, NextHop ipv6NextHop) {
        UpdatePacker packer = new UpdatePacker(UpdateContext.ebgp(table.feederAs(), 0));
        ChunkWriter out = new ChunkWriter();
        int prefixes = 0;
        for (Group g : table.ipv4()) {
            out.messages += packer.announce(g.attributes().withNextHop(ipv4NextHop), g.prefixes(), out);
            prefixes += g.prefixes().size();
        }
        packer.endOfRib(Family.IPV4_UNICAST, out);
        out.messages++;
        if (ipv6NextHop != null) {
            for (Group g : table.ipv6()) {
                out.messages += packer.announce(g.attributes().withNextHop(ipv6NextHop), g.prefixes(), out);
                prefixes += g.prefixes().size();
            }
            packer.endOfRib(Family.IPV6_UNICAST, out);
            out.messages++;
        }
        out.flush();
        return new Encoded(List.copyOf(out.chunks), out.messages, out.bytes, prefixes);
    }

    private static final class ChunkWriter implements UpdatePacker.Sink {
        private static final int CHUNK = 256 * 1024;
        final List<byte[]> chunks = new ArrayList<>();
        byte[] cur = new byte[CHUNK];
        int pos;
        int messages;
        long bytes;

        @Override
        public void message(byte[] buffer, int offset, int length) {
            if (pos + length > cur.length) {
                flush();
            }
            System.arraycopy(buffer, offset, cur, pos, length);
            pos += length;
            bytes += length;
        }

        void flush() {
            if (pos > 0) {
                chunks.add(Arrays.copyOf(cur, pos));
                pos = 0;
            }
        }
    }

    /**
     * The OPEN handshake and a message reader on a connected socket; shared by the feeder and
     * {@link TableSink}. Keepalives are answered from the reader thread.
     */
    public abstract static class Peer implements AutoCloseable {
        protected final Socket socket;
        protected final OutputStream out;
        private final DataInputStream in;
        private final Object writeLock = new Object();
        private final long establishedNanos;
        private final OpenMessage peerOpen;
        private final Thread reader;
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile String closeReason;

        /** Sends OPEN (IPv4 and IPv6 unicast, route refresh, graceful restart without families, 4-octet AS), reads the peer's, exchanges KEEPALIVEs. */
        protected Peer(Socket socket, long localAs, int routerId, Duration timeout, String name) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(false);
            socket.setSendBufferSize(1 << 20);
            socket.setReceiveBufferSize(1 << 20);
            socket.setSoTimeout((int) timeout.toMillis());
            this.out = socket.getOutputStream();
            this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
            write(MessageCodec.encode(OpenMessage.of(localAs, 180, routerId, List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST),
                    new Capability.Multiprotocol(Family.IPV6_UNICAST), new Capability.RouteRefresh(),
                    // graceful restart as a helper only: FRR sends End-of-RIB only to peers that advertise it
                    new Capability.GracefulRestart(false, false, 120, List.of())))));
            byte[] m = readMessage();
            if ((m[18] & 0xff) != MessageType.OPEN.number()) {
                throw new IOException(name + ": expected OPEN, got message type " + (m[18] & 0xff));
            }
            try {
                peerOpen = (OpenMessage) MessageCodec.decode(m, UpdateContext.ebgp(localAs, 0));
            } catch (Exception e) {
                throw new IOException(name + ": the peer's OPEN does not decode: " + e.getMessage(), e);
            }
            write(MessageCodec.encode(KeepaliveMessage.INSTANCE));
            for (;;) {
                m = readMessage();
                int t = m[18] & 0xff;
                if (t == MessageType.KEEPALIVE.number()) {
                    break;
                }
                if (t == MessageType.NOTIFICATION.number()) {
                    throw new IOException(name + ": the peer sent NOTIFICATION " + (m[19] & 0xff) + "/" + (m[20] & 0xff) + " during the handshake");
                }
            }
            establishedNanos = System.nanoTime();
            socket.setSoTimeout(0);
            reader = new Thread(this::readLoop, name + "-reader");
            reader.setDaemon(true);
        }

        /**
         * Starts reading what the peer sends. Not from the constructor: a peer may send an UPDATE
         * right after the handshake, and {@link #update} of a subclass must not run before the
         * subclass's own fields are set (the sink's counters were null when BIRD was that quick).
         */
        protected final void startReading() {
            reader.start();
        }

        /** {@link System#nanoTime()} when the session became Established (our KEEPALIVE sent, the peer's received). */
        public long establishedNanos() {
            return establishedNanos;
        }

        public OpenMessage peerOpen() {
            return peerOpen;
        }

        /** Null while the session is up; else why it ended (NOTIFICATION, EOF, error). */
        public String closeReason() {
            return closeReason;
        }

        /** Called for each UPDATE the peer sends (whole message, header included), on the reader thread. */
        protected abstract void update(byte[] m, int length);

        protected final void write(byte[] b) throws IOException {
            write(b, 0, b.length);
        }

        protected final void write(byte[] b, int off, int len) throws IOException {
            synchronized (writeLock) {
                out.write(b, off, len);
                out.flush();
            }
        }

        private byte[] buf = new byte[MessageCodec.MAX_MESSAGE_LENGTH];

        private byte[] readMessage() throws IOException {
            in.readFully(buf, 0, MessageCodec.HEADER_LENGTH);
            int len = ((buf[16] & 0xff) << 8) | (buf[17] & 0xff);
            if (len < MessageCodec.HEADER_LENGTH || len > 65535) {
                throw new IOException("bad BGP message length " + len);
            }
            if (len > buf.length) {
                buf = Arrays.copyOf(buf, len); // extended messages (RFC 8654), should a peer send one
            }
            in.readFully(buf, MessageCodec.HEADER_LENGTH, len - MessageCodec.HEADER_LENGTH);
            return Arrays.copyOf(buf, len);
        }

        private void readLoop() {
            try {
                for (;;) {
                    in.readFully(buf, 0, MessageCodec.HEADER_LENGTH);
                    int len = ((buf[16] & 0xff) << 8) | (buf[17] & 0xff);
                    if (len < MessageCodec.HEADER_LENGTH || len > 65535) {
                        throw new IOException("bad BGP message length " + len);
                    }
                    if (len > buf.length) {
                        buf = Arrays.copyOf(buf, len);
                    }
                    in.readFully(buf, MessageCodec.HEADER_LENGTH, len - MessageCodec.HEADER_LENGTH);
                    int type = buf[18] & 0xff;
                    if (type == MessageType.KEEPALIVE.number()) {
                        write(MessageCodec.encode(KeepaliveMessage.INSTANCE));
                    } else if (type == MessageType.UPDATE.number()) {
                        update(buf, len);
                    } else if (type == MessageType.NOTIFICATION.number()) {
                        closeReason = "NOTIFICATION " + (buf[19] & 0xff) + "/" + (buf[20] & 0xff);
                        return;
                    }
                }
            } catch (EOFException e) {
                closeReason = "the peer closed the connection";
            } catch (IOException e) {
                if (closeReason == null) {
                    closeReason = e.getMessage() == null ? e.toString() : e.getMessage();
                }
            } finally {
                if (closeReason == null) {
                    closeReason = "ended";
                }
                closed.countDown();
            }
        }

        /** Waits up to {@code timeout} for the session to end; true when it did. */
        public boolean awaitClosed(Duration timeout) throws InterruptedException {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws IOException {
            if (closeReason == null) {
                closeReason = "closed locally";
            }
            socket.close();
        }
    }

    /** The feeding end: {@link #send} writes the table; what the peer advertises back is drained and dropped. */
    public static final class Session extends Peer {
        private Session(Socket socket, long localAs, int routerId, Duration timeout) throws IOException {
            super(socket, localAs, routerId, timeout, "feeder");
        }

        /** Runs the handshake on a connected (or accepted) socket; {@code timeout} bounds each read of it. */
        public static Session open(Socket socket, long localAs, int routerId, Duration timeout) throws IOException {
            Session s = new Session(socket, localAs, routerId, timeout);
            s.startReading();
            return s;
        }

        /** Writes every chunk (UPDATEs and End-of-RIB) as fast as TCP accepts them; returns {@link System#nanoTime()} when the last was written. */
        public long send(Encoded table) throws IOException {
            for (byte[] chunk : table.chunks()) {
                if (closeReason() != null) {
                    throw new IOException("the session ended while feeding: " + closeReason());
                }
                write(chunk);
            }
            return System.nanoTime();
        }

        @Override
        protected void update(byte[] m, int length) {
            // drained: the feeder does not look at routes sent back
        }
    }
}
