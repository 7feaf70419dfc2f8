package net.archway.netlink.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A canonical text of a netlink message for comparing two encodings of the same request:
 * type, flags, the fixed header's bytes, then the attributes sorted by type (order does not
 * matter to the kernel), nested ones expanded. Attribute flag bits (NLA_F_NESTED) are not
 * shown: the kernel's parsers for these messages ignore them.
 */
public final class MessageTree {
    /** How to expand the attributes of one level. */
    public enum Family {
        LINK, PLAIN
    }

    private MessageTree() {
    }

    /** Renders {@code message}; {@code ignoredFlags} are masked out of nlmsg_flags. */
    public static String render(byte[] message, int headerLength, Family family, int ignoredFlags) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.nativeOrder());
        int len = Math.min(b.getInt(0), message.length);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("type=0x%x flags=0x%x%n", b.getShort(4) & 0xffff, (b.getShort(6) & 0xffff) & ~ignoredFlags));
        int headerEnd = Math.min(len, 16 + headerLength);
        sb.append("header=").append(HexFormat.of().formatHex(message, 16, headerEnd)).append('\n');
        renderAttributes(sb, b, Nl.align(16 + headerLength), len, family, "  ");
        return sb.toString();
    }

    private record Attr(int type, int offset, int length) {
    }

    private static void renderAttributes(StringBuilder sb, ByteBuffer b, int start, int end, Family family, String indent) {
        List<Attr> attrs = new ArrayList<>();
        int p = start;
        while (p + 4 <= end) {
            int len = b.getShort(p) & 0xffff;
            int type = b.getShort(p + 2) & Nl.NLA_TYPE_MASK;
            if (len < 4 || p + len > end) {
                sb.append(indent).append("MALFORMED at ").append(p).append('\n');
                return;
            }
            attrs.add(new Attr(type, p + 4, len - 4));
            p += Nl.align(len);
        }
        attrs.sort(Comparator.comparingInt(Attr::type));
        for (Attr a : attrs) {
            if (family == Family.LINK && a.type() == 18) { // IFLA_LINKINFO
                sb.append(indent).append(a.type()).append(" {\n");
                renderLinkInfo(sb, b, a.offset(), a.offset() + a.length(), indent + "  ");
                sb.append(indent).append("}\n");
            } else {
                sb.append(indent).append(a.type()).append(" = ").append(hex(b, a.offset(), a.length())).append('\n');
            }
        }
    }

    private static void renderLinkInfo(StringBuilder sb, ByteBuffer b, int start, int end, String indent) {
        String kind = "";
        List<Attr> attrs = new ArrayList<>();
        int p = start;
        while (p + 4 <= end) {
            int len = b.getShort(p) & 0xffff;
            int type = b.getShort(p + 2) & Nl.NLA_TYPE_MASK;
            if (len < 4 || p + len > end) {
                sb.append(indent).append("MALFORMED\n");
                return;
            }
            attrs.add(new Attr(type, p + 4, len - 4));
            if (type == 1) {
                byte[] raw = new byte[len - 4];
                b.get(p + 4, raw);
                kind = new String(raw, StandardCharsets.US_ASCII).replace("\0", "");
            }
            p += Nl.align(len);
        }
        attrs.sort(Comparator.comparingInt(Attr::type));
        for (Attr a : attrs) {
            if (a.type() == 2) { // IFLA_INFO_DATA
                sb.append(indent).append("2 {\n");
                if (kind.equals("veth")) {
                    // VETH_INFO_PEER: an ifinfomsg, then link attributes
                    renderVethData(sb, b, a.offset(), a.offset() + a.length(), indent + "  ");
                } else {
                    renderAttributes(sb, b, a.offset(), a.offset() + a.length(), Family.PLAIN, indent + "  ");
                }
                sb.append(indent).append("}\n");
            } else {
                sb.append(indent).append(a.type()).append(" = ").append(hex(b, a.offset(), a.length())).append('\n');
            }
        }
    }

    private static void renderVethData(StringBuilder sb, ByteBuffer b, int start, int end, String indent) {
        int p = start;
        while (p + 4 <= end) {
            int len = b.getShort(p) & 0xffff;
            int type = b.getShort(p + 2) & Nl.NLA_TYPE_MASK;
            sb.append(indent).append(type).append(" { header=").append(hex(b, p + 4, 16)).append('\n');
            renderAttributes(sb, b, p + 4 + 16, p + len, Family.LINK, indent + "  ");
            sb.append(indent).append("}\n");
            p += Nl.align(len);
        }
    }

    private static String hex(ByteBuffer b, int offset, int length) {
        byte[] raw = new byte[length];
        b.get(offset, raw);
        return HexFormat.of().formatHex(raw);
    }
}
