package net.archway.netlink.xfrm;

import static net.archway.netlink.xfrm.Xfrm.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.archway.netlink.IpAddresses;
import net.archway.netlink.IpPrefix;
import net.archway.netlink.NetlinkProtocolException;
import net.archway.netlink.NetlinkRequest;
import net.archway.netlink.SimpleRequest;
import net.archway.netlink.message.Attributes;
import net.archway.netlink.message.MessageWriter;
import net.archway.netlink.message.NetlinkMessage;
import net.archway.netlink.message.Nl;

/**
 * SAs and policies ⇄ XFRM messages. The fixed structures of linux/xfrm.h are written and read
 * field by field at the offsets of the LP64 ABI (x86-64, arm64); multi-byte SPIs and ports are
 * in network byte order, everything else in host order.
 */
public final class XfrmCodec {
    private XfrmCodec() {
    }

    // ---- structures: writing ----

    /** xfrm_address_t: 16 bytes, an IPv4 address in the first 4. */
    static void address(MessageWriter w, InetAddress a) {
        w.fixed(a == null ? new byte[0] : a.getAddress(), 16);
    }

    static void selector(MessageWriter w, XfrmSelector s) {
        address(w, s.destination() == null ? null : s.destination().address());
        address(w, s.source() == null ? null : s.source().address());
        w.u16be(s.destinationPort()).u16be(s.destinationPort() != 0 ? 0xffff : 0);
        w.u16be(s.sourcePort()).u16be(s.sourcePort() != 0 ? 0xffff : 0);
        w.u16(s.family());
        w.u8(s.destination() == null ? 0 : s.destination().length());
        w.u8(s.source() == null ? 0 : s.source().length());
        w.u8(s.protocol()).zeros(3);
        w.u32(s.ifindex()).u32(0);
    }

    static void lifetime(MessageWriter w, XfrmLifetime l) {
        w.u64(l.softBytes()).u64(l.hardBytes()).u64(l.softPackets()).u64(l.hardPackets())
                .u64(l.softAddSeconds()).u64(l.hardAddSeconds()).u64(l.softUseSeconds()).u64(l.hardUseSeconds());
    }

    /** struct xfrm_usersa_info. */
    static void saInfo(MessageWriter w, XfrmSa sa, boolean replayInInfo) {
        selector(w, sa.selector());
        address(w, sa.destination());
        w.u32be(sa.spi()).u8(sa.protocol()).zeros(3);
        address(w, sa.source());
        lifetime(w, sa.lifetime());
        w.zeros(LIFETIME_CUR_SIZE + STATS_SIZE);
        w.u32(0); // seq: only for SAs made by the kernel's ACQUIRE
        w.u32(sa.reqid());
        w.u16(sa.family());
        w.u8(sa.mode().number());
        w.u8(replayInInfo ? sa.replayWindow() : 0);
        w.u8(sa.flags() | (sa.esn() ? XFRM_STATE_ESN : 0));
        w.zeros(7);
    }

    private static void algorithm(MessageWriter w, int type, XfrmAlgorithm a, int extraBits) {
        byte[] name = a.name().getBytes(StandardCharsets.US_ASCII);
        byte[] key = a.key();
        int start = w.beginAttr(type);
        w.fixed(name, ALGO_NAME_SIZE);
        w.u32(key.length * 8);
        if (extraBits >= 0) {
            w.u32(extraBits);
        }
        w.bytes(key);
        w.endAttr(start);
    }

    /** The attributes of an SA after xfrm_usersa_info. */
    static void saAttributes(MessageWriter w, XfrmSa sa, boolean replayInInfo) {
        if (sa.aead() != null) {
            algorithm(w, XFRMA_ALG_AEAD, sa.aead(), sa.aead().icvBits());
        }
        if (sa.cipher() != null) {
            algorithm(w, XFRMA_ALG_CRYPT, sa.cipher(), -1);
        }
        if (sa.auth() != null) {
            algorithm(w, XFRMA_ALG_AUTH_TRUNC, sa.auth(), sa.auth().truncationBits());
        }
        if (sa.encap() != null) {
            int start = w.beginAttr(XFRMA_ENCAP);
            w.u16(sa.encap().type()).u16be(sa.encap().sourcePort()).u16be(sa.encap().destinationPort()).zeros(2);
            address(w, sa.encap().originalAddress());
            w.endAttr(start);
        }
        if (!replayInInfo) {
            // xfrm_replay_state_esn without the bitmap: the kernel sizes it from bmp_len
            int start = w.beginAttr(XFRMA_REPLAY_ESN_VAL);
            w.u32((sa.replayWindow() + 31) / 32).u32(0).u32(0).u32(0).u32(0).u32(sa.replayWindow());
            w.endAttr(start);
        }
        mark(w, sa.mark());
        if (sa.ifId() != 0) {
            w.attrU32(XFRMA_IF_ID, sa.ifId());
        }
    }

    private static void mark(MessageWriter w, XfrmMark mark) {
        if (mark != null) {
            int start = w.beginAttr(XFRMA_MARK);
            w.u32(mark.value()).u32(mark.mask());
            w.endAttr(start);
        }
    }

    /** The classic u8 replay window serves up to 255 packets without ESN; beyond, XFRMA_REPLAY_ESN_VAL. */
    static boolean replayInInfo(XfrmSa sa) {
        return !sa.esn() && sa.replayWindow() <= 255;
    }

    static void policyInfo(MessageWriter w, XfrmPolicy p) {
        selector(w, p.selector());
        lifetime(w, p.lifetime());
        w.zeros(LIFETIME_CUR_SIZE);
        w.u32(p.priority()).u32(p.index()).u8(p.direction().number()).u8(p.action()).u8(p.flags()).u8(p.share());
        w.zeros(4);
    }

    static void template(MessageWriter w, XfrmTemplate t, int family) {
        address(w, t.destination());
        w.u32be(t.spi()).u8(t.protocol()).zeros(3);
        w.u16(t.family() != 0 ? t.family() : family).zeros(2);
        address(w, t.source());
        w.u32(t.reqid()).u8(t.mode().number()).u8(t.share()).u8(t.optional() ? 1 : 0).zeros(1);
        w.u32(t.authAlgorithms()).u32(t.encryptionAlgorithms()).u32(t.compressionAlgorithms());
    }

    static void policyAttributes(MessageWriter w, XfrmPolicy p) {
        if (!p.templates().isEmpty()) {
            int start = w.beginAttr(XFRMA_TMPL);
            for (XfrmTemplate t : p.templates()) {
                template(w, t, p.selector().family());
            }
            w.endAttr(start);
        }
        mark(w, p.mark());
        if (p.ifId() != 0) {
            w.attrU32(XFRMA_IF_ID, p.ifId());
        }
    }

    /** struct xfrm_userpolicy_id: selector, index, dir. */
    static void policyId(MessageWriter w, XfrmPolicy p) {
        selector(w, p.selector());
        w.u32(p.index()).u8(p.direction().number()).zeros(3);
    }

    // ---- requests ----

    public static NetlinkRequest addSa(XfrmSa sa, boolean update) {
        int type = update ? XFRM_MSG_UPDSA : XFRM_MSG_NEWSA;
        boolean inInfo = replayInInfo(sa);
        return new SimpleRequest(type, 0, USERSA_INFO_SIZE, ATTRS, messageName(type) + " " + sa, w -> {
            saInfo(w, sa, inInfo);
            saAttributes(w, sa, inInfo);
        });
    }

    private static void saId(MessageWriter w, XfrmSaId id) {
        address(w, id.destination());
        w.u32be(id.spi()).u16(IpAddresses.family(id.destination())).u8(id.protocol()).zeros(1);
        if (id.source() != null) {
            // the kernel's policy wants a whole xfrm_address_t (16 bytes), also for IPv4
            int start = w.beginAttr(XFRMA_SRCADDR);
            address(w, id.source());
            w.endAttr(start);
        }
        mark(w, id.mark());
    }

    public static NetlinkRequest deleteSa(XfrmSaId id) {
        return new SimpleRequest(XFRM_MSG_DELSA, 0, USERSA_ID_SIZE, ATTRS, "XFRM_MSG_DELSA " + id, w -> saId(w, id));
    }

    public static NetlinkRequest getSa(XfrmSaId id) {
        return new SimpleRequest(XFRM_MSG_GETSA, 0, USERSA_ID_SIZE, ATTRS, "XFRM_MSG_GETSA " + id, w -> saId(w, id));
    }

    public static NetlinkRequest dumpSas() {
        return new SimpleRequest(XFRM_MSG_GETSA, Nl.NLM_F_DUMP, 0, ATTRS, "XFRM_MSG_GETSA dump", w -> {
        });
    }

    /** Flushes the SAs of one protocol (0: IPsec SAs of every protocol). */
    public static NetlinkRequest flushSas(int protocol) {
        return new SimpleRequest(XFRM_MSG_FLUSHSA, 0, USERSA_FLUSH_SIZE, ATTRS, "XFRM_MSG_FLUSHSA proto " + protocol,
                w -> w.u8(protocol).pad());
    }

    /**
     * XFRM_MSG_ALLOCSPI: asks the kernel for an unused SPI in [min, max] and creates a larval SA
     * for it, which a later UPDSA completes.
     */
    public static NetlinkRequest allocateSpi(InetAddress source, InetAddress destination, int protocol, XfrmMode mode,
                                             int reqid, int min, int max) {
        XfrmSa larval = new XfrmSa(source, destination, 0, protocol, mode, reqid, XfrmSelector.ANY, null, null, null,
                null, 0, false, new XfrmLifetime(0, 0, 0, 0, 0, 0, 0, 0), null, 0, 0, XfrmCounters.NONE);
        return new SimpleRequest(XFRM_MSG_ALLOCSPI, 0, USERSPI_INFO_SIZE, ATTRS,
                "XFRM_MSG_ALLOCSPI " + IpAddresses.format(source) + " -> " + IpAddresses.format(destination)
                        + " range 0x" + Integer.toHexString(min) + "-0x" + Integer.toHexString(max), w -> {
            saInfo(w, larval, true);
            w.u32(min).u32(max);
        });
    }

    public static NetlinkRequest addPolicy(XfrmPolicy p, boolean update) {
        int type = update ? XFRM_MSG_UPDPOLICY : XFRM_MSG_NEWPOLICY;
        return new SimpleRequest(type, 0, USERPOLICY_INFO_SIZE, ATTRS, messageName(type) + " " + p, w -> {
            policyInfo(w, p);
            policyAttributes(w, p);
        });
    }

    /** Deletes by selector and direction (and mark and if_id), or by index when the policy has one. */
    public static NetlinkRequest deletePolicy(XfrmPolicy p) {
        return new SimpleRequest(XFRM_MSG_DELPOLICY, 0, USERPOLICY_ID_SIZE, ATTRS, "XFRM_MSG_DELPOLICY " + p, w -> {
            policyId(w, p);
            mark(w, p.mark());
            if (p.ifId() != 0) {
                w.attrU32(XFRMA_IF_ID, p.ifId());
            }
        });
    }

    public static NetlinkRequest getPolicy(XfrmPolicy p) {
        return new SimpleRequest(XFRM_MSG_GETPOLICY, 0, USERPOLICY_ID_SIZE, ATTRS, "XFRM_MSG_GETPOLICY " + p, w -> {
            policyId(w, p);
            mark(w, p.mark());
            if (p.ifId() != 0) {
                w.attrU32(XFRMA_IF_ID, p.ifId());
            }
        });
    }

    public static NetlinkRequest dumpPolicies() {
        return new SimpleRequest(XFRM_MSG_GETPOLICY, Nl.NLM_F_DUMP, 0, ATTRS, "XFRM_MSG_GETPOLICY dump", w -> {
        });
    }

    public static NetlinkRequest flushPolicies() {
        return new SimpleRequest(XFRM_MSG_FLUSHPOLICY, 0, 0, ATTRS, "XFRM_MSG_FLUSHPOLICY", w -> {
        });
    }

    // ---- structures: reading ----

    private static InetAddress readAddress(ByteBuffer b, int p, int family) {
        byte[] raw = new byte[family == IpAddresses.AF_INET ? 4 : 16];
        b.get(p, raw);
        return Attributes.toAddress(raw);
    }

    private static int be16(ByteBuffer b, int p) {
        return ((b.get(p) & 0xff) << 8) | (b.get(p + 1) & 0xff);
    }

    private static int be32(ByteBuffer b, int p) {
        return ((b.get(p) & 0xff) << 24) | ((b.get(p + 1) & 0xff) << 16) | ((b.get(p + 2) & 0xff) << 8) | (b.get(p + 3) & 0xff);
    }

    static XfrmSelector readSelector(ByteBuffer b, int p) {
        int family = b.getShort(p + 40) & 0xffff;
        if (family != IpAddresses.AF_INET && family != IpAddresses.AF_INET6) {
            return XfrmSelector.ANY;
        }
        int dlen = b.get(p + 42) & 0xff;
        int slen = b.get(p + 43) & 0xff;
        IpPrefix dst = IpPrefix.containing(readAddress(b, p, family), dlen);
        IpPrefix src = IpPrefix.containing(readAddress(b, p + 16, family), slen);
        int dport = be16(b, p + 32) & be16(b, p + 34);
        int sport = be16(b, p + 36) & be16(b, p + 38);
        return new XfrmSelector(src, dst, b.get(p + 44) & 0xff, sport, dport, b.getInt(p + 48));
    }

    static XfrmLifetime readLifetime(ByteBuffer b, int p) {
        return new XfrmLifetime(b.getLong(p), b.getLong(p + 8), b.getLong(p + 16), b.getLong(p + 24),
                b.getLong(p + 32), b.getLong(p + 40), b.getLong(p + 48), b.getLong(p + 56));
    }

    /** Reads xfrm_usersa_info at {@code p} and the SA attributes in {@code a}. */
    static XfrmSa readSa(ByteBuffer b, int p, Attributes a) {
        int family = b.getShort(p + 212) & 0xffff;
        if (family != IpAddresses.AF_INET && family != IpAddresses.AF_INET6) {
            throw new NetlinkProtocolException("SA of address family " + family);
        }
        XfrmSelector sel = readSelector(b, p);
        InetAddress dst = readAddress(b, p + 56, family);
        int spi = be32(b, p + 72);
        int proto = b.get(p + 76) & 0xff;
        InetAddress src = readAddress(b, p + 80, family);
        XfrmLifetime lft = readLifetime(b, p + 96);
        int cur = p + 160;
        int stats = p + 192;
        int reqid = b.getInt(p + 208);
        XfrmMode mode = XfrmMode.valueOf(b.get(p + 214) & 0xff);
        int replay = b.get(p + 215) & 0xff;
        int flags = b.get(p + 216) & 0xff;
        boolean esn = (flags & XFRM_STATE_ESN) != 0;
        if (a.has(XFRMA_REPLAY_ESN_VAL) && a.length(XFRMA_REPLAY_ESN_VAL) >= REPLAY_ESN_SIZE) {
            replay = b.getInt(a.offset(XFRMA_REPLAY_ESN_VAL) + 20);
        }
        XfrmCounters counters = new XfrmCounters(b.getLong(cur), b.getLong(cur + 8), b.getLong(cur + 16),
                b.getLong(cur + 24), b.getInt(stats), b.getInt(stats + 4), b.getInt(stats + 8));
        XfrmAlgorithm.Aead aead = null;
        XfrmAlgorithm.Cipher cipher = null;
        XfrmAlgorithm.Auth auth = null;
        if (a.has(XFRMA_ALG_AEAD)) {
            int q = a.offset(XFRMA_ALG_AEAD);
            aead = new XfrmAlgorithm.Aead(algoName(b, q), algoKey(b, q, 72, a.length(XFRMA_ALG_AEAD)), b.getInt(q + 68));
        }
        if (a.has(XFRMA_ALG_CRYPT)) {
            int q = a.offset(XFRMA_ALG_CRYPT);
            cipher = new XfrmAlgorithm.Cipher(algoName(b, q), algoKey(b, q, 68, a.length(XFRMA_ALG_CRYPT)));
        }
        if (a.has(XFRMA_ALG_AUTH_TRUNC)) {
            int q = a.offset(XFRMA_ALG_AUTH_TRUNC);
            auth = new XfrmAlgorithm.Auth(algoName(b, q), algoKey(b, q, 72, a.length(XFRMA_ALG_AUTH_TRUNC)), b.getInt(q + 68));
        } else if (a.has(XFRMA_ALG_AUTH)) {
            int q = a.offset(XFRMA_ALG_AUTH);
            // plain xfrm_algo: the kernel's default truncation applies; report the full key length as unknown (0)
            auth = new XfrmAlgorithm.Auth(algoName(b, q), algoKey(b, q, 68, a.length(XFRMA_ALG_AUTH)), 0);
        }
        XfrmEncap encap = null;
        if (a.has(XFRMA_ENCAP) && a.length(XFRMA_ENCAP) >= ENCAP_TMPL_SIZE) {
            int q = a.offset(XFRMA_ENCAP);
            byte[] oa = new byte[16];
            b.get(q + 8, oa);
            boolean zero = java.util.Arrays.equals(oa, new byte[16]);
            encap = new XfrmEncap(b.getShort(q) & 0xffff, be16(b, q + 2), be16(b, q + 4),
                    zero ? null : readAddress(b, q + 8, family));
        }
        return new XfrmSa(src, dst, spi, proto, mode, reqid, sel, aead, cipher, auth, encap, replay, esn, lft,
                readMark(a), a.u32(XFRMA_IF_ID, 0), flags & ~XFRM_STATE_ESN, counters);
    }

    private static XfrmMark readMark(Attributes a) {
        if (!a.has(XFRMA_MARK) || a.length(XFRMA_MARK) < 8) {
            return null;
        }
        var b = a.buffer();
        int q = a.offset(XFRMA_MARK);
        return new XfrmMark(b.getInt(q), b.getInt(q + 4));
    }

    private static String algoName(ByteBuffer b, int q) {
        byte[] raw = new byte[ALGO_NAME_SIZE];
        b.get(q, raw);
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        return new String(raw, 0, n, StandardCharsets.US_ASCII);
    }

    private static byte[] algoKey(ByteBuffer b, int q, int keyOffset, int attrLength) {
        int bits = b.getInt(q + ALGO_NAME_SIZE);
        int bytes = (bits + 7) / 8;
        if (keyOffset + bytes > attrLength) {
            throw new NetlinkProtocolException("algorithm key of " + bits + " bits overruns its attribute");
        }
        byte[] key = new byte[bytes];
        b.get(q + keyOffset, key);
        return key;
    }

    static XfrmPolicy readPolicy(ByteBuffer b, int p, Attributes a) {
        XfrmSelector sel = readSelector(b, p);
        XfrmLifetime lft = readLifetime(b, p + 56);
        int priority = b.getInt(p + 152);
        int index = b.getInt(p + 156);
        XfrmDirection dir = XfrmDirection.valueOf(b.get(p + 160) & 0xff);
        int action = b.get(p + 161) & 0xff;
        int flags = b.get(p + 162) & 0xff;
        int share = b.get(p + 163) & 0xff;
        List<XfrmTemplate> templates = new ArrayList<>();
        if (a.has(XFRMA_TMPL)) {
            int q = a.offset(XFRMA_TMPL);
            int end = q + a.length(XFRMA_TMPL);
            for (; q + USER_TMPL_SIZE <= end; q += USER_TMPL_SIZE) {
                int family = b.getShort(q + 24) & 0xffff;
                InetAddress tdst = readTemplateAddress(b, q, family);
                InetAddress tsrc = readTemplateAddress(b, q + 28, family);
                templates.add(new XfrmTemplate(tsrc, tdst, b.get(q + 20) & 0xff, be32(b, q + 16),
                        XfrmMode.valueOf(b.get(q + 48) & 0xff), b.getInt(q + 44), b.get(q + 50) != 0,
                        b.get(q + 49) & 0xff, b.getInt(q + 52), b.getInt(q + 56), b.getInt(q + 60)));
            }
        }
        return new XfrmPolicy(sel, dir, priority, index, action, flags, share, templates, readMark(a),
                a.u32(XFRMA_IF_ID, 0), lft);
    }

    private static InetAddress readTemplateAddress(ByteBuffer b, int q, int family) {
        byte[] raw = new byte[16];
        b.get(q, raw);
        if (java.util.Arrays.equals(raw, new byte[16]) || (family != IpAddresses.AF_INET && family != IpAddresses.AF_INET6)) {
            return null;
        }
        return readAddress(b, q, family);
    }

    // ---- messages ----

    /** An SA from XFRM_MSG_NEWSA / UPDSA / DELSA (a dump entry, a GETSA or ALLOCSPI reply, a notification). */
    public static XfrmSa decodeSa(NetlinkMessage m) {
        if (m.type() != XFRM_MSG_NEWSA && m.type() != XFRM_MSG_UPDSA && m.type() != XFRM_MSG_DELSA) {
            return null;
        }
        if (m.type() == XFRM_MSG_DELSA) {
            // a deletion notification carries xfrm_usersa_id, then the SA in XFRMA_SA
            Attributes a = m.attributes(USERSA_ID_SIZE, XFRMA_MAX);
            if (!a.has(XFRMA_SA)) {
                return null;
            }
            return readSa(m.buffer(), a.offset(XFRMA_SA), a);
        }
        checkLength(m, USERSA_INFO_SIZE);
        return readSa(m.buffer(), m.payloadOffset(), m.attributes(USERSA_INFO_SIZE, XFRMA_MAX));
    }

    public static XfrmPolicy decodePolicy(NetlinkMessage m) {
        if (m.type() != XFRM_MSG_NEWPOLICY && m.type() != XFRM_MSG_UPDPOLICY) {
            return null;
        }
        checkLength(m, USERPOLICY_INFO_SIZE);
        return readPolicy(m.buffer(), m.payloadOffset(), m.attributes(USERPOLICY_INFO_SIZE, XFRMA_MAX));
    }

    public static XfrmEvent decodeEvent(NetlinkMessage m) {
        switch (m.type()) {
            case XFRM_MSG_EXPIRE: {
                checkLength(m, USER_EXPIRE_SIZE);
                Attributes a = m.attributes(USER_EXPIRE_SIZE, XFRMA_MAX);
                XfrmSa sa = readSa(m.buffer(), m.payloadOffset(), a);
                return new XfrmEvent.SaExpired(sa, m.buffer().get(m.payloadOffset() + USERSA_INFO_SIZE) != 0);
            }
            case XFRM_MSG_ACQUIRE: {
                checkLength(m, USER_ACQUIRE_SIZE);
                var b = m.buffer();
                int p = m.payloadOffset();
                Attributes a = m.attributes(USER_ACQUIRE_SIZE, XFRMA_MAX);
                XfrmPolicy policy = readPolicy(b, p + 96, a);
                int family = policy.selector().family() != 0 ? policy.selector().family()
                        : (b.getShort(p + 40 + 40) & 0xffff);
                if (family != IpAddresses.AF_INET && family != IpAddresses.AF_INET6) {
                    family = IpAddresses.AF_INET;
                }
                return new XfrmEvent.Acquire(readAddress(b, p + 24, family), readAddress(b, p, family),
                        b.get(p + 20) & 0xff, readSelector(b, p + 40), policy, b.getInt(p + 276));
            }
            case XFRM_MSG_POLEXPIRE: {
                checkLength(m, USER_POLEXPIRE_SIZE);
                Attributes a = m.attributes(USER_POLEXPIRE_SIZE, XFRMA_MAX);
                XfrmPolicy policy = readPolicy(m.buffer(), m.payloadOffset(), a);
                return new XfrmEvent.PolicyExpired(policy, m.buffer().get(m.payloadOffset() + USERPOLICY_INFO_SIZE) != 0);
            }
            case XFRM_MSG_NEWSA:
            case XFRM_MSG_UPDSA:
            case XFRM_MSG_DELSA: {
                XfrmSa sa = decodeSa(m);
                return sa == null ? null : new XfrmEvent.SaChanged(m.type() == XFRM_MSG_DELSA, sa);
            }
            case XFRM_MSG_NEWPOLICY:
            case XFRM_MSG_UPDPOLICY:
                return new XfrmEvent.PolicyChanged(false, decodePolicy(m));
            case XFRM_MSG_DELPOLICY: {
                Attributes a = m.attributes(USERPOLICY_ID_SIZE, XFRMA_MAX);
                if (!a.has(XFRMA_POLICY)) {
                    return null;
                }
                return new XfrmEvent.PolicyChanged(true, readPolicy(m.buffer(), a.offset(XFRMA_POLICY), a));
            }
            default:
                return null;
        }
    }

    private static void checkLength(NetlinkMessage m, int size) {
        if (m.payloadLength() < size) {
            throw new NetlinkProtocolException(messageName(m.type()) + " of " + m.payloadLength()
                    + " bytes is shorter than its " + size + "-byte structure");
        }
    }
}
