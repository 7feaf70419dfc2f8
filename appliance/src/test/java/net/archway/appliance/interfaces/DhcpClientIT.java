package net.archway.appliance.interfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.appliance.daemon.RouterUnderTest;
import net.archway.netlink.testing.TestNamespace;

/**
 * {@code family inet dhcp} end to end: the daemon in a namespace, busybox's udhcpd serving the
 * other end of a veth. The lease's address lands on the interface, its router as an
 * Access-internal default route in the kernel; both survive a commit elsewhere and a restart of
 * the daemon (the configuration, not a boot script, asks for DHCP: the firmware's factory
 * default); removing {@code dhcp} takes them away; a unit with both dhcp and an address is
 * refused with nothing changed; a daemon killed with SIGKILL leaves no DHCP client behind; a
 * unit moved from a static address to DHCP loses the static one.
 */
class DhcpClientIT {
    static final String CONFIG = """
            system {
                host-name r1;
                login {
                    user admin {
                        class super-user;
                        authentication {
                            ssh-ed25519 "@KEY@";
                        }
                    }
                }
                services {
                    ssh {
                        port 22;
                    }
                }
            }
            interfaces {
                eth0 {
                    unit 0 {
                        family {
                            inet {
                                dhcp;
                            }
                        }
                    }
                }
            }
            """;

    private TestNamespace routerNs;
    private TestNamespace server;
    private RouterUnderTest router;
    private Path serverDir;
    private Process udhcpd;
    private java.util.Set<String> tempBefore;

    @BeforeEach
    void setUp() throws Exception {
        routerNs = TestNamespace.create("dhcp");
        server = TestNamespace.create("dhcp-srv");
        routerNs.ip("link", "set", "lo", "up");
        routerNs.ip("link", "add", "eth0", "type", "veth", "peer", "name", "s0", "netns", server.name());
        server.ip("addr", "add", "10.77.0.1/24", "dev", "s0");
        server.ip("link", "set", "s0", "up");
        serverDir = Files.createTempDirectory("aw-udhcpd-");
        Files.writeString(serverDir.resolve("udhcpd.conf"), """
                start 10.77.0.100
                end 10.77.0.109
                interface s0
                lease_file %1$s/leases
                pidfile %1$s/udhcpd.pid
                option subnet 255.255.255.0
                option router 10.77.0.1
                option lease 120
                """.formatted(serverDir));
        Files.writeString(serverDir.resolve("leases"), "");
        startServer();
        tempBefore = archwayTempEntries();
        router = new RouterUnderTest(routerNs, CONFIG).start();
    }

    private void startServer() throws Exception {
        udhcpd = new ProcessBuilder("ip", "netns", "exec", server.name(), "busybox", "udhcpd", "-f",
                serverDir.resolve("udhcpd.conf").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(serverDir.resolve("udhcpd.log").toFile())).start();
    }

    /** SIGTERM, and udhcpd gone before anything else happens. */
    private void stopServer() throws Exception {
        udhcpd.destroy();
        assertTrue(udhcpd.waitFor(10, TimeUnit.SECONDS), "udhcpd stopped");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (router != null) {
            router.close();
        }
        if (udhcpd != null) {
            udhcpd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        routerNs.close();
        server.close();
        try (var walk = Files.walk(serverDir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private String leasedAddress() {
        List<String> all = leasedAddresses();
        return all.isEmpty() ? null : all.get(0);
    }

    private List<String> leasedAddresses() {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode a : routerNs.ipJson("-4", "addr", "show", "dev", "eth0").path(0).path("addr_info")) {
            if (a.path("local").asText().startsWith("10.77.0.1") && a.path("prefixlen").asInt() == 24) {
                out.add(a.path("local").asText() + "/24");
            }
        }
        return out;
    }

    private String defaultGateway() {
        JsonNode r = routerNs.ipJson("route", "show", "default", "proto", "145");
        return r.size() == 0 ? null : r.get(0).path("gateway").asText(null);
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        fail(what + " within 30 s; udhcpd said:\n" + Files.readString(serverDir.resolve("udhcpd.log")) + "\ndaemon:\n"
                + router.console());
    }

    /** What the machine's temporary directory holds with a name of Archway's (the daemon's own files start so). */
    private static java.util.Set<String> archwayTempEntries() throws java.io.IOException {
        try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("archway-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private long dhcpClients() {
        String pids = TestNamespace.runQuietly(List.of("ip", "netns", "pids", routerNs.name())).output().trim();
        long n = 0;
        for (String pid : pids.split("\\s+")) {
            if (pid.isEmpty()) {
                continue;
            }
            try {
                String[] argv = Files.readString(Path.of("/proc", pid, "cmdline")).split("\0");
                if (argv[0].endsWith("udhcpc") || argv[0].endsWith("busybox") && argv.length > 1 && argv[1].equals("udhcpc")) {
                    n++; // udhcpc itself, not the wrapper around it
                }
            } catch (java.io.IOException e) {
                // gone meanwhile
            }
        }
        return n;
    }

    private String binding() {
        try {
            return router.exec("show dhcp client binding").output();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void theLeaseConfiguresTheInterfaceAndDefaultRouteAndFollowsTheConfiguration() throws Exception {
        await("a lease on eth0", () -> leasedAddress() != null);
        await("the lease's default route", () -> "10.77.0.1".equals(defaultGateway()));
        String address = leasedAddress();
        String binding = router.exec("show dhcp client binding").output();
        assertTrue(binding.contains(address) && binding.contains("BOUND") && binding.contains("10.77.0.1")
                && binding.contains("eth0"), binding);
        String json = router.exec("show dhcp client binding | display json").output();
        assertTrue(json.contains("\"state\" : \"BOUND\"") || json.contains("\"state\":\"BOUND\""), json);
        String route = router.exec("show route 0.0.0.0/0 exact").output();
        assertTrue(route.contains("Access-internal/12") && route.contains("10.77.0.1"), route);
        assertEquals(0, TestNamespace.runQuietly(List.of("ip", "netns", "exec", routerNs.name(), "ping", "-c", "1", "-W", "2",
                "10.77.0.1")).exit());

        // a unit with both dhcp and an address: refused, nothing changes
        TestNamespace.Result refused = router.cli("configure\nset interfaces eth0 unit 0 family inet address 10.9.9.1/24\n"
                + "commit\nrollback 0\nexit configuration-mode\n");
        assertTrue(refused.output().contains("'dhcp' and 'address' are mutually exclusive"), refused.output());
        assertEquals(address, leasedAddress());
        assertFalse(routerNs.ip("-4", "addr", "show", "dev", "eth0").contains("10.9.9.1"));

        // a commit elsewhere and a restart keep it: the configuration asks for DHCP
        TestNamespace.Result commit = router.cli("configure\nset system host-name r2\ncommit\nexit configuration-mode\n");
        assertTrue(commit.output().contains("commit complete"), commit.output());
        assertEquals(1, dhcpClients(), "one DHCP client");
        router.kill9();
        Thread.sleep(1000);
        assertEquals(0, dhcpClients(), "the DHCP client went with the killed daemon");
        // the default route keeps forwarding across the restart: kept until the lease is back, then
        // adopted; the server has forgotten the lease meanwhile, so the new one has another address
        List<String> gaps = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            for (int n = 0; polling.get() && n < 1200; n++) {
                if (!"10.77.0.1".equals(defaultGateway())) {
                    gaps.add("no default route via 10.77.0.1 at " + System.currentTimeMillis());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "default-route-poller");
        // udhcpd picks from its range by a hash of the MAC address: the new range is the other half
        boolean lowHalf = address.compareTo("10.77.0.105") < 0;
        poller.start();
        try {
            // the server answers only once the daemon is up: its start-up sweep must not take the route meanwhile
            stopServer();
            Files.writeString(serverDir.resolve("udhcpd.conf"), Files.readString(serverDir.resolve("udhcpd.conf"))
                    .replace("start 10.77.0.100", lowHalf ? "start 10.77.0.105" : "start 10.77.0.100")
                    .replace("end 10.77.0.109", lowHalf ? "end 10.77.0.109" : "end 10.77.0.104"));
            Files.writeString(serverDir.resolve("leases"), "");
            router.start();
            Thread.sleep(1000);
            startServer();
            await("a new lease after the restart", () -> leasedAddresses().size() == 1 && !address.equals(leasedAddress())
                    && binding().contains("BOUND"));
            Thread.sleep(2000); // past the start-up sweep that follows the lease
        } finally {
            polling.set(false);
            poller.join(5000);
        }
        assertEquals(List.of(), gaps, "the default route stayed across the restart\n" + router.console());
        assertTrue(leasedAddress().matches(lowHalf ? "10\\.77\\.0\\.10[5-9]/24" : "10\\.77\\.0\\.10[0-4]/24"),
                "a lease from the new range: " + leasedAddress());
        assertFalse(leasedAddresses().contains(address), "the earlier run's lease went: " + leasedAddresses());
        assertEquals("10.77.0.1", defaultGateway());
        assertEquals(1, dhcpClients(), "one DHCP client after the restart");
        assertEquals(tempBefore, archwayTempEntries(),
                "the killed daemon's DHCP scripts live in its state directory, not the machine's temporary one");

        // dhcp removed from the configuration: the address and the route go, the client stops
        commit = router.cli("configure\ndelete interfaces eth0 unit 0 family inet dhcp\ncommit\nexit configuration-mode\n");
        assertTrue(commit.output().contains("commit complete"), commit.output());
        await("the lease's address removed", () -> leasedAddress() == null);
        await("the default route removed", () -> defaultGateway() == null);
        await("no DHCP client", () -> dhcpClients() == 0);
        assertFalse(router.exec("show dhcp client binding").output().contains("eth0"));

        // from a static address to DHCP in one commit: the static address goes, the lease comes
        commit = router.cli("configure\nset interfaces eth0 unit 0 family inet address 10.77.0.50/24\ncommit\n"
                + "exit configuration-mode\n");
        assertTrue(commit.output().contains("commit complete"), commit.output());
        assertTrue(routerNs.ip("-4", "addr", "show", "dev", "eth0").contains("10.77.0.50/24"));
        commit = router.cli("configure\ndelete interfaces eth0 unit 0 family inet address 10.77.0.50/24\n"
                + "set interfaces eth0 unit 0 family inet dhcp\ncommit\nexit configuration-mode\n");
        assertTrue(commit.output().contains("commit complete"), commit.output());
        await("a lease again", () -> leasedAddress() != null);
        await("the former static address removed", () -> !routerNs.ip("-4", "addr", "show", "dev", "eth0")
                .contains("10.77.0.50/24"));
    }
}
