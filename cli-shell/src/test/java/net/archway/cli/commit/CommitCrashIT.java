package net.archway.cli.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.archway.cli.ManagementPlane;
import net.archway.cli.TestSchema;
import net.archway.cli.config.ConfigPrinter;
import net.archway.cli.testing.TestPlane;

/**
 * kill -9 during a commit, at each named point of the engine: after a restart the active
 * configuration is the old one or the new one, whole, and the next commit works.
 */
class CommitCrashIT {
    static Path dir;
    static String oldText;
    static String newText;

    static String config(String host, int routes, int base) {
        StringBuilder sb = new StringBuilder("system {\n    host-name " + host + ";\n}\nrouting-options {\n    static {\n");
        for (int i = 0; i < routes; i++) {
            sb.append("        route 10.").append(base + i / 256).append('.').append(i % 256)
                    .append(".0/24 next-hop 192.0.2.1;\n");
        }
        return sb.append("    }\n}\n").toString();
    }

    @BeforeAll
    static void files() throws Exception {
        dir = Files.createTempDirectory("archway-crash");
        oldText = config("old", 3000, 0);
        newText = config("new", 3000, 100);
        Files.writeString(dir.resolve("old.conf"), oldText);
        Files.writeString(dir.resolve("new.conf"), newText);
    }

    @AfterAll
    static void clean() throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Process driver(Path state, String point, Path file) throws Exception {
        TestPlane.requireProgram("java");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitCrashDriver.class.getName(), state.toString(), point,
                file.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"validated", "staged", "applied", "temp-half-written", "temp-synced", "renamed",
            "directory-synced", "complete"})
    void killDuringCommitLeavesOldOrNewWhole(String point) throws Exception {
        Path state = dir.resolve("state-" + point);
        // first commit the old configuration normally
        Process first = driver(state, "never", dir.resolve("old.conf"));
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue());

        Process p = driver(state, point, dir.resolve("new.conf"));
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertEquals("REACHED " + point, line, "the commit should reach " + point);
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");

        ManagementPlane again = ManagementPlane.builder(TestSchema.build()).stateDirectory(state).ssh("127.0.0.1", -1)
                .build();
        again.start();
        String active = ConfigPrinter.curly(again.engine().active(), true);
        boolean isOld = active.equals(oldText);
        boolean isNew = active.equals(newText);
        assertTrue(isOld || isNew, "active configuration after kill at " + point + " is neither old nor new");
        if (List.of("validated", "staged", "applied", "temp-half-written", "temp-synced").contains(point)) {
            assertTrue(isOld, "killed before the rename: the old configuration stays");
        } else {
            assertTrue(isNew, "killed after the rename: the new configuration is active");
        }
        try (var files = Files.list(state.resolve("config"))) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "temp files are cleaned on start");
        }
        String out = new TestConsole(again).run("configure\nset system host-name after\ncommit\n");
        assertTrue(out.contains("commit complete"), out);
        again.close();
    }

    record TestConsole(ManagementPlane p) {
        String run(String script) {
            var out = new java.io.ByteArrayOutputStream();
            p.console(new java.io.ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
