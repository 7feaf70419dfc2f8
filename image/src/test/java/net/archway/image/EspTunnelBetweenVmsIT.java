package net.archway.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import net.archway.image.testbed.CommandResult;
import net.archway.image.testbed.Nic;
import net.archway.image.testbed.Vm;
import net.archway.image.testbed.VmBed;
import net.archway.netlink.testing.TestNamespace;

/**
 * Two routers (VMs) with a host behind each (namespaces joined to them through taps), a manually
 * keyed ESP tunnel between the routers set up through the netlink module: traffic between the
 * hosts flows, and what crosses the link between the routers (a bridge in the namespace "wan",
 * captured with tcpdump) is ESP only.
 *
 * <pre>
 * hostA 10.1.0.2 --tap-- eth1 r1 eth0 192.0.2.1 --tap-- [br0 in wan] --tap-- 192.0.2.2 eth0 r2 eth1 --tap-- 10.2.0.2 hostB
 * </pre>
 */
class EspTunnelBetweenVmsIT {
    private static final String KEY_AB = "00112233445566778899aabbccddeeff01020304";
    private static final String KEY_BA = "ffeeddccbbaa99887766554433221100a1a2a3a4";

    @Test
    void hostsTalkThroughTheTunnelAndTheLinkCarriesOnlyEsp() throws Exception {
        try (VmBed bed = VmBed.create("esp-tunnel");
             TestNamespace hostA = TestNamespace.create("hostA");
             TestNamespace hostB = TestNamespace.create("hostB");
             TestNamespace wan = TestNamespace.create("wan")) {
            Vm r1 = bed.vm("r1").nic(new Nic.Tap(wan, "r1-wan")).nic(new Nic.Tap(hostA, "r1-lan"))
                    .kernelArg("archway.addr=192.0.2.1/24").start();
            Vm r2 = bed.vm("r2").nic(new Nic.Tap(wan, "r2-wan")).nic(new Nic.Tap(hostB, "r2-lan"))
                    .kernelArg("archway.addr=192.0.2.2/24").start();
            wan.ip("link", "add", "br0", "type", "bridge");
            wan.ip("link", "set", "r1-wan", "master", "br0");
            wan.ip("link", "set", "r2-wan", "master", "br0");
            wan.ip("addr", "add", "192.0.2.254/24", "dev", "br0");
            wan.ip("link", "set", "br0", "up");
            hostA.ip("addr", "add", "10.1.0.2/24", "dev", "r1-lan");
            hostA.ip("route", "add", "default", "via", "10.1.0.1");
            hostB.ip("addr", "add", "10.2.0.2/24", "dev", "r2-lan");
            hostB.ip("route", "add", "default", "via", "10.2.0.1");

            r1.awaitChannel(Duration.ofSeconds(180));
            r2.awaitChannel(Duration.ofSeconds(180));
            // the appliances' factory default puts archway.addr on eth0 (once they run); the LAN side is the test's
            double cli1 = r1.awaitCli(wan, "192.0.2.1", Duration.ofSeconds(240));
            double cli2 = r2.awaitCli(wan, "192.0.2.2", Duration.ofSeconds(240));
            System.out.printf("SSH CLI answered %.1f s (r1) and %.1f s (r2) after QEMU started%n", cli1, cli2);
            System.out.println("appliance RSS: r1 " + r1.execOk("grep VmRSS /proc/$(pidof java)/status").trim()
                    + ", r2 " + r2.execOk("grep VmRSS /proc/$(pidof java)/status").trim());
            r1.execOk("ip addr add 10.1.0.1/24 dev eth1 && ip link set eth1 up && sysctl -w net.ipv4.ip_forward=1"
                    + " && ip route add 10.2.0.0/24 via 192.0.2.2 dev eth0");
            r2.execOk("ip addr add 10.2.0.1/24 dev eth1 && ip link set eth1 up && sysctl -w net.ipv4.ip_forward=1"
                    + " && ip route add 10.1.0.0/24 via 192.0.2.1 dev eth0");

            CommandResult t1 = r1.java("net.archway.image.payload.EspTunnel", Duration.ofSeconds(240),
                    "192.0.2.1", "192.0.2.2", "10.1.0.0/24", "10.2.0.0/24", "a0000001", "b0000001", KEY_AB, KEY_BA);
            assertEquals(0, t1.exit(), "r1's tunnel: " + t1.output());
            CommandResult t2 = r2.java("net.archway.image.payload.EspTunnel", Duration.ofSeconds(240),
                    "192.0.2.2", "192.0.2.1", "10.2.0.0/24", "10.1.0.0/24", "b0000001", "a0000001", KEY_BA, KEY_AB);
            assertEquals(0, t2.exit(), "r2's tunnel: " + t2.output());

            Path pcap = bed.logDirectory().resolve("wan.pcap");
            Process tcpdump = new ProcessBuilder("ip", "netns", "exec", wan.name(), "tcpdump", "-i", "br0", "-n", "-U",
                    "-w", pcap.toString(), "ip and host 192.0.2.1 and host 192.0.2.2")
                    .redirectErrorStream(true).redirectOutput(bed.logDirectory().resolve("tcpdump.log").toFile()).start();
            try {
                waitForFile(pcap);
                String ping = hostA.exec("ping", "-c", "5", "-i", "0.5", "-W", "5", "10.2.0.2");
                assertTrue(ping.contains(" 0% packet loss") || ping.contains(" 20% packet loss"),
                        "hostA to hostB through the tunnel:\n" + ping);
                Thread.sleep(1000);
            } finally {
                tcpdump.destroy();
                tcpdump.waitFor(10, TimeUnit.SECONDS);
            }
            String seen = TestNamespace.run(List.of("tcpdump", "-n", "-r", pcap.toString()));
            List<String> packets = seen.lines().filter(l -> l.contains(" IP ")).toList();
            List<String> notEsp = packets.stream().filter(l -> !l.contains("ESP(spi=")).toList();
            assertTrue(packets.size() >= 8, "expected the pings' ESP packets on the link, saw:\n" + seen);
            assertTrue(notEsp.isEmpty(), "packets between the routers that are not ESP:\n" + String.join("\n", notEsp));
            String r1State = r1.execOk("/usr/local/sbin/ip -s xfrm state");
            assertTrue(r1State.contains("spi 0xa0000001") && r1State.contains("spi 0xb0000001"), r1State);
        }
    }

    private static void waitForFile(Path file) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
    }
}
