package net.archway.routing.bfd;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import net.archway.routing.bfd.packet.BfdState;
import net.archway.routing.bfd.packet.ControlPacket;
import net.archway.routing.bfd.packet.ControlPacketCodec;
import net.archway.routing.bfd.packet.Diagnostic;
import net.archway.routing.bfd.packet.DropReason;
import net.archway.routing.bfd.packet.MalformedPacketException;
import net.archway.routing.bfd.session.BfdScheduler;
import net.archway.routing.bfd.session.BfdSession;
import net.archway.routing.bfd.session.SessionObserver;
import net.archway.routing.bfd.session.SessionParameters;
import net.archway.routing.bfd.transport.ReceivedDatagram;

/**
 * Every session of one BFD instance, its clients, and the reception procedure of RFC 5880
 * §6.8.6 up to the point where a packet has found its session (with RFC 5881 §5's and RFC 5883
 * §5's TTL checks). Runs on the BFD event loop only; knows no sockets (a {@link PeerPath} sends).
 */
final class SessionTable {
    private static final Logger LOG = System.getLogger(SessionTable.class.getName());

    /** How a session's packets leave. */
    interface PeerPath {
        boolean send(ControlPacket packet);

        /** The interface the session is tied to (0: none). */
        int ifindex();

        int sourcePort();
    }

    /** One client of a session. */
    static final class Client {
        final BfdListener listener;
        BfdSessionSettings settings;
        Entry entry;

        Client(BfdSessionSettings settings, BfdListener listener) {
            this.settings = settings;
            this.listener = listener;
        }
    }

    final class Entry implements SessionObserver {
        final BfdSessionKey key;
        final PeerPath path;
        final List<Client> clients = new ArrayList<>();
        BfdSession session;
        int minimumTtl;

        Entry(BfdSessionKey key, PeerPath path) {
            this.key = key;
            this.path = path;
        }

        @Override
        public boolean transmit(BfdSession s, ControlPacket packet) {
            return path.send(packet);
        }

        @Override
        public void stateChanged(BfdSession s, BfdState from, BfdState to, Diagnostic diagnostic) {
            if (to == BfdState.UP) {
                for (Client c : List.copyOf(clients)) {
                    notifyUp(c);
                }
            } else if (from == BfdState.UP) {
                boolean peerAdminDown = s.remoteState() == BfdState.ADMIN_DOWN;
                for (Client c : List.copyOf(clients)) {
                    try {
                        c.listener.down(key, diagnostic, peerAdminDown);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "BFD listener of " + key + " failed", e);
                    }
                }
            }
        }

        void notifyUp(Client c) {
            try {
                c.listener.up(key);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "BFD listener of " + key + " failed", e);
            }
        }

        /** Shared sessions take the fastest timing any client asks for, and are AdminDown only when every client says so. */
        SessionParameters parameters() {
            long tx = Long.MAX_VALUE;
            long rx = Long.MAX_VALUE;
            int mult = 255;
            boolean adminDown = true;
            int ttl = 1;
            for (Client c : clients) {
                BfdSessionSettings s = c.settings;
                tx = Math.min(tx, micros(s.minimumTransmitInterval()));
                rx = Math.min(rx, micros(s.minimumReceiveInterval()));
                mult = Math.min(mult, s.multiplier());
                adminDown &= s.adminDown();
                ttl = Math.max(ttl, s.minimumTtl());
            }
            minimumTtl = ttl;
            return new SessionParameters(tx, rx, mult, adminDown);
        }
    }

    private final BfdScheduler scheduler;
    private final RandomGenerator random;
    private final Map<BfdSessionKey, Entry> byKey = new LinkedHashMap<>();
    private final Map<Integer, Entry> byDiscriminator = new HashMap<>();
    private final Map<InetAddress, List<Entry>> byPeer = new HashMap<>();
    private final EnumMap<DropReason, Long> unmatched = new EnumMap<>(DropReason.class);

    SessionTable(BfdScheduler scheduler, RandomGenerator random) {
        this.scheduler = scheduler;
        this.random = random;
    }

    boolean has(BfdSessionKey key) {
        return byKey.containsKey(key);
    }

    /** Adds a client; {@code path} is used when its key has no session yet (the caller closes an unused one). */
    boolean add(Client client, PeerPath path) {
        BfdSessionKey key = client.settings.key();
        Entry e = byKey.get(key);
        boolean created = e == null;
        if (created) {
            e = new Entry(key, path);
            e.clients.add(client);
            client.entry = e;
            int discr = newDiscriminator();
            e.session = new BfdSession(discr, key.toString(), e.parameters(), scheduler, random, e);
            byKey.put(key, e);
            byDiscriminator.put(discr, e);
            byPeer.computeIfAbsent(key.peer(), p -> new ArrayList<>()).add(e);
            e.session.start();
        } else {
            e.clients.add(client);
            client.entry = e;
            e.session.update(e.parameters());
            if (e.session.state() == BfdState.UP) {
                e.notifyUp(client);
            }
        }
        return created;
    }

    /** Changes a client's timing or admin state (same key). */
    void update(Client client, BfdSessionSettings settings) {
        client.settings = settings;
        client.entry.session.update(client.entry.parameters());
    }

    /** Removes a client; returns the path of the session it closed, or null when others still share it. */
    PeerPath remove(Client client) {
        Entry e = client.entry;
        if (e == null) {
            return null;
        }
        client.entry = null;
        e.clients.remove(client);
        if (!e.clients.isEmpty()) {
            e.session.update(e.parameters());
            return null;
        }
        e.session.close();
        byKey.remove(e.key);
        byDiscriminator.remove(e.session.localDiscriminator());
        List<Entry> same = byPeer.get(e.key.peer());
        same.remove(e);
        if (same.isEmpty()) {
            byPeer.remove(e.key.peer());
        }
        return e.path;
    }

    private int newDiscriminator() {
        while (true) {
            int d = random.nextInt();
            if (d != 0 && !byDiscriminator.containsKey(d)) {
                return d;
            }
        }
    }

    // ------------------------------------------------------------ reception

    /** RFC 5880 §6.8.6 up to the session, with the TTL rules of RFC 5881 §5 and RFC 5883 §5. */
    void receive(ReceivedDatagram d) {
        // RFC 5881 §5: single-hop packets not sent with TTL 255 are discarded before anything else.
        if (!d.multihop() && d.ttl() != 255) {
            count(DropReason.TTL);
            return;
        }
        ControlPacket p;
        try {
            p = ControlPacketCodec.decode(d.payload());
        } catch (MalformedPacketException e) {
            count(e.reason());
            return;
        }
        Entry e;
        if (p.yourDiscriminator() != 0) {
            e = byDiscriminator.get(p.yourDiscriminator());
            if (e == null || e.key.multihop() != d.multihop()) {
                count(DropReason.UNKNOWN_YOUR_DISCRIMINATOR);
                return;
            }
            if (!e.key.peer().equals(d.source())) {
                e.session.drop(DropReason.WRONG_PEER);
                return;
            }
        } else {
            if (p.state() != BfdState.DOWN && p.state() != BfdState.ADMIN_DOWN) {
                count(DropReason.ZERO_YOUR_DISCRIMINATOR_NOT_DOWN);
                return;
            }
            e = find(d);
            if (e == null) {
                count(DropReason.NO_SESSION);
                return;
            }
        }
        if (!d.multihop() && e.path.ifindex() != 0 && d.ifindex() != e.path.ifindex()) {
            e.session.drop(DropReason.WRONG_INTERFACE);
            return;
        }
        if (d.multihop() && d.ttl() < e.minimumTtl) {
            e.session.drop(DropReason.TTL);
            return;
        }
        e.session.receive(p);
    }

    /** The session for a packet without Your Discriminator: by source, hop mode, interface and destination. */
    private Entry find(ReceivedDatagram d) {
        List<Entry> candidates = byPeer.get(d.source());
        if (candidates == null) {
            return null;
        }
        Entry loose = null;
        for (Entry e : candidates) {
            if (e.key.multihop() != d.multihop()) {
                continue;
            }
            boolean ifOk = e.path.ifindex() == 0 || e.path.ifindex() == d.ifindex();
            boolean localOk = e.key.localAddress() == null || e.key.localAddress().equals(d.destination());
            if (ifOk && localOk) {
                if (e.path.ifindex() != 0 && e.key.localAddress() != null) {
                    return e;
                }
                loose = loose == null ? e : loose;
            } else if (!ifOk && localOk && loose == null && !d.multihop()) {
                // Let the interface check count it against the session rather than as unmatched.
                loose = e;
            }
        }
        return loose;
    }

    private void count(DropReason r) {
        unmatched.merge(r, 1L, Long::sum);
    }

    Map<DropReason, Long> unmatchedDrops() {
        return Map.copyOf(unmatched);
    }

    // ------------------------------------------------------------ snapshots

    List<BfdSessionSnapshot> snapshot() {
        List<BfdSessionSnapshot> out = new ArrayList<>(byKey.size());
        long now = scheduler.nanoTime();
        for (Entry e : byKey.values()) {
            out.add(snapshot(e, now));
        }
        return out;
    }

    BfdSessionSnapshot snapshot(BfdSessionKey key) {
        Entry e = byKey.get(key);
        return e == null ? null : snapshot(e, scheduler.nanoTime());
    }

    private static BfdSessionSnapshot snapshot(Entry e, long now) {
        BfdSession s = e.session;
        var c = s.counters();
        return new BfdSessionSnapshot(e.key, s.state(), s.remoteState(),
                Integer.toUnsignedLong(s.localDiscriminator()), Integer.toUnsignedLong(s.remoteDiscriminator()),
                s.localDiagnostic(), c.lastDownDiagnostic(),
                s.parameters().detectMult(), s.remoteDetectMult(),
                us(s.desiredMinTxInterval()), us(s.requiredMinRxInterval()),
                us(s.remoteDesiredMinTxInterval()), us(s.remoteMinRxInterval()),
                us(s.transmitIntervalMicros()), us(s.detectionTimeMicros()),
                s.pollActive(), e.path.ifindex(), e.path.sourcePort(), e.clients.size(),
                Duration.ofNanos(Math.max(0, now - c.lastStateChangeNanos())), c);
    }

    private static Duration us(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    void closeAll() {
        for (Entry e : byKey.values()) {
            e.session.close();
        }
    }
}
