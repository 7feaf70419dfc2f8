package net.archway.appliance.show;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.archway.cli.op.OpException;
import net.archway.cli.op.StreamedResult;
import net.archway.routing.Prefix;

/**
 * A routing-table listing written piece by piece ({@code show route}, {@code show route
 * receive-protocol}, {@code advertising-protocol}): per table, its header, then the rows of
 * {@value #PIECE} prefixes at a time, each piece fetched from the RIB or the speaker only when
 * the previous one has been written. Over a full table the session then holds one piece, not
 * the table (issue 5: a full-table listing built at once took about 2 GB of heap, and ZGC's
 * stalls made a BGP hold timer expire). Text and JSON have the layout of the record the
 * subclass renders whole for small answers.
 *
 * @param <R> one row (a destination with its routes, a received route)
 */
abstract class TableStream<R> implements StreamedResult {
    static final int PIECE = 1000;

    /** One table to list: its name and header counts, and its selected prefixes in order. */
    record Section(String name, TableCounts counts, List<Prefix> prefixes) {
    }

    /** The tables to list, in order. */
    abstract List<Section> sections() throws OpException;

    /** The rows of these prefixes (in order; a prefix may give none). */
    abstract List<R> rows(Section section, List<Prefix> piece) throws OpException;

    /** The header of a table: Junos' count line. */
    void appendHeader(StringBuilder sb, Section s) {
        TableCounts c = s.counts();
        TableCounts.appendHeader(sb, s.name(), c.destinations(), c.routes(), c.active(), c.holddown(), c.hidden());
    }

    /** What comes before a table's first row (a legend, column titles). */
    abstract String beforeRows();

    abstract void appendRows(StringBuilder sb, List<R> rows);

    /** The JSON of a table without its rows (the record the whole form renders), and the name of its rows field. */
    abstract Object jsonHead(Section section);

    abstract String rowsField();

    /** What a walk reports; false from {@link #piece} stops it. */
    private interface Visitor<R> {
        void table(Section s) throws IOException;

        boolean piece(List<R> rows) throws IOException;

        void endTable() throws IOException;
    }

    private void walk(Visitor<R> v) throws OpException, IOException {
        for (Section s : sections()) {
            v.table(s);
            List<Prefix> all = s.prefixes();
            for (int i = 0; i < all.size(); i += PIECE) {
                if (!v.piece(rows(s, all.subList(i, Math.min(all.size(), i + PIECE))))) {
                    return;
                }
            }
            v.endTable();
        }
    }

    /** One array of references, sorted, without duplicates (a prefix both the RIB and BGP hold). */
    static List<Prefix> sortedDistinct(List<Prefix> prefixes) {
        Prefix[] a = prefixes.toArray(new Prefix[0]);
        Arrays.sort(a);
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (n == 0 || !a[i].equals(a[n - 1])) {
                a[n++] = a[i];
            }
        }
        return Arrays.asList(a).subList(0, n);
    }

    @Override
    public void writeText(TextSink sink) throws OpException {
        try {
            walk(new Visitor<R>() {
                private final StringBuilder sb = new StringBuilder();
                private boolean started;

                @Override
                public void table(Section s) {
                    appendHeader(sb, s);
                    started = false;
                }

                @Override
                public boolean piece(List<R> rows) {
                    if (!rows.isEmpty() && !started) {
                        sb.append(beforeRows());
                        started = true;
                    }
                    appendRows(sb, rows);
                    return flush();
                }

                @Override
                public void endTable() {
                    flush();
                }

                private boolean flush() {
                    if (sb.length() == 0) {
                        return true;
                    }
                    boolean more = sink.write(sb.toString());
                    sb.setLength(0);
                    return more;
                }
            });
        } catch (IOException e) {
            throw new OpException("error: " + e.getMessage());
        }
    }

    /** {@code {"tables": [{...the table's fields, ROWS: [...]}]}}, rows written as they are fetched. */
    @Override
    public void writeJson(JsonGenerator g) throws IOException, OpException {
        ObjectMapper mapper = g.getCodec() instanceof ObjectMapper m ? m : new ObjectMapper();
        g.writeStartObject();
        g.writeFieldName("tables");
        g.writeStartArray();
        walk(new Visitor<R>() {
            @Override
            public void table(Section s) throws IOException {
                JsonNode head = mapper.valueToTree(jsonHead(s));
                g.writeStartObject();
                for (var f = head.fields(); f.hasNext();) {
                    var e = f.next();
                    if (!e.getKey().equals(rowsField())) {
                        g.writeFieldName(e.getKey());
                        g.writeTree(e.getValue());
                    }
                }
                g.writeFieldName(rowsField());
                g.writeStartArray();
            }

            @Override
            public boolean piece(List<R> rows) throws IOException {
                for (R r : rows) {
                    mapper.writeValue(g, r);
                }
                return true;
            }

            @Override
            public void endTable() throws IOException {
                g.writeEndArray();
                g.writeEndObject();
            }
        });
        g.writeEndArray();
        g.writeEndObject();
    }
}
