package net.archway.appliance.interfaces;

import java.util.List;

/**
 * The committed {@code interfaces} hierarchy, as the interface manager needs it. Interface
 * names are the kernel's own ({@code eth1}, a veth name); {@code lo0} means the kernel's {@code lo}.
 */
public record InterfaceSettings(List<Physical> interfaces) {
    public static final InterfaceSettings NONE = new InterfaceSettings(List.of());

    public InterfaceSettings {
        interfaces = List.copyOf(interfaces);
    }

    /**
     * {@code interfaces NAME { disable; mtu; description; vlan-tagging; unit N { ... } }}.
     */
    public record Physical(String name, boolean disabled, Integer mtu, String description, boolean vlanTagging,
                           List<Unit> units) {
        public Physical {
            units = List.copyOf(units);
        }

        /** The kernel's name for it ({@code lo0} is {@code lo}). */
        public String kernelName() {
            return kernelName(name);
        }

        public static String kernelName(String configured) {
            return configured.equals("lo0") ? "lo" : configured;
        }

        /**
         * {@code st0}, {@code st1}...: secure tunnel interfaces, whose every unit N is an XFRM
         * interface {@code st0.N} with if_id {@link #xfrmIfId} (route-based IPsec binds SAs to it).
         */
        public boolean tunnel() {
            return name.matches("st[0-9]{1,3}");
        }

        /** The kernel's name for unit {@code u}: the interface itself for unit 0 without vlan-id, else NAME.N. */
        public String unitKernelName(Unit u) {
            return u.vlanId() == null && u.number() == 0 && !tunnel() ? kernelName() : kernelName() + "." + u.number();
        }

        /**
         * The XFRM if_id of tunnel unit {@code stS.N}: S * 65536 + N + 1 (if_id 0 means "no
         * interface" to the kernel, so unit 0 cannot use 0; distinct per st interface).
         */
        public int xfrmIfId(Unit u) {
            return Integer.parseInt(name.substring(2)) * 65536 + u.number() + 1;
        }

        /** Junos path for errors: {@code [edit interfaces eth1]}. */
        public String path() {
            return "[edit interfaces " + name + "]";
        }
    }

    /**
     * {@code unit N { vlan-id V; disable; description; family inet address A/L; family inet dhcp;
     * family inet6 address A/L; }}. Addresses are {@code 192.0.2.1/24} text (host bits are the
     * point). With {@code dhcp} the unit's IPv4 address (and a default route) come from a DHCP
     * server ({@link DhcpClients}), never from {@code inet}.
     */
    public record Unit(int number, Integer vlanId, boolean disabled, String description, List<String> inet,
                       List<String> inet6, boolean dhcp) {
        public Unit {
            inet = List.copyOf(inet);
            inet6 = List.copyOf(inet6);
        }

        /** A unit with static addresses only. */
        public Unit(int number, Integer vlanId, boolean disabled, String description, List<String> inet,
                    List<String> inet6) {
            this(number, vlanId, disabled, description, inet, inet6, false);
        }
    }
}
