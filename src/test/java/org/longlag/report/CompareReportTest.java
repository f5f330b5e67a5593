package org.longlag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The computations behind {@code longlag compare}: lines, summaries, curves, axes, on fixed inputs. */
class CompareReportTest {

    private static final PaperRow ROW = new PaperRow("r", "f", 7, "Title", 10,
            List.of("lstm", "rnn", "lstm1997", "rnn1997"), List.of());

    private static TrialResult trial(String model, String protocol, long budget, int index, Long toSuccess,
            double seconds, long every, List<Double> curve) {
        TrialResult.Provenance provenance = new TrialResult.Provenance("abc", false, "h", Map.of(), "17", "1.0.0-M2.1",
                "Linux", "cpu", 1, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:0" + index + ":00Z");
        return new TrialResult("r", model, model, protocol, 100, index, index, toSuccess != null, budget,
                toSuccess != null ? toSuccess : budget, toSuccess, Map.of(), 2560, toSuccess != null ? 1 : 2000,
                toSuccess != null ? 0.001 : 0.1 + index / 100.0, 0.1, seconds, new TrialResult.Curve(every, curve),
                provenance);
    }

    private static List<TrialResult> trials() {
        List<TrialResult> trials = new ArrayList<>();
        trials.add(trial("lstm", "a", 5000, 0, 1000L, 10, 1000, List.of(0.2)));
        trials.add(trial("lstm", "a", 5000, 1, 3000L, 20, 1000, List.of(0.2, 0.1, 0.05)));
        trials.add(trial("lstm", "a", 5000, 2, null, 30, 1000, List.of(0.2, 0.18, 0.17, 0.16, 0.15)));
        trials.add(trial("lstm", "b", 5000, 3, null, 30, 1000, List.of(0.2)));
        trials.add(trial("lstm", "a", 9000, 4, null, 30, 1000, List.of(0.2)));
        trials.add(trial("rnn1997", "c", 8000, 0, null, 5, 2000, List.of(0.3, 0.3, 0.3, 0.3)));
        trials.add(trial("lstm1997.per-step", "d", 8000, 0, 500L, 5, 2000, List.of()));
        trials.add(trial("gru", "e", 8000, 0, null, 5, 2000, List.of(0.3)));
        return trials;
    }

    @Test
    void theModelsLineIsTheOneWithTheMostTrialsAndTheRestIsCounted() {
        ModelLine line = ModelLine.of("lstm", trials());
        assertEquals(3, line.trials().size());
        assertTrue(line.trials().stream().allMatch(r -> r.protocol().equals("a") && r.budget() == 5000));
        assertEquals(2, line.leftOutTrials());
        assertEquals(2, line.otherLines());
        ModelLine none = ModelLine.of("rnn", trials());
        assertFalse(none.run());
        assertEquals(0, none.leftOutTrials());
    }

    @Test
    void aTimeBudgetedTrialNamesBothBudgets() {
        TrialResult untimed = trial("rnn", "a", 5000, 0, null, 30, 1000, List.of(0.2));
        assertNull(untimed.budgetSeconds());
        assertEquals("budget 5,000", untimed.budgetLabel());
        TrialResult.Provenance p = untimed.provenance();
        TrialResult timed = new TrialResult("r", "rnn", "rnn", "a", 100, 0, 0, false, 2_000_000, 372_768, null,
                Map.of(), 2560, 2560, 0.19, 0.37, 600.7, untimed.curve(), new TrialResult.Provenance(p.gitCommit(),
                        false, "h", Map.of("budgetSeconds", 600.0), "17", "1.0.0-M2.1", "Linux", "cpu", 1, 1,
                        p.startedAt(), p.finishedAt()), "seconds");
        assertEquals(600.0, timed.budgetSeconds());
        assertEquals("budget 2,000,000 or 600 s", timed.budgetLabel());
    }

    @Test
    void summarySeparatesSolvedFromFailedTrials() {
        ModelSummary lstm = ModelSummary.of(ModelLine.of("lstm", trials()));
        assertEquals(3, lstm.trials());
        assertEquals(2, lstm.solved());
        assertEquals(2000.0, lstm.meanSequencesToSuccess());
        assertEquals(1000L, lstm.minSequencesToSuccess());
        assertEquals(3000L, lstm.maxSequencesToSuccess());
        assertEquals(15.0, lstm.meanWallSecondsSolved());
        assertEquals(2002.0 / 3, lstm.meanTestWrong(), 1e-12);
        assertEquals(0.12, lstm.failedMeanTestMse(), 1e-12);
        assertEquals(2000.0, lstm.failedMeanTestWrong());
        ModelSummary rnn1997 = ModelSummary.of(ModelLine.of("rnn1997", trials()));
        assertNull(rnn1997.meanSequencesToSuccess());
        assertNull(rnn1997.meanWallSecondsSolved());
        ModelSummary notRun = ModelSummary.of(ModelLine.of("rnn", trials()));
        assertFalse(notRun.run());
        assertNull(notRun.meanTestWrong());
    }

    @Test
    void rowComparisonPairsFixedModelsAndListsTheRestAfter() {
        RowComparison comparison = RowComparison.of(ROW, trials());
        assertEquals(List.of("lstm", "rnn", "lstm1997", "rnn1997"),
                comparison.pairedModels().stream().map(ModelSummary::model).toList());
        assertEquals(List.of("gru", "lstm1997.per-step"), comparison.others().stream().map(ModelSummary::model).toList());
        assertFalse(comparison.pairs().get(1).lstm().run(), "the reading does not stand in for lstm1997");
    }

    @Test
    void curveIsTheMedianOverTheTrialsStillTraining() {
        LearningCurve curve = LearningCurve.of(ModelLine.of("lstm", trials()).trials());
        assertEquals(3, curve.trials());
        assertEquals(List.of(1000L, 2000L, 3000L, 4000L, 5000L),
                curve.points().stream().map(LearningCurve.Point::sequences).toList());
        LearningCurve.Point first = curve.points().get(0);
        assertEquals(0.2, first.median());
        assertEquals(3, first.training());
        LearningCurve.Point second = curve.points().get(1);
        assertEquals(0.14, second.median(), 1e-12);
        assertEquals(0.1, second.min());
        assertEquals(0.18, second.max());
        assertEquals(2, second.training());
        assertEquals(1, curve.points().get(4).training());
        assertTrue(LearningCurve.of(ModelLine.of("lstm1997.per-step", trials()).trials()).points().isEmpty());
    }

    @Test
    void outputsDoNotDependOnTheOrderOfResultLines() {
        List<TrialResult> reversed = new ArrayList<>(trials());
        Collections.reverse(reversed);
        RowComparison a = RowComparison.of(ROW, trials());
        RowComparison b = RowComparison.of(ROW, reversed);
        assertEquals(ComparisonFigure.svg(a), ComparisonFigure.svg(b));
        assertEquals(ComparisonJson.render(List.of(a), Map.of()), ComparisonJson.render(List.of(b), Map.of()));
        assertEquals(ComparisonTable.render(List.of(a), Map.of()), ComparisonTable.render(List.of(b), Map.of()));
    }

    @Test
    void logAxisEndsAtOneTwoOrFiveAndLabelsDecadesAndEnds() {
        AxisScale x = AxisScale.logarithmic(1000, 300_000, AxisScale::compact);
        assertEquals(1000, x.low());
        assertEquals(500_000, x.high());
        List<String> labels = x.ticks().stream().map(AxisScale.Tick::text).filter(t -> !t.isEmpty()).toList();
        assertEquals(List.of("1k", "10k", "100k", "500k"), labels);
        AxisScale short_ = AxisScale.logarithmic(0.0012, 0.04, AxisScale::plain);
        assertEquals(List.of("0.001", "0.002", "0.005", "0.01", "0.02", "0.05"),
                short_.ticks().stream().map(AxisScale.Tick::text).filter(t -> !t.isEmpty()).toList());
        assertEquals(0, x.fraction(1000));
        assertEquals(1, x.fraction(500_000));
        assertEquals(0.5, AxisScale.logarithmic(1, 100, AxisScale::plain).fraction(10), 1e-12);
    }

    @Test
    void linearAxisHasAboutFiveRoundTicks() {
        AxisScale y = AxisScale.linear(0.06, 0.21, AxisScale::plain);
        assertEquals(List.of("0.06", "0.08", "0.1", "0.12", "0.14", "0.16", "0.18", "0.2", "0.22"),
                y.ticks().stream().map(AxisScale.Tick::text).toList());
    }

    @Test
    void svgTextIsEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", SvgChart.escape("a <b> & \"c\""));
    }
}
