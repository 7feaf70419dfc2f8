package net.archway.cli.shell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The logged-in sessions: {@code show system users}, and messages to every user. */
public final class SessionRegistry {
    /** One logged-in session. */
    public static final class Login {
        private final long id;
        private final String user;
        private final String tty;
        private final String from;
        private final Instant since;
        private final Consumer<String> messages;
        volatile Instant lastActivity;
        volatile String what = "cli";

        Login(long id, String user, String tty, String from, Instant since, Consumer<String> messages) {
            this.id = id;
            this.user = user;
            this.tty = tty;
            this.from = from;
            this.since = since;
            this.messages = messages;
            this.lastActivity = since;
        }

        public long id() {
            return id;
        }

        public String user() {
            return user;
        }

        public String tty() {
            return tty;
        }

        public String from() {
            return from;
        }

        public Instant since() {
            return since;
        }

        public Instant lastActivity() {
            return lastActivity;
        }

        public String what() {
            return what;
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Login> logins = new ConcurrentHashMap<>();

    public Login add(String user, String tty, String from, Instant now, Consumer<String> messages) {
        long id = ids.incrementAndGet();
        Login l = new Login(id, user, tty + id, from, now, messages);
        logins.put(id, l);
        return l;
    }

    public void remove(Login l) {
        logins.remove(l.id);
    }

    public List<Login> all() {
        List<Login> out = new ArrayList<>(logins.values());
        out.sort((a, b) -> Long.compare(a.id, b.id));
        return out;
    }

    /** Sends a message to every logged-in session. */
    public void broadcast(String message) {
        for (Login l : all()) {
            try {
                l.messages.accept(message);
            } catch (RuntimeException e) {
                // a session that is going away
            }
        }
    }
}
