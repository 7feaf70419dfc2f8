package net.archway.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import net.archway.netlink.route.InterfaceAddress;
import net.archway.netlink.route.LinkSpec;
import net.archway.netlink.route.NextHop;
import net.archway.netlink.route.Route;
import net.archway.netlink.route.RouteProtocol;
import net.archway.netlink.route.RouteRequest;
import net.archway.netlink.route.Rtnetlink;
import net.archway.netlink.route.Rtnl;
import net.archway.netlink.testing.TestNamespace;

/** Pipelined batches: every refusal reported against its own request, and a bounded window. */
class BatchIT {
    private static final RouteProtocol ARCHWAY = RouteProtocol.valueOf(145);
    private static final int N = 20_000;

    /** Route i: 10.x.y.0/24; every 997th has an unreachable gateway, every 1009th repeats route i-1. */
    private static Route route(int i, java.net.InetAddress good, java.net.InetAddress bad, int dev) {
        int n = i % 1009 == 0 && i > 0 ? i - 1 : i;
        IpPrefix p = IpPrefix.containing(IpAddresses.parse("10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff)), 32);
        return Route.unicast(p, ARCHWAY, NextHop.via(i % 997 == 0 ? bad : good, dev));
    }

    @Test
    void failuresAreReportedPerRequestAndTheWindowIsBounded() {
        try (TestNamespace ns = TestNamespace.create("batch"); Rtnetlink rtnl = Rtnetlink.open(ns.name())) {
            rtnl.links().create(new LinkSpec.Veth("aw0", "aw1"));
            rtnl.links().setUp("aw0");
            rtnl.links().setUp("aw1");
            int dev = rtnl.links().indexOf("aw0");
            rtnl.addresses().add(InterfaceAddress.parse(dev, "192.0.2.1/24"));
            var good = IpAddresses.parse("192.0.2.2");
            var bad = IpAddresses.parse("203.0.113.1");
            int window = rtnl.connection().window();

            long[] completed = {0};
            int[] maxOutstanding = {0};
            Iterator<RouteRequest> requests = new Iterator<>() {
                int i;

                public boolean hasNext() {
                    return i < N;
                }

                public RouteRequest next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    maxOutstanding[0] = (int) Math.max(maxOutstanding[0], i - completed[0]);
                    return RouteRequest.add(route(i++, good, bad, dev));
                }
            };
            List<String> failures = new ArrayList<>();
            BatchResult result = rtnl.routes().apply(requests, new BatchListener<RouteRequest>() {
                @Override
                public void failed(RouteRequest r, NetlinkKernelException e) {
                    completed[0]++;
                    failures.add(r.route().destination() + " " + e.errno());
                }

                @Override
                public void succeeded(RouteRequest r) {
                    completed[0]++;
                }
            });

            Set<String> expectedFailures = new TreeSet<>();
            int expectedOk = 0;
            for (int i = 0; i < N; i++) {
                Route r = route(i, good, bad, dev);
                if (i % 997 == 0) {
                    expectedFailures.add(r.destination() + " ENETUNREACH");
                } else if (i % 1009 == 0 && i > 0 && (i - 1) % 997 != 0) {
                    expectedFailures.add(r.destination() + " EEXIST");
                } else {
                    expectedOk++;
                }
            }
            assertEquals(expectedFailures, new TreeSet<>(failures));
            assertEquals(N, result.submitted());
            assertEquals(expectedFailures.size(), result.failed());
            assertEquals(expectedOk, result.succeeded());
            assertTrue(maxOutstanding[0] <= window, "at most " + window + " unanswered, saw " + maxOutstanding[0]);

            List<Route> installed = rtnl.routes().list(Rtnl.AF_INET, Route.TABLE_MAIN, ARCHWAY.number());
            assertEquals(expectedOk, installed.size());
            String counted = ns.exec("sh", "-c", "ip route show proto 145 | wc -l").trim();
            assertEquals(String.valueOf(expectedOk), counted);

            BatchResult deleted = rtnl.routes().apply(installed.stream().map(RouteRequest::delete).iterator(),
                    BatchListener.IGNORE);
            assertEquals(expectedOk, deleted.succeeded());
            assertEquals(0, rtnl.routes().list(Rtnl.AF_INET, Route.TABLE_MAIN, ARCHWAY.number()).size());
        }
    }
}
