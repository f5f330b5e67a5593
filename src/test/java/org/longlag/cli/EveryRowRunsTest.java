package org.longlag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.longlag.experiment.ExperimentCatalog;
import org.longlag.experiment.ExperimentRow;

/**
 * Every row of the project's catalog runs end to end: generator, every model, stopping rule,
 * final test and result line. One training sequence and a test set of two keep each row to about
 * a second, so a row that cannot be built or run fails here rather than hours into a real run.
 */
class EveryRowRunsTest {

    private static final List<String> FIELDS = List.of("experiment", "model", "protocol", "trial", "seed", "success",
            "sequencesSeen", "sequencesToSuccess", "testSize", "testWrong", "testMse", "testMeanAbsError",
            "wallSeconds", "curve", "provenance");

    @TempDir
    Path results;

    static Stream<String> rows() {
        return ExperimentCatalog.load(CliHarness.projectCatalog()).rows().stream().map(ExperimentRow::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void runsOneTinyTrialPerModel(String id) throws Exception {
        ExperimentRow row = ExperimentCatalog.load(CliHarness.projectCatalog()).row(id);
        // Every model of the row, the readings of the paper included (they run only when named).
        CliHarness run = CliHarness.run(CliHarness.projectCatalog(), "run", id, "--models",
                String.join(",", row.modelNames()), "--max-sequences", "1",
                "--test-size", "2", "--trials", "1", "--no-progress", "--results", results.toString());
        assertEquals(0, run.exitCode, run.err);

        List<String> lines = Files.readAllLines(results.resolve("runs").resolve(id + ".jsonl"));
        assertEquals(row.models().size(), lines.size(), "one line per model: " + lines);
        ObjectMapper json = new ObjectMapper();
        List<String> models = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            FIELDS.forEach(f -> assertTrue(node.has(f), "field " + f + " in " + line));
            assertEquals(id, node.get("experiment").asText());
            assertEquals(1, node.get("sequencesSeen").asLong(), line);
            assertFalse(node.get("success").asBoolean(), "one sequence cannot meet any of the paper's criteria");
            assertTrue(node.get("sequencesToSuccess").isNull(), line);
            // The Reber task tests on its fixed 256 strings whatever size is asked.
            assertEquals("reber".equals(row.taskKind()) ? 256 : 2, node.get("testSize").asInt(), line);
            assertTrue(Double.isFinite(node.get("testMse").asDouble()), line);
            models.add(node.get("model").asText());
        }
        assertEquals(row.modelNames(), models);
    }
}
