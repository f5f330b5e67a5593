package org.longlag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The figures {@code tables} draws, on a fixture of four families: adding (two rows, one with
 * results, diagnostics and a failed trial), very-long-lag (one row with results), reber (no results)
 * and two-sequence (only a DL4J model run).
 */
class FiguresTest {

    private static Map<String, Object> lstmPaper(long sequences, Object... more) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("method", "LSTM");
        for (int i = 0; i < more.length; i += 2) {
            entry.put((String) more[i], more[i + 1]);
        }
        entry.put("sequencesToSuccess", sequences);
        return entry;
    }

    static List<PaperRow> rows() {
        List<String> models = List.of("lstm", "rnn", "lstm1997", "rnn1997");
        Map<String, Object> rtrl = new LinkedHashMap<>();
        rtrl.put("method", "RTRL");
        rtrl.put("successPercent", 0);
        rtrl.put("sequencesToSuccess", ">5,000,000");
        Map<String, Object> st2 = new LinkedHashMap<>();
        st2.put("method", "LSTM");
        st2.put("st1", 27_380);
        st2.put("st2", 39_850);
        return List.of(
                new PaperRow("reber-x", "reber", 1, "Embedded Reber grammar", 30, models,
                        List.of(lstmPaper(8440)), Map.of()),
                new PaperRow("very-long-lag-q50-p50", "very-long-lag", 3, "Very long time lags", 10, models,
                        List.of(lstmPaper(30_000), rtrl), Map.of("q", 50, "p", 50)),
                new PaperRow("very-long-lag-q1000-p50", "very-long-lag", 3, "Very long time lags", 10, models,
                        List.of(lstmPaper(203_000)), Map.of("q", 1000, "p", 50)),
                new PaperRow("two-sequence-t100-n3", "two-sequence", 4, "Two-sequence problem", 10, models,
                        List.of(st2), Map.of("T", 100)),
                new PaperRow("adding-t100", "adding", 7, "Adding problem", 10, models,
                        List.of(lstmPaper(74_000, "minimalLag", 50)), Map.of("T", 100)),
                new PaperRow("adding-t500", "adding", 7, "Adding problem", 10, models,
                        List.of(lstmPaper(209_000, "minimalLag", 250)), Map.of("T", 500)));
    }

    private static TrialResult trial(String row, String model, int index, Long toSuccess, long budget,
            List<Double> mse, Map<String, List<Double>> diagnostics) {
        TrialResult.Provenance provenance = new TrialResult.Provenance("abc", false, "h", Map.of(), "17", "1.0.0-M2.1",
                "Linux", "cpu", 1, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:0" + index + ":00Z");
        return new TrialResult(row, model, model, model + " protocol", 100, index, 40 + index, toSuccess != null,
                budget, toSuccess != null ? toSuccess : budget, toSuccess, Map.of(), 2560, toSuccess != null ? 0 : 1200,
                toSuccess != null ? 0.001 : 0.04, 0.1, 10, new TrialResult.Curve(10_000, mse, diagnostics), provenance);
    }

    static List<TrialResult> results() {
        Map<String, List<Double>> diagnostics = Map.of("meanAbsStateEnd", List.of(1.0, 2.0, 4.0),
                "maxAbsStateEnd", List.of(2.0, 5.0, 9.0), "meanInputGate", List.of(0.5, 0.4, 0.3),
                "meanOutputGate", List.of(0.5, 0.6, 0.7), "maxAbsWeight", List.of(1.0, 1.5, 3.0));
        List<TrialResult> results = new ArrayList<>();
        results.add(trial("adding-t100", "lstm1997", 0, 30_000L, 100_000, List.of(0.04, 0.01, 0.001), diagnostics));
        results.add(trial("adding-t100", "lstm1997", 1, null, 100_000, List.of(0.04, 0.04, 0.04, 0.04, 0.04, 0.04,
                0.04, 0.04, 0.04, 0.04), diagnostics));
        results.add(trial("adding-t100", "rnn1997", 0, null, 100_000, List.of(0.05, 0.04), Map.of()));
        results.add(trial("adding-t100", "lstm", 0, 20_000L, 50_000, List.of(0.03, 0.02), Map.of()));
        results.add(trial("adding-t100", "lstm1997.per-step", 0, 15_000L, 100_000, List.of(0.03), Map.of()));
        results.add(trial("very-long-lag-q50-p50", "lstm1997", 0, 90_000L, 300_000, List.of(0.2, 0.1), Map.of()));
        results.add(trial("two-sequence-t100-n3", "lstm", 0, null, 45_000, List.of(0.25), Map.of()));
        return results;
    }

    private static TablesRenderer.Rendered render(List<TrialResult> results) {
        return TablesRenderer.renderWithFigures(rows(), results);
    }

    @Test
    void twoRendersAreByteIdenticalWhateverTheOrderOfLines() {
        TablesRenderer.Rendered first = render(results());
        TablesRenderer.Rendered second = render(results());
        List<TrialResult> reversed = new ArrayList<>(results());
        Collections.reverse(reversed);
        TablesRenderer.Rendered shuffled = render(reversed);
        assertEquals(first.markdown(), second.markdown());
        assertEquals(first.figures(), second.figures());
        assertEquals(first.markdown(), shuffled.markdown());
        assertEquals(first.figures(), shuffled.figures());
        assertEquals(TablesRenderer.render(rows(), results()), first.markdown(), "links without drawing");
    }

    @Test
    void everyFamilyWithResultsGetsItsFiguresAndNoOtherDoes() {
        Set<String> files = render(results()).figures().keySet();
        assertEquals(new TreeSet<>(List.of("curves-adding.svg", "curves-two-sequence.svg",
                "curves-very-long-lag.svg", "diagnostics-adding.svg", "lag-scaling.svg", "sequences-table3.svg",
                "sequences-table7.svg")), files);
        assertFalse(files.stream().anyMatch(f -> f.contains("reber") || f.contains("table1.")),
                "a family without results gets no figure");
        assertFalse(files.contains("sequences-table4.svg"), "only a DL4J model ran: nothing to set against the paper");
        assertTrue(files.stream().allMatch(Figures::isTablesFigure));
        assertFalse(Figures.isTablesFigure("compare-adding-t100.svg"));
        assertTrue(render(List.of()).figures().isEmpty(), "no results, no figures");
        assertFalse(render(List.of()).markdown().contains("figures/"), "and no links");
    }

    @Test
    void tablesMarkdownLinksEveryFigureUnderItsTableAndNothingElse() {
        TablesRenderer.Rendered rendered = render(results());
        Matcher link = Pattern.compile("!\\[[^\\]]+\\]\\(figures/([^)]+)\\)").matcher(rendered.markdown());
        Set<String> linked = new TreeSet<>();
        while (link.find()) {
            linked.add(link.group(1));
        }
        assertEquals(rendered.figures().keySet(), linked);
        String markdown = rendered.markdown();
        String table7 = markdown.substring(markdown.indexOf("## Table 7"));
        assertTrue(table7.contains("(figures/sequences-table7.svg)") && table7.contains("(figures/lag-scaling.svg)")
                && table7.contains("(figures/curves-adding.svg)") && table7.contains("(figures/diagnostics-adding.svg)"),
                table7);
        String table3 = markdown.substring(markdown.indexOf("## Table 3"), markdown.indexOf("## Table 4"));
        assertTrue(table3.contains("(figures/lag-scaling.svg)"), "the lag figure under both tables it draws");
        String table1 = markdown.substring(markdown.indexOf("## Table 1"), markdown.indexOf("## Table 3"));
        assertFalse(table1.contains("Figures:"), table1);
    }

    @Test
    void aFailedTrialIsDrawnAtItsBudget() {
        String svg = render(results()).figures().get("sequences-table7.svg");
        // The budget, 100,000, is a labelled tick of the log axis; the failed trial's open triangle
        // must stand on it.
        double tick = tickX(svg, "100k");
        double triangle = triangleX(svg, "adding-t100 lstm1997 trial 1: not solved within its budget of 100,000 "
                + "sequences");
        assertEquals(tick, triangle, 0.11);
        assertTrue(svg.contains("fill=\"#ffffff\" stroke=\"#2ca02c\""), "open, in the model's colour");
        double solved = circleX(svg, "adding-t100 lstm1997 trial 0: solved after 30,000 sequences");
        assertTrue(solved < tick, "the solved trial stands at its own count, left of the budget");
        assertTrue(svg.contains(">1/2 solved, 0.4× paper</text>"), svg);
        assertTrue(svg.contains("<title>paper, adding-t100, LSTM: mean 74,000 sequences</title>"), svg);

        String lag = render(results()).figures().get("lag-scaling.svg");
        assertTrue(lag.contains("ours, adding-t100: 1/2 solved, mean 30,000 sequences"), lag);
        String q50 = render(List.of(trial("very-long-lag-q50-p50", "lstm1997", 0, null, 300_000, List.of(0.2),
                Map.of()))).figures().get("lag-scaling.svg");
        assertTrue(q50.contains("<title>ours, very-long-lag-q50-p50: 0/1 solved within the budget of 300,000 "
                + "sequences</title>"), q50);
        assertTrue(q50.contains(">0/1, budget</text>"), "labelled as failed: " + q50);
    }

    @Test
    void curvesMarkWhereSolvedTrialsStoppedAndLeaveReadingsOut() {
        String svg = render(results()).figures().get("curves-adding.svg");
        assertTrue(svg.contains("<title>adding-t100 lstm1997 trial 0: solved, stopped after 30,000 sequences</title>"),
                svg);
        assertFalse(svg.contains("lstm1997 trial 1: solved"), "a failed trial has no stop mark");
        assertTrue(svg.contains("not drawn: lstm1997.per-step"), svg);
        assertTrue(svg.contains("No results yet: adding-t500."), svg);
        assertTrue(svg.contains("training sequences seen (log scale)"), svg);
    }

    @Test
    void diagnosticsAreDrawnWhereRecorded() {
        String svg = render(results()).figures().get("diagnostics-adding.svg");
        assertTrue(svg.contains("Cell state at the end of a sequence: mean |s| over the cells (solid), largest |s| "
                + "(dashed)"), svg);
        assertTrue(svg.contains("Gate activation, mean over the steps: input gate (solid), output gate (dashed)"), svg);
        assertFalse(svg.contains("Cells added"), "not recorded, no panel");
        assertTrue(svg.contains("adding-t100: 1/2 solved"), svg);
    }

    @Test
    void paperFiguresGivenAsLowerBoundsAreRead() {
        assertEquals(new SequencesFigure.PaperValue(5_000_000, true), SequencesFigure.PaperValue.of(">5,000,000"));
        assertEquals(new SequencesFigure.PaperValue(74_000, false), SequencesFigure.PaperValue.of(74_000));
        assertEquals(null, SequencesFigure.PaperValue.of("some fraction"));
    }

    private static double tickX(String svg, String label) {
        Matcher m = Pattern.compile("<text x=\"([0-9.]+)\" y=\"[0-9.]+\" font-size=\"12.0\" text-anchor=\"middle\" "
                + "fill=\"#333333\">" + Pattern.quote(label) + "</text>").matcher(svg);
        assertTrue(m.find(), "tick " + label);
        return Double.parseDouble(m.group(1));
    }

    /** The centre of a right-pointing triangle: its path starts at (x − r, y − r) and its tip is (x + r, y). */
    private static double triangleX(String svg, String title) {
        Matcher m = Pattern.compile("<path d=\"M([0-9.]+) [0-9.]+ L([0-9.]+) [0-9.]+ L[^\"]*\"[^>]*><title>"
                + Pattern.quote(title) + "</title>").matcher(svg);
        assertTrue(m.find(), "marker " + title);
        return (Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) / 2;
    }

    private static double circleX(String svg, String title) {
        Matcher m = Pattern.compile("<circle cx=\"([0-9.]+)\"[^>]*><title>" + Pattern.quote(title) + "</title>")
                .matcher(svg);
        assertTrue(m.find(), "marker " + title);
        return Double.parseDouble(m.group(1));
    }
}
