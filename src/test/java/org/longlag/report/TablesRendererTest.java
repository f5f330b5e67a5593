package org.longlag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rendered tables are sealed by a golden file. To accept an intended change, run the test
 * with {@code -Dlonglag.updateGolden=true} and review the diff of the golden file.
 */
class TablesRendererTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/TABLES.md");

    static List<PaperRow> rows() {
        Map<String, Object> lstm = new LinkedHashMap<>();
        lstm.put("method", "LSTM");
        lstm.put("minimalLag", 50);
        lstm.put("wrongOf2560", 1);
        lstm.put("sequencesToSuccess", 74000);
        Map<String, Object> rtrl = new LinkedHashMap<>();
        rtrl.put("method", "RTRL 3 hidden");
        rtrl.put("successPercent", "some fraction");
        rtrl.put("sequencesToSuccess", 173000);
        rtrl.put("learningRate", 0.05);
        return List.of(
                new PaperRow("adding-t100", "adding", 7, "Adding problem", 10, List.of("lstm", "rnn", "lstm1997", "rnn1997"),
                        List.of(lstm)),
                new PaperRow("adding-t500", "adding", 7, "Adding problem", 10, List.of("lstm", "rnn"), List.of(lstm)),
                new PaperRow("reber-x", "reber", 1, "Embedded Reber grammar", 30, List.of("lstm"), List.of(rtrl)));
    }

    static TrialResult result(String model, int trial, boolean success, long seen, int wrong, double mse) {
        TrialResult.Provenance provenance = new TrialResult.Provenance("abc", false, "h", Map.of(), "17", "1.0.0-M2.1",
                "Linux", "cpu", 1, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z");
        return new TrialResult("adding-t100", model, model, model + " protocol", 1233, trial, 7L + trial, success,
                500_000, seen, success ? seen : null,
                success && trial == 0 ? Map.of("ST1", seen / 2) : Map.of(), 2560, wrong, mse, mse * 3, 60.0 + trial,
                new TrialResult.Curve(1000, List.of(0.04, 0.01)), provenance);
    }

    static List<TrialResult> results() {
        List<TrialResult> results = new ArrayList<>();
        results.add(result("lstm", 0, true, 120_000, 0, 0.0001));
        results.add(result("rnn", 0, false, 500_000, 2100, 0.041));
        results.add(result("lstm", 1, true, 90_016, 2, 0.0003));
        results.add(result("lstm", 2, false, 500_000, 1500, 0.03));
        results.add(result("lstm1997", 0, true, 150_000, 3, 0.0002));
        results.add(result("lstm1997", 1, true, 250_000, 5, 0.0002));
        results.add(result("lstm1997.per-step", 0, true, 60_000, 1, 0.0001));
        results.add(result("rnn1997", 0, false, 500_000, 2000, 0.04));
        return results;
    }

    @Test
    void matchesTheGoldenFile() throws IOException {
        String rendered = TablesRenderer.render(rows(), results());
        if (Boolean.getBoolean("longlag.updateGolden")) {
            Files.writeString(GOLDEN, rendered, StandardCharsets.UTF_8);
        }
        try (InputStream golden = getClass().getResourceAsStream("/golden/TABLES.md")) {
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8), rendered);
        }
    }

    @Test
    void aRowJudgedOnAReadingNamesItInItsVerdictAndInTheCountAndKeepsEveryLine() {
        List<PaperRow> rows = new ArrayList<>(rows());
        PaperRow adding = rows.get(0);
        rows.set(0, new PaperRow(adding.id(), adding.family(), adding.paperTable(), adding.title(),
                adding.paperTrials(), adding.models(), adding.paper(), adding.task(), adding.currentConfigs(),
                "lstm1997.per-step"));
        String rendered = TablesRenderer.render(rows, results());
        assertTrue(rendered.contains("**1 of 3 rows reproduced** by `lstm1997` (1 of them at a documented reading of "
                + "the paper, named in the row's verdict; the faithful reading's line is in the row's table below; "
                + "0 more reproduced but slower than 3x; 0 not reproduced; 2 not run).\n"), rendered);
        assertTrue(rendered.contains("| adding-t100 | 1 | 1 | 60,000 | 74,000 | 0.8x | reproduced with reading "
                + "`per-step` (1/1 solved; ratio 0.8x) |"), rendered);
        assertTrue(rendered.contains("| adding-t100 | ours | lstm1997 | 2 | 2/2 |"), "the faithful line stays");
        assertTrue(rendered.contains("| adding-t100 | ours | lstm1997.per-step | 1 | 1/1 |"), rendered);
    }

    @Test
    void isDeterministicWhateverTheOrderOfLines() {
        List<TrialResult> shuffled = new ArrayList<>(results());
        Collections.reverse(shuffled);
        assertEquals(TablesRenderer.render(rows(), results()), TablesRenderer.render(rows(), shuffled));
    }
}
