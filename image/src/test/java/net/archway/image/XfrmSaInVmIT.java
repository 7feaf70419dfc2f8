package net.archway.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import net.archway.image.testbed.CommandResult;
import net.archway.image.testbed.Vm;
import net.archway.image.testbed.VmBed;

/**
 * The netlink module's XFRM SA round trip on Debian's cloud kernel (which has ESP, GCM and
 * ChaCha20-Poly1305; the build machines' kernel has none): the payload
 * {@link net.archway.image.payload.XfrmRoundTrip} runs in the VM with the image's JRE and checks
 * every step against iproute2's {@code ip xfrm state} there.
 */
class XfrmSaInVmIT {

    @Test
    void saRoundTripMatchesIproute2() {
        try (VmBed bed = VmBed.create("xfrm-sa")) {
            Vm vm = bed.vm("xfrm").start();
            vm.awaitChannel(Duration.ofSeconds(180));
            CommandResult r = vm.java("net.archway.image.payload.XfrmRoundTrip", Duration.ofSeconds(300));
            System.out.println(r.output());
            assertEquals(0, r.exit(), "the XFRM round trip in the VM failed:\n" + r.output() + "\n" + vm.serialTail());
            assertTrue(r.output().contains("ALL OK"), r.output());
        }
    }
}
