package net.archway.netlink.bench;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.NoSuchElementException;

import net.archway.netlink.BatchListener;
import net.archway.netlink.BatchResult;
import net.archway.netlink.IpAddresses;
import net.archway.netlink.IpPrefix;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.route.NextHop;
import net.archway.netlink.route.NexthopObject;
import net.archway.netlink.route.Route;
import net.archway.netlink.route.RouteProtocol;
import net.archway.netlink.route.RouteRequest;
import net.archway.netlink.route.Rtnetlink;
import net.archway.netlink.route.Rtnl;

/**
 * One measured run for {@link RouteBenchmark}, in a JVM of its own so that its peak RSS is its
 * own: installs N /24 routes with a pipelined batch into the given namespace, checks the kernel
 * holds exactly N, deletes them the same way, and prints {@code add_seconds delete_seconds}.
 * Routes are generated as the batch asks for them: nothing holds all N.
 *
 * <p>Usage: RouteInstallWorker NAMESPACE COUNT single|ecmp|ecmp-nhg (ecmp-nhg: routes through a
 * kernel nexthop group of the two gateways, made first)
 */
public final class RouteInstallWorker {
    static final RouteProtocol PROTOCOL = RouteProtocol.valueOf(145);

    private RouteInstallWorker() {
    }

    /** Route i: the i-th /24 from 32.0.0.0 (one million fit below 48.0.0.0). */
    static IpPrefix prefix(int i) {
        int a = 0x20000000 + (i << 8);
        try {
            return new IpPrefix(InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), 0}), 24);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static final int GROUP_ID = 3;

    static Iterator<RouteRequest> requests(int count, boolean add, NextHop[] hops, boolean viaGroup) {
        return new Iterator<>() {
            int i;

            public boolean hasNext() {
                return i < count;
            }

            public RouteRequest next() {
                if (i >= count) {
                    throw new NoSuchElementException();
                }
                Route r = viaGroup ? Route.viaNexthopObject(prefix(i++), PROTOCOL, GROUP_ID)
                        : Route.unicast(prefix(i++), PROTOCOL, hops);
                return add ? RouteRequest.add(r) : RouteRequest.delete(r);
            }
        };
    }

    public static void main(String[] args) {
        String namespace = args[0];
        int count = Integer.parseInt(args[1]);
        boolean viaGroup = args[2].equals("ecmp-nhg");
        boolean ecmp = viaGroup || args[2].equals("ecmp");
        try (Rtnetlink rtnl = Rtnetlink.open(namespace)) {
            int dev = rtnl.links().indexOf("aw0");
            InetAddress g1 = IpAddresses.parse("10.255.0.2");
            InetAddress g2 = IpAddresses.parse("10.255.0.3");
            NextHop[] hops = ecmp ? new NextHop[] {NextHop.via(g1, dev), NextHop.via(g2, dev)}
                    : new NextHop[] {NextHop.via(g1, dev)};
            BatchListener<RouteRequest> failOnError = new BatchListener<>() {
                @Override
                public void failed(RouteRequest request, NetlinkKernelException error) {
                    throw new IllegalStateException(error.getMessage());
                }
            };

            if (viaGroup) {
                rtnl.nexthops().add(NexthopObject.Single.via(1, g1, dev, PROTOCOL));
                rtnl.nexthops().add(NexthopObject.Single.via(2, g2, dev, PROTOCOL));
                rtnl.nexthops().add(NexthopObject.Group.of(GROUP_ID, PROTOCOL, NexthopObject.Member.of(1),
                        NexthopObject.Member.of(2)));
            }
            BatchResult added = rtnl.routes().apply(requests(count, true, hops, viaGroup), failOnError);
            long[] installed = {0};
            rtnl.routes().forEach(Rtnl.AF_INET, Route.TABLE_MAIN, PROTOCOL.number(), r -> {
                if (r.nextHops().size() != hops.length) {
                    throw new IllegalStateException("kernel route " + r + " has the wrong next hops");
                }
                installed[0]++;
            });
            if (installed[0] != count) {
                throw new IllegalStateException("kernel holds " + installed[0] + " routes, expected " + count);
            }
            BatchResult deleted = rtnl.routes().apply(requests(count, false, hops, viaGroup), failOnError);
            System.out.printf("%.6f %.6f%n", added.elapsed().toNanos() / 1e9, deleted.elapsed().toNanos() / 1e9);
        }
    }
}
