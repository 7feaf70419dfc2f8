package net.archway.cli.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.Step;
import net.archway.cli.op.LoginClass;
import net.archway.cli.testing.Cli;
import net.archway.cli.testing.TestPlane;

/** The commit engine: staging, the barrier, reverts, persistence, commit confirmed on a fake clock, locks. */
class CommitEngineTest {
    TestPlane t;

    /** A subsystem that records what it is asked and can refuse or fail on a host name. */
    static final class Recorder implements Subsystem {
        final String name;
        final List<String> log = new ArrayList<>();
        String refuseHost;
        String failHost;
        String running = "(none)";

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        static String host(ConfigNode root) {
            ConfigNode s = root.child("system");
            String h = s == null ? null : s.leaf("host-name");
            return h == null ? "(none)" : h;
        }

        @Override
        public StagedChange stage(ConfigNode active, ConfigNode candidate) throws CommitRefusedException {
            String to = host(candidate);
            log.add("stage " + to);
            if (to.equals(refuseHost)) {
                throw new CommitRefusedException(List.of(new Step(candidate.child("system").def(), List.of())),
                        "host-name '" + to + "' is refused by " + name);
            }
            String before = running;
            return new StagedChange() {
                @Override
                public void apply() throws ApplyException {
                    log.add("apply " + to);
                    if (to.equals(failHost)) {
                        throw new ApplyException("the kernel refused " + to);
                    }
                    running = to;
                }

                @Override
                public void revert() {
                    log.add("revert " + before);
                    running = before;
                }

                @Override
                public void abandon() {
                    log.add("abandon " + to);
                }
            };
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        t.close();
    }

    @Test
    void subsystemsStageThenApplyInOrder() throws Exception {
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        t = new TestPlane(false, a, b);
        Cli cli = new Cli(t);
        cli.ok("configure", "set system host-name r1", "commit check");
        assertEquals(List.of("stage r1", "abandon r1"), a.log);
        assertEquals("(none)", a.running, "commit check changes nothing");
        cli.ok("commit");
        assertEquals(List.of("stage r1", "abandon r1", "stage r1", "apply r1"), a.log);
        assertEquals("r1", b.running);
    }

    @Test
    void aRefusalNamesThePlaceAndChangesNothing() throws Exception {
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        t = new TestPlane(false, a, b);
        Cli cli = new Cli(t);
        cli.ok("configure", "set system host-name r1", "commit");
        b.refuseHost = "bad";
        cli.ok("set system host-name bad");
        String out = cli.fails("commit");
        assertTrue(out.contains("[edit system] host-name 'bad' is refused by b"), out);
        assertTrue(a.log.contains("abandon bad"), a.log.toString());
        assertEquals("r1", a.running);
        assertEquals("r1", Recorder.host(t.plane.engine().active()));
        assertEquals(1, t.plane.engine().records().size());
    }

    @Test
    void anApplyFailureRevertsTheAppliedOnes() throws Exception {
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        t = new TestPlane(false, a, b);
        Cli cli = new Cli(t);
        cli.ok("configure", "set system host-name r1", "commit");
        b.failHost = "r2";
        cli.ok("set system host-name r2");
        String out = cli.fails("commit");
        assertTrue(out.contains("error: b: the kernel refused r2"), out);
        assertTrue(out.contains("previous configuration was restored"), out);
        assertEquals("r1", a.running, "a was applied then reverted");
        assertTrue(a.log.containsAll(List.of("apply r2", "revert r1")), a.log.toString());
        assertEquals("r1", Recorder.host(t.plane.engine().active()));
        assertEquals(1, t.plane.engine().records().size());
    }

    @Test
    void validationErrorsNameThePlace() throws Exception {
        t = new TestPlane(false);
        Cli cli = new Cli(t);
        cli.ok("configure", "set protocols bgp group cloud peer-as 65000", "set protocols bgp group cloud import nope",
                "set policy-options community c");
        String out = cli.fails("commit");
        assertTrue(out.contains("[edit protocols bgp group cloud] 'type' is missing"), out);
        assertTrue(out.contains("[edit protocols bgp group cloud] 'import': policy-options policy-statement 'nope' "
                + "is not defined"), out);
        assertTrue(out.contains("[edit policy-options community c] 'members' is missing"), out);
        assertTrue(out.contains("configuration check-out failed"), out);
        cli.ok("deactivate protocols", "deactivate policy-options", "commit");
    }

    @Test
    void historyIsAtomicOwnerOnlyAndKeeps50() throws Exception {
        t = new TestPlane(false);
        Cli cli = new Cli(t);
        cli.ok("configure");
        for (int i = 0; i < 55; i++) {
            cli.ok("set system host-name r" + i, "commit");
        }
        Path dir = t.dir.resolve("state/config");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (var files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(CommitHistory.KEPT, all.size());
            for (Path p : all) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
            }
        }
        assertTrue(cli.ok("show system host-name").contains("r54"));
        cli.ok("rollback 49");
        assertTrue(cli.ok("show system host-name").contains("r5;"));
        assertTrue(cli.fails("rollback 50").contains("0 to 49"));
        // a restart finds the newest
        t.plane.close();
        TestPlane again = new TestPlaneReopen(t).reopen();
        assertEquals("r54", Recorder.host(again.plane.engine().active()));
    }

    /** Reopens a plane on the same state directory. */
    record TestPlaneReopen(TestPlane t) {
        TestPlane reopen() throws Exception {
            var p = net.archway.cli.ManagementPlane.builder(net.archway.cli.TestSchema.build())
                    .stateDirectory(t.dir.resolve("state")).scheduler(t.clock).ssh("127.0.0.1", -1).build();
            p.start();
            return new TestPlane.Reopened(t, p).asPlane();
        }
    }

    @Test
    void commitConfirmedRevertsInPlaceAndTellsEveryone() throws Exception {
        Recorder a = new Recorder("a");
        t = new TestPlane(false, a);
        Cli admin = new Cli(t);
        Cli watcher = new Cli(t, "watcher", LoginClass.READ_ONLY);
        admin.ok("configure", "set system host-name r1", "commit", "set system host-name risky");
        String out = admin.ok("commit confirmed 5");
        assertTrue(out.contains("rolled back in 5 minutes unless confirmed"), out);
        assertEquals("risky", a.running);
        String hist = watcher.ok("show system commit");
        assertTrue(hist.startsWith("0   2026-11-22 02:00:00 UTC by admin via cli commit confirmed, rollback in 5mins"),
                hist);
        t.clock.advance(Duration.ofMinutes(4));
        assertEquals("risky", a.running);
        t.clock.advance(Duration.ofMinutes(1));
        assertEquals("r1", a.running, "reverted through the same engine");
        assertEquals("r1", Recorder.host(t.plane.engine().active()));
        assertTrue(watcher.broadcasts.toString().contains("automatic rollback complete"), watcher.broadcasts.toString());
        assertTrue(admin.broadcasts.toString().contains("automatic rollback complete"));
        hist = watcher.ok("show system commit");
        assertTrue(hist.startsWith("0   2026-11-22 02:05:00 UTC by root via automatic-rollback\n    automatic rollback: "
                + "commit confirmed by admin was not confirmed within 5 minutes\n"), hist);
        assertEquals(0, t.clock.pending());
    }

    @Test
    void aLaterCommitOrCommitCheckConfirms() throws Exception {
        Recorder a = new Recorder("a");
        t = new TestPlane(false, a);
        Cli admin = new Cli(t);
        admin.ok("configure", "set system host-name r1", "commit", "set system host-name r2", "commit confirmed 2");
        admin.ok("commit check");
        t.clock.advance(Duration.ofMinutes(3));
        assertEquals("r2", a.running);
        admin.ok("set system host-name r3", "commit confirmed");
        assertTrue(admin.ok("run show system commit").contains("rollback in 10mins"));
        admin.ok("commit");
        t.clock.advance(Duration.ofMinutes(30));
        assertEquals("r3", a.running);
        assertNull(t.plane.engine().confirmDeadline());
    }

    @Test
    void pendingConfirmationSurvivesARestart() throws Exception {
        t = new TestPlane(false);
        Cli admin = new Cli(t);
        admin.ok("configure", "set system host-name r1", "commit", "set system host-name r2", "commit confirmed 3");
        t.plane.close();
        TestPlane again = new TestPlaneReopen(t).reopen();
        assertEquals("r2", Recorder.host(again.plane.engine().active()));
        t.clock.advance(Duration.ofMinutes(3));
        assertEquals("r1", Recorder.host(again.plane.engine().active()));
    }

    @Test
    void exclusiveAndPrivateHaveJunosSemantics() throws Exception {
        t = new TestPlane(false);
        Cli a = new Cli(t);
        Cli b = new Cli(t, "bob", LoginClass.SUPER_USER);
        a.ok("configure exclusive");
        assertTrue(b.fails("configure").contains("locked by: admin"));
        a.ok("set system host-name mine", "exit");
        a.ok("configure exclusive");
        assertEquals("", a.ok("show system"), "exclusive changes were discarded on exit");
        a.ok("exit");
        // shared: changes are seen by every editor; private refused while shared is modified
        a.ok("configure", "set system host-name shared");
        assertTrue(b.fails("configure private").contains("shared configuration database modified"));
        b.ok("configure");
        assertTrue(b.ok("show system").contains("shared"));
        b.ok("rollback 0", "exit");
        a.ok("exit");
        // private: merged onto what was committed meanwhile
        a.ok("configure private", "set system host-name from-private");
        b.ok("configure", "set routing-options router-id 192.0.2.7", "commit", "exit");
        a.ok("commit", "exit");
        ConfigNode active = t.plane.engine().active();
        assertEquals("from-private", Recorder.host(active));
        assertEquals("192.0.2.7", active.child("routing-options").leaf("router-id"));
        assertFalse(a.session.inConfigurationMode());
    }
}
