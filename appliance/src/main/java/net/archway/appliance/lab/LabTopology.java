package net.archway.appliance.lab;

import java.util.List;

/**
 * The lab's network, modelled on scenario S4 (a site reaching a cloud over two lines):
 *
 * <pre>
 *  site host            site router (Archway)                 cloud router (Archway)          cloud host
 *  aw-lab-site  eth0 ── eth0 aw-lab-ce  eth1 ── line A ── eth1  aw-lab-cloud  eth0 ── eth0  aw-lab-vm
 *  10.1.11.10/25        10.1.11.1/25    eth2 ── line B ── eth2  10.17.11.129/26        10.17.11.132/26
 *                       line A: 192.168.11.16/30 (.17 site, .18 cloud)
 *                       line B: 192.168.11.20/30 (.21 site, .22 cloud)
 * </pre>
 *
 * Everything lives in these namespaces; the machine's own namespace is never touched.
 */
public final class LabTopology {
    private LabTopology() {
    }

    public static final String PREFIX = "aw-lab-";
    public static final String SITE_HOST = PREFIX + "site";
    public static final String SITE_ROUTER = PREFIX + "ce";
    public static final String CLOUD_ROUTER = PREFIX + "cloud";
    public static final String CLOUD_HOST = PREFIX + "vm";

    public static final List<String> NAMESPACES = List.of(SITE_HOST, SITE_ROUTER, CLOUD_ROUTER, CLOUD_HOST);

    /** A veth pair between two namespaces, with the host-side address of each end (routers' ends are configured by Archway). */
    public record Wire(String nsA, String ifA, String addrA, String nsB, String ifB, String addrB) {
    }

    public static final List<Wire> WIRES = List.of(
            new Wire(SITE_HOST, "eth0", "10.1.11.10/25", SITE_ROUTER, "eth0", null),
            new Wire(SITE_ROUTER, "eth1", null, CLOUD_ROUTER, "eth1", null),
            new Wire(SITE_ROUTER, "eth2", null, CLOUD_ROUTER, "eth2", null),
            new Wire(CLOUD_ROUTER, "eth0", null, CLOUD_HOST, "eth0", "10.17.11.132/26"));

    /** The hosts' default gateways. */
    public static final List<String[]> HOST_ROUTES = List.of(
            new String[] {SITE_HOST, "10.1.11.1"},
            new String[] {CLOUD_HOST, "10.17.11.129"});

    /** The two routers: namespace, name in messages, configuration resource. */
    public record Router(String namespace, String name, String configResource) {
    }

    public static final List<Router> ROUTERS = List.of(
            new Router(SITE_ROUTER, "site", "site-router.conf"),
            new Router(CLOUD_ROUTER, "cloud", "cloud-router.conf"));
}
