package net.archway.cli.testing;

import java.util.ArrayDeque;
import java.util.Deque;

import net.archway.cli.op.LoginClass;
import net.archway.cli.shell.CliSession;
import net.archway.cli.shell.SessionIo;
import net.archway.cli.shell.SessionRegistry;

/** A CLI session in the test's hands: run a line, get its output and status; queue input for prompts. */
public final class Cli implements SessionIo {
    private final StringBuilder out = new StringBuilder();
    private final Deque<String> input = new ArrayDeque<>();
    public final CliSession session;
    public final StringBuilder broadcasts = new StringBuilder();
    public int status;

    public Cli(TestPlane t, String user, LoginClass cls) {
        var ctx = t.plane.context();
        SessionRegistry.Login login = ctx.sessions().add(user, "test", "127.0.0.1", t.clock.now(),
                m -> broadcasts.append(m).append('\n'));
        session = new CliSession(ctx, user, cls, this, login);
    }

    public Cli(TestPlane t) {
        this(t, "admin", LoginClass.SUPER_USER);
    }

    /** Runs one line; returns what it printed. */
    public synchronized String run(String line) {
        out.setLength(0);
        status = session.execute(line);
        return out.toString();
    }

    /** Runs lines, failing on the first error. */
    public String ok(String... lines) {
        StringBuilder all = new StringBuilder();
        for (String l : lines) {
            String o = run(l);
            all.append(o);
            if (status != 0) {
                throw new AssertionError("'" + l + "' failed: " + o);
            }
        }
        return all.toString();
    }

    /** Runs a line that must fail; returns its output. */
    public String fails(String line) {
        String o = run(line);
        if (status == 0) {
            throw new AssertionError("'" + line + "' should have failed: " + o);
        }
        return o;
    }

    public Cli input(String... lines) {
        for (String l : lines) {
            input.add(l);
        }
        return this;
    }

    @Override
    public synchronized void print(String text) {
        out.append(text);
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public String readLine(String prompt, boolean secret) {
        return input.poll();
    }
}
