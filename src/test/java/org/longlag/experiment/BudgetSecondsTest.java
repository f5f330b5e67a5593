package org.longlag.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longlag.report.ResultStore;
import org.longlag.report.TrialResult;

/** {@code budgetSeconds}: a model's wall-clock budget, read, checked, part of the trial's identity and recorded. */
class BudgetSecondsTest {

    private static final String FAMILY = """
            family: tiny-timed
            title: Tiny timed
            paperTable: 7
            task: {kind: adding}
            stopping: {rule: st3, beta: 0.01}
            testSize: 8
            models:
              lstm1997: {kind: lstm1997, blocks: 1, cellsPerBlock: 2, learningRate: 0.5, budget: 40}
              lstm1997.timed: {budgetSeconds: 600, reading: "the same net under a time budget"}
              rnn: {kind: rnn, hidden: 2, batch: 4, budget: 8, budgetSeconds: 2.5}
            rows:
              - id: tiny-t12
                task: {T: 12}
            """;

    @TempDir
    Path dir;

    private ExperimentCatalog catalog(String yaml) throws IOException {
        Files.writeString(dir.resolve("tiny.yaml"), yaml);
        return ExperimentCatalog.load(dir);
    }

    private static List<TrialPlan> plans(List<ExperimentRow> rows, String... models) {
        return ExperimentRunner.plan(rows,
                new ExperimentRunner.Options(List.of(models), 1, 1997, null, null, 1, false));
    }

    @Test
    void anyModelKindTakesItAndItIsNotAKindSetting() throws IOException {
        ExperimentRow row = catalog(FAMILY).resolve("tiny-t12").get(0);
        assertNull(row.model("lstm1997").budgetSeconds());
        assertEquals(600.0, row.model("lstm1997.timed").budgetSeconds());
        assertEquals(2.5, row.model("rnn").budgetSeconds());
        assertFalse(row.model("rnn").settings().containsKey("budgetSeconds"));
        assertTrue(row.model("rnn").protocol().endsWith(", at most 2 s of training")
                || row.model("rnn").protocol().endsWith(", at most 3 s of training"), row.model("rnn").protocol());
        assertTrue(row.model("lstm1997.timed").protocol().endsWith(", at most 600 s of training"));
    }

    @Test
    void itIsPartOfTheEffectiveConfigurationOnlyWhenSet() throws IOException {
        List<ExperimentRow> rows = catalog(FAMILY).resolve("tiny-t12");
        List<TrialPlan> plans = plans(rows, "lstm1997", "lstm1997.timed");
        assertFalse(plans.get(0).config().containsKey("budgetSeconds"), "lines recorded before keep their hash");
        assertEquals(600.0, plans.get(1).config().get("budgetSeconds"));
        String other = plans(catalog(FAMILY.replace("budgetSeconds: 600", "budgetSeconds: 300"))
                .resolve("tiny-t12"), "lstm1997.timed").get(0).configHash();
        assertNotEquals(plans.get(1).configHash(), other, "another time budget is another trial");
    }

    @Test
    void badValuesNameTheFileTheFieldAndTheValue() {
        for (String bad : List.of("0", "-5", "soon", "[1, 2]", "true")) {
            CatalogException e = assertThrows(CatalogException.class,
                    () -> catalog(FAMILY.replace("budgetSeconds: 2.5", "budgetSeconds: " + bad)), bad);
            assertTrue(e.getMessage().startsWith("tiny.yaml: rows[0] (tiny-t12).models.rnn.budgetSeconds: "
                    + "must be a positive number of seconds, got "), e.getMessage());
        }
    }

    @Test
    void aResultLineRecordsHowTheTrialEnded() throws Exception {
        List<ExperimentRow> rows = catalog(FAMILY).resolve("tiny-t12");
        ResultStore store = new ResultStore(dir.resolve("results"));
        RunEnvironment env = new RunEnvironment("test", false, "17", "M2.1", "os", "cpu");
        new ExperimentRunner(store, env, 1).run(rows,
                new ExperimentRunner.Options(List.of("lstm1997.timed"), 1, 1997, null, null, 1, false),
                new ExperimentRunner.Listener() { });
        TrialResult result = store.read("tiny-t12", warning -> { }).get(0);
        assertEquals("sequences", result.stoppedBy(), "40 sequences take far less than 600 s");
        assertEquals(600.0, result.provenance().config().get("budgetSeconds"));
        assertTrue(Files.readString(store.file("tiny-t12")).contains("\"stoppedBy\":\"sequences\""));
    }
}
