package net.archway.image.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import net.archway.appliance.spi.ApplianceExtension;
import net.archway.cli.ManagementPlane;
import net.archway.cli.op.OpCommand;
import net.archway.cli.op.OpException;
import net.archway.cli.op.OpResult;
import net.archway.cli.op.Permission;

/**
 * The firmware's system commands, added to the appliance through {@link ApplianceExtension}:
 * {@code request system software add|rollback}, {@code request system reboot|power-off},
 * {@code show system software}, {@code show version} (with the running slot); root's console
 * password from {@code system root-authentication} ({@link RootPassword}); and, once the
 * appliance runs with its configuration, the health mark that keeps a new system.
 */
public final class SystemCommands implements ApplianceExtension {
    private static final System.Logger LOG = System.getLogger(SystemCommands.class.getName());
    private final SystemSoftware software;
    private final Power power;

    /** How the box reboots or powers off (busybox init's signals on the firmware). */
    public interface Power {
        void reboot() throws IOException;

        void powerOff() throws IOException;
    }

    public SystemCommands() {
        this(probe(), new BusyboxPower());
    }

    public SystemCommands(SystemSoftware software, Power power) {
        this.software = software;
        this.power = power;
    }

    private static SystemSoftware probe() {
        try {
            return SystemSoftware.onThisBox();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "system slots not found: " + e.getMessage());
            return null;
        }
    }

    @Override
    public void register(ManagementPlane.Builder b) {
        RootPassword root = RootPassword.onThisBox();
        if (root != null) {
            b.subsystem(root);
        }
        for (OpCommand c : commands()) {
            if (c.words().equals(List.of("show", "version"))) {
                b.replaceCommand(c); // cli-shell's built-in, with the slot added
            } else {
                b.command(c);
            }
        }
    }

    /** The commands, in the order they are registered. */
    public List<OpCommand> commands() {
        List<OpCommand> b = new java.util.ArrayList<>();
        b.add(new OpCommand(List.of("request", "system", "software", "add"), "Install a system into the other slot",
                Permission.CONTROL, Map.of("<file>", "System file (archway-VERSION-ARCH.system)"), (ctx, a) -> add(a)));
        b.add(OpCommand.of("request system software rollback", "Boot the system in the other slot at the next reboot",
                Permission.CONTROL, (ctx, a) -> rollback()));
        b.add(OpCommand.of("request system reboot", "Reboot the system", Permission.CONTROL, (ctx, a) -> {
            firmware("request system reboot");
            run(power::reboot, "reboot");
            return OpResult.text("Rebooting the system\n");
        }));
        b.add(OpCommand.of("request system power-off", "Power off the system", Permission.CONTROL, (ctx, a) -> {
            firmware("request system power-off");
            run(power::powerOff, "power-off");
            return OpResult.text("Powering off the system\n");
        }));
        b.add(OpCommand.of("show system software", "Show the systems in both slots", Permission.VIEW,
                (ctx, a) -> software()));
        b.add(OpCommand.of("show version", "Show software process revision levels", Permission.VIEW,
                (ctx, a) -> version()));
        return b;
    }

    @Override
    public void running(boolean configurationLoaded) {
        if (software == null) {
            return;
        }
        if (!configurationLoaded) {
            LOG.log(System.Logger.Level.WARNING, "the configuration did not load: slot " + software.running()
                    + " is not marked healthy");
            return;
        }
        try {
            if (software.markHealthy()) {
                LOG.log(System.Logger.Level.INFO, "system in slot " + software.running()
                        + " came up healthy: it boots from now on");
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot mark slot " + software.running() + " healthy: " + e.getMessage());
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    private static void run(Action a, String what) throws OpException {
        try {
            a.run();
        } catch (IOException e) {
            throw new OpException(what + " failed: " + e.getMessage());
        }
    }

    private SystemSoftware firmware(String command) throws OpException {
        if (software == null) {
            throw new OpException(command + ": needs the Archway firmware booted from its disk (no archway.slot= on the"
                    + " kernel command line, or no archway-a/archway-b partitions); nothing done");
        }
        return software;
    }

    private OpResult add(List<String> args) throws OpException {
        SystemSoftware s = firmware("request system software add");
        if (args.size() != 1) {
            throw new OpException("request system software add: give one file (request system software add FILE)");
        }
        Path file = Path.of(args.get(0));
        if (!Files.exists(file) || Files.isDirectory(file)) {
            throw new OpException("request system software add: no file " + file + "; nothing written");
        }
        try {
            UpgradeFile u = s.add(file);
            return OpResult.text("Installed Archway " + u.version() + " (" + u.arch() + ") in slot " + s.running().other()
                    + "; it boots once at the next 'request system reboot' and stays if it comes up healthy\n");
        } catch (UpgradeException e) {
            throw new OpException("request system software add: " + e.getMessage());
        } catch (IOException e) {
            throw new OpException("request system software add: " + e.getMessage()
                    + " (the running system in slot " + s.running() + " is untouched)");
        }
    }

    private OpResult rollback() throws OpException {
        SystemSoftware s = firmware("request system software rollback");
        try {
            Slot t = s.rollback();
            return OpResult.text("Slot " + t + " (" + s.status().version(t) + ") boots at the next reboot\n");
        } catch (UpgradeException e) {
            throw new OpException("request system software rollback: " + e.getMessage());
        } catch (IOException e) {
            throw new OpException("request system software rollback: " + e.getMessage());
        }
    }

    /** {@code show system software}. */
    public record SoftwareView(String running, String nextBoot, List<SlotView> slots) implements OpResult {
        @Override
        public String text() {
            StringBuilder sb = new StringBuilder(String.format("%-5s %-24s %s%n", "Slot", "Version", "Status"));
            for (SlotView v : slots) {
                sb.append(String.format("%-5s %-24s %s%n", v.slot, v.version.isEmpty() ? "-" : v.version, v.status));
            }
            return sb.toString();
        }
    }

    public record SlotView(String slot, String version, String status) {
    }

    private SoftwareView software() throws OpException {
        SystemSoftware s = firmware("show system software");
        try {
            SystemSoftware.Status st = s.status();
            List<SlotView> slots = new java.util.ArrayList<>();
            for (Slot slot : Slot.values()) {
                StringBuilder status = new StringBuilder();
                if (slot == st.running()) {
                    status.append("running");
                }
                if (slot == st.nextBoot()) {
                    status.append(status.length() > 0 ? ", " : "").append("boots next");
                }
                if (slot == st.pending()) {
                    status.append(status.length() > 0 ? ", " : "").append("on trial (kept once healthy)");
                }
                slots.add(new SlotView(slot.name(), st.version(slot), status.toString()));
            }
            return new SoftwareView(st.running().name(), st.nextBoot().name(), slots);
        } catch (IOException e) {
            throw new OpException("show system software: " + e.getMessage());
        }
    }

    /** {@code show version} on the firmware: the builtin's lines and the running slot. */
    public record Version(String hostname, String model, String archway, String java, String kernel, String slot)
            implements OpResult {
        @Override
        public String text() {
            return "Hostname: " + hostname + "\nModel: " + model + "\nArchway: " + archway + "\nJava: " + java
                    + "\nKernel: " + kernel + "\nSlot: " + slot + "\n";
        }
    }

    private Version version() {
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            host = "archway";
        }
        String v = SystemCommands.class.getPackage().getImplementationVersion();
        return new Version(host, "archway", v == null ? net.archway.appliance.Main.version() : v,
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"), software == null ? "none (not booted from the firmware's disk)"
                : software.running().name());
    }

    /** busybox init: SIGTERM to PID 1 reboots, SIGUSR2 powers off (both run /etc/inittab's shutdown action). */
    static final class BusyboxPower implements Power {
        @Override
        public void reboot() throws IOException {
            signal("TERM");
        }

        @Override
        public void powerOff() throws IOException {
            signal("USR2");
        }

        private static void signal(String sig) throws IOException {
            // after a second, so that the answer reaches the SSH session first
            new ProcessBuilder("/bin/sh", "-c", "sleep 1; kill -" + sig + " 1").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        }
    }
}
