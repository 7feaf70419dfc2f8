package net.archway.routing.bgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.archway.netlink.testing.TestNamespace;

/** FRR's bgpd alone (no zebra: -Z, no kernel routes: -n) with its own vty socket; vtysh reads it. */
final class Frr extends PeerDaemon {
    private static final ObjectMapper JSON = new ObjectMapper();

    Frr(TestNamespace ns, String config) {
        super(ns, "frr");
        requireProgram("/usr/lib/frr/bgpd", "frr");
        requireProgram("/usr/bin/vtysh", "frr");
        write("bgpd.conf", "frr defaults traditional\nhostname peer\nlog file " + dir.resolve("bgpd.log") + "\n" + config);
        startForking(dir.resolve("bgpd.pid"), List.of("/usr/lib/frr/bgpd", "-d", "-f", dir.resolve("bgpd.conf").toString(), "-i",
                dir.resolve("bgpd.pid").toString(), "--vty_socket", dir.toString(), "-z", dir.resolve("zserv.api").toString(), "-Z", "-n",
                "-S", "-P", "0", "-u", "root", "-g", "root"));
        await("bgpd's vty socket", () -> Files.exists(dir.resolve("bgpd.vty")));
    }

    String vtysh(String... commands) {
        String[] cmd = new String[3 + 2 * commands.length];
        cmd[0] = "vtysh";
        cmd[1] = "--vty_socket";
        cmd[2] = dir.toString();
        for (int i = 0; i < commands.length; i++) {
            cmd[3 + 2 * i] = "-c";
            cmd[4 + 2 * i] = commands[i];
        }
        return exec(cmd);
    }

    JsonNode json(String command) {
        String out = vtysh(command);
        try {
            return JSON.readTree(out.isBlank() ? "{}" : out);
        } catch (IOException e) {
            throw new AssertionError("vtysh printed something that is not JSON for '" + command + "': " + out, e);
        }
    }

    /** The first path FRR holds for a prefix, or null. */
    JsonNode path(String family, String prefix) {
        JsonNode paths = json("show bgp " + family + " unicast " + prefix + " json").path("paths");
        return paths.isArray() && paths.size() > 0 ? paths.get(0) : null;
    }

    JsonNode neighbor(String address) {
        return json("show bgp neighbors " + address + " json").path(address);
    }

    @Override
    String log() {
        try {
            return Files.readString(dir.resolve("bgpd.log"));
        } catch (IOException e) {
            return "(no bgpd.log: " + e + ")";
        }
    }
}
