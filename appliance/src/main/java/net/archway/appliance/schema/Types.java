package net.archway.appliance.schema;

import java.util.LinkedHashMap;
import java.util.Map;

import net.archway.cli.schema.ValueType;

/** Value types shared by Archway's hierarchies. */
final class Types {
    private Types() {
    }

    static final ValueType AS = ValueType.integer("<as>", 1, 4294967295L);
    static final ValueType U32 = ValueType.integer("<number>", 0, 4294967295L);
    static final ValueType PREFERENCE = ValueType.integer("<preference>", 0, 4294967295L);
    static final ValueType METRIC = ValueType.integer("<metric>", 0, 4294967295L);
    static final ValueType NAME = ValueType.identifier("<name>");

    /** An interface: ge-0/0/0, eth0, enp1s0, lo0, st0. */
    static final ValueType INTERFACE = ValueType.pattern("<interface-name>",
            "interface name (ge-0/0/0, eth0, lo0, st0...)", "[a-z][a-z0-9_-]{0,14}(/[0-9]{1,3}){0,3}");

    /** A logical interface: st0.1, ge-0/0/0.100. */
    static final ValueType INTERFACE_UNIT = ValueType.pattern("<interface>",
            "logical interface (name.unit: st0.0, ge-0/0/0.100)", "[a-z][a-z0-9_-]{0,14}(/[0-9]{1,3}){0,3}\\.[0-9]{1,5}");

    static final ValueType SEVERITY = ValueType.enumeration("any", "All levels", "emergency", "Panic conditions",
            "alert", "Conditions that should be corrected immediately", "critical", "Critical conditions",
            "error", "Error conditions", "warning", "Warning messages", "notice",
            "Conditions that should be handled specially", "info", "Informational messages", "none",
            "No messages");

    /** Route-filter match types: {@code exact}, {@code upto /24}, {@code prefix-length-range /16-/24}. */
    static ValueType routeFilterMatch() {
        Map<String, ValueType> args = new LinkedHashMap<>();
        args.put("exact", null);
        args.put("longer", null);
        args.put("orlonger", null);
        args.put("upto", ValueType.pattern("</length>", "/length", "/[0-9]{1,3}"));
        args.put("prefix-length-range", ValueType.pattern("</length-/length>", "/a-/b", "/[0-9]{1,3}-/[0-9]{1,3}"));
        args.put("through", ValueType.ipPrefix());
        Map<String, String> help = new LinkedHashMap<>();
        help.put("exact", "Exactly match the prefix length");
        help.put("longer", "Mask is greater than the prefix length");
        help.put("orlonger", "Mask is greater than or equal to the prefix length");
        help.put("upto", "Mask falls between two prefix lengths");
        help.put("prefix-length-range", "Mask falls between two prefix lengths");
        help.put("through", "Route falls between two prefixes");
        return ValueType.keywordWithArgument("<match-type>", args, help);
    }
}
