package org.longlag.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longlag.report.ResultStore;
import org.longlag.report.TrialResult;

/** Readings of the paper: named variants of a row's model, run only when asked for, recorded like any model. */
class ReadingsTest {

    private static final String FAMILY = """
            family: tiny-readings
            title: Tiny readings
            paperTable: 7
            task: {kind: adding}
            stopping: {rule: st3, beta: 0.01}
            testSize: 8
            models:
              lstm1997: {kind: lstm1997, blocks: 1, cellsPerBlock: 2, learningRate: 0.5, budget: 40}
              lstm1997.linear: {outputUnit: linear, reading: "the section names no output activation"}
              lstm1997.longer: {task: {T: 20}, budget: 30, reading: "a longer sequence"}
            rows:
              - id: tiny-r12
                task: {T: 12}
                models:
                  lstm1997: {learningRate: 0.1}
            """;

    @TempDir
    Path dir;

    private ExperimentCatalog catalog(String yaml) throws IOException {
        Files.writeString(dir.resolve("tiny.yaml"), yaml);
        return ExperimentCatalog.load(dir);
    }

    @Test
    void aReadingInheritsItsModelWithTheRowsOverridesAndChangesOnlyWhatItSays() throws IOException {
        ExperimentRow row = catalog(FAMILY).resolve("tiny-r12").get(0);
        ModelEntry base = row.model("lstm1997");
        ModelEntry linear = row.model("lstm1997.linear");
        assertFalse(base.isReading());
        assertNull(base.reading());
        assertTrue(linear.isReading());
        assertEquals("the section names no output activation", linear.reading());
        assertEquals("lstm1997", linear.kind());
        assertEquals(40, linear.budget());
        assertEquals(0.1, ((Number) linear.settings().get("learningRate")).doubleValue(), "row override of the base");
        assertEquals("linear", linear.settings().get("outputUnit"));
        assertFalse(base.settings().containsKey("outputUnit"));
        ModelEntry longer = row.model("lstm1997.longer");
        assertEquals(30, longer.budget());
        assertEquals(Map.of("T", 20), row.taskParams(longer));
        assertEquals(Map.of("T", 12), row.taskParams(base));
    }

    @Test
    void aReadingCanUndoARowsOverrideOfItsBaseWithANull() throws IOException {
        String yaml = FAMILY
                .replace("      lstm1997: {learningRate: 0.1}", "      lstm1997: {learningRate: 0.1, initRange: 0.3}")
                .replace("  lstm1997.longer: {task: {T: 20}, budget: 30, reading: \"a longer sequence\"}",
                        "  lstm1997.longer: {task: {T: 20}, budget: 30, reading: \"a longer sequence\"}\n"
                                + "  lstm1997.plain: {initRange: ~, reading: \"the default init range\"}");
        ExperimentRow row = catalog(yaml).resolve("tiny-r12").get(0);
        assertEquals(0.3, ((Number) row.model("lstm1997.linear").settings().get("initRange")).doubleValue());
        ModelEntry plain = row.model("lstm1997.plain");
        assertFalse(plain.settings().containsKey("initRange"));
        assertEquals(0.1, ((Number) plain.settings().get("learningRate")).doubleValue(), "other overrides stay");
    }

    @Test
    void readingsRunOnlyWhenNamedAndTheirTaskIsPartOfTheConfiguration() throws IOException {
        List<ExperimentRow> rows = catalog(FAMILY).resolve("tiny-r12");
        List<TrialPlan> plain = ExperimentRunner.plan(rows, options(List.of(), 2));
        assertEquals(List.of("lstm1997", "lstm1997"), plain.stream().map(p -> p.model().name()).toList());
        List<TrialPlan> named = ExperimentRunner.plan(rows, options(List.of("lstm1997.longer"), 1));
        assertEquals(1, named.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> task = (Map<String, Object>) named.get(0).config().get("task");
        assertEquals(20, task.get("T"));
    }

    @Test
    void theConfigurationRecordsTheEngineOfTheDl4jModelsButChangesNothingForTheOthers() throws IOException {
        String withLstm = FAMILY.replaceFirst("models:\n", "models:\n  lstm: {kind: lstm, hidden: 2, batch: 4, budget: 8}\n");
        List<ExperimentRow> rows = catalog(withLstm).resolve("tiny-r12");
        List<TrialPlan> plans = ExperimentRunner.plan(rows, options(List.of("lstm", "lstm1997"), 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> lstm = (Map<String, Object>) plans.get(0).config().get("modelSettings");
        assertEquals("composed", lstm.get("engine"));
        @SuppressWarnings("unchecked")
        Map<String, Object> paper = (Map<String, Object>) plans.get(1).config().get("modelSettings");
        assertFalse(paper.containsKey("engine"));
    }

    @Test
    void paperTrialsRunTheRowsOwnCount() throws IOException {
        List<ExperimentRow> rows = catalog(FAMILY.replace("testSize: 8", "testSize: 8\npaperTrials: 4"))
                .resolve("tiny-r12");
        assertEquals(4, ExperimentRunner.plan(rows, options(List.of(), ExperimentRunner.Options.PAPER_TRIALS)).size());
    }

    @Test
    void aTrialOfLstm1997RecordsItsDiagnosticsInTheResultLine() throws Exception {
        List<ExperimentRow> rows = catalog(FAMILY).resolve("tiny-r12");
        ResultStore store = new ResultStore(dir.resolve("results"));
        RunEnvironment env = new RunEnvironment("test", false, "17", "M2.1", "os", "cpu");
        new ExperimentRunner(store, env, 1).run(rows, options(List.of("lstm1997.longer"), 1),
                new ExperimentRunner.Listener() { });
        TrialResult result = store.read("tiny-r12", warning -> { }).get(0);
        assertEquals("lstm1997.longer", result.model());
        Map<String, List<Double>> diagnostics = result.curve().diagnostics();
        assertEquals(List.of("meanAbsStateEnd", "maxAbsStateEnd", "meanInputGate", "meanOutputGate", "maxAbsWeight"),
                List.copyOf(diagnostics.keySet()));
        diagnostics.values().forEach(series -> assertEquals(result.curve().mse().size(), series.size()));
    }

    @Test
    void aReadingMustSayWhyAndBelongToAModel() {
        CatalogException noWhy = assertThrows(CatalogException.class,
                () -> catalog(FAMILY.replace(", reading: \"a longer sequence\"", "")));
        assertTrue(noWhy.getMessage().contains("tiny.yaml") && noWhy.getMessage().contains("lstm1997.longer.reading"),
                noWhy.getMessage());
        CatalogException orphan = assertThrows(CatalogException.class,
                () -> catalog(FAMILY.replace("lstm1997.linear:", "lstm.linear:")));
        assertTrue(orphan.getMessage().contains("lstm.linear"), orphan.getMessage());
    }

    /** The family with a second row, and {@code judge} lines put in at family level and in the second row. */
    private static String judged(String familyJudge, String rowJudge) {
        return FAMILY.replace("rows:\n", (familyJudge == null ? "" : "judge: " + familyJudge + "\n") + "rows:\n")
                + "  - id: tiny-r14\n    task: {T: 14}\n" + (rowJudge == null ? "" : "    judge: " + rowJudge + "\n");
    }

    @Test
    void withoutJudgeARowIsJudgedOnLstm1997() throws IOException {
        for (ExperimentRow row : catalog(judged(null, null)).rows()) {
            assertEquals("lstm1997", row.judgedModel(), row.id());
            assertFalse(row.judgedOnReading());
        }
    }

    @Test
    void theFamilysJudgeHoldsForEveryRowThatNamesNoneOfItsOwn() throws IOException {
        ExperimentCatalog catalog = catalog(judged("lstm1997.linear", "lstm1997.longer"));
        assertEquals("lstm1997.linear", catalog.resolve("tiny-r12").get(0).judgedModel(), "the family's");
        ExperimentRow own = catalog.resolve("tiny-r14").get(0);
        assertEquals("lstm1997.longer", own.judgedModel(), "the row's own overrides the family's");
        assertTrue(own.judgedOnReading());
        assertEquals("lstm1997", catalog(judged("lstm1997.linear", "lstm1997")).resolve("tiny-r14").get(0)
                .judgedModel(), "a row may go back to the faithful reading");
    }

    @Test
    void aJudgeMustBeLstm1997OrOneOfItsReadings() {
        CatalogException row = assertThrows(CatalogException.class, () -> catalog(judged(null, "lstm")));
        assertTrue(row.getMessage().startsWith("tiny.yaml: rows[1].judge: "), row.getMessage());
        assertTrue(row.getMessage().contains("allowed: lstm1997, lstm1997.linear, lstm1997.longer")
                && row.getMessage().endsWith("got lstm"), row.getMessage());
        CatalogException family = assertThrows(CatalogException.class,
                () -> catalog(judged("lstm1997.typo", null)));
        assertTrue(family.getMessage().startsWith("tiny.yaml: judge: ")
                && family.getMessage().endsWith("got lstm1997.typo"), family.getMessage());
    }

    private static ExperimentRunner.Options options(List<String> models, int trials) {
        return new ExperimentRunner.Options(models, trials, 1997, null, null, 1, false);
    }
}
