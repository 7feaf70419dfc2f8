package net.archway.appliance.show;

import java.util.List;

import net.archway.appliance.interfaces.InterfaceStatus;
import net.archway.cli.op.OpResult;
import net.archway.netlink.route.LinkStats;

/** {@code show interfaces NAME}: state, MTU, address, description, counters and addresses, in the Junos layout. */
public record InterfaceDetail(String name, boolean present, boolean enabled, boolean linkUp, int mtu, String macAddress,
                              String description, String kind, int vlanId, List<String> inet, List<String> inet6,
                              LinkStats counters) implements OpResult {

    public static InterfaceDetail of(InterfaceStatus s) {
        return new InterfaceDetail(s.name(), s.present(), s.adminUp(), s.linkUp(), s.mtu(), s.macAddress(),
                s.description(), s.kind(), s.vlanId(), s.inet(), s.inet6(), s.stats());
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (!present) {
            return "Physical interface: " + name + ", is configured but does not exist in the kernel\n";
        }
        sb.append(vlanId != 0 ? "Logical interface: " : "Physical interface: ").append(name).append(", ")
                .append(enabled ? "Enabled" : "Administratively down").append(", Physical link is ")
                .append(linkUp ? "Up" : "Down").append('\n');
        if (description != null && !description.isEmpty()) {
            sb.append("  Description: ").append(description).append('\n');
        }
        sb.append("  Link-level type: ").append(kind == null ? "Ethernet" : kind).append(", MTU: ").append(mtu);
        if (vlanId != 0) {
            sb.append(", VLAN-Tag [ 0x8100.").append(vlanId).append(" ]");
        }
        sb.append('\n');
        if (macAddress != null) {
            sb.append("  Current address: ").append(macAddress).append('\n');
        }
        if (counters != null) {
            sb.append("  Input packets : ").append(counters.rxPackets()).append(" (").append(counters.rxBytes())
                    .append(" bytes)\n");
            sb.append("  Output packets: ").append(counters.txPackets()).append(" (").append(counters.txBytes())
                    .append(" bytes)\n");
            sb.append("  Input errors: ").append(counters.rxErrors()).append(", Input drops: ").append(counters.rxDropped())
                    .append(", Output errors: ").append(counters.txErrors()).append(", Output drops: ")
                    .append(counters.txDropped()).append('\n');
        }
        if (!inet.isEmpty()) {
            sb.append("    Protocol inet\n");
            inet.forEach(a -> sb.append("      Local: ").append(a).append('\n'));
        }
        if (!inet6.isEmpty()) {
            sb.append("    Protocol inet6\n");
            inet6.forEach(a -> sb.append("      Local: ").append(a).append('\n'));
        }
        return sb.toString();
    }
}
