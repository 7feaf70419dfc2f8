package net.archway.routing.bgp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.BgpMessage;
import net.archway.routing.bgp.message.MessageCodec;
import net.archway.routing.bgp.message.NextHop;
import net.archway.routing.bgp.message.UpdateContext;
import net.archway.routing.bgp.message.UpdateMessage;

class TableFeederTest {

    @Test
    void tableIsDeterministicDistinctAndShaped() {
        TableFeeder.Table a = TableFeeder.Table.generate(20_000, 4_000, 65001, 7);
        TableFeeder.Table b = TableFeeder.Table.generate(20_000, 4_000, 65001, 7);
        assertEquals(a.prefixes(), b.prefixes());
        List<Prefix> all = a.prefixes();
        assertEquals(24_000, all.size());
        assertEquals(24_000, new HashSet<>(all).size(), "prefixes are distinct");
        long slash24 = all.stream().filter(p -> p.isIpv4() && p.length() == 24).count();
        assertTrue(slash24 > 10_000 && slash24 < 14_000, "about 60 % /24: " + slash24);
        assertTrue(a.attributeSets() > 100 && a.attributeSets() < 24_000 / 3, "shared attribute sets: " + a.attributeSets());
        for (TableFeeder.Group g : a.ipv4()) {
            int hops = g.attributes().asPath().toString().split(" ").length;
            assertTrue(hops >= 2 && hops <= 8, "2-8 hops: " + g.attributes().asPath());
        }
    }

    @Test
    void encodedUpdatesDecodeToTheTable() throws Exception {
        TableFeeder.Table t = TableFeeder.Table.generate(5_000, 1_000, 65001, 3);
        TableFeeder.Encoded e = TableFeeder.encode(t, NextHop.of(InetAddress.getByName("192.0.2.1")), NextHop.of(InetAddress.getByName("2001:db8::1")));
        HashSet<Prefix> seen = new HashSet<>();
        int eor = 0;
        for (byte[] c : e.chunks()) {
            int p = 0;
            while (p < c.length) {
                int len = MessageCodec.lengthField(c, p);
                BgpMessage m = MessageCodec.decode(c, p, len, UpdateContext.ebgp(65002, 65001));
                UpdateMessage u = (UpdateMessage) m;
                if (u.isEndOfRib()) {
                    eor++;
                }
                u.announced().forEach(a -> seen.addAll(a.prefixes()));
                p += len;
            }
        }
        assertEquals(2, eor);
        assertEquals(new HashSet<>(t.prefixes()), seen);
        assertTrue(e.messages() < 6_000 / 4, "packed many NLRI per UPDATE: " + e.messages() + " messages");
    }

    @Test
    void sinkCountsWhatTheFeederSends() throws Exception {
        TableFeeder.Table t = TableFeeder.Table.generate(10_000, 2_000, 65001, 1);
        TableFeeder.Encoded e = TableFeeder.encode(t, NextHop.of(InetAddress.getByName("192.0.2.1")), NextHop.of(InetAddress.getByName("2001:db8::1")));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<TableSink> sink = CompletableFuture.supplyAsync(() -> {
                try {
                    return TableSink.open(server.accept(), 65002, 0x0a000002, Duration.ofSeconds(5));
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            try (TableFeeder.Session feeder = TableFeeder.Session.open(s, 65001, 0x0a000001, Duration.ofSeconds(5));
                    TableSink in = sink.get()) {
                feeder.send(e);
                assertTrue(in.awaitPrefixes(12_000, Duration.ofSeconds(20)) > 0, "the sink got " + in.prefixes());
                assertEquals(10_000, in.ipv4Prefixes());
                assertEquals(2_000, in.ipv6Prefixes());
                long deadline = System.nanoTime() + 5_000_000_000L;
                while ((in.ipv4EndOfRibNanos() == 0 || in.ipv6EndOfRibNanos() == 0) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTrue(in.ipv4EndOfRibNanos() > 0 && in.ipv6EndOfRibNanos() > 0, "End-of-RIB of both families");
            }
        }
    }
}
