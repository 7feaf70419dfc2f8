package net.archway.routing.bgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.archway.netlink.testing.TestNamespace;

/** gobgpd in the foreground with its gRPC API on the namespace's loopback; the gobgp CLI reads it. */
public final class Gobgp extends PeerDaemon {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Gobgp(TestNamespace ns, String config) {
        super(ns, "gobgp");
        requireProgram("/usr/bin/gobgpd", "gobgpd");
        requireProgram("/usr/bin/gobgp", "gobgpd");
        write("gobgpd.toml", config);
        startForeground(dir.resolve("gobgpd.log"), List.of("/usr/bin/gobgpd", "-f", dir.resolve("gobgpd.toml").toString(),
                "--api-hosts", "127.0.0.1:50051", "--pprof-disable", "-l", "info", "-p"));
        await("gobgpd's API", () -> TestNamespace.runQuietly(List.of("ip", "netns", "exec", ns.name(), "/usr/bin/gobgp", "global")).exit() == 0);
    }

    public String gobgp(String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/gobgp"));
        cmd.addAll(List.of(args));
        return exec(cmd.toArray(String[]::new));
    }

    public JsonNode json(String... args) {
        List<String> cmd = new ArrayList<>(List.of("-j"));
        cmd.addAll(List.of(args));
        String out = gobgp(cmd.toArray(String[]::new));
        try {
            return JSON.readTree(out.isBlank() ? "null" : out);
        } catch (IOException e) {
            throw new AssertionError("gobgp printed something that is not JSON: " + out, e);
        }
    }

    /** The paths gobgp holds for a prefix (its JSON: prefix → list of paths), or null. */
    public JsonNode paths(String family, String prefix) {
        JsonNode rib = json("global", "rib", "-a", family, prefix);
        if (rib == null || rib.isNull() || rib.isEmpty()) {
            return null;
        }
        JsonNode p = rib.path(prefix);
        return p.isArray() && p.size() > 0 ? p : null;
    }

    public JsonNode neighbor(String address) {
        return json("neighbor", address);
    }

    @Override
    public String log() {
        try {
            return Files.readString(dir.resolve("gobgpd.log"));
        } catch (IOException e) {
            return "(no gobgpd.log: " + e + ")";
        }
    }
}
