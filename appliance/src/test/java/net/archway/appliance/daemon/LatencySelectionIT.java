package net.archway.appliance.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.appliance.testing.DelayLine;
import net.archway.netlink.testing.TestNamespace;

/**
 * Scenario S3: two parallel lines measured by RPM probes, the route following the faster healthy
 * one with hysteresis. Each line runs through a delay line in a namespace of its own:
 * router eth1 - [d1a | 30 ms | d1b] - p1 (192.0.2.2), router eth2 - [d2a | 5 ms | d2b] - p2 (192.0.2.6).
 */
class LatencySelectionIT {
    static final String CONFIG = DaemonIT.CONFIG.substring(0, DaemonIT.CONFIG.indexOf("routing-options")) + """
            routing-options {
                static {
                    route 10.17.11.0/25 {
                        qualified-next-hop 192.0.2.2 {
                            latency-probe line-a;
                        }
                        qualified-next-hop 192.0.2.6 {
                            latency-probe line-b;
                        }
                        latency-selection {
                            margin 5;
                            margin-percent 10;
                            stable-tests 3;
                        }
                    }
                }
            }
            services {
                rpm {
                    probe line-a {
                        test rtt {
                            probe-type icmp-ping;
                            target address 192.0.2.2;
                            probe-interval 1;
                            probe-count 2;
                            thresholds {
                                successive-loss 1;
                            }
                        }
                    }
                    probe line-b {
                        test rtt {
                            probe-type icmp-ping;
                            target address 192.0.2.6;
                            probe-interval 1;
                            probe-count 2;
                            thresholds {
                                successive-loss 1;
                            }
                        }
                    }
                }
            }
            """;

    private TestNamespace routerNs;
    private TestNamespace peer;
    private TestNamespace lineA;
    private TestNamespace lineB;
    private DelayLine delayA;
    private DelayLine delayB;
    private RouterUnderTest router;

    @BeforeEach
    void setUp() throws Exception {
        routerNs = TestNamespace.create("s3");
        peer = TestNamespace.create("s3-peer");
        lineA = TestNamespace.create("s3-a");
        lineB = TestNamespace.create("s3-b");
        int i = 1;
        for (TestNamespace line : new TestNamespace[] {lineA, lineB}) {
            routerNs.ip("link", "add", "eth" + i, "type", "veth", "peer", "name", "d" + i + "a", "netns", line.name());
            line.ip("link", "add", "d" + i + "b", "type", "veth", "peer", "name", "p" + i, "netns", peer.name());
            line.ip("link", "set", "d" + i + "a", "up");
            line.ip("link", "set", "d" + i + "b", "up");
            peer.ip("link", "set", "p" + i, "up");
            i++;
        }
        peer.ip("addr", "add", "192.0.2.2/30", "dev", "p1");
        peer.ip("addr", "add", "192.0.2.6/30", "dev", "p2");
        delayA = new DelayLine(lineA.name(), "d1a", "d1b", 30);
        delayB = new DelayLine(lineB.name(), "d2a", "d2b", 5);
        router = new RouterUnderTest(routerNs, CONFIG).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (router != null) {
            router.close();
        }
        delayA.close();
        delayB.close();
        for (TestNamespace ns : new TestNamespace[] {routerNs, peer, lineA, lineB}) {
            ns.close();
        }
    }

    private String dev() {
        JsonNode r = routerNs.ipJson("route", "show", "10.17.11.0/25", "proto", "145");
        if (r.size() == 0 || r.get(0).has("nexthops")) {
            return "ecmp";
        }
        return r.get(0).path("dev").asText();
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        fail(what + " within " + seconds + " s");
    }

    @Test
    void theRouteFollowsTheFasterHealthyLineWithHysteresis() throws Exception {
        await("line B, 5 ms against 30 ms", 30, () -> "eth2".equals(dev()));
        String show = router.exec("show services rpm latency-selection").output();
        assertTrue(show.contains("> to 192.0.2.6"), show);

        delayB.setDelayMillis(45);
        delayA.setDelayMillis(0);
        Thread.sleep(2500);
        assertTrue("eth2".equals(dev()), "one slower test is not enough to move (hysteresis)");
        await("line A once it has been faster for three of its tests", 30, () -> "eth1".equals(dev()));

        peer.exec("nft", "add table netdev t; add chain netdev t in { type filter hook ingress device p1 priority 0; policy drop; }");
        await("line B when line A fails, at once", 10, () -> "eth2".equals(dev()));
    }
}
