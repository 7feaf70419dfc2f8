package net.archway.routing.bgp.message;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Hand-built messages for tests: hex pieces and UPDATEs assembled from raw fields. */
final class Bytes {
    private Bytes() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s_]", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** A whole message: marker, length, type, body. */
    static byte[] message(int type, byte[] body) {
        byte[] m = new byte[19 + body.length];
        for (int i = 0; i < 16; i++) {
            m[i] = (byte) 0xff;
        }
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, 19, body.length);
        return m;
    }

    /** An UPDATE from its three raw fields. */
    static byte[] update(String withdrawn, String attributes, String nlri) {
        byte[] w = hex(withdrawn);
        byte[] a = hex(attributes);
        byte[] n = hex(nlri);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(w.length >>> 8);
        body.write(w.length);
        body.writeBytes(w);
        body.write(a.length >>> 8);
        body.write(a.length);
        body.writeBytes(a);
        body.writeBytes(n);
        return message(2, body.toByteArray());
    }

    /** One attribute: flags, code and value (Extended Length when the value needs it or the flags ask). */
    static String attr(int flags, int code, String value) {
        byte[] v = hex(value);
        boolean ext = (flags & 0x10) != 0 || v.length > 255;
        String len = ext ? String.format("%04x", v.length) : String.format("%02x", v.length);
        return String.format("%02x%02x", ext ? flags | 0x10 : flags, code) + len + value.replaceAll("\\s", "");
    }

    /** ORIGIN IGP, AS_PATH (4-octet) 65001, NEXT_HOP 192.0.2.1: a valid eBGP set from AS 65001. */
    static final String ORIGIN = attr(0x40, 1, "00");
    static final String AS_PATH = attr(0x40, 2, "0201" + "0000fde9");
    static final String NEXT_HOP = attr(0x40, 3, "c0000201");
    static final String BASE = ORIGIN + AS_PATH + NEXT_HOP;
    /** 198.51.100.0/24 in NLRI form. */
    static final String NLRI = "18c63364";
}
