package org.longlag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longlag.report.RowVerdict.Mirror;
import org.longlag.report.RowVerdict.Verdict;

/** The project's definition of "reproduced", on fixed inputs. */
class VerdictsTest {

    private static Map<String, Object> paper(Object... keysAndValues) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entry.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return entry;
    }

    private static PaperRow row(String id, String family, List<Map<String, Object>> paper) {
        return new PaperRow(id, family, 1, "Title", 10, List.of("lstm1997", "rnn1997"), paper);
    }

    private static TrialResult trial(String model, int index, Long toSuccess, int testSize, int wrong, double mse) {
        TrialResult.Provenance provenance = new TrialResult.Provenance("abc", false, "h", Map.of(), "17", "1.0.0-M2.1",
                "Linux", "cpu", 1, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:0" + (index % 10) + ":00Z");
        return new TrialResult("row", model, model, model + " protocol", 93, index, index, toSuccess != null, 1_000_000,
                toSuccess != null ? toSuccess : 1_000_000, toSuccess, Map.of(), testSize, wrong, mse, mse, 1.0, null,
                provenance);
    }

    /** A line of {@code trials} trials of which the first {@code solved} took {@code sequences} each. */
    private static List<TrialResult> line(String model, int trials, int solved, long sequences) {
        List<TrialResult> line = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            line.add(i < solved ? trial(model, i, sequences, 2560, 0, 0.001) : trial(model, i, null, 2560, 2560, 0.25));
        }
        return line;
    }

    private static RowVerdict judge(Map<String, Object> lstmPaper, List<List<TrialResult>> lines) {
        return Verdicts.judge(row("r", "f", List.of(lstmPaper)), List.of(), lines);
    }

    @Test
    void ninetySevenAndHundredPercentAllowOneFailureInTen() {
        assertEquals(1, Verdicts.allowedFailures(10, 100.0));
        assertEquals(1, Verdicts.allowedFailures(10, 97.0));
        assertEquals(3, Verdicts.allowedFailures(30, 97.0));
        assertEquals(3, Verdicts.allowedFailures(30, 100.0));
        assertEquals(0, Verdicts.allowedFailures(3, 100.0));
        assertEquals(0, Verdicts.allowedFailures(3, 97.0));
        assertEquals(0, Verdicts.allowedFailures(10, null));
        assertEquals(5, Verdicts.allowedFailures(10, 50.0));
        assertEquals(1, Verdicts.allowedFailures(3, 50.0));
    }

    @Test
    void shareRuleWithTenTrials() {
        Map<String, Object> paper = paper("method", "LSTM", "successPercent", 100, "sequencesToSuccess", 10_000);
        assertEquals(Verdict.REPRODUCED, judge(paper, List.of(line("lstm1997", 10, 9, 10_000))).verdict());
        RowVerdict two = judge(paper, List.of(line("lstm1997", 10, 8, 10_000)));
        assertEquals(Verdict.NOT_REPRODUCED, two.verdict());
        assertTrue(two.reason().startsWith("8/10 solved, paper 100%"), two.reason());
        Map<String, Object> ninetySeven = paper("method", "LSTM", "successPercent", 97, "sequencesToSuccess", 10_000);
        assertEquals(Verdict.REPRODUCED, judge(ninetySeven, List.of(line("lstm1997", 10, 9, 10_000))).verdict());
    }

    @Test
    void rowsWithoutAPaperLstmFigureAreNotCountedAsReproduced() {
        Map<String, Object> rtrlOnly = paper("method", "RTRL", "successPercent", 78, "sequencesToSuccess", 1_043_000);
        RowVerdict v = judge(rtrlOnly, List.of(line("lstm1997", 10, 10, 900)));
        assertEquals(Verdict.NO_PAPER_FIGURE, v.verdict());
        assertEquals("10/10 solved", v.reason());
        assertEquals(null, v.ratio());
        assertEquals("0 of 1 rows reproduced", TablesRenderer.countHead(List.of(v)));
        assertTrue(TablesRenderer.countRest(List.of(v)).contains("1 run without a paper LSTM figure"));
    }

    @Test
    void theLineOfTheCurrentSettingsIsJudgedEvenWithFewerTrials() {
        List<TrialResult> older = line("lstm1997", 10, 0, 0);
        List<TrialResult> current = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TrialResult t = trial("lstm1997", i, 5_000L, 2560, 0, 0.001);
            current.add(new TrialResult(t.experiment(), t.model(), t.kind(), "new protocol", t.parameters(), t.trial(),
                    t.seed(), t.success(), t.budget(), t.sequencesSeen(), t.sequencesToSuccess(), t.milestones(),
                    t.testSize(), t.testWrong(), t.testMse(), t.testMeanAbsError(), t.wallSeconds(), t.curve(),
                    new TrialResult.Provenance("abc", false, "current", Map.of(), "17", "M2.1", "Linux", "cpu", 1, 1,
                            "x", "y")));
        }
        assertEquals(older, Verdicts.judgedLine("lstm1997", List.of(older, current)));
        assertEquals(current, Verdicts.judgedLine("lstm1997", List.of(older, current), java.util.Set.of("current")));
    }

    @Test
    void shareRuleWithThreeTrials() {
        for (int percent : new int[] {97, 100}) {
            Map<String, Object> paper = paper("method", "LSTM", "successPercent", percent, "sequencesToSuccess", 10_000);
            assertEquals(Verdict.REPRODUCED, judge(paper, List.of(line("lstm1997", 3, 3, 10_000))).verdict());
            RowVerdict one = judge(paper, List.of(line("lstm1997", 3, 2, 10_000)));
            assertEquals(Verdict.NOT_REPRODUCED, one.verdict());
            assertEquals("2/3 solved, paper " + percent + "%; ratio 1.0x", one.reason());
        }
    }

    @Test
    void withoutAPaperShareEveryTrialMustSucceed() {
        Map<String, Object> paper = paper("method", "LSTM", "sequencesToSuccess", 30_000);
        assertEquals(Verdict.REPRODUCED, judge(paper, List.of(line("lstm1997", 3, 3, 30_000))).verdict());
        RowVerdict partly = judge(paper, List.of(line("lstm1997", 3, 2, 30_000)));
        assertEquals(Verdict.NOT_REPRODUCED, partly.verdict());
        assertTrue(partly.reason().contains("2/3 solved, all must succeed"), partly.reason());
        assertEquals(Verdict.NOT_REPRODUCED, judge(paper, List.of(line("lstm1997", 3, 0, 0))).verdict());
    }

    @Test
    void slowerThanThreeTimesThePaperIsSaidSo() {
        Map<String, Object> paper = paper("method", "LSTM", "sequencesToSuccess", 30_000);
        RowVerdict atLimit = judge(paper, List.of(line("lstm1997", 3, 3, 90_000)));
        assertEquals(Verdict.REPRODUCED, atLimit.verdict());
        assertEquals(3.0, atLimit.ratio(), 1e-12);
        RowVerdict slower = judge(paper, List.of(line("lstm1997", 3, 3, 144_244)));
        assertEquals(Verdict.SLOWER, slower.verdict());
        assertEquals("reproduced, slower than 3x", slower.verdict().label());
        assertEquals("3/3 solved; ratio 4.8x", slower.reason());
        assertEquals(144_244, slower.meanSequences(), 1e-9);
        assertEquals(30_000, slower.paperSequences(), 1e-9);
    }

    @Test
    void tablesFourAndFiveCompareWithTheSt2Column() {
        Map<String, Object> paper = paper("method", "LSTM", "st1", 27_380, "st2", 39_850);
        RowVerdict v = judge(paper, List.of(line("lstm1997", 3, 3, 19_925)));
        assertEquals(0.5, v.ratio(), 1e-12);
    }

    @Test
    void ratiosPrintWithOneDecimalExceptNearTheLimit() {
        assertEquals("1.4x", Verdicts.ratio(1.42));
        assertEquals("3.04x", Verdicts.ratio(3.04));
        assertEquals("3.00x", Verdicts.ratio(3.0));
        assertEquals("4.8x", Verdicts.ratio(4.808));
    }

    @Test
    void wrongOf2560MayBeTenTimesThePaperOrTen() {
        Map<String, Object> paper = paper("method", "LSTM", "wrongOf2560", 1, "sequencesToSuccess", 74_000);
        assertEquals(Verdict.REPRODUCED, judge(paper, List.of(List.of(trial("lstm1997", 0, 70_000L, 2560, 10, 0.001))))
                .verdict());
        RowVerdict eleven = judge(paper, List.of(List.of(trial("lstm1997", 0, 70_000L, 2560, 11, 0.001))));
        assertEquals(Verdict.NOT_REPRODUCED, eleven.verdict());
        assertEquals("1/1 solved; test 11 wrong of 2560, paper 1; ratio 0.9x", eleven.reason());
        // 2 of 256 scale to 20 of 2560.
        assertEquals(Verdict.NOT_REPRODUCED, judge(paper, List.of(List.of(trial("lstm1997", 0, 70_000L, 256, 2, 0.001))))
                .verdict());
        Map<String, Object> many = paper("method", "LSTM", "wrongOf2560", 139, "sequencesToSuccess", 482_000);
        assertEquals(Verdict.REPRODUCED, judge(many, List.of(List.of(trial("lstm1997", 0, 5L, 2560, 1390, 0.001))))
                .verdict());
        assertEquals(Verdict.NOT_REPRODUCED, judge(many, List.of(List.of(trial("lstm1997", 0, 5L, 2560, 1391, 0.001))))
                .verdict());
    }

    @Test
    void failedTrialsDoNotCountInTheTestError() {
        Map<String, Object> paper = paper("method", "LSTM", "successPercent", 100, "wrongOf2560", 1,
                "sequencesToSuccess", 74_000);
        List<TrialResult> line = line("lstm1997", 10, 9, 74_000);
        assertEquals(2560, line.get(9).testWrong());
        assertEquals(Verdict.REPRODUCED, judge(paper, List.of(line)).verdict());
    }

    @Test
    void misclassifiedFractionMayBeTenTimesThePaperOrTenOf2560() {
        Map<String, Object> paper = paper("method", "LSTM", "fractionMisclassified", 0.000195, "st2", 39_850);
        assertEquals(Verdict.REPRODUCED, judge(paper, List.of(List.of(trial("lstm1997", 0, 20_000L, 2560, 10, 0.01))))
                .verdict());
        RowVerdict v = judge(paper, List.of(List.of(trial("lstm1997", 0, 20_000L, 2560, 11, 0.01))));
        assertEquals(Verdict.NOT_REPRODUCED, v.verdict());
        assertTrue(v.reason().contains("test fraction wrong 0.004297, paper 0.000195"), v.reason());
        Map<String, Object> noisy = paper("method", "LSTM", "fractionMisclassified", 0.00828, "st2", 43_250);
        assertEquals(Verdict.REPRODUCED, judge(noisy, List.of(List.of(trial("lstm1997", 0, 20_000L, 2560, 200, 0.01))))
                .verdict());
    }

    @Test
    void testMseMayBeTenTimesThePaper() {
        Map<String, Object> paper = paper("method", "LSTM", "mse", 0.0223, "sequencesToSuccess", 482_000);
        assertEquals(Verdict.REPRODUCED, judge(paper, List.of(List.of(trial("lstm1997", 0, 500_000L, 2560, 0, 0.2))))
                .verdict());
        RowVerdict v = judge(paper, List.of(List.of(trial("lstm1997", 0, 500_000L, 2560, 0, 0.25))));
        assertEquals(Verdict.NOT_REPRODUCED, v.verdict());
        assertTrue(v.reason().contains("test MSE 0.25, paper 0.0223"), v.reason());
    }

    @Test
    void noTrialIsNotRun() {
        Map<String, Object> paper = paper("method", "LSTM", "sequencesToSuccess", 74_000);
        RowVerdict none = judge(paper, List.of());
        assertEquals(Verdict.NOT_RUN, none.verdict());
        assertEquals(0, none.trials());
        assertEquals(Mirror.NOT_RUN, none.mirror());
        assertEquals(Verdict.NOT_RUN, judge(paper, List.of(line("lstm", 3, 3, 100), line("lstm1997.per-step", 3, 3, 100)))
                .verdict());
    }

    @Test
    void theExactModelNameWithTheMostTrialsIsJudged() {
        Map<String, Object> paper = paper("method", "LSTM", "sequencesToSuccess", 10_000);
        RowVerdict v = judge(paper, List.of(line("lstm1997", 2, 2, 10_000), line("lstm1997", 3, 1, 10_000),
                line("lstm1997.per-step", 5, 5, 10_000)));
        assertEquals(3, v.trials());
        assertEquals(1, v.solved());
        assertEquals(Verdict.NOT_REPRODUCED, v.verdict());
    }

    /** A row whose faithful line solved nothing and whose reading {@code linear-output} solved every trial. */
    private static List<List<TrialResult>> faithfulFailsReadingSolves() {
        return List.of(line("lstm1997", 3, 0, 0), line("lstm1997.linear-output", 3, 3, 20_000),
                line("rnn1997", 3, 0, 0));
    }

    private static PaperRow judgedOn(String model) {
        return new PaperRow("r", "f", 1, "Title", 10, List.of("lstm1997", "lstm1997.linear-output", "rnn1997"),
                List.of(paper("method", "LSTM", "successPercent", 100, "sequencesToSuccess", 10_000)), Map.of(),
                java.util.Set.of(), model);
    }

    @Test
    void aRowJudgedOnAReadingIsJudgedOnThatLineAndItsVerdictNamesTheReading() {
        RowVerdict v = Verdicts.judge(judgedOn("lstm1997.linear-output"), List.of(), faithfulFailsReadingSolves());
        assertEquals(Verdict.REPRODUCED, v.verdict());
        assertEquals("lstm1997.linear-output", v.model());
        assertEquals("linear-output", v.reading());
        assertEquals(3, v.solved());
        assertEquals("reproduced with reading `linear-output` (3/3 solved; ratio 2.0x)", TablesRenderer.verdictCell(v));
        assertEquals(1, TablesRenderer.reproducedAtReadings(List.of(v)));
        assertEquals("0/3 solved, paper: RTRL/BPTT fail on long lags", v.mirrorReason(), "the mirror stays on rnn1997");
        RowVerdict notRun = Verdicts.judge(judgedOn("lstm1997.linear-output"), List.of(),
                List.of(line("lstm1997", 3, 3, 10_000)));
        assertEquals(Verdict.NOT_RUN, notRun.verdict(), "the faithful line does not stand in for the reading");
        assertEquals("not run with reading `linear-output`", TablesRenderer.verdictCell(notRun));
    }

    @Test
    void aRowWithoutJudgeStillJudgesExactlyLstm1997() {
        PaperRow plain = row("r", "f", List.of(paper("method", "LSTM", "successPercent", 100,
                "sequencesToSuccess", 10_000)));
        assertEquals("lstm1997", plain.judgedModel());
        for (PaperRow row : List.of(plain, judgedOn(null), judgedOn("lstm1997"))) {
            RowVerdict v = Verdicts.judge(row, List.of(), faithfulFailsReadingSolves());
            assertEquals(Verdict.NOT_REPRODUCED, v.verdict());
            assertEquals("lstm1997", v.model());
            assertEquals(null, v.reading());
            assertEquals("not reproduced (0/3 solved, paper 100%)", TablesRenderer.verdictCell(v));
            assertEquals(0, TablesRenderer.reproducedAtReadings(List.of(v)));
        }
    }

    @Test
    void onlyTheLstmPaperLineIsTheReference() {
        PaperRow row = row("r", "f", List.of(paper("method", "CH (chunker)", "successPercent", 33,
                "sequencesToSuccess", 32_400), paper("method", "LSTM", "successPercent", 100, "sequencesToSuccess", 5040)));
        RowVerdict v = Verdicts.judge(row, List.of(), List.of(line("lstm1997", 3, 2, 5040)));
        assertEquals(Verdict.NOT_REPRODUCED, v.verdict());
        assertEquals(5040, v.paperSequences(), 1e-9);
    }

    private static Mirror mirror(List<Map<String, Object>> baseline, int trials, int solved) {
        return Verdicts.mirror(baseline, line("rnn1997", trials, solved, 1000));
    }

    @Test
    void rnn1997MustFailWhereThePaperSaysGradientMethodsFail() {
        assertEquals(Mirror.AGREES, mirror(List.of(), 3, 0));
        assertEquals(Mirror.DISAGREES, mirror(List.of(), 3, 1));
        List<Map<String, Object>> zero = List.of(paper("method", "RTRL", "successPercent", 0),
                paper("method", "BPTT", "successPercent", 0));
        assertEquals(Mirror.AGREES, mirror(zero, 3, 0));
        assertEquals(Mirror.DISAGREES, mirror(zero, 3, 3));
        assertEquals(Mirror.NOT_RUN, Verdicts.mirror(zero, List.of()));
    }

    @Test
    void rnn1997MustSolveSomeWhereThePaperSolvedSome() {
        List<Map<String, Object>> some = List.of(paper("method", "RTRL 3 hidden", "success", "some fraction"));
        assertEquals(Mirror.AGREES, mirror(some, 3, 2));
        assertEquals(Mirror.AGREES, mirror(some, 3, 3));
        assertEquals(Mirror.DISAGREES, mirror(some, 3, 0));
        List<Map<String, Object>> low = List.of(paper("method", "RTRL", "successPercent", 22));
        assertEquals(Mirror.AGREES, mirror(low, 3, 1));
        assertEquals(Mirror.DISAGREES, mirror(low, 3, 3));
        assertEquals(Mirror.DISAGREES, mirror(low, 3, 0));
        List<Map<String, Object>> several = List.of(low.get(0), paper("method", "RTRL", "successPercent", 78));
        assertEquals(Mirror.AGREES, mirror(several, 3, 3));
    }

    @Test
    void mirrorReasonNamesThePaperFigure() {
        PaperRow row = row("r", "f", List.of(paper("method", "LSTM", "sequencesToSuccess", 1000)));
        RowVerdict v = Verdicts.judge(row, List.of(paper("method", "RTRL 12 hidden", "success", "some fraction")),
                List.of(line("rnn1997", 3, 2, 1000)));
        assertEquals(Mirror.AGREES, v.mirror());
        assertEquals("2/3 solved, paper: RTRL 12 hidden some fraction", v.mirrorReason());
        RowVerdict none = Verdicts.judge(row, List.of(), List.of(line("rnn1997", 3, 0, 1000)));
        assertEquals("0/3 solved, paper: RTRL/BPTT fail on long lags", none.mirrorReason());
    }

    @Test
    void aFamilysBaselineCountsForItsRowsWithoutOne() {
        PaperRow first = row("reber-a", "reber", List.of(paper("method", "LSTM"),
                paper("method", "RTRL 3 hidden", "success", "some fraction"),
                paper("method", "Elman 15 hidden", "successPercent", 0)));
        PaperRow second = row("reber-b", "reber", List.of(paper("method", "LSTM")));
        PaperRow other = row("other", "other", List.of(paper("method", "LSTM")));
        List<PaperRow> rows = List.of(first, second, other);
        assertEquals(1, Verdicts.baseline(first, rows).size());
        assertEquals(Verdicts.baseline(first, rows), Verdicts.baseline(second, rows));
        assertEquals(List.of(), Verdicts.baseline(other, rows));
    }
}
