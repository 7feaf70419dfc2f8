package net.archway.cli.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits configuration text or a command line into tokens: words, "quoted strings" (with
 * backslash escapes), braces, brackets, semicolons, annotations ({@code /* ... *}{@code /}), and
 * in command lines the pipe {@code |}. {@code #} starts a comment to the end of the line (so
 * {@code ## SECRET-DATA} and file headers are skipped). Control characters other than tab and
 * line ends are refused: binary input fails here with its position.
 */
public final class Lexer {
    /** Longest accepted line: longer input is refused rather than processed. */
    public static final int MAX_LINE = 65536;

    private Lexer() {
    }

    public static List<Token> tokenize(String text, boolean commandLine) throws ConfigSyntaxException {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int col = i - lineStart + 1;
            if (c == '\n') {
                if (i - lineStart > MAX_LINE) {
                    throw new ConfigSyntaxException("line " + line + " is too long (" + (i - lineStart)
                            + " characters, at most " + MAX_LINE + ")", line, 1, out.size());
                }
                line++;
                i++;
                lineStart = i;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c < 0x20 || c == 0x7f || c == 0xfffd) {
                throw new ConfigSyntaxException("unexpected character (code " + (int) c + ") at line " + line
                        + " column " + col + ": configuration is text", line, col, out.size());
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new ConfigSyntaxException("unterminated comment starting at line " + line + " column " + col,
                            line, col, out.size());
                }
                String body = text.substring(i + 2, close).strip();
                out.add(new Token(Token.Kind.ANNOTATION, body, line, col, i, close + 2));
                for (int k = i; k < close; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = close + 2;
                continue;
            }
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        sb.append(text.charAt(j + 1));
                        j += 2;
                        continue;
                    }
                    if (d == '"') {
                        closed = true;
                        break;
                    }
                    if (d == '\n') {
                        break;
                    }
                    sb.append(d);
                    j++;
                }
                if (!closed) {
                    throw new ConfigSyntaxException("unterminated quoted string starting at line " + line + " column "
                            + col, line, col, out.size());
                }
                out.add(new Token(Token.Kind.STRING, sb.toString(), line, col, i, j + 1));
                i = j + 1;
                continue;
            }
            Token.Kind single = switch (c) {
                case '{' -> Token.Kind.LBRACE;
                case '}' -> Token.Kind.RBRACE;
                case ';' -> Token.Kind.SEMICOLON;
                case '[' -> Token.Kind.LBRACKET;
                case ']' -> Token.Kind.RBRACKET;
                case '|' -> commandLine ? Token.Kind.PIPE : null;
                default -> null;
            };
            if (single != null) {
                out.add(new Token(single, String.valueOf(c), line, col, i, i + 1));
                i++;
                continue;
            }
            int j = i;
            while (j < n) {
                char d = text.charAt(j);
                if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '{' || d == '}' || d == ';' || d == '['
                        || d == ']' || d == '"' || (commandLine && d == '|')) {
                    break;
                }
                if (d < 0x20 || d == 0x7f || d == 0xfffd) {
                    throw new ConfigSyntaxException("unexpected character (code " + (int) d + ") at line " + line
                            + " column " + (j - lineStart + 1) + ": configuration is text", line, j - lineStart + 1,
                            out.size());
                }
                j++;
            }
            out.add(new Token(Token.Kind.WORD, text.substring(i, j), line, col, i, j));
            i = j;
        }
        if (n - lineStart > MAX_LINE) {
            throw new ConfigSyntaxException("line " + line + " is too long (" + (n - lineStart) + " characters, at most "
                    + MAX_LINE + ")", line, 1, out.size());
        }
        out.add(new Token(Token.Kind.EOF, "", line, n - lineStart + 1, n, n));
        return out;
    }
}
