package net.archway.cli.config;

/** A lexical token of configuration text or of a command line, with its position. */
public record Token(Kind kind, String text, int line, int column, int offset, int end) {
    public enum Kind { WORD, STRING, LBRACE, RBRACE, SEMICOLON, LBRACKET, RBRACKET, ANNOTATION, PIPE, EOF }

    /** A word or a quoted string: something that can be a name or a value. */
    public boolean isValue() {
        return kind == Kind.WORD || kind == Kind.STRING;
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    public boolean isWord(String w) {
        return kind == Kind.WORD && text.equals(w);
    }

    @Override
    public String toString() {
        return kind == Kind.EOF ? "end of input" : "'" + net.archway.cli.schema.ValueType.printable(text) + "'";
    }
}
