package org.longlag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longlag.report.ResultStore;
import org.longlag.report.TrialResult;

/**
 * Study rows ({@code study: true}): listed, described and compared like any row, but in
 * {@code TABLES.md} only in their own section after the paper's tables, with no verdict, outside
 * the count of reproduced rows and outside the figures drawn against the paper.
 */
class StudyRowsTest {

    @TempDir
    Path catalog;

    @TempDir
    Path results;

    @BeforeEach
    void writeCatalogAndResults() throws IOException {
        Files.writeString(catalog.resolve("paper.yaml"), """
                family: paper-adding
                title: Adding problem
                paperTable: 7
                task: {kind: adding}
                stopping: {rule: st3, beta: 0.01}
                models:
                  lstm1997: {kind: lstm1997, blocks: 1, cellsPerBlock: 2, learningRate: 0.5, budget: 40}
                  rnn1997: {kind: rnn1997, hidden: 2, learningRate: 0.5, budget: 40}
                rows:
                  - id: paper-t12
                    task: {T: 12}
                    paper:
                      - {method: LSTM, wrongOf2560: 1, sequencesToSuccess: 1000}
                """);
        Files.writeString(catalog.resolve("study.yaml"), """
                family: lags
                title: Where the lag stops learning
                paperTable: 7
                study: true
                task: {kind: adding}
                stopping: {rule: st3, beta: 0.01}
                models:
                  lstm1997: {kind: lstm1997, blocks: 1, cellsPerBlock: 2, learningRate: 0.5, budget: 40}
                  rnn1997: {kind: rnn1997, hidden: 2, learningRate: 0.5, budget: 40}
                rows:
                  - {id: lags-t12, task: {T: 12}}
                  - {id: lags-t25, task: {T: 25}}
                """);
        ResultStore store = new ResultStore(results);
        store.append(trial("paper-t12", "lstm1997", 0, 900L));
        store.append(trial("lags-t12", "lstm1997", 0, 800L));
        store.append(trial("lags-t12", "rnn1997", 0, null));
    }

    private static TrialResult trial(String row, String model, int index, Long toSuccess) {
        TrialResult.Provenance provenance = new TrialResult.Provenance("abc", false, "h", Map.of(), "17",
                "1.0.0-M2.1", "Linux", "cpu", 1, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z");
        return new TrialResult(row, model, model, model + " protocol", 20, index, 7, toSuccess != null, 40_000,
                toSuccess == null ? 40_000 : toSuccess, toSuccess, Map.of(), 2560, toSuccess == null ? 2000 : 0,
                0.01, 0.01, 5, new TrialResult.Curve(1000, List.of(0.1)), provenance);
    }

    @Test
    void listMarksStudyRowsAndOnlyThem() throws Exception {
        CliHarness json = CliHarness.run(catalog, "list", "--format", "json");
        assertEquals(0, json.exitCode, json.err);
        for (JsonNode row : new ObjectMapper().readTree(json.out)) {
            assertEquals(row.get("id").asText().startsWith("lags"), row.has("study"), row.toString());
        }
        CliHarness table = CliHarness.run(catalog, "list");
        assertTrue(table.out.contains("7 (study)"), table.out);
    }

    @Test
    void describeSaysTheRowIsAStudy() {
        CliHarness text = CliHarness.run(catalog, "describe", "lags-t25");
        assertEquals(0, text.exitCode, text.err);
        assertTrue(text.out.contains("(study beside paper Table 7)"), text.out);
        assertTrue(CliHarness.run(catalog, "describe", "paper-t12").out.contains("(paper Table 7)"));
    }

    @Test
    void tablesShowStudiesApartAndNeverCountOrJudgeThem() throws Exception {
        CliHarness tables = CliHarness.run(catalog, "tables", "--results", results.toString());
        assertEquals(0, tables.exitCode, tables.err);
        String md = Files.readString(results.resolve("TABLES.md"));
        assertTrue(md.contains("of 1 rows reproduced"), "only the paper's row is counted:\n" + md);
        int study = md.indexOf("## Study — Where the lag stops learning (lags)");
        assertTrue(study > md.indexOf("## Table 7"), "the study comes after the paper's tables:\n" + md);
        assertTrue(md.contains("| lags-t12 | ours | rnn1997 | 1 | 0/1 |"), md);
        assertTrue(md.contains("| lags-t25 | ours | lstm1997, rnn1997 | 0 | | not run yet |"), md);
        String summary = md.substring(0, md.indexOf("## Table 7"));
        assertFalse(summary.contains("lags-"), "no verdict for a study row:\n" + summary);
        String table7 = md.substring(md.indexOf("## Table 7"), study);
        assertFalse(table7.contains("lags-"), "a study row is no line of the paper's table:\n" + table7);
        try (var figures = Files.list(results.resolve("figures"))) {
            for (Path figure : figures.toList()) {
                assertFalse(Files.readString(figure).contains("lags-t"), figure + " draws a study row");
            }
        }
    }

    @Test
    void compareWorksOnAStudyRowAndSaysWhatItIs() {
        CliHarness compare = CliHarness.run(catalog, "compare", "lags-t12", "--results", results.toString());
        assertEquals(0, compare.exitCode, compare.err);
        assertTrue(compare.out.contains("lags-t12 — Where the lag stops learning (study beside paper Table 7)"),
                compare.out);
    }
}
