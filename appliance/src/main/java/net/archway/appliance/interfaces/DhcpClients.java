package net.archway.appliance.interfaces;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import net.archway.routing.Prefix;

/**
 * DHCPv4 clients for the units configured with {@code family inet dhcp}: one busybox
 * {@code udhcpc} per interface (RFC 2131's client state machine, renewal and rebinding are
 * udhcpc's; Debian's busybox and the firmware's carry it). Archway does not let udhcpc touch
 * the interface: udhcpc runs a hook script of Archway's that only prints each event, and
 * {@link Listener} puts the lease's address on the interface and its router into the RIB as an
 * Access-internal default route (Junos' name and preference, 12), so both show up, are owned
 * and are taken away like everything else Archway configures.
 *
 * <p>A client that exits is started again after {@link #RESTART_DELAY_SECONDS}; a unit removed
 * from the configuration stops its client and loses its lease's address and route.
 */
public final class DhcpClients implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DhcpClients.class.getName());
    static final String MARK = "archway-dhcp";
    static final int RESTART_DELAY_SECONDS = 5;

    /** What a client learnt or lost; called on the client's reader thread. */
    public interface Listener {
        /** A lease ({@code bound} or {@code renew}): {@code address} like {@code 192.0.2.7/24}, router may be null. */
        void bound(String interfaceName, String address, String previousAddress, InetAddress router);

        /** The lease is gone (expired, NAK, or the client stopped). */
        void lost(String interfaceName, String address);
    }

    /** One lease, for {@code show dhcp client binding}. */
    public record Binding(String interfaceName, String state, String address, InetAddress router, InetAddress server,
                          long leaseSeconds, Instant obtained) {
        /** Seconds until the lease expires, 0 without one. */
        public long expiresIn(Instant now) {
            if (address == null || obtained == null) {
                return 0;
            }
            return Math.max(0, leaseSeconds - (now.getEpochSecond() - obtained.getEpochSecond()));
        }
    }

    private final List<String> commandPrefix;
    private final Listener listener;
    private final Clock clock;
    private final Path scriptDirectory;
    private final Map<String, Client> clients = new TreeMap<>();
    private boolean scriptsWritten;
    private boolean closed;

    /**
     * @param commandPrefix   what runs udhcpc in the daemon's namespace ({@code ip netns exec NAME}),
     *                        empty in the machine's own
     * @param scriptDirectory where udhcpc's hook and wrapper are written, on first use and again by
     *                        every start: in the daemon's state directory, so a daemon killed with
     *                        SIGKILL leaves nothing behind in the machine's temporary directory
     */
    public DhcpClients(List<String> commandPrefix, Path scriptDirectory, Listener listener, Clock clock) {
        this.commandPrefix = List.copyOf(commandPrefix);
        this.scriptDirectory = Objects.requireNonNull(scriptDirectory);
        this.listener = Objects.requireNonNull(listener);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The command that runs udhcpc here ({@code udhcpc}, else {@code busybox udhcpc}), or empty
     * when this system has neither.
     */
    public static Optional<List<String>> client() {
        Optional<List<String>> udhcpc = onPath("udhcpc").map(List::of);
        return udhcpc.isPresent() ? udhcpc : onPath("busybox").map(b -> List.of(b, "udhcpc"));
    }

    private static Optional<String> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return Optional.of(Path.of(dir, program).toString());
            }
        }
        return Optional.empty();
    }

    /** The problem with {@code family inet dhcp} on this system, or empty when it can run. */
    public static Optional<String> unavailable() {
        return client().isPresent() ? Optional.empty()
                : Optional.of("no DHCP client on this system: 'family inet dhcp' runs busybox's udhcpc"
                        + " (Debian: apt-get install busybox)");
    }

    /** Runs a client on each of these kernel interfaces and on no other. */
    public synchronized void apply(Collection<String> interfaceNames) {
        if (closed) {
            return;
        }
        for (String name : new ArrayList<>(clients.keySet())) {
            if (!interfaceNames.contains(name)) {
                clients.remove(name).stop(true);
            }
        }
        for (String name : interfaceNames) {
            if (!clients.containsKey(name)) {
                Client c = new Client(name);
                clients.put(name, c);
                c.start();
            }
        }
    }

    /**
     * Completes when every client running now has had its first answer: a lease (given to the
     * listener before this completes), its first attempts failing, or the client gone. A restart
     * keeps the previous run's DHCP default route in the kernel until then.
     */
    public synchronized CompletableFuture<Void> firstAnswers() {
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (Client c : clients.values()) {
            answers.add(c.firstAnswer);
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    }

    public synchronized List<Binding> bindings() {
        List<Binding> out = new ArrayList<>();
        for (Client c : clients.values()) {
            out.add(c.binding());
        }
        return out;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Client c : clients.values()) {
            c.stop(false); // the lease's address and route stay for the next start, like Archway's other routes
        }
        clients.clear();
    }

    /**
     * Writes, once, udhcpc's hook (prints the event and the lease's variables, tab-separated,
     * on udhcpc's standard output; changes nothing itself) and the wrapper that runs udhcpc and
     * ends it when its own standard input closes: when Archway dies, even by SIGKILL, its
     * clients go with it and a restarted Archway never finds a second client on an interface.
     * Returns the directory. The scripts stay there when the daemon stops (a client still ending
     * may run its hook) and are written afresh by the next start.
     */
    private synchronized Path scripts() throws IOException {
        if (!scriptsWritten) {
            Files.createDirectories(scriptDirectory);
            Files.setPosixFilePermissions(scriptDirectory, PosixFilePermissions.fromString("rwx------"));
            writeExecutable(scriptDirectory.resolve("hook"), "#!/bin/sh\n"
                    + "printf '" + MARK + "\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' \"$1\" \"$interface\" \"$ip\" \"$mask\""
                    + " \"$router\" \"$lease\" \"$serverid\"\n");
            writeExecutable(scriptDirectory.resolve("run"), """
                    #!/bin/sh
                    # udhcpc ARGS...: ends udhcpc on SIGTERM and when standard input (Archway's pipe) closes
                    exec 3<&0
                    "$@" </dev/null &
                    child=$!
                    trap 'kill $child 2>/dev/null; exit 0' TERM INT
                    ( read -r _ <&3; kill $child 2>/dev/null ) >/dev/null 2>&1 &
                    watcher=$!
                    exec 3<&-
                    wait $child
                    status=$?
                    kill $watcher 2>/dev/null
                    exit $status
                    """);
            scriptsWritten = true;
        }
        return scriptDirectory;
    }

    /**
     * Writes a script beside {@code target} and renames it into place: a client of a killed
     * daemon still running the old copy keeps reading its own file, not one being rewritten.
     */
    private static void writeExecutable(Path target, String script) throws IOException {
        Path next = target.resolveSibling(target.getFileName() + ".new");
        Files.writeString(next, script, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwx------"));
        Files.move(next, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A hook line parsed: event, address/len, router, lease seconds, server. */
    record Event(String kind, String address, InetAddress router, long leaseSeconds, InetAddress server) {
        /** Null when {@code line} is not the hook's. */
        static Event parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length < 8 || !f[0].equals(MARK)) {
                return null;
            }
            String address = null;
            if (!f[3].isEmpty()) {
                InetAddress ip = Prefix.parseAddress(f[3], line);
                if (!(ip instanceof java.net.Inet4Address)) {
                    throw new IllegalArgumentException("'" + f[3] + "' is not an IPv4 address");
                }
                int length = f[4].isEmpty() ? 24 : Integer.parseInt(f[4].trim());
                if (length < 1 || length > 32) {
                    throw new IllegalArgumentException("prefix length " + length + " out of range in '" + line + "'");
                }
                address = ip.getHostAddress() + "/" + length;
            }
            String router = f[5].trim().split(" ")[0];
            return new Event(f[1], address, router.isEmpty() ? null : Prefix.parseAddress(router, line),
                    f[6].isEmpty() ? 0 : Long.parseLong(f[6].trim()),
                    f[7].trim().isEmpty() ? null : Prefix.parseAddress(f[7].trim(), line));
        }
    }

    /** The client of one interface. */
    private final class Client {
        private final String name;
        private Process process;
        private volatile boolean stopping;
        private Binding binding;
        final CompletableFuture<Void> firstAnswer = new CompletableFuture<>();

        Client(String name) {
            this.name = name;
            this.binding = new Binding(name, "INIT", null, null, null, 0, null);
        }

        synchronized Binding binding() {
            return binding;
        }

        void start() {
            List<String> cmd = new ArrayList<>(commandPrefix);
            Optional<List<String>> udhcpc = client();
            if (udhcpc.isEmpty()) {
                LOG.log(System.Logger.Level.ERROR, "DHCP on " + name + ": " + unavailable().orElseThrow());
                firstAnswer.complete(null);
                return;
            }
            try {
                Path dir = scripts();
                cmd.addAll(List.of("/bin/sh", dir.resolve("run").toString()));
                cmd.addAll(udhcpc.get());
                // foreground, never give up (3 tries 3 s apart, then again after 10 s), our hook
                cmd.addAll(List.of("-f", "-i", name, "-s", dir.resolve("hook").toString(), "-t", "3", "-T", "3", "-A", "10",
                        "-x", "hostname:" + hostname()));
                // standard input stays open (the wrapper ends udhcpc when it closes, that is when Archway goes)
                process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "DHCP on " + name + ": cannot start " + cmd + ": " + e.getMessage());
                firstAnswer.complete(null);
                return;
            }
            LOG.log(System.Logger.Level.INFO, "DHCP client started on " + name + " (pid " + process.pid() + ")");
            Process p = process;
            Thread reader = new Thread(() -> read(p), "dhcp-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Process p) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Event e;
                    try {
                        e = Event.parse(line);
                    } catch (IllegalArgumentException ex) {
                        LOG.log(System.Logger.Level.WARNING, "DHCP on " + name + ": ignored a lease: " + ex.getMessage());
                        continue;
                    }
                    if (e == null) {
                        LOG.log(System.Logger.Level.DEBUG, "udhcpc " + name + ": " + line);
                    } else if (!stopping) {
                        handle(e);
                    }
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "DHCP on " + name + ": " + e.getMessage());
            }
            if (stopping) {
                return;
            }
            lose("STOPPED");
            firstAnswer.complete(null);
            LOG.log(System.Logger.Level.WARNING, "DHCP client on " + name + " exited; starting it again in "
                    + RESTART_DELAY_SECONDS + " s");
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(RESTART_DELAY_SECONDS));
            } catch (InterruptedException ex) {
                return;
            }
            synchronized (DhcpClients.this) {
                if (!stopping && !closed && clients.get(name) == this) {
                    start();
                }
            }
        }

        private void handle(Event e) {
            switch (e.kind()) {
                case "bound", "renew" -> {
                    if (e.address() == null) {
                        return;
                    }
                    String previous;
                    synchronized (this) {
                        previous = binding.address();
                        binding = new Binding(name, "BOUND", e.address(), e.router(), e.server(), e.leaseSeconds(),
                                clock.instant());
                    }
                    if (!e.address().equals(previous) || e.kind().equals("bound")) {
                        LOG.log(System.Logger.Level.INFO, "DHCP on " + name + ": lease " + e.address()
                                + (e.router() == null ? "" : " router " + e.router().getHostAddress()) + " for "
                                + e.leaseSeconds() + " s");
                    }
                    listener.bound(name, e.address(), previous, e.router());
                    firstAnswer.complete(null);
                }
                case "deconfig" -> lose("SELECTING");
                case "leasefail" -> {
                    synchronized (this) {
                        binding = new Binding(name, "SELECTING", null, null, null, 0, null);
                    }
                    firstAnswer.complete(null);
                }
                case "nak" -> LOG.log(System.Logger.Level.INFO, "DHCP on " + name + ": the server refused the lease (NAK)");
                default -> LOG.log(System.Logger.Level.DEBUG, "DHCP on " + name + ": event " + e.kind());
            }
        }

        private void lose(String state) {
            String had;
            synchronized (this) {
                had = binding.address();
                binding = new Binding(name, state, null, null, null, 0, null);
            }
            if (had != null) {
                LOG.log(System.Logger.Level.INFO, "DHCP on " + name + ": lease " + had + " gone");
                listener.lost(name, had);
            }
        }

        /** Ends the client; with {@code release} its lease's address and route go too. */
        void stop(boolean release) {
            stopping = true;
            firstAnswer.complete(null);
            if (process != null) {
                process.destroy();
                try {
                    if (!process.waitFor(2, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (release) {
                lose("STOPPED");
            }
        }
    }

    private static String hostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            return h.isEmpty() || !h.matches("[A-Za-z0-9.-]+") ? "archway" : h;
        } catch (IOException e) {
            return "archway";
        }
    }
}
