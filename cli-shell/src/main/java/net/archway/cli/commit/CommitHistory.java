package net.archway.cli.commit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The committed configurations, one file per commit in {@code STATE/config}:
 * {@code commit-00000042.conf}, a header line (the {@link CommitRecord} and the SHA-256 of the
 * body, as JSON) and the configuration in curly form. The newest readable file is the active
 * configuration; the 50 newest are {@code rollback 0} to {@code 49}.
 *
 * <p>Writing is atomic: temp file, fsync, rename, fsync of the directory. A process killed at
 * any point leaves either the old newest file or the new one complete; leftover temp files are
 * removed on open. Files and the directory are readable by their owner only (0600/0700).
 */
public final class CommitHistory {
    public static final int KEPT = 50;
    private static final System.Logger LOG = System.getLogger(CommitHistory.class.getName());
    private static final Pattern NAME = Pattern.compile("commit-(\\d{8,})\\.conf");
    private static final String HEADER = "## archway-commit ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** A stored commit: its record and configuration text. */
    public record Entry(CommitRecord record, String text) {
    }

    private final Path dir;
    private final CommitProbe probe;

    public CommitHistory(Path stateDirectory, CommitProbe probe) throws IOException {
        this.dir = stateDirectory.resolve("config");
        this.probe = probe;
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(stateDirectory);
            try {
                Files.createDirectory(dir, DIR_MODE);
            } catch (FileAlreadyExistsException e) {
                // made meanwhile
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path p : ds) {
                LOG.log(System.Logger.Level.INFO, "removing unfinished commit file {0}", p.getFileName());
                Files.deleteIfExists(p);
            }
        }
    }

    public Path directory() {
        return dir;
    }

    /** Sequence numbers of the stored commits, newest first. */
    private List<Long> sequences() throws IOException {
        List<Long> seqs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "commit-*.conf")) {
            for (Path p : ds) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    seqs.add(Long.parseLong(m.group(1)));
                }
            }
        }
        seqs.sort((a, b) -> Long.compare(b, a));
        return seqs;
    }

    /** The stored commits, newest first (at most {@link #KEPT}); unreadable files are skipped and logged. */
    public List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (long seq : sequences()) {
            Entry e = read(seq);
            if (e != null) {
                out.add(e);
            }
            if (out.size() == KEPT) {
                break;
            }
        }
        return out;
    }

    /** The newest commit (the active configuration), or null when nothing was ever committed. */
    public Entry newest() throws IOException {
        for (long seq : sequences()) {
            Entry e = read(seq);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private Path file(long seq) {
        return dir.resolve(String.format("commit-%08d.conf", seq));
    }

    private Entry read(long seq) {
        Path p = file(seq);
        try {
            String all = Files.readString(p, StandardCharsets.UTF_8);
            int nl = all.indexOf('\n');
            if (!all.startsWith(HEADER) || nl < 0) {
                throw new IOException("no header");
            }
            JsonNode h = JSON.readTree(all.substring(HEADER.length(), nl));
            String body = all.substring(nl + 1);
            if (!sha256(body).equals(h.path("sha256").asText())) {
                throw new IOException("checksum mismatch");
            }
            CommitRecord r = new CommitRecord(h.path("sequence").asLong(), Instant.parse(h.path("time").asText()),
                    h.path("user").asText(), h.path("via").asText(),
                    h.hasNonNull("comment") ? h.get("comment").asText() : null,
                    h.hasNonNull("confirmMinutes") ? h.get("confirmMinutes").asInt() : null,
                    h.hasNonNull("confirmBy") ? Instant.parse(h.get("confirmBy").asText()) : null);
            return new Entry(r, body);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping unreadable commit file {0}: {1}", p.getFileName(),
                    e.getMessage());
            return null;
        }
    }

    /** The next sequence number. */
    public long nextSequence() throws IOException {
        List<Long> s = sequences();
        return s.isEmpty() ? 1 : s.get(0) + 1;
    }

    /** Stores a commit atomically, then removes those beyond the {@link #KEPT} newest. */
    public void write(CommitRecord r, String text) throws IOException {
        ObjectNode h = JSON.createObjectNode();
        h.put("sequence", r.sequence());
        h.put("time", r.time().toString());
        h.put("user", r.user());
        h.put("via", r.via());
        if (r.comment() != null) {
            h.put("comment", r.comment());
        }
        if (r.confirmMinutes() != null) {
            h.put("confirmMinutes", r.confirmMinutes());
        }
        if (r.confirmBy() != null) {
            h.put("confirmBy", r.confirmBy().toString());
        }
        h.put("sha256", sha256(text));
        byte[] bytes = (HEADER + JSON.writeValueAsString(h) + "\n" + text).getBytes(StandardCharsets.UTF_8);
        Path target = file(r.sequence());
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                FILE_MODE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            int half = bytes.length / 2;
            buf.limit(half);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            probe.reached("temp-half-written");
            buf.limit(bytes.length);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        probe.reached("temp-synced");
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        probe.reached("renamed");
        syncDirectory();
        probe.reached("directory-synced");
        List<Long> seqs = sequences();
        for (int i = KEPT; i < seqs.size(); i++) {
            Files.deleteIfExists(file(seqs.get(i)));
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
