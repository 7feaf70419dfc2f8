package net.archway.appliance.show;

import java.util.ArrayList;
import java.util.List;

import net.archway.appliance.interfaces.InterfaceStatus;
import net.archway.cli.op.OpResult;

/**
 * {@code show interfaces terse}: one line per physical interface and per logical one (unit 0 of
 * an untagged interface shows as {@code NAME.0}, a VLAN sub-interface under its own name), with
 * addresses per family. A configured interface the kernel lacks shows with link {@code absent}.
 */
public record InterfacesTerse(List<Line> interfaces) implements OpResult {

    public record Line(String name, String admin, String link, String protocol, String local) {
    }

    public static InterfacesTerse of(List<InterfaceStatus> status) {
        List<Line> out = new ArrayList<>();
        for (InterfaceStatus s : status) {
            String admin = s.present() ? (s.adminUp() ? "up" : "down") : "up";
            String link = s.present() ? (s.linkUp() ? "up" : "down") : "absent";
            boolean vlan = s.vlanId() != 0;
            if (!vlan) {
                out.add(new Line(s.name(), admin, link, null, null));
            }
            if (vlan || !s.inet().isEmpty() || !s.inet6().isEmpty()) {
                String logical = vlan ? s.name() : s.name() + ".0";
                boolean first = true;
                for (String a : s.inet()) {
                    out.add(new Line(first ? logical : null, first ? admin : null, first ? link : null, "inet", a));
                    first = false;
                }
                boolean firstV6 = true;
                for (String a : s.inet6()) {
                    out.add(new Line(first ? logical : null, first ? admin : null, first ? link : null,
                            firstV6 ? "inet6" : null, a));
                    first = false;
                    firstV6 = false;
                }
                if (first) {
                    out.add(new Line(logical, admin, link, null, null));
                }
            }
        }
        return new InterfacesTerse(out);
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder(String.format("%-24s%-6s%-5s%-9s%-22s%s%n", "Interface", "Admin", "Link",
                "Proto", "Local", "Remote"));
        for (Line l : interfaces) {
            sb.append(String.format("%-24s%-6s%-5s%-9s%s", n(l.name()), n(l.admin()), n(l.link()), n(l.protocol()),
                    n(l.local())).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}
