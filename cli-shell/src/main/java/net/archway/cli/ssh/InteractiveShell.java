package net.archway.cli.ssh;

import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

import net.archway.cli.shell.CliSession;
import net.archway.cli.shell.Completion;

/**
 * The interactive loop on a terminal: JLine line editing and history, Tab completion, Junos'
 * {@code ?} ({@code Possible completions:}) and space completion of keywords, from the schema
 * and the command registry.
 */
public final class InteractiveShell {
    private InteractiveShell() {
    }

    /** Makes the JLine reader for a session on {@code terminal}. */
    static LineReader reader(Terminal terminal, CliSession[] session) {
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(false);
        parser.setEofOnEscapedNewLine(false);
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("archway")
                .parser(parser)
                .history(new DefaultHistory())
                .variable(LineReader.HISTORY_SIZE, 500)
                .completer((r, line, candidates) -> {
                    String before = line.line().substring(0, line.cursor());
                    Completion.Result res = session[0].complete(before);
                    for (Completion.Candidate c : res.matching()) {
                        if (c.typeable()) {
                            candidates.add(new Candidate(c.word(), c.word(), null, c.help(), null, null, true));
                        }
                    }
                })
                .build();
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
        reader.unsetOpt(LineReader.Option.INSERT_TAB);
        reader.setOpt(LineReader.Option.AUTO_LIST);
        reader.getWidgets().put("archway-help", () -> {
            String before = reader.getBuffer().upToCursor();
            if (insideQuotes(before)) {
                reader.getBuffer().write('?');
                return true;
            }
            reader.printAbove(session[0].promptLastLine() + reader.getBuffer().toString() + "?\n"
                    + session[0].complete(before).listing());
            return true;
        });
        reader.getWidgets().put("archway-space", () -> {
            String before = reader.getBuffer().upToCursor();
            if (!insideQuotes(before) && !before.isEmpty() && !Character.isWhitespace(before.charAt(before.length() - 1))) {
                Completion.Result res = session[0].complete(before);
                List<Completion.Candidate> m = res.matching();
                boolean allKeywords = !m.isEmpty() && m.stream().allMatch(Completion.Candidate::typeable);
                List<Completion.Candidate> typeable = m.stream().filter(Completion.Candidate::typeable).toList();
                if (allKeywords && typeable.size() == 1 && !typeable.get(0).word().equals(res.partial())
                        && !res.partial().isEmpty()) {
                    reader.getBuffer().backspace(res.partial().length());
                    reader.getBuffer().write(typeable.get(0).word());
                }
            }
            reader.getBuffer().write(' ');
            return true;
        });
        reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference("archway-help"), "?");
        reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference("archway-space"), " ");
        return reader;
    }

    static boolean insideQuotes(String s) {
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && in) {
                i++;
            } else if (c == '"') {
                in = !in;
            }
        }
        return in;
    }

    /** Sets the line discipline a remote terminal expects (CR to NL in, NL to CRLF out). */
    static void cook(Terminal terminal) {
        Attributes a = terminal.getAttributes();
        a.setInputFlag(Attributes.InputFlag.ICRNL, true);
        a.setOutputFlag(Attributes.OutputFlag.OPOST, true);
        a.setOutputFlag(Attributes.OutputFlag.ONLCR, true);
        a.setLocalFlag(Attributes.LocalFlag.ECHO, true);
        a.setLocalFlag(Attributes.LocalFlag.ICANON, true);
        a.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        terminal.setAttributes(a);
    }

    /** Runs the session until it exits or the terminal closes. */
    static void run(CliSession session, LineReader reader) {
        while (!session.closed()) {
            String line;
            try {
                String prompt = session.prompt();
                line = reader.readLine(session.inConfigurationMode() ? "\n" + prompt : prompt);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            } catch (IllegalStateException | java.io.IOError e) {
                break; // the connection closed under the reader
            }
            session.execute(line);
        }
        session.close();
    }
}
