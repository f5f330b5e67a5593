package org.longlag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path end to end: run a tiny experiment, read its result lines, render the tables. */
class RunCommandSmokeTest {

    private static final List<String> FIELDS = List.of("experiment", "model", "protocol", "trial", "seed", "success",
            "sequencesSeen", "sequencesToSuccess", "testSize", "testWrong", "testMse", "testMeanAbsError",
            "wallSeconds", "curve", "provenance");
    private static final List<String> PROVENANCE = List.of("gitCommit", "gitDirty", "configHash", "config",
            "javaVersion", "dl4jVersion", "os", "cpu", "threads", "startedAt", "finishedAt");

    @TempDir
    Path results;

    @Test
    void runsTrialsAppendsLinesSkipsRecordedOnesAndRendersTables() throws Exception {
        CliHarness run = CliHarness.run(null, "run", "tiny-t12", "--trials", "2", "--results", results.toString(),
                "--no-progress");
        assertEquals(0, run.exitCode, run.err);
        List<String> lines = Files.readAllLines(results.resolve("runs/tiny-t12.jsonl"));
        assertEquals(4, lines.size(), "2 trials of 2 models");
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            FIELDS.forEach(f -> assertTrue(node.has(f), "field " + f + " in " + line));
            PROVENANCE.forEach(f -> assertTrue(node.get("provenance").has(f), "provenance." + f));
            assertEquals("tiny-t12", node.get("experiment").asText());
            assertEquals(16, node.get("testSize").asInt());
            assertFalse(node.get("success").asBoolean(), "a 32-sequence budget cannot meet ST3 over 2000");
            assertTrue(node.get("sequencesToSuccess").isNull());
            assertEquals("1.0.0-M2.1", node.get("provenance").get("dl4jVersion").asText());
        }
        JsonNode lstm = json.readTree(lines.stream().filter(l -> l.contains("\"model\":\"lstm\"")).findFirst().get());
        assertEquals(32, lstm.get("sequencesSeen").asLong());

        CliHarness again = CliHarness.run(null, "run", "tiny-t12", "--trials", "3", "--models", "rnn",
                "--results", results.toString(), "--no-progress");
        assertEquals(0, again.exitCode, again.err);
        assertTrue(again.out.contains("1 trial(s) run, 2 already recorded"), again.out);
        assertEquals(5, Files.readAllLines(results.resolve("runs/tiny-t12.jsonl")).size());

        CliHarness tables = CliHarness.run(null, "tables", "--results", results.toString());
        assertEquals(0, tables.exitCode, tables.err);
        String markdown = Files.readString(results.resolve("TABLES.md"));
        assertTrue(markdown.contains("| tiny-t12 | paper | LSTM |"), markdown);
        assertTrue(markdown.contains("| tiny-t12 | ours | lstm | 2 | 0/2 | – (budget 32) |"), markdown);
        assertTrue(markdown.contains("| tiny-t12 | ours | rnn | 3 | 0/3 | – (budget 16) |"), markdown);
    }

    @Test
    void sameSeedGivesTheSameTrial() throws Exception {
        Path other = Files.createDirectory(results.resolve("other"));
        for (Path dir : List.of(results, other)) {
            CliHarness run = CliHarness.run(null, "run", "tiny-t12", "--models", "lstm", "--trials", "1",
                    "--seed", "42", "--results", dir.toString(), "--no-progress");
            assertEquals(0, run.exitCode, run.err);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(Files.readAllLines(results.resolve("runs/tiny-t12.jsonl")).get(0));
        JsonNode b = json.readTree(Files.readAllLines(other.resolve("runs/tiny-t12.jsonl")).get(0));
        for (String field : List.of("seed", "testWrong", "testMse", "curve")) {
            assertEquals(a.get(field), b.get(field), field);
        }
        assertEquals(a.get("provenance").get("configHash"), b.get("provenance").get("configHash"));
    }
}
