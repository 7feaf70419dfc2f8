package net.archway.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Issue 6's test (2): 802.1Q sub-interfaces and XFRM interfaces ({@code st0.N}) made from
 * Archway's configuration, committed over the SSH CLI, on the firmware's kernel (the build
 * machines' kernel has neither 8021q nor xfrm_interface); checked with {@code ip -d link} in the VM.
 */
class InterfacesInVmIT {

    @Test
    void vlanUnitsAndXfrmInterfacesFollowTheConfiguration() throws Exception {
        try (VmBed bed = VmBed.create("interfaces");
             TestNamespace mgmt = TestNamespace.create("mgmt");
             TestNamespace lan = TestNamespace.create("lan")) {
            Vm vm = bed.vm("r").nic(new Nic.Tap(mgmt, "r-mgmt")).nic(new Nic.Tap(lan, "r-lan"))
                    .kernelArg("archway.addr=192.0.2.1/24").start();
            mgmt.ip("addr", "add", "192.0.2.254/24", "dev", "r-mgmt");
            vm.awaitChannel(Duration.ofSeconds(180));
            vm.awaitCli(mgmt, "192.0.2.1", Duration.ofSeconds(240));

            String out = shell(bed, mgmt, """
                    configure
                    set interfaces eth0 unit 0 family inet address 192.0.2.1/24
                    set interfaces eth1 vlan-tagging
                    set interfaces eth1 unit 100 vlan-id 100
                    set interfaces eth1 unit 100 family inet address 10.100.0.1/24
                    set interfaces eth1 unit 200 vlan-id 200
                    set interfaces st0 unit 1 family inet address 10.255.0.1/30
                    set interfaces st0 unit 7
                    commit and-quit
                    """);
            assertTrue(out.contains("commit complete"), out);
            String links = vm.execOk("/usr/local/sbin/ip -d link show");
            assertTrue(links.contains("eth1.100@eth1") && links.contains("vlan protocol 802.1Q id 100"), links);
            assertTrue(links.contains("eth1.200@eth1") && links.contains("id 200"), links);
            assertTrue(links.contains("st0.1") && links.contains("xfrm if_id 0x2"), links);
            assertTrue(links.contains("st0.7") && links.contains("xfrm if_id 0x8"), links);
            String addrs = vm.execOk("/usr/local/sbin/ip addr show");
            assertTrue(addrs.contains("10.100.0.1/24") && addrs.contains("10.255.0.1/30"), addrs);

            out = shell(bed, mgmt, """
                    configure
                    delete interfaces st0 unit 7
                    delete interfaces eth1 unit 200
                    commit and-quit
                    """);
            assertTrue(out.contains("commit complete"), out);
            links = vm.execOk("/usr/local/sbin/ip -d link show");
            assertTrue(!links.contains("st0.7") && !links.contains("eth1.200"), links);
            assertTrue(links.contains("st0.1") && links.contains("eth1.100"), links);
            CommandResult show = vm.cli(mgmt, "192.0.2.1", "show interfaces terse", Duration.ofSeconds(60));
            assertEquals(0, show.exit(), show.output());
        }
    }

    /** The CLI as a shell without a terminal: commands on standard input, line by line. */
    private static String shell(VmBed bed, TestNamespace from, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ip", "netns", "exec", from.name(), "ssh", "-q", "-T",
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=5", "-i", bed.sshKey().toString(), "admin@192.0.2.1"))
                .redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI session did not end:\n" + out);
        }
        return out;
    }
}
