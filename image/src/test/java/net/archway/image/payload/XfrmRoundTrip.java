package net.archway.image.payload;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import net.archway.netlink.xfrm.Xfrm;
import net.archway.netlink.xfrm.XfrmAlgorithm;
import net.archway.netlink.xfrm.XfrmEncap;
import net.archway.netlink.xfrm.XfrmMode;
import net.archway.netlink.xfrm.XfrmNetlink;
import net.archway.netlink.xfrm.XfrmSa;
import net.archway.netlink.xfrm.XfrmSaId;

/**
 * Runs inside a VM (the build machines' kernel has no ESP): the netlink module's XFRM SA round
 * trip — add, get, dump, update, delete ESP SAs in tunnel and transport mode, with AES-GCM, with
 * AES-CBC + HMAC-SHA-256, with ChaCha20-Poly1305, with NAT-T encapsulation and with an if_id —
 * each step checked against what iproute2's {@code ip xfrm state} prints. iproute2 6.1 ignores
 * {@code -j} for {@code ip xfrm}, so its text form is read. Prints {@code OK step} lines, and
 * {@code FAIL step: why} and exit 1 on the first difference. Started by XfrmSaInVmIT.
 */
public final class XfrmRoundTrip {
    private static final HexFormat HEX = HexFormat.of();
    private static int step;

    private XfrmRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        InetAddress a6 = InetAddress.getByName("2001:db8::1");
        InetAddress b6 = InetAddress.getByName("2001:db8::2");
        byte[] gcmKey = key(20, 1);
        byte[] cbcKey = key(16, 2);
        byte[] hmacKey = key(32, 3);
        byte[] chachaKey = key(36, 4);

        XfrmSa tunnelGcm = XfrmSa.esp(a, b, 0x1001, XfrmMode.TUNNEL, 1)
                .withAead(new XfrmAlgorithm.Aead("rfc4106(gcm(aes))", gcmKey, 128)).withReplayWindow(32, false);
        XfrmSa transportCbc = XfrmSa.esp(a, b, 0x1002, XfrmMode.TRANSPORT, 2)
                .withCipherAndAuth(new XfrmAlgorithm.Cipher("cbc(aes)", cbcKey),
                        new XfrmAlgorithm.Auth("hmac(sha256)", hmacKey, 128));
        XfrmSa natT = XfrmSa.esp(a, b, 0x1003, XfrmMode.TUNNEL, 3)
                .withAead(new XfrmAlgorithm.Aead("rfc4106(gcm(aes))", gcmKey, 128))
                .withEncap(XfrmEncap.espInUdp(4500, 4500));
        XfrmSa ifId6 = XfrmSa.esp(a6, b6, 0x1004, XfrmMode.TUNNEL, 4)
                .withAead(new XfrmAlgorithm.Aead("rfc4106(gcm(aes))", gcmKey, 128)).withIfId(42);
        XfrmSa chacha = XfrmSa.esp(b, a, 0x1005, XfrmMode.TUNNEL, 5)
                .withAead(new XfrmAlgorithm.Aead("rfc7539esp(chacha20,poly1305)", chachaKey, 128));
        List<XfrmSa> all = List.of(tunnelGcm, transportCbc, natT, ifId6, chacha);

        try (XfrmNetlink xfrm = XfrmNetlink.open()) {
            xfrm.flushSas(Xfrm.IPPROTO_ESP);
            for (XfrmSa sa : all) {
                xfrm.addSa(sa);
                Optional<XfrmSa> got = xfrm.getSa(sa.id());
                check("add+get " + sa, got.isPresent(), "get found nothing");
                compare("get " + sa, sa, got.get());
                checkIp("ip shows " + sa, sa);
            }
            List<XfrmSa> dump = xfrm.listSas();
            check("dump has " + all.size() + " SAs", dump.size() == all.size(), "dump has " + dump.size());
            for (XfrmSa sa : all) {
                XfrmSa found = dump.stream().filter(d -> d.spi() == sa.spi() && d.destination().equals(sa.destination()))
                        .findFirst().orElse(null);
                check("dump contains " + sa, found != null, "missing");
                compare("dump " + sa, sa, found);
            }
            check("ip shows 5 SAs", ipStateBlocks().size() == 5, "ip shows " + ipStateBlocks().size());

            // NAT-T: the peer's NAT mapping moved to another port (RFC 3948 section 3.2)
            XfrmSa moved = natT.withEncap(XfrmEncap.espInUdp(4500, 4501));
            xfrm.updateSa(moved);
            compare("update " + moved, moved, xfrm.getSa(moved.id()).orElseThrow());
            checkIp("ip shows the updated encap of " + moved, moved);

            xfrm.deleteSa(transportCbc.id());
            check("delete " + transportCbc, xfrm.getSa(transportCbc.id()).isEmpty(), "get still finds it");
            check("ip no longer shows " + transportCbc, findBlock(transportCbc) == null, "ip still shows it");
            for (XfrmSa sa : List.of(tunnelGcm, moved, ifId6, chacha)) {
                xfrm.deleteSa(new XfrmSaId(sa.source(), sa.destination(), sa.spi(), Xfrm.IPPROTO_ESP, null));
            }
            check("all deleted", xfrm.listSas().isEmpty() && ipStateBlocks().isEmpty(),
                    "left: " + xfrm.listSas() + " / " + ipStateBlocks());
        } catch (AssertionError e) {
            System.out.println("FAIL " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.out.println("FAIL step " + (step + 1) + ": " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.out.println("ALL OK (" + step + " checks)");
    }

    private static byte[] key(int length, int seed) {
        byte[] k = new byte[length];
        for (int i = 0; i < length; i++) {
            k[i] = (byte) (seed * 31 + i * 7);
        }
        return k;
    }

    private static void check(String what, boolean ok, String why) {
        step++;
        if (!ok) {
            throw new AssertionError(what + ": " + why);
        }
        System.out.println("OK " + what);
    }

    /** What was added against what the kernel returned: every configured field. */
    private static void compare(String what, XfrmSa want, XfrmSa got) {
        List<String> diff = new ArrayList<>();
        if (got.spi() != want.spi()) {
            diff.add("spi " + Integer.toHexString(got.spi()));
        }
        if (!got.source().equals(want.source()) || !got.destination().equals(want.destination())) {
            diff.add("endpoints " + got.source() + " -> " + got.destination());
        }
        if (got.mode() != want.mode()) {
            diff.add("mode " + got.mode());
        }
        if (got.reqid() != want.reqid()) {
            diff.add("reqid " + got.reqid());
        }
        if (!java.util.Objects.equals(got.aead(), want.aead())) {
            diff.add("aead " + got.aead());
        }
        if (!java.util.Objects.equals(got.cipher(), want.cipher()) || !java.util.Objects.equals(got.auth(), want.auth())) {
            diff.add("cipher/auth " + got.cipher() + " / " + got.auth());
        }
        if (!java.util.Objects.equals(got.encap(), want.encap())
                && !(want.encap() != null && got.encap() != null && want.encap().sourcePort() == got.encap().sourcePort()
                        && want.encap().destinationPort() == got.encap().destinationPort()
                        && want.encap().type() == got.encap().type())) {
            diff.add("encap " + got.encap());
        }
        if (got.ifId() != want.ifId()) {
            diff.add("if_id " + got.ifId());
        }
        if (got.replayWindow() != want.replayWindow()) {
            diff.add("replay window " + got.replayWindow());
        }
        check(what, diff.isEmpty(), "kernel returned " + diff);
    }

    /** Checks the SA's block in {@code ip xfrm state} line by line. */
    private static void checkIp(String what, XfrmSa sa) throws IOException, InterruptedException {
        String block = findBlock(sa);
        check(what + " (present)", block != null, "not in ip xfrm state:\n" + String.join("\n", ipStateBlocks()));
        List<String> want = new ArrayList<>();
        want.add("proto esp spi 0x" + String.format("%08x", sa.spi()) + " reqid " + sa.reqid() + " mode "
                + sa.mode().name().toLowerCase());
        if (sa.aead() != null) {
            want.add("aead " + sa.aead().name() + " 0x" + HEX.formatHex(sa.aead().key()) + " " + sa.aead().icvBits());
        }
        if (sa.cipher() != null) {
            want.add("enc " + sa.cipher().name() + " 0x" + HEX.formatHex(sa.cipher().key()));
            want.add("auth-trunc " + sa.auth().name() + " 0x" + HEX.formatHex(sa.auth().key()) + " "
                    + sa.auth().truncationBits());
        }
        if (sa.encap() != null) {
            want.add("encap type espinudp sport " + sa.encap().sourcePort() + " dport " + sa.encap().destinationPort());
        }
        if (sa.ifId() != 0) {
            want.add("if_id 0x" + Integer.toHexString(sa.ifId()));
        }
        if (sa.replayWindow() != 0) {
            want.add("replay-window " + sa.replayWindow());
        }
        for (String w : want) {
            check(what + ": " + w, block.contains(w), "ip xfrm state says:\n" + block);
        }
    }

    private static String findBlock(XfrmSa sa) throws IOException, InterruptedException {
        String spi = "spi 0x" + String.format("%08x", sa.spi());
        for (String b : ipStateBlocks()) {
            if (b.contains(spi) && b.startsWith("src " + text(sa.source()) + " dst " + text(sa.destination()))) {
                return b;
            }
        }
        return null;
    }

    private static String text(InetAddress a) {
        return net.archway.netlink.IpAddresses.format(a);
    }

    /** {@code ip xfrm state}, one string per SA (an SA starts at a line beginning with "src "). */
    private static List<String> ipStateBlocks() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/local/sbin/ip", "xfrm", "state").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ip xfrm state failed: " + out);
        }
        List<String> blocks = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("src ")) {
                if (cur != null) {
                    blocks.add(cur.toString());
                }
                cur = new StringBuilder();
            }
            if (cur != null) {
                cur.append(line.strip()).append('\n');
            }
        }
        if (cur != null) {
            blocks.add(cur.toString());
        }
        return blocks;
    }
}
