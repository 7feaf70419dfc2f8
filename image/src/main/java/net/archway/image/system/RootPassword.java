package net.archway.image.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import net.archway.cli.commit.ApplyException;
import net.archway.cli.commit.Subsystem;
import net.archway.cli.config.ConfigNode;

/**
 * {@code system root-authentication encrypted-password}: root's password on the serial console,
 * written into the firmware's {@code /etc/shadow} (the initramfs's, in RAM: every boot starts
 * from the image's, {@code scripts/build-image --root-password-hash}, and the committed
 * configuration replaces it as the appliance starts). Without the statement root gets the
 * image's entry back. Only where the firmware runs (its {@code /opt/archway/bin/boot} exists):
 * Archway run on a host never touches the host's accounts.
 */
public final class RootPassword implements Subsystem {
    private static final System.Logger LOG = System.getLogger(RootPassword.class.getName());
    private final Path shadow;
    private String original;

    public RootPassword(Path shadow) {
        this.shadow = shadow;
    }

    /** The firmware's, or null when this is not the firmware. */
    public static RootPassword onThisBox() {
        return Files.isRegularFile(Path.of("/opt/archway/bin/boot")) && Files.isRegularFile(Path.of("/etc/shadow"))
                ? new RootPassword(Path.of("/etc/shadow")) : null;
    }

    @Override
    public String name() {
        return "root-authentication";
    }

    @Override
    public StagedChange stage(ConfigNode active, ConfigNode candidate) {
        String next = hash(candidate);
        String previous = hash(active);
        if (java.util.Objects.equals(next, previous)) {
            return NOTHING;
        }
        return new StagedChange() {
            public void apply() throws ApplyException {
                try {
                    set(next);
                } catch (IOException e) {
                    throw new ApplyException("[edit system root-authentication] cannot write " + shadow + ": "
                            + e.getMessage(), e);
                }
            }

            public void revert() {
                try {
                    set(previous);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.ERROR, "cannot restore root's password in " + shadow + ": " + e.getMessage());
                }
            }
        };
    }

    private static String hash(ConfigNode root) {
        ConfigNode system = root.child("system");
        ConfigNode auth = system == null ? null : system.child("root-authentication");
        return auth == null ? null : auth.leaf("encrypted-password");
    }

    /** Root's hash becomes {@code hash}, or the image's own with null. Atomic: a new file renamed over the old. */
    synchronized void set(String hash) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(shadow, StandardCharsets.UTF_8));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("root:")) {
                at = i;
            }
        }
        if (original == null) {
            original = at < 0 ? "!" : lines.get(at).split(":", -1)[1]; // no entry: locked, never empty
        }
        String[] f = at < 0 ? "root:!:19000:0:99999:7:::".split(":", -1) : lines.get(at).split(":", -1);
        f[1] = hash == null ? original : hash;
        String entry = String.join(":", f);
        if (at < 0) {
            lines.add(0, entry);
        } else {
            lines.set(at, entry);
        }
        Path tmp = shadow.resolveSibling(shadow.getFileName() + ".archway");
        Files.writeString(tmp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, shadow, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.log(System.Logger.Level.INFO, hash == null ? "root's password: the image's" : "root's password set from the configuration");
    }
}
