package org.longlag.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.longlag.report.RowVerdict.Mirror;
import org.longlag.report.RowVerdict.Verdict;

/**
 * The project's definition of "reproduced": one verdict per experiment row on the paper's own
 * network ({@code lstm1997}, or the reading {@code lstm1997.<reading>} the row's experiment file
 * adopts with {@code judge:}) against the paper's LSTM line, and a mirror verdict on the paper's
 * gradient baseline ({@code rnn1997}) against what the paper says of RTRL/BPTT.
 *
 * <p>The rules are deliberately coarse, because we run fewer trials than the paper and its figures
 * are means without spreads: the success share must hold (the paper's 97 % and 100 % both allow one
 * failure in ten trials), the test error must be of the same order (at most ten times the
 * paper's), and the mean sequences to success within three times the paper's mean. {@link #RULES}
 * states them for readers of {@code TABLES.md}; the README says the same in plain words.
 */
public final class Verdicts {
    /**
     * The paper's LSTM as our model name; a row is judged on the line with exactly this name unless
     * its file adopts a reading ({@link PaperRow#judgedModel}).
     */
    public static final String LSTM = "lstm1997";
    /** The paper's gradient baseline as our model name. */
    public static final String RNN = "rnn1997";
    /** Slower than this many times the paper's mean sequences gives {@link Verdict#SLOWER}. */
    static final double MAX_RATIO = 3.0;
    /** The test error may be this many times the paper's. */
    static final double ORDER = 10.0;
    /** The paper's test-set size; our wrong counts are scaled to it. */
    static final int PAPER_TEST_SIZE = 2560;

    /** The rules, once, for the header of {@code TABLES.md}. */
    public static final String RULES = String.join("\n",
            "**How rows are judged.** A row's `" + LSTM + "` line (that exact model name, or the reading `" + LSTM
                    + ".<reading>` its experiment file adopts with `judge:`, named in the row's verdict and argued in "
                    + "the README's \"Known deviations\"; of several lines, the one the experiment file still "
                    + "describes, else the one with the most trials) is compared with the paper's `LSTM` line:",
            "",
            "- share: solved/trials at least the paper's share; the paper's 97 % and 100 % both allow one failure "
                    + "per 10 trials, rounded down (none with fewer than 10 trials); where the paper gives no "
                    + "share, every trial must succeed;",
            "- test error of the solved trials: wrong of 2560 (ours scaled to 2560) at most max(10 × paper, 10), "
                    + "misclassified fraction at most max(10 × paper, 10/2560), test MSE at most 10 × paper; "
                    + "skipped where the paper gives none of these;",
            "- speed: mean sequences to success (solved trials) at most 3 × the paper's mean (*ratio*; for "
                    + "Tables 4 and 5 the paper's ST2 column, where our stopping rule stops).",
            "",
            "*reproduced*: all three hold; *reproduced, slower than 3x*: share and test error hold, ratio above 3; "
                    + "*not reproduced*: share or test error fails; *no paper LSTM figure*: trials run where the paper "
                    + "reports no LSTM result (not counted as reproduced); *not run*: no trial of the judged line. `" + RNN
                    + "` (same choice of line) *agrees* with the paper's RTRL/BPTT when it solves no trial where "
                    + "they solved none (0 %, or no RTRL/BPTT figure for the row or its family: the paper says "
                    + "they fail on long lags), and at least one where their best share is above 0 % or \"some "
                    + "fraction\" (but not every trial when that share is below 50 %).");

    private Verdicts() {
    }

    /**
     * Judges one row.
     *
     * @param row the row and its paper figures
     * @param baseline the paper's RTRL/BPTT entries that count for the row ({@link #baseline})
     * @param lines our lines of the row, each the trials of one model, protocol and budget
     */
    public static RowVerdict judge(PaperRow row, List<Map<String, Object>> baseline, List<List<TrialResult>> lines) {
        String model = row.judgedModel();
        List<TrialResult> lstm = judgedLine(model, lines, row.currentConfigs());
        List<TrialResult> rnn = judgedLine(RNN, lines, row.currentConfigs());
        Map<String, Object> paper = row.paper().stream().filter(e -> "LSTM".equals(e.get("method")))
                .findFirst().orElse(Map.of());
        Mirror mirror = mirror(baseline, rnn);
        String mirrorReason = mirrorReason(baseline, rnn);
        Double paperSequences = paperSequences(paper);
        if (lstm.isEmpty()) {
            return new RowVerdict(row.id(), model, 0, 0, null, paperSequences, null, Verdict.NOT_RUN,
                    "no " + model + " trial", mirror, mirrorReason);
        }
        List<TrialResult> solved = lstm.stream().filter(TrialResult::success).toList();
        Double mean = solved.isEmpty() ? null : mean(solved, Verdicts::sequencesToSuccess);
        Double ratio = mean == null || paperSequences == null ? null : mean / paperSequences;

        List<String> reasons = new ArrayList<>();
        boolean shareHolds = shareHolds(paper, lstm.size(), solved.size());
        reasons.add(solved.size() + "/" + lstm.size() + " solved" + (shareHolds ? "" : ", " + paperShare(paper)));
        List<String> testProblems = testErrorProblems(paper, solved);
        reasons.addAll(testProblems);
        if (ratio != null) {
            reasons.add("ratio " + ratio(ratio));
        }
        if (paper.isEmpty()) {
            return new RowVerdict(row.id(), model, lstm.size(), solved.size(), mean, null, null,
                    Verdict.NO_PAPER_FIGURE, solved.size() + "/" + lstm.size() + " solved", mirror, mirrorReason);
        }
        Verdict verdict = !shareHolds || !testProblems.isEmpty() ? Verdict.NOT_REPRODUCED
                : ratio != null && ratio > MAX_RATIO ? Verdict.SLOWER : Verdict.REPRODUCED;
        return new RowVerdict(row.id(), model, lstm.size(), solved.size(), mean, paperSequences, ratio, verdict,
                String.join("; ", reasons), mirror, mirrorReason);
    }

    /** The reading in a model name ({@code linear-output} of {@code lstm1997.linear-output}); null for {@link #LSTM}. */
    static String reading(String model) {
        return model.startsWith(LSTM + ".") ? model.substring(LSTM.length() + 1) : null;
    }

    /** Whether {@code solved} of {@code trials} is at least the paper's share (and at least one). */
    static boolean shareHolds(Map<String, Object> paper, int trials, int solved) {
        return solved > 0 && trials - solved <= allowedFailures(trials, number(paper, "successPercent"));
    }

    /**
     * Failures the paper's share allows in {@code trials} trials. The paper's 97 % and 100 % are
     * both read as "at most one failure in ten" (30 trials at 97 % is one failure), so 3 trials
     * allow none; without a share every trial must succeed.
     */
    static int allowedFailures(int trials, Double paperPercent) {
        if (paperPercent == null) {
            return 0;
        }
        int allowed = (int) Math.floor(trials * (100 - paperPercent) / 100 + 1e-9);
        return paperPercent >= 97 ? Math.max(allowed, trials / 10) : allowed;
    }

    /**
     * The line that stands for {@code model}: the one with exactly that name and the most trials;
     * on a tie, the one whose last trial finished latest (the newer configuration), then the first.
     * Names such as {@code lstm1997.per-step} are other models: a reading is judged only where the
     * row's file adopts it, and then under its own name.
     */
    static List<TrialResult> judgedLine(String model, List<List<TrialResult>> lines) {
        return judgedLine(model, lines, java.util.Set.of());
    }

    /**
     * Of {@code model}'s lines, the one whose trials the experiment files still describe
     * ({@code current} configuration hashes), if any; of several, the one with the most trials
     * (on a tie the latest finished).
     */
    static List<TrialResult> judgedLine(String model, List<List<TrialResult>> lines, java.util.Set<String> current) {
        List<List<TrialResult>> ofModel = lines.stream().filter(line -> model.equals(line.get(0).model())).toList();
        List<List<TrialResult>> currentLines = ofModel.stream()
                .filter(line -> ModelLine.ofCurrentSettings(line, current)).toList();
        return (currentLines.isEmpty() ? ofModel : currentLines).stream()
                .max(Comparator.<List<TrialResult>>comparingInt(List::size).thenComparing(Verdicts::lastFinished))
                .orElse(List.of());
    }

    private static String lastFinished(List<TrialResult> line) {
        return line.stream().map(r -> r.provenance() == null ? null : r.provenance().finishedAt())
                .filter(Objects::nonNull).max(String::compareTo).orElse("");
    }

    /** The paper's mean sequences to success; Tables 4 and 5 give it as ST2, where our rule stops. */
    static Double paperSequences(Map<String, Object> paper) {
        Double sequences = number(paper, "sequencesToSuccess");
        return sequences != null ? sequences : number(paper, "st2");
    }

    /** Why the test error is not of the paper's order; empty when it is or the paper gives no figure. */
    static List<String> testErrorProblems(Map<String, Object> paper, List<TrialResult> solved) {
        List<String> problems = new ArrayList<>();
        if (solved.isEmpty()) {
            return problems;
        }
        double fraction = mean(solved, r -> r.testSize() > 0 ? (double) r.testWrong() / r.testSize() : 0);
        Double wrong = number(paper, "wrongOf2560");
        if (wrong != null && fraction * PAPER_TEST_SIZE > Math.max(ORDER * wrong, ORDER)) {
            problems.add("test " + Numbers.decimal(fraction * PAPER_TEST_SIZE) + " wrong of 2560, paper "
                    + Numbers.decimal(wrong));
        }
        Double paperFraction = number(paper, "fractionMisclassified");
        if (paperFraction != null && fraction > Math.max(ORDER * paperFraction, ORDER / PAPER_TEST_SIZE)) {
            problems.add("test fraction wrong " + Numbers.decimal(fraction) + ", paper " + Numbers.decimal(paperFraction));
        }
        Double mse = number(paper, "mse");
        double ours = mean(solved, TrialResult::testMse);
        if (mse != null && ours > ORDER * mse) {
            problems.add("test MSE " + Numbers.decimal(ours) + ", paper " + Numbers.decimal(mse));
        }
        return problems;
    }

    /**
     * The paper's RTRL/BPTT entries (with a success share or a "some fraction") that count for
     * {@code row}: its own, or where it has none, those of the other rows of its family, because
     * the paper prints a family's baseline once (Table 1 under its first row).
     */
    public static List<Map<String, Object>> baseline(PaperRow row, List<PaperRow> rows) {
        List<Map<String, Object>> own = baselineEntries(row);
        if (!own.isEmpty()) {
            return own;
        }
        return rows.stream().filter(r -> r.family().equals(row.family())).flatMap(r -> baselineEntries(r).stream())
                .toList();
    }

    private static List<Map<String, Object>> baselineEntries(PaperRow row) {
        return row.paper().stream().filter(e -> {
            String method = String.valueOf(e.get("method"));
            return (method.startsWith("RTRL") || method.startsWith("BPTT"))
                    && (e.containsKey("successPercent") || e.containsKey("success"));
        }).toList();
    }

    /**
     * The mirror verdict: none solved where the paper's RTRL/BPTT solved none (or it gives no
     * figure, since the paper says they fail on long lags); at least one where it solved some, and
     * not all when its best share is below 50 %. The best entry counts, so one hopeful RTRL setting
     * is enough for "some".
     */
    static Mirror mirror(List<Map<String, Object>> baseline, List<TrialResult> line) {
        if (line.isEmpty()) {
            return Mirror.NOT_RUN;
        }
        long solved = line.stream().filter(TrialResult::success).count();
        Map<String, Object> best = bestBaseline(baseline);
        boolean agrees;
        if (expectsNone(best)) {
            agrees = solved == 0;
        } else {
            Double percent = number(best, "successPercent");
            agrees = solved > 0 && (percent == null || percent >= 50 || solved < line.size());
        }
        return agrees ? Mirror.AGREES : Mirror.DISAGREES;
    }

    private static String mirrorReason(List<Map<String, Object>> baseline, List<TrialResult> line) {
        if (line.isEmpty()) {
            return "no " + RNN + " trial";
        }
        long solved = line.stream().filter(TrialResult::success).count();
        Map<String, Object> best = bestBaseline(baseline);
        String paper = best == null ? "paper: RTRL/BPTT fail on long lags"
                : "paper: " + best.get("method") + " " + share(best);
        return solved + "/" + line.size() + " solved, " + paper;
    }

    /** The RTRL/BPTT entry with the highest share, "some fraction" above any number; null if none. */
    private static Map<String, Object> bestBaseline(List<Map<String, Object>> baseline) {
        return baseline.stream().max(Comparator.comparingDouble(e -> {
            Double percent = number(e, "successPercent");
            return percent != null ? percent : Double.POSITIVE_INFINITY;
        })).orElse(null);
    }

    private static boolean expectsNone(Map<String, Object> best) {
        if (best == null) {
            return true;
        }
        Double percent = number(best, "successPercent");
        return percent != null && percent == 0;
    }

    /** The paper's share of an LSTM line in words; without one, every trial is needed. */
    private static String paperShare(Map<String, Object> entry) {
        String share = share(entry);
        return share == null ? "all must succeed" : "paper " + share;
    }

    /** {@code 78%}, {@code some fraction}, or null when the entry gives no share. */
    private static String share(Map<String, Object> entry) {
        if (entry.containsKey("successPercent")) {
            return Numbers.format(entry.get("successPercent")) + "%";
        }
        return entry.containsKey("success") ? String.valueOf(entry.get("success")) : null;
    }

    /** A ratio such as {@code 1.4x}; near 3 with two decimals, so the printed figure never contradicts the rule. */
    static String ratio(double ratio) {
        boolean nearLimit = Math.abs(ratio - MAX_RATIO) < 0.05;
        return String.format(Locale.ROOT, nearLimit ? "%.2fx" : "%.1fx", ratio);
    }

    private static double sequencesToSuccess(TrialResult result) {
        return result.sequencesToSuccess() != null ? result.sequencesToSuccess() : result.sequencesSeen();
    }

    private static Double number(Map<String, Object> entry, String key) {
        return entry != null && entry.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    private static double mean(List<TrialResult> results, ToDoubleFunction<TrialResult> value) {
        return results.stream().mapToDouble(value).average().orElse(Double.NaN);
    }
}
