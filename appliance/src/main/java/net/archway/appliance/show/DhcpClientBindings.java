package net.archway.appliance.show;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.archway.appliance.interfaces.DhcpClients;
import net.archway.cli.op.OpResult;

/**
 * {@code show dhcp client binding}: one line per interface with {@code family inet dhcp}, its
 * lease (address, seconds until it expires, the server's router) and the client's state
 * ({@code BOUND}, {@code SELECTING} while it asks, {@code INIT} before its first answer).
 */
public record DhcpClientBindings(List<Binding> bindings) implements OpResult {

    public record Binding(String address, long expires, String state, String router, String server, String interfaceName) {
    }

    public static DhcpClientBindings of(List<DhcpClients.Binding> bindings, Instant now) {
        List<Binding> out = new ArrayList<>();
        for (DhcpClients.Binding b : bindings) {
            out.add(new Binding(b.address(), b.expiresIn(now), b.state(),
                    b.router() == null ? null : b.router().getHostAddress(),
                    b.server() == null ? null : b.server().getHostAddress(), b.interfaceName()));
        }
        return new DhcpClientBindings(out);
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder(String.format("%-20s%-10s%-12s%-18s%s%n", "IP/prefix", "Expires", "State",
                "Router", "Interface"));
        for (Binding b : bindings) {
            sb.append(String.format("%-20s%-10s%-12s%-18s%s%n", b.address() == null ? "-" : b.address(),
                    b.address() == null ? "-" : Long.toString(b.expires()), b.state(),
                    b.router() == null ? "-" : b.router(), b.interfaceName()));
        }
        return sb.toString();
    }
}
