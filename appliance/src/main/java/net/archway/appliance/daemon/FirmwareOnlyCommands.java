package net.archway.appliance.daemon;

import java.util.List;
import java.util.Map;

import net.archway.cli.ManagementPlane;
import net.archway.cli.op.OpCommand;
import net.archway.cli.op.OpException;
import net.archway.cli.op.Permission;

/**
 * The system software commands where the firmware's image module is not on the classpath
 * (Archway run as a program on a Linux host): they exist, so `?` shows them, and say why they
 * do nothing here.
 */
final class FirmwareOnlyCommands {
    private FirmwareOnlyCommands() {
    }

    static void register(ManagementPlane.Builder b) {
        add(b, "request system software add", "Install a system into the other slot", Map.of("<file>", "System file"));
        add(b, "request system software rollback", "Boot the system in the other slot", Map.of());
        add(b, "request system reboot", "Reboot the system", Map.of());
        add(b, "request system power-off", "Power off the system", Map.of());
        add(b, "show system software", "Show the systems in both slots", Map.of());
    }

    private static void add(ManagementPlane.Builder b, String words, String help, Map<String, String> args) {
        b.command(new OpCommand(List.of(words.split(" ")), help,
                words.startsWith("show") ? Permission.VIEW : Permission.CONTROL, args, (ctx, a) -> {
                    throw new OpException(words + ": needs the Archway firmware (this is Archway run as a program on "
                            + System.getProperty("os.name") + "; the host's own tools manage its software and power)");
                }));
    }
}
