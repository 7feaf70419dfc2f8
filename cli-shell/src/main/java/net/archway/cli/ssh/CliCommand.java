package net.archway.cli.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.jline.reader.LineReader;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import net.archway.cli.op.LoginClass;
import net.archway.cli.shell.CliContext;
import net.archway.cli.shell.CliSession;
import net.archway.cli.shell.SessionRegistry;
import net.archway.cli.shell.StreamIo;

/**
 * An SSH session channel running the CLI: a shell with a PTY (JLine), a shell without one
 * (commands read line by line; exit status 1 if any failed), or an exec request (one command,
 * its status).
 */
final class CliCommand implements Command {
    private static final System.Logger LOG = System.getLogger(CliCommand.class.getName());
    private final CliContext ctx;
    private final String execLine;
    /** The login class of every session of this server (the local CLI's), or null: from {@code system login}. */
    private final LoginClass fixedClass;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Thread thread;
    private volatile Terminal terminal;

    CliCommand(CliContext ctx, String execLine) {
        this(ctx, execLine, null);
    }

    CliCommand(CliContext ctx, String execLine, LoginClass fixedClass) {
        this.ctx = ctx;
        this.execLine = execLine;
        this.fixedClass = fixedClass;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        String user = channel.getSession().getUsername();
        SocketAddress addr = channel.getSession().getClientAddress();
        String from = addr instanceof InetSocketAddress isa ? isa.getAddress().getHostAddress() : String.valueOf(addr);
        boolean pty = execLine == null && !env.getPtyModes().isEmpty();
        thread = new Thread(() -> run(user, from, pty, env), "archway-cli-" + user);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String user, String from, boolean pty, Environment env) {
        int status = 0;
        SessionRegistry.Login login = null;
        try {
            LoginClass cls = fixedClass != null ? fixedClass : Logins.loginClass(ctx.engine().active(), user);
            if (cls == null) {
                out.write(("error: user " + user + " has no valid login class\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                exit.onExit(1);
                return;
            }
            if (pty) {
                status = runTerminal(user, from, cls, env);
                return;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            StreamIo io = new StreamIo(reader, out);
            login = ctx.sessions().add(user, execLine == null ? "shell" : "exec", from, ctx.engine().scheduler().now(),
                    m -> io.print("\nBroadcast message from " + ctx.hostName() + ": " + m + "\n"));
            CliSession session = new CliSession(ctx, user, cls, io, login);
            if (execLine != null) {
                status = session.execute(execLine);
            } else {
                String line;
                while (!session.closed() && (line = StreamIo.readBounded(reader)) != null) {
                    if (session.execute(line) != 0) {
                        status = 1;
                    }
                }
            }
            session.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "CLI session of " + user + " ended: " + e);
            status = status == 0 ? 1 : status;
        } finally {
            if (login != null) {
                ctx.sessions().remove(login);
            }
            if (!pty) {
                exit.onExit(status);
            }
        }
    }

    private int runTerminal(String user, String from, LoginClass cls, Environment env) throws IOException {
        Map<String, String> vars = env.getEnv();
        int cols = parse(vars.get(Environment.ENV_COLUMNS), 80);
        int rows = parse(vars.get(Environment.ENV_LINES), 24);
        terminal = TerminalBuilder.builder().system(false).name("archway").type(vars.getOrDefault(Environment.ENV_TERM,
                "vt100")).streams(in, out).size(Size.of(cols, rows)).encoding(StandardCharsets.UTF_8).build();
        InteractiveShell.cook(terminal);
        env.addSignalListener((channel, signal) -> {
            Map<String, String> v = env.getEnv();
            terminal.setSize(Size.of(parse(v.get(Environment.ENV_COLUMNS), 80), parse(v.get(Environment.ENV_LINES), 24)));
            terminal.raise(Terminal.Signal.WINCH);
        }, org.apache.sshd.server.Signal.WINCH);
        TerminalIo io = new TerminalIo(terminal);
        CliSession[] holder = new CliSession[1];
        LineReader reader = InteractiveShell.reader(terminal, holder);
        io.reader(reader);
        SessionRegistry.Login login = ctx.sessions().add(user, "pts/", from, ctx.engine().scheduler().now(),
                m -> reader.printAbove("\nBroadcast message from " + ctx.hostName() + ":\n" + m + "\n"));
        try {
            holder[0] = new CliSession(ctx, user, cls, io, login);
            var system = ctx.engine().active().child("system");
            var loginNode = system == null ? null : system.child("login");
            String message = loginNode == null ? null : loginNode.leaf("message");
            if (message != null) {
                io.print(message.replace("\\n", "\n") + "\n");
            }
            InteractiveShell.run(holder[0], reader);
        } finally {
            ctx.sessions().remove(login);
            terminal.close();
            exit.onExit(0);
        }
        return 0;
    }

    private static int parse(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    @Override
    public void destroy(ChannelSession channel) throws Exception {
        Terminal t = terminal;
        if (t != null) {
            t.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
