package net.archway.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.archway.cli.testing.TestPlane;

/**
 * The interactive shell as a person uses it, through OpenSSH in tmux: prompts and banners,
 * Tab, space and {@code ?} completion, history, carets, paging with {@code ---(more)---}.
 */
class TmuxIT {
    static TestPlane t;
    static Path key;
    static final java.util.concurrent.atomic.AtomicInteger SERVERS = new java.util.concurrent.atomic.AtomicInteger();
    // a tmux server of its own per test: a server still shutting down never meets the next test
    final String socket = "archway-cli-test-" + ProcessHandle.current().pid() + "-" + SERVERS.incrementAndGet();

    @BeforeAll
    static void start() throws Exception {
        TestPlane.requireProgram("tmux");
        t = new TestPlane(true);
        key = t.keygen("admin");
        t.addUser("admin", "super-user", key);
        StringBuilder sb = new StringBuilder("configure\nset system host-name r1\n");
        for (int i = 0; i < 60; i++) {
            sb.append("set routing-options static route 10.9.").append(i).append(".0/24 next-hop 192.0.2.1\n");
        }
        t.console(sb.append("commit\n").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    @BeforeEach
    void open() throws Exception {
        List<String> ssh = new ArrayList<>(t.ssh("admin", key));
        ssh.add(1, "-tt");
        tmux("new-session", "-d", "-s", "cli", "-x", "100", "-y", "30", String.join(" ", ssh));
        waitFor(s -> s.contains("admin@r1>"), "the operational prompt");
        socketPath = TestPlane.run(List.of("tmux", "-L", socket, "display-message", "-p", "#{socket_path}")).out().strip();
    }

    String socketPath;

    @AfterEach
    void close() throws Exception {
        TestPlane.run(List.of("tmux", "-L", socket, "kill-server"));
        if (socketPath != null && !socketPath.isEmpty()) {
            java.nio.file.Files.deleteIfExists(Path.of(socketPath));
        }
    }

    void tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        TestPlane.Run r = TestPlane.run(cmd);
        assertEquals(0, r.status(), String.join(" ", cmd) + ": " + r.err());
    }

    void type(String text) throws Exception {
        tmux("send-keys", "-t", "cli", "-l", text);
    }

    void key(String k) throws Exception {
        tmux("send-keys", "-t", "cli", k);
    }

    String screen() throws Exception {
        List<String> cmd = List.of("tmux", "-L", socket, "capture-pane", "-t", "cli", "-p");
        return TestPlane.run(cmd).out();
    }

    /** Polls the screen for at most 10 s. */
    String waitFor(Predicate<String> p, String what) throws Exception {
        String s = "";
        for (int i = 0; i < 100; i++) {
            s = screen();
            if (p.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; screen:\n" + s);
    }

    String lastLine(String screen) {
        String[] lines = screen.stripTrailing().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void tabCompletesAndQuestionMarkExplains() throws Exception {
        type("show conf");
        key("Tab");
        waitFor(s -> lastLine(s).equals("admin@r1> show configuration"), "Tab completion");
        key("C-u");
        type("show system ?");
        String s = waitFor(x -> x.contains("Possible completions:") && x.contains("users"), "? help");
        assertTrue(s.contains("commit") && s.contains("Show pending commit and history of commits"), s);
        assertTrue(lastLine(s).startsWith("admin@r1> show system"), s);
    }

    @Test
    void spaceCompletesAUniqueKeyword() throws Exception {
        type("sho");
        key("Space");
        type("vers");
        key("Space");
        waitFor(s -> lastLine(s).equals("admin@r1> show version"), "space completion");
        key("Enter");
        waitFor(s -> s.contains("Model: archway"), "show version output");
    }

    @Test
    void historyRecallsThePreviousCommand() throws Exception {
        type("show system users");
        key("Enter");
        waitFor(s -> s.contains("USER"), "show system users output");
        key("Up");
        waitFor(s -> lastLine(s).equals("admin@r1> show system users"), "the previous command");
    }

    @Test
    void longOutputPagesOnATerminal() throws Exception {
        type("show configuration");
        key("Enter");
        String s = waitFor(x -> x.contains("---(more)---"), "the more prompt");
        assertTrue(!s.contains("10.9.59.0"), "the first page only");
        key("Space");
        waitFor(x -> x.contains("10.9.59.0") || x.contains("---(more)---") && !x.contains("host-name r1"), "page two");
        key("q");
        waitFor(x -> lastLine(x).equals("admin@r1>"), "the prompt after q");
        type("show configuration | no-more");
        key("Enter");
        waitFor(x -> x.contains("10.9.59.0/24") && lastLine(x).equals("admin@r1>"), "all of it without paging");
    }

    @Test
    void configurationModeBannerPromptAndCaret() throws Exception {
        type("configure");
        key("Enter");
        waitFor(s -> s.contains("[edit]") && lastLine(s).equals("admin@r1#"), "configuration prompt");
        type("edit protocols bgp");
        key("Enter");
        waitFor(s -> s.contains("[edit protocols bgp]"), "the edit banner");
        type("set grop x");
        key("Enter");
        String s = waitFor(x -> x.contains("unknown statement 'grop'"), "the error");
        String[] lines = s.split("\n");
        int caretLine = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals("^")) {
                caretLine = i;
            }
        }
        assertTrue(caretLine > 0, s);
        assertEquals("admin@r1# set ".length(), lines[caretLine].indexOf('^'), "caret under 'grop':\n" + s);
        type("set group g ?");
        s = waitFor(x -> x.contains("Possible completions:") && x.contains("peer-as"), "schema help");
        assertTrue(s.contains("Autonomous system number"), s);
        key("C-u");
        type("top");
        key("Enter");
        type("exit");
        key("Enter");
        waitFor(x -> x.contains("Exiting configuration mode") && lastLine(x).equals("admin@r1>"), "operational prompt");
    }

    @Test
    void plainTextPasswordIsPromptedWithoutEcho() throws Exception {
        type("configure");
        key("Enter");
        waitFor(x -> lastLine(x).equals("admin@r1#"), "configuration prompt");
        type("set system login user bob class operator");
        key("Enter");
        type("set system login user bob authentication plain-text-password");
        key("Enter");
        waitFor(x -> lastLine(x).startsWith("New password:"), "the password prompt");
        type("n0t-shown-pw");
        key("Enter");
        String s = waitFor(x -> lastLine(x).startsWith("Retype new password:"), "the second prompt");
        assertTrue(!s.contains("n0t-shown-pw"), "the password is not echoed:\n" + s);
        type("n0t-shown-pw");
        key("Enter");
        waitFor(x -> lastLine(x).equals("admin@r1#"), "the prompt again");
        type("show system login user bob | no-more");
        key("Enter");
        s = waitFor(x -> x.contains("encrypted-password \"$6$"), "the stored hash");
        assertTrue(!s.contains("n0t-shown-pw"), s);
        type("rollback 0");
        key("Enter");
        type("exit");
        key("Enter");
        waitFor(x -> lastLine(x).equals("admin@r1>"), "operational prompt");
    }
}
