package net.archway.routing.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.archway.netlink.socket.NetworkNamespace;
import net.archway.netlink.testing.TestNamespace;
import net.archway.routing.Prefix;
import net.archway.routing.SocketScope;

/**
 * Real probes between two namespaces joined by a veth pair: a0 (10.10.0.1, 2001:db8:a::1) in the
 * prober's namespace, b0 (10.10.0.2, 2001:db8:a::2) in the target's. nftables in the target
 * drops traffic silently.
 */
class SocketProbeTransportIT {
    private TestNamespace here;
    private TestNamespace there;
    private SocketProbeTransport transport;

    static InetAddress ip(String s) {
        return Prefix.parseAddress(s, s);
    }

    @BeforeEach
    void setUp() {
        here = TestNamespace.create("probe-a");
        there = TestNamespace.create("probe-b");
        here.ip("link", "add", "a0", "type", "veth", "peer", "name", "b0", "netns", there.name());
        here.ip("addr", "add", "10.10.0.1/24", "dev", "a0");
        here.ip("addr", "add", "2001:db8:a::1/64", "dev", "a0", "nodad");
        there.ip("addr", "add", "10.10.0.2/24", "dev", "b0");
        there.ip("addr", "add", "2001:db8:a::2/64", "dev", "b0", "nodad");
        here.ip("link", "set", "a0", "up");
        there.ip("link", "set", "b0", "up");
        String ns = here.name();
        transport = new SocketProbeTransport(new SocketScope() {
            public <T> T call(java.util.function.Supplier<T> body) {
                return NetworkNamespace.callIn(ns, body);
            }
        });
        // a fresh veth drops IPv6 for a moment (addrconf waits for the link): wait until both families answer
        for (String target : List.of("10.10.0.2", "2001:db8:a::2")) {
            boolean ready = false;
            for (int i = 0; i < 30 && !ready; i++) {
                ready = transport.send(icmp(target), 100 + i).join() != null;
            }
            assertTrue(ready, target + " never answered: the test topology is broken");
        }
    }

    @AfterEach
    void tearDown() {
        transport.close();
        here.close();
        there.close();
    }

    private ProbeSettings icmp(String target) {
        return new ProbeSettings(new ProbeId("t", target), ProbeSettings.Type.ICMP_PING, ip(target), 0, null, null,
                Duration.ofMillis(500), 1, Duration.ofMillis(500), null);
    }

    private ProbeSettings tcp(String target, int port) {
        return new ProbeSettings(new ProbeId("t", target + ":" + port), ProbeSettings.Type.TCP_PING, ip(target), port,
                null, null, Duration.ofMillis(500), 1, Duration.ofMillis(500), null);
    }

    private void dropEverythingThere() {
        there.exec("nft", "add table inet aw; add chain inet aw in { type filter hook input priority 0; policy drop; }");
    }

    @Test
    void icmpEchoBothFamiliesWithSourceAndInterface() {
        Duration v4 = transport.send(icmp("10.10.0.2"), 1).join();
        Duration v6 = transport.send(icmp("2001:db8:a::2"), 2).join();
        assertNotNull(v4, "IPv4 echo reply");
        assertNotNull(v6, "IPv6 echo reply");
        assertTrue(v4.compareTo(Duration.ofMillis(500)) < 0);
        Duration bound = transport.send(icmp("10.10.0.2").withSource(ip("10.10.0.1"), "a0"), 3).join();
        assertNotNull(bound);
        assertNull(transport.send(icmp("10.10.0.9"), 4).join(), "nobody there: lost after the timeout");

        dropEverythingThere();
        assertNull(transport.send(icmp("10.10.0.2"), 5).join(), "silently dropped");
        assertNull(transport.send(icmp("2001:db8:a::2"), 6).join());
    }

    @Test
    void tcpConnectCountsSynAckAndResetAsReplies() throws Exception {
        ServerSocket server = NetworkNamespace.callIn(there.name(), () -> {
            try {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(ip("10.10.0.2"), 8443));
                return s;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (server) {
            assertNotNull(transport.send(tcp("10.10.0.2", 8443), 1).join(), "SYN-ACK");
            assertNotNull(transport.send(tcp("10.10.0.2", 8444), 2).join(), "RST from a closed port");
            dropEverythingThere();
            assertNull(transport.send(tcp("10.10.0.2", 8443), 3).join(), "silently dropped");
        }
    }

    @Test
    void aMissingInterfaceIsAnErrorNamingIt() {
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> transport.send(icmp("10.10.0.2").withSource(null, "st0.7"), 1).join());
        assertTrue(e.getCause().getMessage().contains("interface st0.7"), e.getCause().getMessage());
    }

    @Test
    void theProberFailsAndRecoversOnARealPath() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        LinkedBlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        try (Prober prober = new Prober(scheduler, transport, Clock.systemUTC(), (id, passing) -> changes.add(passing))) {
            prober.apply(List.of(new ProbeSettings(new ProbeId("tunnel", "primary"), ProbeSettings.Type.ICMP_PING,
                    ip("10.10.0.2"), 0, null, "a0", Duration.ofMillis(100), 5, Duration.ofMillis(100),
                    new ProbeSettings.Thresholds(3, 0, null))));
            Thread.sleep(300); // let a few replies through first
            dropEverythingThere();
            assertEquals(Boolean.FALSE, changes.poll(5, TimeUnit.SECONDS), "fails once the path goes silent");
            there.exec("nft", "delete table inet aw");
            assertEquals(Boolean.TRUE, changes.poll(5, TimeUnit.SECONDS), "passes again when it comes back");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
