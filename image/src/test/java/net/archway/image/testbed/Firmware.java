package net.archway.image.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One architecture's build of {@code scripts/build-image}: {@code vmlinuz},
 * {@code initramfs.cpio.gz}, {@code manifest.properties} and (built with {@code --test-overlay})
 * {@code test-overlay.cpio.gz}.
 */
public record Firmware(Path directory, String arch, String kernelVersion) {

    /**
     * The amd64 build under {@code image/target/firmware} (or the directory in the system
     * property {@code archway.firmware}); fails with what to run when it is missing.
     */
    public static Firmware amd64() {
        String configured = System.getProperty("archway.firmware");
        Path dir = configured != null ? Path.of(configured) : locate("amd64");
        return load(dir);
    }

    private static Path locate(String arch) {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            Path candidate = p.resolve("image/target/firmware").resolve(arch);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            if (p.getFileName() != null && p.getFileName().toString().equals("image")
                    && Files.isDirectory(p.resolve("target/firmware").resolve(arch))) {
                return p.resolve("target/firmware").resolve(arch);
            }
        }
        return cwd.resolve("target/firmware").resolve(arch);
    }

    static Firmware load(Path dir) {
        Path manifest = dir.resolve("manifest.properties");
        for (String f : new String[] {"vmlinuz", "initramfs.cpio.gz", "manifest.properties", "test-overlay.cpio.gz"}) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new AssertionError("the VM test bed needs " + dir.resolve(f)
                        + ": build it with scripts/build-image --arch amd64 --test-overlay (mvn verify does)");
            }
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(manifest)) {
            p.load(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + manifest + ": " + e, e);
        }
        return new Firmware(dir, p.getProperty("arch"), p.getProperty("kernel.version"));
    }

    public Path kernel() {
        return directory.resolve("vmlinuz");
    }

    public Path initramfs() {
        return directory.resolve("initramfs.cpio.gz");
    }

    public Path testOverlay() {
        return directory.resolve("test-overlay.cpio.gz");
    }
}
