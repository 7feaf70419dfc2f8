package net.archway.appliance.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One place for every log line (Archway's System.Logger, sshd's slf4j, Netty): java.util.logging
 * to stderr and to {@code STATE/log/archway.log} (rotated, readable by root only), one line each.
 */
public final class DaemonLogging {
    public static final String FILE = "archway.log";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private DaemonLogging() {
    }

    /** The log directory of a state directory. */
    public static Path directory(Path stateDirectory) {
        return stateDirectory.resolve("log");
    }

    public static void setUp(Path stateDirectory) throws IOException {
        Path dir = directory(stateDirectory);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Formatter oneLine = new Formatter() {
            @Override
            public String format(LogRecord r) {
                StringBuilder sb = new StringBuilder(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                        .append(String.format("%-7s", r.getLevel().getName())).append(' ')
                        .append(shortName(r.getLoggerName())).append(": ").append(formatMessage(r)).append('\n');
                if (r.getThrown() != null) {
                    sb.append("    ").append(r.getThrown()).append('\n');
                    for (StackTraceElement e : r.getThrown().getStackTrace()) {
                        sb.append("        at ").append(e).append('\n');
                    }
                }
                return sb.toString();
            }
        };
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(oneLine);
        console.setLevel(Level.INFO);
        FileHandler file = new FileHandler(dir.resolve(FILE).toString(), 10 * 1024 * 1024, 5, true);
        file.setFormatter(oneLine);
        file.setLevel(Level.INFO);
        root.addHandler(console);
        root.addHandler(file);
        root.setLevel(Level.INFO);
        // sshd and Netty are chatty at INFO about routine connections
        Logger.getLogger("org.apache.sshd").setLevel(Level.WARNING);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "-";
        }
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
