package net.archway.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

import net.archway.cli.TestSchema;
import net.archway.cli.schema.Schema;

/**
 * Golden files: curly input → parse → print in all three forms → compare with the files, and each
 * form parsed back prints the same curly text. {@code -Dgolden.update=true} rewrites the set and
 * JSON files from the curly one (review the diff before committing).
 */
class GoldenTest {
    static final Schema SCHEMA = TestSchema.build();

    static void check(Schema schema, Path dir, String name) throws Exception {
        String curly = read(dir.resolve(name + ".conf"));
        ConfigNode tree = ConfigText.parse(schema, curly, ConfigText.Format.CURLY);
        String set = ConfigText.print(tree, ConfigText.Format.SET, true);
        String json = ConfigText.print(tree, ConfigText.Format.JSON, true);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(dir.resolve(name + ".set"), set);
            Files.writeString(dir.resolve(name + ".json"), json);
        }
        assertEquals(curly, ConfigText.print(tree, ConfigText.Format.CURLY, true), "curly round trip");
        assertEquals(read(dir.resolve(name + ".set")), set, "display set");
        assertEquals(read(dir.resolve(name + ".json")), json, "display json");

        ConfigNode fromSet = ConfigText.parse(schema, set, ConfigText.Format.SET);
        assertEquals(curly, ConfigText.print(fromSet, ConfigText.Format.CURLY, true), "set → curly");
        assertTrue(fromSet.sameAs(tree), "set form parses to the same tree");
        ConfigNode fromJson = ConfigText.parse(schema, json, ConfigText.Format.JSON);
        assertEquals(curly, ConfigText.print(fromJson, ConfigText.Format.CURLY, true), "json → curly");
        assertTrue(fromJson.sameAs(tree), "JSON form parses to the same tree");
        assertEquals(ConfigText.Format.JSON, ConfigText.detect(json));
        assertEquals(ConfigText.Format.SET, ConfigText.detect(set));
        assertEquals(ConfigText.Format.CURLY, ConfigText.detect(curly));
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void fullConfigurationRoundTripsInAllThreeForms() throws Exception {
        check(SCHEMA, Paths.get("src/test/resources/golden"), "full");
    }
}
