package net.archway.image.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.archway.cli.op.OpCommand;
import net.archway.cli.op.OpException;
import net.archway.cli.op.OpResult;

class SystemCommandsTest {
    @TempDir
    Path dir;

    private static OpCommand command(SystemCommands c, String words) {
        return c.commands().stream().filter(o -> String.join(" ", o.words()).equals(words)).findFirst().orElseThrow();
    }

    @Test
    void offTheFirmwareEveryCommandSaysSoAndShowVersionStillAnswers() throws Exception {
        int[] power = new int[1];
        SystemCommands c = new SystemCommands(null, new SystemCommands.Power() {
            public void reboot() {
                power[0]++;
            }

            public void powerOff() {
                power[0]++;
            }
        });
        for (String w : List.of("request system software add", "request system software rollback",
                "request system reboot", "request system power-off", "show system software")) {
            OpException e = assertThrows(OpException.class, () -> command(c, w).handler().run(null, List.of("x")));
            assertTrue(e.getMessage().contains("needs the Archway firmware"), e.getMessage());
        }
        assertEquals(0, power[0], "nothing rebooted");
        OpResult v = command(c, "show version").handler().run(null, List.of());
        assertTrue(v.text().contains("Slot: none"), v.text());
    }

    /** The appliance registers them with cli-shell's built-ins: show version replaces the built-in one. */
    @Test
    void registersBesideTheBuiltins() throws Exception {
        var b = net.archway.cli.ManagementPlane.builder(net.archway.appliance.schema.ArchwaySchema.build())
                .stateDirectory(dir);
        new SystemCommands(null, null).register(b);
        b.build();
    }

    @Test
    void showSystemSoftwareAndReboot() throws Exception {
        Path esp = dir.resolve("esp");
        try (RandomAccessFile f = new RandomAccessFile(esp.toFile(), "rw")) {
            f.setLength(1 << 20);
            f.seek(8192);
            f.write(new GrubEnvironment(Map.of("slot", "A", "version_a", "1.0", "version_b", "2.0", "next", "B",
                    "tries", "1")).encode());
        }
        int[] reboots = new int[1];
        SystemCommands c = new SystemCommands(new SystemSoftware(new SystemDisk(esp, dir.resolve("a"), dir.resolve("b")),
                Slot.A, "amd64"), new SystemCommands.Power() {
            public void reboot() {
                reboots[0]++;
            }

            public void powerOff() throws IOException {
                throw new IOException("no");
            }
        });
        OpResult r = command(c, "show system software").handler().run(null, List.of());
        assertEquals("""
                Slot  Version                  Status
                A     1.0                      running
                B     2.0                      boots next, on trial (kept once healthy)
                """, r.text());
        SystemCommands.SoftwareView json = (SystemCommands.SoftwareView) r.json();
        assertEquals("B", json.nextBoot());
        command(c, "request system reboot").handler().run(null, List.of());
        assertEquals(1, reboots[0]);
        assertTrue(assertThrows(OpException.class, () -> command(c, "request system power-off").handler()
                .run(null, List.of())).getMessage().contains("power-off failed"));
        assertTrue(command(c, "show version").handler().run(null, List.of()).text().contains("Slot: A"));
    }
}
