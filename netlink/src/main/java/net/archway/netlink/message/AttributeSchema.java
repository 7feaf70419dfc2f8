package net.archway.netlink.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Names of the attributes of one message family (or one nesting level), with the nested
 * levels below them. Used to say which attribute the kernel's extended ACK pointed at
 * ({@code IFLA_LINKINFO/IFLA_INFO_DATA/IFLA_VLAN_ID}) and to print messages in tests.
 */
public final class AttributeSchema {
    private final String[] names;
    private final Map<Integer, AttributeSchema> nested = new HashMap<>();
    private final Map<Integer, Integer> nestedHeader = new HashMap<>();

    private AttributeSchema(String[] namesByType) {
        this.names = namesByType;
    }

    /** A schema from pairs of type number and name: {@code named(1, "RTA_DST", 5, "RTA_GATEWAY")}. */
    public static AttributeSchema named(Object... typeNamePairs) {
        int max = 0;
        for (int i = 0; i < typeNamePairs.length; i += 2) {
            max = Math.max(max, (Integer) typeNamePairs[i]);
        }
        String[] names = new String[max + 1];
        for (int i = 0; i < typeNamePairs.length; i += 2) {
            names[(Integer) typeNamePairs[i]] = (String) typeNamePairs[i + 1];
        }
        return new AttributeSchema(names);
    }

    /** Declares that attribute {@code type} holds attributes named by {@code child}. */
    public AttributeSchema nest(int type, AttributeSchema child) {
        return nest(type, 0, child);
    }

    /** As {@link #nest(int, AttributeSchema)}, where the payload starts with a fixed structure of {@code headerLength} bytes. */
    public AttributeSchema nest(int type, int headerLength, AttributeSchema child) {
        nested.put(type, child);
        nestedHeader.put(type, headerLength);
        return this;
    }

    public String name(int type) {
        return type >= 0 && type < names.length && names[type] != null ? names[type] : "attribute " + type;
    }

    public AttributeSchema child(int type) {
        return nested.get(type);
    }

    /**
     * Names the attribute that contains byte {@code target} of a message whose attributes run
     * from {@code start} to {@code end}; null when the offset falls outside any attribute.
     */
    public String pathAt(ByteBuffer message, int start, int end, int target) {
        ByteBuffer buf = message.duplicate().order(ByteOrder.nativeOrder());
        int p = start;
        while (p + Nl.NLA_HDRLEN <= end) {
            int len = buf.getShort(p) & 0xffff;
            int type = buf.getShort(p + 2) & Nl.NLA_TYPE_MASK;
            if (len < Nl.NLA_HDRLEN || p + len > end) {
                return null;
            }
            if (target >= p && target < p + Math.max(len, Nl.NLA_HDRLEN)) {
                AttributeSchema child = nested.get(type);
                if (child != null && target >= p + Nl.NLA_HDRLEN) {
                    int childStart = p + Nl.NLA_HDRLEN + Nl.align(nestedHeader.get(type));
                    String inner = child.pathAt(buf, childStart, p + len, target);
                    if (inner != null) {
                        return name(type) + "/" + inner;
                    }
                }
                return name(type);
            }
            p += Nl.align(len);
        }
        return null;
    }
}
