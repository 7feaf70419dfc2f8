package net.archway.routing.bgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.archway.netlink.testing.TestNamespace;

/** FRR's bgpd alone (no zebra: -Z, no kernel routes: -n) with its own vty socket; vtysh reads it. */
public final class Frr extends PeerDaemon {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** bgpd alone: no zebra (-Z), no kernel routes (-n). */
    public Frr(TestNamespace ns, String config) {
        this(ns, config, false);
    }

    /**
     * With {@code zebraAndBfdd}, zebra and bfdd run beside bgpd on one zserv socket: bgpd asks
     * for BFD sessions through zebra (there is no other path from bgpd to bfdd), and installs
     * its routes into the peer namespace's kernel, so forwarding can be checked.
     */
    public Frr(TestNamespace ns, String config, boolean zebraAndBfdd) {
        super(ns, "frr");
        requireProgram("/usr/lib/frr/bgpd", "frr");
        requireProgram("/usr/bin/vtysh", "frr");
        String zserv = dir.resolve("zserv.api").toString();
        if (zebraAndBfdd) {
            requireProgram("/usr/lib/frr/zebra", "frr");
            requireProgram("/usr/lib/frr/bfdd", "frr");
            // Debian's zebra and bfdd refuse to run as root (root is not in the frrvty group): they run as frr
            TestNamespace.run(List.of("chown", "frr:frr", dir.toString()));
            write("zebra.conf", "hostname peer\nlog file " + dir.resolve("zebra.log") + "\n");
            startForking(dir.resolve("zebra.pid"), List.of("/usr/lib/frr/zebra", "-d", "-f", dir.resolve("zebra.conf").toString(), "-i",
                    dir.resolve("zebra.pid").toString(), "--vty_socket", dir.toString(), "-z", zserv, "-P", "0", "-u", "frr", "-g", "frr"));
            await("zebra's vty socket", () -> Files.exists(dir.resolve("zebra.vty")));
            write("bfdd.conf", "hostname peer\nlog file " + dir.resolve("bfdd.log") + "\n");
            startForking(dir.resolve("bfdd.pid"), List.of("/usr/lib/frr/bfdd", "-d", "-f", dir.resolve("bfdd.conf").toString(), "-i",
                    dir.resolve("bfdd.pid").toString(), "--vty_socket", dir.toString(), "-z", zserv, "--bfdctl",
                    dir.resolve("bfdd.sock").toString(), "-P", "0", "-u", "frr", "-g", "frr"));
            await("bfdd's vty socket", () -> Files.exists(dir.resolve("bfdd.vty")));
        }
        write("bgpd.conf", "frr defaults traditional\nhostname peer\nlog file " + dir.resolve("bgpd.log") + "\n" + config);
        List<String> bgpd = new java.util.ArrayList<>(List.of("/usr/lib/frr/bgpd", "-d", "-f", dir.resolve("bgpd.conf").toString(), "-i",
                dir.resolve("bgpd.pid").toString(), "--vty_socket", dir.toString(), "-z", zserv, "-S", "-P", "0", "-u", "root", "-g", "root"));
        if (!zebraAndBfdd) {
            bgpd.addAll(List.of("-Z", "-n"));
        }
        startForking(dir.resolve("bgpd.pid"), bgpd);
        await("bgpd's vty socket", () -> Files.exists(dir.resolve("bgpd.vty")));
    }

    public String vtysh(String... commands) {
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

    public JsonNode json(String command) {
        String out = vtysh(command);
        try {
            return JSON.readTree(out.isBlank() ? "{}" : out);
        } catch (IOException e) {
            throw new AssertionError("vtysh printed something that is not JSON for '" + command + "': " + out, e);
        }
    }

    /** The first path FRR holds for a prefix, or null. */
    public JsonNode path(String family, String prefix) {
        JsonNode paths = json("show bgp " + family + " unicast " + prefix + " json").path("paths");
        return paths.isArray() && paths.size() > 0 ? paths.get(0) : null;
    }

    public JsonNode neighbor(String address) {
        return json("show bgp neighbors " + address + " json").path(address);
    }

    @Override
    public String log() {
        try {
            return Files.readString(dir.resolve("bgpd.log"));
        } catch (IOException e) {
            return "(no bgpd.log: " + e + ")";
        }
    }
}
