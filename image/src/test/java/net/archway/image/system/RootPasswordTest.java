package net.archway.image.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root's hash in a shadow file: set, given back, other lines untouched, mode 0600. */
class RootPasswordTest {
    private static final String HASH = "$6$archway$Zd5vR0A5yN2uB1b4nF3s6d0h2mQ9rT8wX7yV6uK5jL4kJ3hG2fD1sA0zP9oI8uY7tR6eW5qQ4aZ3xC2vB1nM0";

    @Test
    void theConfiguredHashReplacesRootsAndTheImagesComesBack(@TempDir Path dir) throws Exception {
        Path shadow = dir.resolve("shadow");
        Files.writeString(shadow, "root:!:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
        RootPassword r = new RootPassword(shadow);
        r.set(HASH);
        assertEquals("root:" + HASH + ":19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", Files.readString(shadow));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(shadow)));
        r.set(null);
        assertEquals("root:!:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", Files.readString(shadow));
    }

    @Test
    void withoutAnEntryRootGetsOneAndGoesBackToLockedNeverToEmpty(@TempDir Path dir) throws Exception {
        Path shadow = dir.resolve("shadow");
        Files.writeString(shadow, "daemon:*:19000:0:99999:7:::\n");
        RootPassword r = new RootPassword(shadow);
        r.set(HASH);
        assertEquals("root:" + HASH + ":19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", Files.readString(shadow));
        r.set(null);
        assertEquals("root:!:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", Files.readString(shadow));
    }
}
