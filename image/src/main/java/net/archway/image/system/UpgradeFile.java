package net.archway.image.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A system upgrade file ({@code archway-<version>-<arch>.system}, made by scripts/build-disk):
 * a 4096-byte header, then the slot's filesystem image. The header is text so that a shell
 * script can write it and a person can read it with {@code head -c 4096}:
 * <pre>
 * ARCHWAY-SYSTEM 1
 * arch=amd64
 * version=0.1.0
 * size=67108864          (bytes of image after the header)
 * sha256=...             (of those bytes)
 * </pre>
 * padded with NUL bytes. {@link #verify} reads the whole file once, so a corrupt, truncated or
 * wrong-architecture file is refused before a single byte is written to a slot.
 */
public record UpgradeFile(Path path, String arch, String version, long size, String sha256) {
    public static final int HEADER = 4096;
    static final String MAGIC = "ARCHWAY-SYSTEM 1";

    /** Parses the header only. */
    public static UpgradeFile header(Path file) throws UpgradeException {
        byte[] head = new byte[HEADER];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, HEADER);
            if (n < HEADER) {
                throw new UpgradeException(file + ": not an Archway system file (" + n + " bytes, shorter than its header)");
            }
        } catch (IOException e) {
            throw new UpgradeException(file + ": cannot read (" + e.getMessage() + ")");
        }
        int end = 0;
        while (end < HEADER && head[end] != 0) {
            end++;
        }
        String text = new String(head, 0, end, StandardCharsets.US_ASCII);
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(MAGIC)) {
            throw new UpgradeException(file + ": not an Archway system file (first line must be '" + MAGIC + "')");
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq > 0) {
                v.put(lines[i].substring(0, eq), lines[i].substring(eq + 1).trim());
            }
        }
        for (String k : new String[] {"arch", "version", "size", "sha256"}) {
            if (!v.containsKey(k)) {
                throw new UpgradeException(file + ": header has no " + k + "=");
            }
        }
        long size;
        try {
            size = Long.parseLong(v.get("size"));
        } catch (NumberFormatException e) {
            throw new UpgradeException(file + ": header size=" + v.get("size") + " is not a number");
        }
        if (!v.get("sha256").matches("[0-9a-f]{64}")) {
            throw new UpgradeException(file + ": header sha256= is not 64 hex digits");
        }
        return new UpgradeFile(file, v.get("arch"), v.get("version"), size, v.get("sha256"));
    }

    /**
     * The checks before anything is written: architecture, room in the slot, length, checksum.
     *
     * @param arch      the running system's architecture (amd64, arm64)
     * @param slotBytes the size of the slot the image would go to
     */
    public static UpgradeFile verify(Path file, String arch, long slotBytes) throws UpgradeException {
        UpgradeFile u = header(file);
        if (!u.arch.equals(arch)) {
            throw new UpgradeException(file + ": system for " + u.arch + ", this box is " + arch + "; nothing written");
        }
        if (u.size > slotBytes) {
            throw new UpgradeException(file + ": system image is " + u.size + " bytes, the slot holds " + slotBytes
                    + "; nothing written");
        }
        long actual;
        boolean device = !Files.isRegularFile(file);
        try {
            // a block device (the file written raw onto a USB stick or a second disk) is as long as the device
            actual = (device ? SystemSoftware.sizeOf(file) : Files.size(file)) - HEADER;
        } catch (IOException e) {
            throw new UpgradeException(file + ": " + e.getMessage());
        }
        if (device ? actual < u.size : actual != u.size) {
            throw new UpgradeException(file + ": header says " + u.size + " bytes of image, the file has " + actual
                    + " (truncated or corrupt); nothing written");
        }
        String sum = u.digest();
        if (!sum.equals(u.sha256)) {
            throw new UpgradeException(file + ": sha256 of the image is " + sum + ", the header says " + u.sha256
                    + " (corrupt); nothing written");
        }
        return u;
    }

    String digest() throws UpgradeException {
        return digestAt(HEADER);
    }

    /** Copies the image into the slot and fsyncs it; then reads it back and compares the checksum. */
    public void writeTo(Path slot) throws UpgradeException {
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(slot, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < size) {
                long n = in.transferTo(HEADER + done, size - done, out.position(done));
                if (n <= 0) {
                    throw new IOException("short copy at byte " + done);
                }
                done += n;
            }
            out.force(true);
        } catch (IOException e) {
            throw new UpgradeException("writing " + slot + ": " + e.getMessage() + " (the running system is untouched)");
        }
        String back = new UpgradeFile(slot, arch, version, size, sha256).digestAt(0);
        if (!back.equals(sha256)) {
            throw new UpgradeException(slot + ": read back sha256 " + back + " differs from " + sha256
                    + " (the running system is untouched, the boot selection unchanged)");
        }
    }

    private String digestAt(long start) throws UpgradeException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long pos = start;
            long end = start + size;
            while (pos < end) {
                buf.clear();
                if (end - pos < buf.capacity()) {
                    buf.limit((int) (end - pos));
                }
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new UpgradeException(path + ": shorter than the image");
                }
                buf.flip();
                md.update(buf);
                pos += n;
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UpgradeException(path + ": cannot read (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file in this format (tests, and the reference for scripts/build-disk). */
    public static UpgradeFile create(Path file, String arch, String version, byte[] image) throws IOException {
        String sum;
        try {
            sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] head = new byte[HEADER];
        byte[] text = (MAGIC + "\narch=" + arch + "\nversion=" + version + "\nsize=" + image.length + "\nsha256=" + sum
                + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, head, 0, text.length);
        try (var out = Files.newOutputStream(file)) {
            out.write(head);
            out.write(image);
        }
        return new UpgradeFile(file, arch, version, image.length, sum);
    }
}
