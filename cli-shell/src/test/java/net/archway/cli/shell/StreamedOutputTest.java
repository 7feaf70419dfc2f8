package net.archway.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.archway.cli.op.OpCommand;
import net.archway.cli.op.OpException;
import net.archway.cli.op.Permission;
import net.archway.cli.op.StreamedResult;
import net.archway.cli.testing.Cli;
import net.archway.cli.testing.TestPlane;

/**
 * A streamed result (pieces of lines, as {@code show route} writes a full table) through the
 * session's pipes: the same output as if it were whole, pieces fetched only while the reader
 * reads, never held whole.
 */
class StreamedOutputTest {
    /** Lines "route N" for N in 1..LINES, written in pieces of PIECE lines; JSON {"routes": [1, 2, ...]}. */
    static final int LINES = 2500;
    static final int PIECE = 100;

    final AtomicInteger piecesAsked = new AtomicInteger();
    TestPlane t;
    Cli cli;

    final class Numbers implements StreamedResult {
        private final int lines;

        Numbers(int lines) {
            this.lines = lines;
        }

        @Override
        public void writeText(TextSink sink) {
            for (int i = 1; i <= lines; i += PIECE) {
                piecesAsked.incrementAndGet();
                StringBuilder sb = new StringBuilder();
                for (int j = i; j < i + PIECE; j++) {
                    sb.append("route ").append(j).append('\n');
                }
                if (!sink.write(sb.toString())) {
                    return;
                }
            }
        }

        @Override
        public void writeJson(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeArrayFieldStart("routes");
            for (int i = 1; i <= lines; i++) {
                g.writeNumber(i);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        t = new TestPlane(false, b -> {
            b.command(OpCommand.of("show numbers", "Numbers in pieces", Permission.VIEW, (ctx, args) -> new Numbers(LINES)));
            b.command(OpCommand.of("show broken", "Fails after a piece", Permission.VIEW, (ctx, args) -> new StreamedResult() {
                @Override
                public void writeText(TextSink sink) throws OpException {
                    sink.write("first line\n");
                    throw new OpException("the RIB did not answer");
                }

                @Override
                public void writeJson(JsonGenerator g) throws OpException {
                    throw new OpException("the RIB did not answer");
                }
            }));
        });
        cli = new Cli(t);
    }

    @AfterEach
    void tearDown() throws Exception {
        t.close();
    }

    @Test
    void textAndLinePipesAsIfWhole() {
        String all = cli.ok("show numbers");
        assertEquals(LINES, all.split("\n").length);
        assertTrue(all.startsWith("route 1\nroute 2\n") && all.endsWith("route 2500\n"), all.substring(0, 20));
        assertEquals("Count: 2500 lines\n", cli.ok("show numbers | count"));
        assertEquals("route 7\nroute 17\n", cli.ok("show numbers | match \"route 1?7$\""));
        assertEquals("Count: 2491 lines\n", cli.ok("show numbers | except \"route [0-9]$\" | count"));
        assertEquals("route 2498\nroute 2499\nroute 2500\n", cli.ok("show numbers | last 3"));
        assertEquals("Count: 3 lines\n", cli.ok("show numbers | last 3 | count"));
        assertEquals("route 2499\n", cli.ok("show numbers | last 3 | match 2499"));
        assertEquals(LINES, cli.ok("show numbers | no-more").split("\n").length);
    }

    @Test
    void jsonStreamsAndFilters() throws Exception {
        JsonNode j = new ObjectMapper().readTree(cli.ok("show numbers | display json"));
        assertEquals(LINES, j.path("routes").size());
        assertEquals(2500, j.path("routes").get(LINES - 1).asInt());
        assertTrue(cli.ok("show numbers | display json | count").matches("Count: \\d+ lines\n"));
        assertTrue(cli.fails("show numbers | count | display json").contains("'| display json' comes first"));
        assertTrue(cli.fails("show numbers | display set").contains("configuration only"));
        assertTrue(cli.fails("show numbers | compare").contains("configuration only"));
    }

    @Test
    void aFailureMidwayKeepsWhatWasWrittenAndSaysWhy() {
        String out = cli.fails("show broken");
        assertTrue(out.startsWith("first line\n"), out);
        assertTrue(out.contains("error: the RIB did not answer"), out);
        assertTrue(cli.fails("show broken | display json").contains("error: the RIB did not answer"));
    }

    @Test
    void aPagerThatQuitsStopsTheProducer() {
        List<String> pages = new ArrayList<>();
        SessionIo.Pager quitsAfterTwo = new SessionIo.Pager() {
            @Override
            public boolean write(String text) {
                pages.add(text);
                return pages.size() < 2;
            }
        };
        LinePipes lines = new LinePipes(quitsAfterTwo);
        int many = 100 * LINES; // about 3 MB of text
        new Numbers(many).writeText(lines::write);
        lines.finish();
        assertEquals(2, pages.size());
        // the pager gets 16 KiB batches: two of them are about 30 pieces, not the 2,500 there are
        assertTrue(piecesAsked.get() < 100, "the producer went on after the reader quit: " + piecesAsked.get() + " pieces");
    }
}
