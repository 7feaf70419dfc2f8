package net.archway.cli.commit;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import net.archway.cli.config.ConfigError;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigParser;
import net.archway.cli.config.ConfigPrinter;
import net.archway.cli.config.ConfigSyntaxException;
import net.archway.cli.config.ConfigTrees;
import net.archway.cli.config.ConfigValidator;
import net.archway.cli.schema.Schema;

/**
 * The transactional commit: validate the whole candidate → every subsystem stages it (and may
 * refuse) → barrier: apply in registration order, reverting the applied ones if one fails →
 * persist atomically → swap the active configuration. A failure at any step leaves the active
 * configuration and the running system as they were. {@code commit check} stops after staging.
 * {@code commit confirmed N} reverts through the same path unless confirmed in time.
 *
 * <p>Commits are serialised by one lock ({@link #lock()}), which sessions also hold across
 * multi-step operations.
 */
public final class CommitEngine {
    private static final System.Logger LOG = System.getLogger(CommitEngine.class.getName());

    private final Schema schema;
    private final ConfigValidator validator;
    private final List<Subsystem> subsystems;
    private final CommitHistory history;
    private final Scheduler scheduler;
    private final CommitProbe probe;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final List<Consumer<String>> broadcasts = new CopyOnWriteArrayList<>();

    private volatile ConfigNode active;
    private volatile CommitRecord activeRecord;
    private Scheduler.Cancellable confirmTimer;
    private ConfigNode revertTo;
    private Instant confirmBy;

    public CommitEngine(Schema schema, ConfigValidator validator, List<Subsystem> subsystems, CommitHistory history,
                        Scheduler scheduler, CommitProbe probe) {
        this.schema = schema;
        this.validator = validator;
        this.subsystems = List.copyOf(subsystems);
        this.history = history;
        this.scheduler = scheduler;
        this.probe = probe;
        this.active = ConfigNode.emptyRoot(schema.root());
    }

    /**
     * Loads the newest committed configuration and applies it to the subsystems (from nothing).
     * A pending {@code commit confirmed} found on disk gets its rollback timer again (at once if
     * its time has passed). Returns the errors of applying it (empty on success).
     */
    public List<String> start() throws IOException {
        lock.lock();
        try {
            CommitHistory.Entry newest = history.newest();
            if (newest == null) {
                return List.of();
            }
            try {
                active = ConfigParser.parse(schema, newest.text());
            } catch (ConfigSyntaxException e) {
                throw new IOException("the active configuration (commit " + newest.record().sequence()
                        + ") no longer parses: " + e.getMessage());
            }
            activeRecord = newest.record();
            List<String> errors = new ArrayList<>();
            try {
                List<Subsystem.StagedChange> staged = stageAll(ConfigNode.emptyRoot(schema.root()),
                        ConfigTrees.effective(active));
                applyAll(staged);
            } catch (CommitException e) {
                errors.addAll(e.errors());
            }
            if (newest.record().confirmBy() != null) {
                List<CommitHistory.Entry> entries = history.entries();
                if (entries.size() > 1) {
                    try {
                        revertTo = ConfigParser.parse(schema, entries.get(1).text());
                        Duration left = Duration.between(scheduler.now(), newest.record().confirmBy());
                        scheduleRevert(left.isNegative() ? Duration.ZERO : left, newest.record());
                    } catch (ConfigSyntaxException e) {
                        LOG.log(System.Logger.Level.WARNING, "cannot schedule the commit confirmed rollback: {0}",
                                e.getMessage());
                    }
                }
            }
            return errors;
        } finally {
            lock.unlock();
        }
    }

    /** The lock that serialises commits (and sessions' edits of the shared candidate). */
    public ReentrantLock lock() {
        return lock;
    }

    public Schema schema() {
        return schema;
    }

    /** The active configuration, with its inactive statements. */
    public ConfigNode active() {
        return active;
    }

    /** The record of the active configuration, or null before the first commit. */
    public CommitRecord activeRecord() {
        return activeRecord;
    }

    public CommitHistory history() {
        return history;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** When the pending {@code commit confirmed} reverts, or null. */
    public Instant confirmDeadline() {
        lock.lock();
        try {
            return confirmTimer == null ? null : confirmBy;
        } finally {
            lock.unlock();
        }
    }

    /** Called with each message for every logged-in user (automatic rollback). */
    public void onBroadcast(Consumer<String> listener) {
        broadcasts.add(listener);
    }

    /** Validation errors of a candidate, each with its [edit ...] place; empty when valid. */
    public List<ConfigError> validate(ConfigNode candidate) {
        return validator.validate(candidate);
    }

    /** {@code commit check}: validate and stage, then abandon. Confirms a pending commit confirmed. */
    public void check(ConfigNode candidate) throws CommitException {
        lock.lock();
        try {
            validateOrThrow(candidate);
            List<Subsystem.StagedChange> staged = stageAll(ConfigTrees.effective(active), ConfigTrees.effective(candidate));
            for (Subsystem.StagedChange s : staged) {
                s.abandon();
            }
            confirmPending();
        } finally {
            lock.unlock();
        }
    }

    /** {@code commit}: the whole transaction. Returns the new history record. */
    public CommitRecord commit(ConfigNode candidate, CommitRequest request) throws CommitException {
        lock.lock();
        try {
            Integer minutes = request.confirmMinutes();
            ConfigNode before = active;
            CommitRecord r = commitLocked(candidate, request.user(), request.via(), request.comment(), minutes);
            if (minutes != null) {
                if (confirmTimer == null) {
                    revertTo = before; // a second commit confirmed while pending keeps the first revert target
                } else {
                    confirmTimer.cancel();
                }
                scheduleRevert(Duration.ofMinutes(minutes), r);
            } else {
                confirmPending();
            }
            return r;
        } finally {
            lock.unlock();
        }
    }

    private void confirmPending() {
        if (confirmTimer != null) {
            confirmTimer.cancel();
            confirmTimer = null;
            revertTo = null;
            confirmBy = null;
        }
    }

    private void scheduleRevert(Duration delay, CommitRecord confirmed) {
        confirmBy = scheduler.now().plus(delay);
        confirmTimer = scheduler.schedule(delay, () -> autoRollback(confirmed));
    }

    private void autoRollback(CommitRecord confirmed) {
        lock.lock();
        try {
            if (confirmTimer == null || activeRecord == null || activeRecord.sequence() != confirmed.sequence()) {
                return; // confirmed meanwhile
            }
            ConfigNode target = revertTo;
            confirmTimer = null;
            revertTo = null;
            confirmBy = null;
            String comment = "automatic rollback: commit confirmed by " + confirmed.user() + " was not confirmed within "
                    + confirmed.confirmMinutes() + " minutes";
            try {
                commitLocked(target, "root", "automatic-rollback", comment, null);
                broadcast("Commit was not confirmed; automatic rollback complete.");
            } catch (CommitException e) {
                LOG.log(System.Logger.Level.ERROR, "automatic rollback failed: {0}", e.getMessage());
                broadcast("Commit was not confirmed; automatic rollback FAILED: " + String.join("; ", e.errors()));
            }
        } finally {
            lock.unlock();
        }
    }

    private void broadcast(String message) {
        for (Consumer<String> b : broadcasts) {
            try {
                b.accept(message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "broadcast listener failed", e);
            }
        }
    }

    private CommitRecord commitLocked(ConfigNode candidate, String user, String via, String comment, Integer minutes)
            throws CommitException {
        validateOrThrow(candidate);
        probe.reached("validated");
        List<Subsystem.StagedChange> staged = stageAll(ConfigTrees.effective(active), ConfigTrees.effective(candidate));
        probe.reached("staged");
        List<Subsystem.StagedChange> applied = applyAll(staged);
        probe.reached("applied");
        CommitRecord r;
        try {
            Instant now = scheduler.now();
            r = new CommitRecord(history.nextSequence(), now, user, via, comment, minutes,
                    minutes == null ? null : now.plus(Duration.ofMinutes(minutes)));
            history.write(r, ConfigPrinter.curly(candidate, true));
        } catch (IOException | RuntimeException e) {
            revert(applied);
            throw new CommitException(List.of("error: could not save the configuration: " + e.getMessage()
                    + "; the previous configuration was restored", "error: commit failed"));
        }
        active = candidate;
        activeRecord = r;
        probe.reached("complete");
        return r;
    }

    private void validateOrThrow(ConfigNode candidate) throws CommitException {
        List<ConfigError> errors = validator.validate(candidate);
        if (!errors.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (ConfigError e : errors) {
                lines.add(e.toString());
            }
            lines.add("error: configuration check-out failed");
            throw new CommitException(lines);
        }
    }

    private List<Subsystem.StagedChange> stageAll(ConfigNode from, ConfigNode to) throws CommitException {
        List<Subsystem.StagedChange> staged = new ArrayList<>();
        for (Subsystem s : subsystems) {
            try {
                staged.add(s.stage(from, to));
            } catch (CommitRefusedException e) {
                abandon(staged);
                throw new CommitException(List.of(e.toString(), "error: " + s.name() + " refused the configuration",
                        "error: configuration check-out failed"));
            } catch (RuntimeException e) {
                abandon(staged);
                LOG.log(System.Logger.Level.ERROR, "subsystem " + s.name() + " failed while staging", e);
                throw new CommitException(List.of("error: " + s.name() + " failed while staging: " + e,
                        "error: configuration check-out failed"));
            }
        }
        return staged;
    }

    private List<Subsystem.StagedChange> applyAll(List<Subsystem.StagedChange> staged) throws CommitException {
        List<Subsystem.StagedChange> applied = new ArrayList<>();
        for (int i = 0; i < staged.size(); i++) {
            Subsystem.StagedChange s = staged.get(i);
            try {
                s.apply();
                applied.add(s);
            } catch (ApplyException | RuntimeException e) {
                s.abandon();
                revert(applied);
                abandon(staged.subList(i + 1, staged.size()));
                throw new CommitException(List.of("error: " + subsystems.get(i).name() + ": " + e.getMessage(),
                        "error: the previous configuration was restored", "error: commit failed"));
            }
        }
        return applied;
    }

    private static void revert(List<Subsystem.StagedChange> applied) {
        for (int i = applied.size() - 1; i >= 0; i--) {
            try {
                applied.get(i).revert();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "revert failed", e);
            }
        }
    }

    private static void abandon(List<Subsystem.StagedChange> staged) {
        for (Subsystem.StagedChange s : staged) {
            try {
                s.abandon();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "abandon failed", e);
            }
        }
    }

    /** The configuration of {@code rollback n} (0 is the active one). */
    public ConfigNode rollback(int n) throws CommitException {
        if (n < 0 || n >= CommitHistory.KEPT) {
            throw new CommitException(List.of("error: rollback " + n + ": choose 0 to " + (CommitHistory.KEPT - 1)));
        }
        try {
            List<CommitHistory.Entry> entries = history.entries();
            if (n == 0 && entries.isEmpty()) {
                return ConfigNode.emptyRoot(schema.root());
            }
            if (n >= entries.size()) {
                throw new CommitException(List.of("error: rollback " + n + " does not exist (" + entries.size()
                        + " stored)"));
            }
            return ConfigParser.parse(schema, entries.get(n).text());
        } catch (IOException | ConfigSyntaxException e) {
            throw new CommitException(List.of("error: cannot read rollback " + n + ": " + e.getMessage()));
        }
    }

    /** The commit history, newest first. */
    public List<CommitRecord> records() throws IOException {
        List<CommitRecord> out = new ArrayList<>();
        for (CommitHistory.Entry e : history.entries()) {
            out.add(e.record());
        }
        return out;
    }
}
