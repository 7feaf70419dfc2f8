package net.archway.cli.op;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A result too large to hold at once ({@code show route} over a full table): it writes its text
 * and its JSON piece by piece, fetching what each piece needs as it goes, so the session's
 * memory stays bounded by one piece whatever the size of the table. The shell streams it
 * through the line pipes ({@code match}, {@code except}, {@code count}, {@code last}) and the
 * pager; {@link #text()} and {@link #json()} collect everything, for callers that want it whole.
 */
public interface StreamedResult extends OpResult {

    /** Where the pieces go; false from {@link #write} means stop (the user quit the pager). */
    interface TextSink {
        boolean write(String piece);
    }

    /** Writes the text form in order, each piece ending at a line end; stops when the sink says so. */
    void writeText(TextSink sink) throws OpException;

    /** Writes the JSON form (one value) to {@code g}, whose codec is the shell's object mapper. */
    void writeJson(JsonGenerator g) throws IOException, OpException;

    @Override
    default String text() {
        StringBuilder sb = new StringBuilder();
        try {
            writeText(p -> {
                sb.append(p);
                return true;
            });
        } catch (OpException e) {
            sb.append("error: ").append(e.getMessage()).append('\n');
        }
        return sb.toString();
    }

    @Override
    default Object json() {
        ObjectMapper m = new ObjectMapper();
        StringWriter w = new StringWriter();
        try (JsonGenerator g = m.getFactory().createGenerator(w)) {
            writeJson(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OpException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        try {
            return m.readTree(w.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
