package net.archway.cli.commit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import net.archway.cli.config.ConfigEditException;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigTrees;

/**
 * The candidate configurations and who edits them, with Junos semantics:
 * <ul>
 * <li>{@code configure}: every session edits the one shared candidate; changes stay in it when
 * a session leaves without committing;</li>
 * <li>{@code configure exclusive}: the shared candidate, locked: nobody else may change or commit
 * it; uncommitted changes are discarded when the holder leaves;</li>
 * <li>{@code configure private}: a copy of the active configuration; its commit merges the
 * session's changes onto the configuration active by then. Refused while the shared candidate
 * has uncommitted changes.</li>
 * </ul>
 * Everything here runs under the {@link CommitEngine#lock()}.
 */
public final class ConfigDatabase {
    public enum Mode { SHARED, EXCLUSIVE, PRIVATE }

    /** A session in configuration mode. */
    public static final class Editor {
        final long id;
        final String user;
        final Mode mode;
        final Instant since;
        ConfigNode privateBase;
        ConfigNode privateCandidate;

        Editor(long id, String user, Mode mode, Instant since) {
            this.id = id;
            this.user = user;
            this.mode = mode;
            this.since = since;
        }

        public String user() {
            return user;
        }

        public Mode mode() {
            return mode;
        }

        public Instant since() {
            return since;
        }

        public long id() {
            return id;
        }
    }

    private final CommitEngine engine;
    private final Map<Long, Editor> editors = new LinkedHashMap<>();
    private ConfigNode shared;
    private ConfigNode sharedBase;
    private Editor exclusiveHolder;

    public ConfigDatabase(CommitEngine engine) {
        this.engine = engine;
    }

    public CommitEngine engine() {
        return engine;
    }

    private <T> T locked(java.util.function.Supplier<T> body) {
        engine.lock().lock();
        try {
            return body.get();
        } finally {
            engine.lock().unlock();
        }
    }

    /** The shared candidate; while nobody changed it, it follows the active configuration. */
    private ConfigNode sharedNow() {
        if (shared == null || shared == sharedBase) {
            shared = engine.active();
            sharedBase = shared;
        }
        return shared;
    }

    /** Whether the shared candidate has changes not committed. */
    public boolean sharedModified() {
        return locked(() -> {
            ConfigNode s = sharedNow();
            return s != engine.active() && !s.sameAs(engine.active());
        });
    }

    /** Enters configuration mode; the returned editor identifies the session from then on. */
    public Editor enter(long sessionId, String user, Mode mode) throws CommitException {
        engine.lock().lock();
        try {
            if (exclusiveHolder != null && exclusiveHolder.id != sessionId) {
                throw new CommitException(List.of("error: configuration database locked by: " + exclusiveHolder.user
                        + " (configure exclusive, since " + exclusiveHolder.since + ")"));
            }
            if (mode == Mode.PRIVATE && sharedModified()) {
                throw new CommitException(List.of("error: shared configuration database modified",
                        "Use 'configure' to edit it, or ask its users to commit or 'rollback 0' first"));
            }
            if (mode == Mode.EXCLUSIVE) {
                for (Editor e : editors.values()) {
                    if (e.id != sessionId && e.mode == Mode.SHARED && sharedModified()) {
                        throw new CommitException(List.of("error: the shared configuration has uncommitted changes by "
                                + e.user + "; they must commit or 'rollback 0' first"));
                    }
                }
            }
            Editor e = new Editor(sessionId, user, mode, engine.scheduler().now());
            if (mode == Mode.PRIVATE) {
                e.privateBase = engine.active();
                e.privateCandidate = e.privateBase;
            }
            if (mode == Mode.EXCLUSIVE) {
                exclusiveHolder = e;
            }
            editors.put(sessionId, e);
            return e;
        } finally {
            engine.lock().unlock();
        }
    }

    /**
     * Leaves configuration mode. Returns a warning to show, or null: exclusive and private
     * sessions discard their uncommitted changes; shared ones leave them for the next editor.
     */
    public String leave(Editor e) {
        return locked(() -> {
            editors.remove(e.id);
            String warning = null;
            if (e.mode == Mode.EXCLUSIVE) {
                exclusiveHolder = null;
                if (sharedModified()) {
                    shared = engine.active();
                    sharedBase = shared;
                    warning = "warning: uncommitted changes discarded on exit (configure exclusive)";
                }
            } else if (e.mode == Mode.PRIVATE) {
                if (e.privateCandidate != e.privateBase && !e.privateCandidate.sameAs(e.privateBase)) {
                    warning = "warning: uncommitted changes discarded on exit (configure private)";
                }
            } else if (sharedModified()) {
                warning = "The configuration has been changed but not committed";
            }
            return warning;
        });
    }

    /** The candidate this editor sees. */
    public ConfigNode candidate(Editor e) {
        return locked(() -> e.mode == Mode.PRIVATE ? e.privateCandidate : sharedNow());
    }

    /** Changes this editor's candidate. */
    public void modify(Editor e, Edit edit) throws ConfigEditException, CommitException {
        engine.lock().lock();
        try {
            checkNotLockedOut(e);
            if (e.mode == Mode.PRIVATE) {
                e.privateCandidate = edit.apply(e.privateCandidate);
            } else {
                ConfigNode before = sharedNow();
                ConfigNode after = edit.apply(before);
                if (after != before) {
                    shared = after;
                }
            }
        } finally {
            engine.lock().unlock();
        }
    }

    /** An edit of a candidate. */
    @FunctionalInterface
    public interface Edit {
        ConfigNode apply(ConfigNode candidate) throws ConfigEditException;
    }

    private void checkNotLockedOut(Editor e) throws CommitException {
        if (e.mode != Mode.PRIVATE && exclusiveHolder != null && exclusiveHolder != e) {
            throw new CommitException(List.of("error: configuration database locked by: " + exclusiveHolder.user
                    + " (configure exclusive)"));
        }
    }

    /** Commits this editor's candidate (private candidates are merged onto the active configuration first). */
    public CommitRecord commit(Editor e, CommitRequest request) throws CommitException {
        engine.lock().lock();
        try {
            checkNotLockedOut(e);
            if (e.mode == Mode.PRIVATE) {
                ConfigNode merged = ConfigTrees.rebase(e.privateBase, e.privateCandidate, engine.active());
                CommitRecord r = engine.commit(merged, request);
                e.privateBase = engine.active();
                e.privateCandidate = e.privateBase;
                return r;
            }
            ConfigNode candidate = sharedNow();
            CommitRecord r = engine.commit(candidate, request);
            shared = engine.active();
            sharedBase = shared;
            return r;
        } finally {
            engine.lock().unlock();
        }
    }

    /** {@code commit check} of this editor's candidate. */
    public void check(Editor e) throws CommitException {
        engine.lock().lock();
        try {
            ConfigNode c = e.mode == Mode.PRIVATE
                    ? ConfigTrees.rebase(e.privateBase, e.privateCandidate, engine.active()) : sharedNow();
            engine.check(c);
        } finally {
            engine.lock().unlock();
        }
    }

    /** The sessions in configuration mode. */
    public List<Editor> editors() {
        return locked(() -> new ArrayList<>(editors.values()));
    }
}
