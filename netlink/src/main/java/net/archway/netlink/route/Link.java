package net.archway.netlink.route;

/**
 * A network interface as the kernel reports it (RTM_NEWLINK).
 *
 * @param index        ifindex
 * @param name         IFLA_IFNAME
 * @param flags        IFF_* flags
 * @param mtu          IFLA_MTU
 * @param macAddress   IFLA_ADDRESS as {@code aa:bb:cc:dd:ee:ff}, or null
 * @param kind         from IFLA_LINKINFO
 * @param parentIndex  IFLA_LINK (the lower device of a VLAN, the peer of a veth), 0 if none
 * @param masterIndex  IFLA_MASTER (the bridge a port belongs to), 0 if none
 * @param operState    IFLA_OPERSTATE (RFC 2863: 0 unknown, 2 down, 5 dormant, 6 up ...)
 * @param carrier      IFLA_CARRIER
 * @param alias        IFLA_IFALIAS, or null
 * @param stats        IFLA_STATS64
 */
public record Link(int index, String name, int flags, int mtu, String macAddress, LinkKind kind, int parentIndex,
                   int masterIndex, int operState, boolean carrier, String alias, LinkStats stats) {

    public static final int OPER_UNKNOWN = 0;
    public static final int OPER_NOTPRESENT = 1;
    public static final int OPER_DOWN = 2;
    public static final int OPER_LOWERLAYERDOWN = 3;
    public static final int OPER_DORMANT = 5;
    public static final int OPER_UP = 6;

    /**
     * Checks an interface name the way the kernel's dev_valid_name does: 1-15 bytes, no '/', ':'
     * or white space, not "." or "..". Returns the name.
     */
    public static String checkName(String name) {
        if (name == null || name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15) {
            throw new IllegalArgumentException("interface name '" + name + "' must be 1-15 characters");
        }
        if (name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("interface name '" + name + "' may not be . or .. or contain '/', ':' or spaces");
        }
        return name;
    }

    /** Administratively up (IFF_UP). */
    public boolean isUp() {
        return (flags & Rtnl.IFF_UP) != 0;
    }

    /** The lower layer is up (IFF_LOWER_UP): a cable, or a veth peer that is up. */
    public boolean isLowerUp() {
        return (flags & Rtnl.IFF_LOWER_UP) != 0;
    }

    /** Ready to pass traffic: administratively up and the carrier present. */
    public boolean isRunning() {
        return (flags & Rtnl.IFF_RUNNING) != 0;
    }

    public boolean isLoopback() {
        return (flags & Rtnl.IFF_LOOPBACK) != 0;
    }

    /** The operational state as {@code ip} prints it. */
    public String operStateName() {
        return switch (operState) {
            case OPER_NOTPRESENT -> "NOTPRESENT";
            case OPER_DOWN -> "DOWN";
            case OPER_LOWERLAYERDOWN -> "LOWERLAYERDOWN";
            case 4 -> "TESTING";
            case OPER_DORMANT -> "DORMANT";
            case OPER_UP -> "UP";
            default -> "UNKNOWN";
        };
    }
}
