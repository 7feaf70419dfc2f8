package net.archway.netlink.route;

import net.archway.netlink.IpPrefix;

/**
 * A policy-routing rule (RTM_NEWRULE, fib_rule_hdr + FRA_*).
 *
 * @param family   AF_INET or AF_INET6
 * @param priority FRA_PRIORITY (the rule's position; 0 lets the kernel choose when adding)
 * @param action   FR_ACT_*: 1 lookup a table, 2 goto, 3 nop, 6 blackhole, 7 unreachable, 8 prohibit
 * @param table    table looked up (FRA_TABLE)
 * @param source   FRA_SRC, or null for any
 * @param destination FRA_DST, or null for any
 * @param inputInterface  FRA_IIFNAME, or null
 * @param outputInterface FRA_OIFNAME, or null
 * @param fwmark   FRA_FWMARK (0 none)
 * @param fwmask   FRA_FWMASK (0 none)
 * @param tos      fib_rule_hdr.tos
 * @param invert   FIB_RULE_INVERT ("not")
 */
public record Rule(int family, int priority, int action, int table, IpPrefix source, IpPrefix destination,
                   String inputInterface, String outputInterface, int fwmark, int fwmask, int tos, boolean invert) {
    public static final int ACTION_TO_TABLE = 1;
    public static final int ACTION_GOTO = 2;
    public static final int ACTION_NOP = 3;
    public static final int ACTION_BLACKHOLE = 6;
    public static final int ACTION_UNREACHABLE = 7;
    public static final int ACTION_PROHIBIT = 8;

    public Rule {
        if (source != null && source.family() != family || destination != null && destination.family() != family) {
            throw new IllegalArgumentException("rule prefixes must be of the rule's family");
        }
    }

    /** {@code from SOURCE lookup TABLE priority PRIORITY}. */
    public static Rule fromSource(IpPrefix source, int table, int priority) {
        return new Rule(source.family(), priority, ACTION_TO_TABLE, table, source, null, null, null, 0, 0, 0, false);
    }

    /** {@code to DESTINATION lookup TABLE priority PRIORITY}. */
    public static Rule toDestination(IpPrefix destination, int table, int priority) {
        return new Rule(destination.family(), priority, ACTION_TO_TABLE, table, null, destination, null, null, 0, 0, 0,
                false);
    }

    public Rule withInputInterface(String name) {
        return new Rule(family, priority, action, table, source, destination, name, outputInterface, fwmark, fwmask, tos,
                invert);
    }

    public Rule withFwmark(int mark, int mask) {
        return new Rule(family, priority, action, table, source, destination, inputInterface, outputInterface, mark, mask,
                tos, invert);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(priority).append(": ");
        if (invert) {
            sb.append("not ");
        }
        sb.append("from ").append(source == null ? "all" : source.toString());
        if (destination != null) {
            sb.append(" to ").append(destination);
        }
        if (fwmark != 0 || fwmask != 0) {
            sb.append(" fwmark 0x").append(Integer.toHexString(fwmark)).append("/0x").append(Integer.toHexString(fwmask));
        }
        if (inputInterface != null) {
            sb.append(" iif ").append(inputInterface);
        }
        if (outputInterface != null) {
            sb.append(" oif ").append(outputInterface);
        }
        if (action == ACTION_TO_TABLE) {
            sb.append(" lookup ").append(Integer.toUnsignedString(table));
        } else {
            sb.append(" action ").append(action);
        }
        return sb.toString();
    }
}
