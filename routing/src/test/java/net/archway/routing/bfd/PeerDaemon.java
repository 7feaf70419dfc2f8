package net.archway.routing.bfd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.archway.netlink.testing.TestNamespace;

/** FRR's bfdd or BIRD 2, started in the peer namespace with files of its own, stopped by {@link #close()}. */
abstract class PeerDaemon implements AutoCloseable {
    final TestNamespace ns;
    final Path dir;
    final Path pidFile;

    PeerDaemon(TestNamespace ns, Path dir, Path pidFile) {
        this.ns = ns;
        this.dir = dir;
        this.pidFile = pidFile;
    }

    /** The peer's session state for {@code address}, lower case: "up", "down", "init", "adminDown"... or "" when unknown. */
    abstract String state(String address);

    @Override
    public void close() {
        try {
            if (Files.exists(pidFile)) {
                String pid = Files.readString(pidFile).trim();
                TestNamespace.runQuietly(List.of("kill", pid));
                BfdTestbed.await(() -> !Files.exists(Path.of("/proc", pid)) || isZombie(pid), Duration.ofSeconds(5), "peer daemon " + pid + " to stop");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isZombie(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid, "stat")).contains(") Z ");
        } catch (IOException e) {
            return true;
        }
    }

    /** FRR bfdd 8 without zebra (so no interface statements: bfdd learns interfaces from zebra). */
    static final class Frr extends PeerDaemon {
        private static final ObjectMapper JSON = new ObjectMapper();

        Frr(BfdTestbed bed, String peerStatements) {
            super(bed.peer, bed.dir.resolve("frr"), bed.dir.resolve("frr/bfdd.pid"));
            BfdTestbed.requirePrograms("/usr/lib/frr/bfdd", "vtysh");
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("bfdd.conf"), "bfd\n" + peerStatements + "!\n");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            TestNamespace.run(List.of("chown", "-R", "frr:frr", dir.toString()));
            ns.exec("/usr/lib/frr/bfdd", "-d", "-u", "frr", "-g", "frr", "-f", dir.resolve("bfdd.conf").toString(),
                    "-i", pidFile.toString(), "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(),
                    "--bfdctl", dir.resolve("bfdd.sock").toString(), "--log", "file:" + dir.resolve("bfdd.log"));
            BfdTestbed.await(() -> Files.exists(dir.resolve("bfdd.vty")), Duration.ofSeconds(5), "bfdd's vty socket");
        }

        String vtysh(String... commands) {
            List<String> cmd = new java.util.ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString(), "-d", "bfdd"));
            for (String c : commands) {
                cmd.add("-c");
                cmd.add(c);
            }
            return ns.exec(cmd.toArray(String[]::new));
        }

        JsonNode peer(String address) {
            try {
                for (JsonNode n : JSON.readTree(vtysh("show bfd peers json"))) {
                    if (n.path("peer").asText().equals(address)) {
                        return n;
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return JSON.missingNode();
        }

        @Override
        String state(String address) {
            return peer(address).path("status").asText("");
        }

        void configure(String peerLine, String... statements) {
            String[] cmds = new String[3 + statements.length];
            cmds[0] = "configure terminal";
            cmds[1] = "bfd";
            cmds[2] = peerLine;
            System.arraycopy(statements, 0, cmds, 3, statements.length);
            vtysh(cmds);
        }
    }

    /** BIRD 2 with its own control socket; sessions from the bfd protocol's neighbor statements. */
    static final class Bird extends PeerDaemon {
        private final Path config;

        Bird(BfdTestbed bed, String bfdProtocolBody) {
            super(bed.peer, bed.dir.resolve("bird"), bed.dir.resolve("bird/pid"));
            BfdTestbed.requirePrograms("bird", "birdc");
            config = dir.resolve("bird.conf");
            try {
                Files.createDirectories(dir);
                write(bfdProtocolBody);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            ns.exec("bird", "-c", config.toString(), "-s", dir.resolve("ctl").toString(), "-P", pidFile.toString());
            BfdTestbed.await(() -> Files.exists(dir.resolve("ctl")), Duration.ofSeconds(5), "BIRD's control socket");
        }

        private void write(String body) throws IOException {
            Files.writeString(config, "router id 10.90.0.2;\nprotocol device {}\nprotocol bfd bfd1 {\n" + body + "}\n");
        }

        void reconfigure(String bfdProtocolBody) {
            try {
                write(bfdProtocolBody);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            birdc("configure");
        }

        String birdc(String... args) {
            List<String> cmd = new java.util.ArrayList<>(List.of("birdc", "-s", dir.resolve("ctl").toString()));
            cmd.addAll(List.of(args));
            return TestNamespace.run(cmd);
        }

        @Override
        String state(String address) {
            for (String line : birdc("show", "bfd", "sessions").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[0].equals(address)) {
                    return f[2].toLowerCase();
                }
            }
            return "";
        }
    }
}
