package net.archway.netlink.xfrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.archway.netlink.Errno;
import net.archway.netlink.IpAddresses;
import net.archway.netlink.IpPrefix;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.NetlinkSubscription;
import net.archway.netlink.socket.NetworkNamespace;
import net.archway.netlink.testing.TestNamespace;

/**
 * XFRM against the build machines' kernel: policies round-trip (checked against `ip xfrm
 * policy`, which has no JSON output), SPIs are allocated, acquire and expire events arrive, and
 * ESP SAs, which this kernel lacks, are refused with the kernel's reason and leave nothing behind.
 * The ESP SA round trip itself runs in the VM test bed (image module).
 */
class XfrmIT {
    private static final XfrmSelector SEL = XfrmSelector.between(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("10.2.0.0/16"));
    private static final XfrmTemplate TMPL = XfrmTemplate.espTunnel(IpAddresses.parse("192.0.2.1"),
            IpAddresses.parse("192.0.2.2"), 1);

    private TestNamespace ns;
    private XfrmNetlink xfrm;

    @BeforeEach
    void setUp() {
        ns = TestNamespace.create("xfrm");
        xfrm = XfrmNetlink.open(ns.name());
    }

    @AfterEach
    void tearDown() {
        xfrm.close();
        ns.close();
    }

    /** `ip xfrm policy list` as one canonical line per policy. */
    private List<String> ipPolicies() {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : ns.ip("xfrm", "policy", "list").split("\n")) {
            if (line.startsWith("src ")) {
                if (cur != null) {
                    out.add(cur.toString().trim());
                }
                cur = new StringBuilder();
            }
            if (cur != null) {
                cur.append(' ').append(line.trim().replaceAll("\\s+", " "));
            }
        }
        if (cur != null) {
            out.add(cur.toString().trim());
        }
        return out.stream().map(s -> s.replace(" ptype main", "")).sorted().toList();
    }

    /** Archway's policy in ip's words, for the fields these tests set. */
    private static String ipText(XfrmPolicy p) {
        StringBuilder sb = new StringBuilder().append("src ").append(p.selector().source()).append(" dst ")
                .append(p.selector().destination()).append(" dir ").append(p.direction().name().toLowerCase())
                .append(p.action() == XfrmPolicy.ACTION_BLOCK ? " action block" : "")
                .append(" priority ").append(Integer.toUnsignedString(p.priority()));
        if (p.mark() != null) {
            sb.append(" mark 0x").append(Integer.toHexString(p.mark().value())).append("/0x")
                    .append(Integer.toHexString(p.mark().mask()));
        }
        for (XfrmTemplate t : p.templates()) {
            sb.append(" tmpl src ").append(IpAddresses.format(t.source())).append(" dst ")
                    .append(IpAddresses.format(t.destination())).append(" proto esp reqid ").append(t.reqid())
                    .append(" mode ").append(t.mode().name().toLowerCase());
        }
        if (p.ifId() != 0) {
            sb.append(" if_id 0x").append(Integer.toHexString(p.ifId()));
        }
        return sb.toString();
    }

    @Test
    void policiesRoundTrip() {
        XfrmPolicy out = XfrmPolicy.allow(SEL, XfrmDirection.OUT, 100, TMPL);
        XfrmSelector back = XfrmSelector.between(IpPrefix.parse("10.2.0.0/16"), IpPrefix.parse("10.1.0.0/16"));
        XfrmPolicy in = XfrmPolicy.allow(back, XfrmDirection.IN, 200, XfrmTemplate.espTunnel(
                IpAddresses.parse("192.0.2.2"), IpAddresses.parse("192.0.2.1"), 1)).withIfId(7).withMark(new XfrmMark(0x10, 0xff));
        XfrmPolicy fwd = XfrmPolicy.block(back, XfrmDirection.FWD, 300);
        xfrm.addPolicy(out);
        xfrm.addPolicy(in);
        xfrm.addPolicy(fwd);

        List<String> expected = List.of(ipText(out), ipText(in), ipText(fwd)).stream().sorted().toList();
        assertEquals(expected, ipPolicies());
        List<XfrmPolicy> listed = xfrm.listPolicies();
        assertEquals(expected, listed.stream().map(XfrmIT::ipText).sorted().toList());
        for (XfrmPolicy p : listed) {
            assertTrue(p.index() != 0, "the kernel assigned an index");
        }

        XfrmPolicy got = xfrm.getPolicy(in).orElseThrow();
        assertEquals(in.templates(), got.templates());
        assertEquals(in.mark(), got.mark());
        assertEquals(7, got.ifId());

        xfrm.updatePolicy(out.withPriority(150));
        assertTrue(ipPolicies().contains(ipText(out.withPriority(150))));

        NetlinkKernelException dup = assertThrows(NetlinkKernelException.class, () -> xfrm.addPolicy(fwd));
        assertEquals(Errno.EEXIST, dup.errno());

        xfrm.deletePolicy(fwd);
        assertEquals(2, ipPolicies().size());
        assertTrue(xfrm.getPolicy(fwd).isEmpty());
        xfrm.flushPolicies();
        assertEquals(List.of(), ipPolicies());
        assertEquals(List.of(), xfrm.listPolicies());
    }

    @Test
    void espSasAreRefusedByThisKernelAndLeaveNothingBehind() {
        byte[] key = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f1011121314");
        XfrmSa gcm = XfrmSa.esp(IpAddresses.parse("192.0.2.1"), IpAddresses.parse("192.0.2.2"), 0x1000, XfrmMode.TUNNEL, 1)
                .withAead(new XfrmAlgorithm.Aead("rfc4106(gcm(aes))", key, 128));
        NetlinkKernelException e = assertThrows(NetlinkKernelException.class, () -> xfrm.addSa(gcm));
        assertTrue(e.getMessage().startsWith("kernel refused XFRM_MSG_NEWSA SA 192.0.2.1 -> 192.0.2.2 spi 0x1000"),
                e.getMessage());
        assertTrue(e.extAckMessage().isPresent(), "the kernel says what it lacks: " + e.getMessage());
        assertFalse(e.getMessage().contains("0102030405"), "keys never appear in errors");

        XfrmSa cbc = XfrmSa.esp(IpAddresses.parse("192.0.2.1"), IpAddresses.parse("192.0.2.2"), 0x1001,
                XfrmMode.TRANSPORT, 1).withCipherAndAuth(new XfrmAlgorithm.Cipher("cbc(aes)", new byte[16]),
                new XfrmAlgorithm.Auth("hmac(sha256)", new byte[32], 128));
        NetlinkKernelException noEsp = assertThrows(NetlinkKernelException.class, () -> xfrm.addSa(cbc));
        assertEquals(Errno.EPROTONOSUPPORT, noEsp.errno(), noEsp.getMessage());
        assertTrue(noEsp.extAckMessage().orElse("").contains("Requested type not found"), noEsp.getMessage());

        assertEquals("", ns.ip("xfrm", "state", "list").trim());
        assertEquals(List.of(), xfrm.listSas());
        assertTrue(xfrm.getSa(gcm.id()).isEmpty());
    }

    @Test
    void spiAllocationDumpGetDeleteFlush() {
        var src = IpAddresses.parse("192.0.2.1");
        var dst = IpAddresses.parse("192.0.2.2");
        int spi = xfrm.allocateSpi(src, dst, Xfrm.IPPROTO_ESP, XfrmMode.TUNNEL, 1, 0x100, 0x200);
        assertTrue(spi >= 0x100 && spi <= 0x200, "SPI 0x" + Integer.toHexString(spi) + " in range");
        assertTrue(ns.ip("xfrm", "state", "list").contains(String.format("spi 0x%08x", spi)));

        List<XfrmSa> sas = xfrm.listSas();
        assertEquals(1, sas.size());
        XfrmSa larval = sas.get(0);
        assertEquals(spi, larval.spi());
        assertEquals(src, larval.source());
        assertEquals(dst, larval.destination());
        assertEquals(1, larval.reqid());
        assertEquals(XfrmMode.TUNNEL, larval.mode());
        assertTrue(larval.counters().addTime() > 0, "counters come back: " + larval.counters());

        XfrmSaId id = XfrmSaId.esp(src, dst, spi);
        assertEquals(spi, xfrm.getSa(id).orElseThrow().spi());
        xfrm.deleteSa(id);
        assertEquals("", ns.ip("xfrm", "state", "list").trim());
        NetlinkKernelException gone = assertThrows(NetlinkKernelException.class, () -> xfrm.deleteSa(id));
        assertEquals(Errno.ESRCH, gone.errno());

        xfrm.allocateSpi(src, dst, Xfrm.IPPROTO_ESP, XfrmMode.TUNNEL, 2, 0x300, 0x400);
        xfrm.flushSas(0);
        assertEquals(List.of(), xfrm.listSas());
    }

    @Test
    void acquireAndExpireEventsArrive() throws Exception {
        // larval SAs expire after net.core.xfrm_acq_expires seconds (30 by default)
        ns.exec("sysctl", "-qw", "net.core.xfrm_acq_expires=1");
        ns.ip("link", "add", "aw0", "type", "veth", "peer", "name", "aw1");
        ns.ip("link", "set", "aw0", "up");
        ns.ip("link", "set", "aw1", "up");
        ns.ip("addr", "add", "10.1.0.1/24", "dev", "aw0");
        ns.ip("route", "add", "10.2.0.0/16", "dev", "aw0");
        xfrm.addPolicy(XfrmPolicy.allow(SEL, XfrmDirection.OUT, 100, TMPL));

        BlockingQueue<XfrmEvent> events = new LinkedBlockingQueue<>();
        try (NetlinkSubscription sub = xfrm.subscribe(EnumSet.of(XfrmEvent.Group.ACQUIRE, XfrmEvent.Group.EXPIRE),
                events::add, () -> fail("events overran"))) {
            // traffic that matches the policy with no SA: the kernel asks the key manager for one
            NetworkNamespace.callIn(ns.name(), () -> {
                try (DatagramChannel ch = DatagramChannel.open()) {
                    ch.send(ByteBuffer.wrap(new byte[] {1}), new InetSocketAddress("10.2.0.5", 9));
                } catch (java.io.IOException e) {
                    // the kernel drops the packet while it waits for an SA (EAGAIN); the ACQUIRE is what counts
                }
                return null;
            });
            XfrmEvent.Acquire acquire = (XfrmEvent.Acquire) next(events, XfrmEvent.Acquire.class);
            assertEquals(IpAddresses.parse("192.0.2.2"), acquire.destination());
            assertEquals(Xfrm.IPPROTO_ESP, acquire.protocol());
            assertEquals("10.2.0.5/32", acquire.selector().destination().toString());
            assertEquals(17, acquire.selector().protocol());
            assertEquals(XfrmDirection.OUT, acquire.policy().direction());
            assertEquals(List.of(TMPL), acquire.policy().templates());

            int spi = xfrm.allocateSpi(IpAddresses.parse("192.0.2.9"), IpAddresses.parse("192.0.2.1"),
                    Xfrm.IPPROTO_ESP, XfrmMode.TUNNEL, 3, 0x500, 0x600);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean expired = false;
            while (!expired && System.nanoTime() < deadline) {
                XfrmEvent e = events.poll(200, TimeUnit.MILLISECONDS);
                expired = e instanceof XfrmEvent.SaExpired x && x.hard() && x.sa().spi() == spi;
            }
            assertTrue(expired, "a hard expire for the larval SA 0x" + Integer.toHexString(spi));
            assertTrue(sub.isRunning());
        }
    }

    private static XfrmEvent next(BlockingQueue<XfrmEvent> events, Class<?> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            XfrmEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return e;
            }
        }
        fail("no " + type.getSimpleName() + " event within 5 s");
        return null;
    }

}
