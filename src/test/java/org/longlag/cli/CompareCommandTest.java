package org.longlag.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
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
 * {@code longlag compare} on a fixture: result lines written by hand for the two rows of
 * {@code compare/pairs.yaml}. In {@code pairs-t12} the lstm solves 2 of 3, the rnn 0 of 2,
 * lstm1997 has a line of 2 trials and one other trial under another budget, rnn1997 was not run,
 * and the reading {@code lstm1997.per-step} has one trial; {@code pairs-t20} has no results.
 */
class CompareCommandTest {

    @TempDir
    Path results;

    private static Path catalog() {
        try {
            return Path.of(CompareCommandTest.class.getResource("/compare").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrialResult trial(String model, long budget, int index, Long toSuccess, long seen, int wrong,
            double mse, double seconds, long every, List<Double> curve) {
        TrialResult.Provenance provenance = new TrialResult.Provenance("abc", false, model + budget, Map.of(), "17",
                "1.0.0-M2.1", "Linux", "cpu", 1, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:0" + index + ":00Z");
        return new TrialResult("pairs-t12", model, model, model + " protocol", 100, index, 40 + index,
                toSuccess != null, budget, seen, toSuccess, Map.of(), 16, wrong, mse, mse, seconds,
                new TrialResult.Curve(every, curve), provenance);
    }

    @BeforeEach
    void writeResults() {
        ResultStore store = new ResultStore(results);
        store.append(trial("lstm", 5000, 0, 1000L, 1000, 0, 0.01, 10, 1000, List.of(0.2)));
        store.append(trial("rnn", 5000, 0, null, 5000, 16, 0.25, 40, 1000, List.of(0.25, 0.25, 0.25, 0.25, 0.25)));
        store.append(trial("lstm1997.per-step", 10000, 0, 1500L, 1500, 2, 0.01, 0.5, 2000, List.of()));
        store.append(trial("lstm", 5000, 1, 3000L, 3000, 1, 0.01, 20, 1000, List.of(0.2, 0.1, 0.05)));
        store.append(trial("lstm1997", 10000, 0, 4000L, 4000, 0, 0.001, 1, 2000, List.of(0.2, 0.1)));
        store.append(trial("lstm1997", 20000, 3, 2000L, 2000, 0, 0.001, 1, 2000, List.of(0.2)));
        store.append(trial("lstm", 5000, 2, null, 5000, 8, 0.2, 30, 1000, List.of(0.2, 0.18, 0.17, 0.16, 0.15)));
        store.append(trial("rnn", 5000, 1, null, 5000, 10, 0.15, 50, 1000, List.of(0.2, 0.19, 0.18, 0.17, 0.16)));
        store.append(trial("lstm1997", 10000, 1, 6000L, 6000, 0, 0.001, 2, 2000, List.of(0.2, 0.1, 0.05)));
    }

    private CliHarness compare(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--results";
        all[args.length + 2] = results.toString();
        return CliHarness.run(catalog(), all);
    }

    @Test
    void tableOfARowPutsEachLstmBesideItsRnn() {
        CliHarness run = compare("pairs-t12");
        assertEquals(0, run.exitCode, run.err);
        String figure = results.resolve("figures/compare-pairs-t12.svg").toString();
        assertEquals("""
                pairs-t12 — Tiny pairs (paper Table 7)

                pair      model              trials   solved  sequences to success  time to success  wrong of test  \
                test MSE (failed)  wrong (failed)
                built-in  lstm               3        2/3     2,000 (1,000–3,000)   15.0 s           3 of 16        \
                0.2                8 of 16
                          rnn                2        0/2     – (budget 5,000)      –                13 of 16       \
                0.2                13 of 16
                paper     lstm1997           2        2/2     5,000 (4,000–6,000)   1.5 s            0 of 16        \
                –                  –
                          rnn1997            not run
                reading   lstm1997.per-step  1        1/1     1,500                 0.5 s            2 of 16        \
                –                  –
                left out: lstm1997: 1 trial(s) in 1 other line(s) (another budget or protocol; shown: the line of \
                the experiment file's settings, else the one with the most trials)
                figure: %s

                sequences and time to success: mean (min–max) over solved trials, time with the final test;
                wrong of test: mean over all trials; (failed): means over the trials that did not solve the task \
                within the budget.
                """.formatted(figure), run.out);
    }

    @Test
    void tableOfAFamilySaysNotRunForRowsWithoutResults() {
        CliHarness run = compare("pairs");
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.startsWith("pairs-t12 — "), run.out);
        String t20 = run.out.substring(run.out.indexOf("pairs-t20 — "));
        for (String model : List.of("lstm", "rnn", "lstm1997", "rnn1997")) {
            assertTrue(t20.lines().anyMatch(l -> l.matches("\\S*\\s+" + model + "\\s+not run")), model + " in " + t20);
        }
        assertTrue(t20.contains("figure: none (no trials)"), t20);
        assertFalse(Files.exists(results.resolve("figures/compare-pairs-t20.svg")));
    }

    @Test
    void jsonOfARowHasBothPairsAndTheReadingApart() throws Exception {
        CliHarness run = compare("pairs-t12", "--format", "json");
        assertEquals(0, run.exitCode, run.err);
        JsonNode rows = new ObjectMapper().readTree(run.out).get("rows");
        assertEquals(1, rows.size());
        JsonNode row = rows.get(0);
        assertEquals("pairs-t12", row.get("id").asText());
        assertEquals("figures/compare-pairs-t12.svg", row.get("figure").asText());
        JsonNode builtIn = row.get("pairs").get(0);
        assertEquals("built-in", builtIn.get("pair").asText());
        JsonNode lstm = builtIn.get("lstm");
        assertEquals("lstm", lstm.get("model").asText());
        assertEquals(3, lstm.get("trials").asInt());
        assertEquals(2, lstm.get("solved").asInt());
        assertEquals(2000.0, lstm.get("sequencesToSuccess").get("mean").asDouble());
        assertEquals(1000, lstm.get("sequencesToSuccess").get("min").asLong());
        assertEquals(3000, lstm.get("sequencesToSuccess").get("max").asLong());
        assertEquals(15.0, lstm.get("meanWallSecondsToSuccess").asDouble());
        assertEquals(3.0, lstm.get("meanTestWrong").asDouble());
        assertEquals(16, lstm.get("testSize").asInt());
        assertEquals(1, lstm.get("failed").get("trials").asInt());
        assertEquals(0.2, lstm.get("failed").get("meanTestMse").asDouble());
        assertEquals(8.0, lstm.get("failed").get("meanTestWrong").asDouble());
        JsonNode rnn = builtIn.get("rnn");
        assertEquals(0, rnn.get("solved").asInt());
        assertTrue(rnn.get("sequencesToSuccess").get("mean").isNull());
        assertEquals(5000, rnn.get("budget").asLong());

        JsonNode paper = row.get("pairs").get(1);
        assertEquals("lstm1997", paper.get("lstm").get("model").asText());
        assertEquals(2, paper.get("lstm").get("trials").asInt(), "the line with the most trials, not pooled");
        assertEquals(1, paper.get("lstm").get("leftOut").get("trials").asInt());
        assertEquals(10000, paper.get("lstm").get("budget").asLong());
        JsonNode rnn1997 = paper.get("rnn");
        assertEquals("rnn1997", rnn1997.get("model").asText());
        assertFalse(rnn1997.get("run").asBoolean());
        assertEquals(0, rnn1997.get("trials").asInt());
        assertEquals(lstm.size(), rnn1997.size(), "a model not run has the same keys");

        JsonNode others = row.get("others");
        assertEquals(1, others.size());
        assertEquals("lstm1997.per-step", others.get(0).get("model").asText());
        assertTrue(others.get(0).get("reading").asBoolean());
    }

    @Test
    void jsonOfAFamilyHasEveryRowAndIsStable() throws Exception {
        CliHarness run = compare("pairs", "--format", "json");
        assertEquals(0, run.exitCode, run.err);
        JsonNode rows = new ObjectMapper().readTree(run.out).get("rows");
        assertEquals(List.of("pairs-t12", "pairs-t20"), List.of(rows.get(0).get("id").asText(),
                rows.get(1).get("id").asText()));
        JsonNode t20 = rows.get(1);
        assertTrue(t20.get("figure").isNull());
        for (JsonNode pair : t20.get("pairs")) {
            assertFalse(pair.get("lstm").get("run").asBoolean());
            assertFalse(pair.get("rnn").get("run").asBoolean());
        }
        assertEquals(0, t20.get("others").size());
        assertEquals(run.out, compare("pairs", "--format", "json").out);
    }

    @Test
    void readingsAreNeverPairedNorPooled() {
        CliHarness run = compare("pairs-t12");
        List<String> lines = run.out.lines().toList();
        String paper = lines.stream().filter(l -> l.startsWith("paper ")).findFirst().orElseThrow();
        assertTrue(paper.matches("paper\\s+lstm1997\\s+2\\s+2/2\\s.*"), paper);
        int rnn1997 = lines.indexOf(lines.stream().filter(l -> l.contains(" rnn1997 ")).findFirst().orElseThrow());
        assertTrue(lines.get(rnn1997 + 1).startsWith("reading   lstm1997.per-step"), "readings after the pairs");
    }

    @Test
    void figureIsWrittenPerRowAndIsTheSameBytesEveryTime() throws Exception {
        assertEquals(0, compare("pairs-t12").exitCode);
        Path figure = results.resolve("figures/compare-pairs-t12.svg");
        byte[] first = Files.readAllBytes(figure);
        assertEquals(0, compare("pairs", "--format", "json").exitCode);
        assertArrayEquals(first, Files.readAllBytes(figure));
        String svg = Files.readString(figure);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\""), svg);
        assertTrue(svg.contains("pairs-t12: training error, LSTM vs RNN"), svg);
        for (String legend : List.of("lstm (built-in): 2 of 3 solved", "rnn (built-in): 0 of 2 solved",
                "lstm1997 (paper): 2 of 2 solved", "rnn1997 (paper): not run")) {
            assertTrue(svg.contains(legend), legend);
        }
        assertFalse(svg.contains("per-step"), "readings are not drawn");
        assertTrue(svg.contains("training sequences seen (log scale)"), svg);
    }

    @Test
    void unknownRowGetsSuggestionsAndExitCodeTwo() {
        CliHarness run = compare("pairs-t1Z");
        assertEquals(2, run.exitCode, run.out + run.err);
        assertTrue(run.err.contains("unknown experiment or family 'pairs-t1Z'"), run.err);
        assertTrue(run.err.contains("did you mean: pairs-t12"), run.err);
    }

    @Test
    void resultsWithoutRunsDirectoryIsBadInput() {
        Path empty = results.resolve("nothing-here");
        CliHarness run = CliHarness.run(catalog(), "compare", "pairs-t12", "--results", empty.toString());
        assertEquals(2, run.exitCode, run.out + run.err);
        assertTrue(run.err.contains("--results") && run.err.contains(empty.toString()), run.err);
        assertFalse(Files.exists(empty), "nothing is created");
    }
}
