package org.longlag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.longlag.experiment.ExperimentCatalog;

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
        assertTrue(first.figures().containsKey(SequencesAllFigure.FILE), "the headline figure is among them");
        assertEquals(first.figures().get(SequencesAllFigure.FILE), shuffled.figures().get(SequencesAllFigure.FILE));
        assertEquals(TablesRenderer.render(rows(), results()), first.markdown(), "links without drawing");
    }

    @Test
    void everyFamilyWithResultsGetsItsFiguresAndNoOtherDoes() {
        Set<String> files = render(results()).figures().keySet();
        assertEquals(new TreeSet<>(List.of("curves-adding.svg", "curves-two-sequence.svg",
                "curves-very-long-lag.svg", "diagnostics-adding.svg", "lag-scaling.svg", "sequences-all.svg",
                "sequences-table3.svg", "sequences-table7.svg")), files);
        assertFalse(files.stream().anyMatch(f -> f.contains("reber") || f.contains("table1.")),
                "a family without results gets no figure");
        assertFalse(files.contains("sequences-table4.svg"), "only a DL4J model ran: nothing to set against the paper");
        assertTrue(files.stream().allMatch(Figures::isTablesFigure));
        assertFalse(Figures.isTablesFigure("compare-adding-t100.svg"));
        assertTrue(render(List.of()).figures().isEmpty(), "no results, no figures");
        assertFalse(render(List.of()).markdown().contains("figures/"), "and no links");
        assertFalse(render(List.of(trial("two-sequence-t100-n3", "lstm", 0, null, 45_000, List.of(0.25), Map.of())))
                .figures().containsKey(SequencesAllFigure.FILE), "no lstm1997 trial: no headline figure");
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
        String head = markdown.substring(0, markdown.indexOf("| experiment |"));
        assertTrue(head.endsWith("**1 of 6 rows reproduced** by `lstm1997` (0 more reproduced but slower than 3x; "
                + "1 not reproduced; 4 not run).\n\n![Sequences to success on every row, lstm1997 against the paper's LSTM, "
                + "with the verdicts](figures/sequences-all.svg)\n\n"), "the headline under the count line: " + head);
        assertEquals(1, markdown.split("figures/sequences-all.svg", -1).length - 1, "linked once");
    }

    @Test
    void theHeadlineFigureDrawsEveryRowWithTheVerdictOfTables() {
        String svg = render(results()).figures().get(SequencesAllFigure.FILE);
        List<String> lanes = laneLabels(svg);
        assertEquals(rows().stream().map(PaperRow::id).toList(), lanes, "every row, in paper order");
        for (int table : List.of(1, 3, 4, 7)) {
            assertTrue(svg.contains(">Table " + table + " — "), "grouped by paper table: " + table);
        }
        // adding-t100: one of two trials solved (30,000), the paper 74,000. Drawn as TABLES.md judges it.
        String markdown = render(results()).markdown();
        assertTrue(markdown.contains("| adding-t100 | 2 | 1 | 30,000 | 74,000 | 0.4x | not reproduced (1/2 solved, "
                + "all must succeed; ratio 0.4x) |"), markdown);
        assertTrue(svg.contains("<title>adding-t100, lstm1997: mean 30,000 sequences over 1 solved of 2 "
                + "(30,000–30,000), 0.4× the paper's</title>"), svg);
        assertTrue(svg.contains(">1/2</text>"), svg);
        assertTrue(svg.contains("fill=\"#c62828\">not reproduced</text>"), "the verdict, short and coloured");
        assertTrue(svg.contains("<title>paper, adding-t100, LSTM: mean 74,000 sequences</title>"), svg);
        assertTrue(svg.contains("<title>paper, two-sequence-t100-n3, LSTM: mean 39,850 sequences</title>"),
                "Table 4: the paper's ST2");
        // very-long-lag-q50-p50: its one trial solved after 90,000, 3.00x the paper's 30,000: not above 3.
        assertTrue(svg.contains("fill=\"#1a7f37\">reproduced</text>"), svg);
        assertEquals(4, svg.split("fill=\"#777777\">not run</text>", -1).length - 1, svg);
        assertTrue(svg.contains("<tspan font-weight=\"bold\">1 of 6 rows reproduced</tspan><tspan> by lstm1997:</tspan>"),
                "the count line of TABLES.md");
        assertTrue(svg.contains(">0 more reproduced but slower than 3x; 1 not reproduced; 4 not run.</text>"),
                "its breakdown, on a line of its own so that neither is wider than the figure");

        // No trial solved: an open triangle at the budget, which is a labelled tick.
        String failed = TablesRenderer.renderWithFigures(rows(), List.of(trial("adding-t100", "lstm1997", 0, null,
                100_000, List.of(0.04), Map.of()))).figures().get(SequencesAllFigure.FILE);
        assertEquals(tickX(failed, "100k"), triangleX(failed, "adding-t100, lstm1997: 0 of 1 solved within the "
                + "budget of 100,000 sequences"), 0.11);
        assertTrue(failed.contains("fill=\"#ffffff\" stroke=\"#2ca02c\""), "open");
        assertTrue(failed.contains(">0/1</text>"), failed);
    }

    @Test
    void theHeadlineFigureListsEveryRowOfTheCatalog() {
        List<PaperRow> catalog = ExperimentCatalog.load(Path.of("experiments")).rows().stream()
                .map(r -> new PaperRow(r.id(), r.family(), r.paperTable(), r.title(), r.paperTrials(), r.modelNames(),
                        r.paper(), r.taskParams()))
                .toList();
        PaperRow first = catalog.get(0);
        String svg = TablesRenderer.renderWithFigures(catalog, List.of(trial(first.id(), "lstm1997", 0, 20_000L,
                100_000, List.of(0.1), Map.of()))).figures().get(SequencesAllFigure.FILE);
        List<String> byTable = catalog.stream().sorted(Comparator.comparingInt(PaperRow::paperTable))
                .map(PaperRow::id).toList();
        assertEquals(byTable, laneLabels(svg), "one lane per catalog row, in paper order");
        assertTrue(catalog.size() >= 30, "the whole catalog: " + catalog.size());
        for (PaperRow row : catalog) {
            boolean paperMean = row.paper().stream().anyMatch(e -> "LSTM".equals(e.get("method"))
                    && (e.get("sequencesToSuccess") instanceof Number || e.get("st2") instanceof Number));
            assertEquals(paperMean, svg.contains("<title>paper, " + row.id() + ", LSTM: mean "), row.id());
        }
        long without = catalog.stream().filter(r -> !svg.contains("<title>paper, " + r.id() + ", LSTM")).count();
        assertEquals(without, svg.split(">no paper LSTM figure<", -1).length - 1, "rows without a paper mean say so");
        assertEquals(catalog.size() - 1, svg.split(">not run</text>", -1).length - 1);
    }

    @Test
    void theFiguresDrawTheReadingARowIsJudgedOnAndMarkIt() {
        List<PaperRow> rows = rows().stream().map(r -> !r.id().equals("adding-t100") ? r : new PaperRow(r.id(),
                r.family(), r.paperTable(), r.title(), r.paperTrials(), r.models(), r.paper(), r.task(),
                r.currentConfigs(), "lstm1997.per-step")).toList();
        Map<String, String> figures = TablesRenderer.renderWithFigures(rows, results()).figures();
        String all = figures.get(SequencesAllFigure.FILE);
        assertTrue(laneLabels(all).contains("adding-t100*"), all);
        assertTrue(all.contains("<title>adding-t100, lstm1997.per-step: mean 15,000 sequences over 1 solved of 1"),
                all);
        assertTrue(all.contains("* Judged on a reading of the paper"), all);
        String table7 = figures.get("sequences-table7.svg");
        assertTrue(table7.contains(">lstm1997*</text>"), table7);
        assertTrue(table7.contains("adding-t100 lstm1997.per-step trial 0: solved after 15,000 sequences"), table7);
        assertTrue(figures.get("lag-scaling.svg").contains(">1/1*</text>"), figures.get("lag-scaling.svg"));
        assertFalse(figures.containsKey("diagnostics-adding.svg"), "the judged reading recorded no diagnostics");
    }

    /** The row ids a figure labels its lanes with, top to bottom: right-aligned before the plot. */
    private static List<String> laneLabels(String svg) {
        Matcher m = Pattern.compile("<text x=\"230.0\" y=\"[0-9.]+\" font-size=\"12.0\" text-anchor=\"end\" "
                + "fill=\"#000000\">([^<]+)</text>").matcher(svg);
        List<String> labels = new ArrayList<>();
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
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
