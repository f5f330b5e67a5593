package org.longlag.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What one model's line achieved, in the figures a reader weighs LSTM against RNN by: how often it
 * solved the task, how fast (sequences and wall time, over solved trials only, since a failed
 * trial's count is just its budget), how well it then did on the test set, and where the failed
 * trials got to. Failed trials get their own test figures because a mean over solved and failed
 * trials alike hides both a near-miss and a total failure.
 *
 * @param line the trials the figures are computed from
 * @param solved trials that met the stopping rule
 * @param budget the line's sequence budget; {@code null} when not run
 * @param protocol the line's protocol; {@code null} when not run
 * @param meanSequencesToSuccess mean over solved trials; {@code null} when none solved
 * @param minSequencesToSuccess fewest over solved trials; {@code null} when none solved
 * @param maxSequencesToSuccess most over solved trials; {@code null} when none solved
 * @param meanWallSecondsSolved mean wall time of the solved trials (their final test included);
 *     {@code null} when none solved
 * @param meanTestWrong mean test sequences judged wrong over all trials; {@code null} when not run
 * @param testSize the test-set size; {@code null} when not run or when trials differ in it
 * @param failedMeanTestMse mean test MSE of the failed trials; {@code null} when none failed
 * @param failedMeanTestWrong mean wrong count of the failed trials; {@code null} when none failed
 */
public record ModelSummary(ModelLine line, int solved, Long budget, String protocol, Double meanSequencesToSuccess,
        Long minSequencesToSuccess, Long maxSequencesToSuccess, Double meanWallSecondsSolved, Double meanTestWrong,
        Integer testSize, Double failedMeanTestMse, Double failedMeanTestWrong) {

    /** The model's name. */
    public String model() {
        return line.model();
    }

    /** Trials in the line. */
    public int trials() {
        return line.trials().size();
    }

    /** Trials that did not meet the stopping rule within the budget. */
    public int failed() {
        return trials() - solved;
    }

    /** Whether the model has any trial. */
    public boolean run() {
        return line.run();
    }

    /** The figures of {@code line}. */
    public static ModelSummary of(ModelLine line) {
        List<TrialResult> all = line.trials();
        if (all.isEmpty()) {
            return new ModelSummary(line, 0, null, null, null, null, null, null, null, null, null, null);
        }
        List<TrialResult> solved = all.stream().filter(TrialResult::success).toList();
        List<TrialResult> failed = all.stream().filter(r -> !r.success()).toList();
        TrialResult first = all.get(0);
        boolean oneTestSize = all.stream().allMatch(r -> r.testSize() == first.testSize());
        return new ModelSummary(line, solved.size(), first.budget(), first.protocol(),
                mean(solved, ModelSummary::sequencesToSuccess),
                solved.stream().map(ModelSummary::sequencesToSuccess).min(Long::compare).orElse(null),
                solved.stream().map(ModelSummary::sequencesToSuccess).max(Long::compare).orElse(null),
                mean(solved, TrialResult::wallSeconds), mean(all, TrialResult::testWrong),
                oneTestSize ? first.testSize() : null, mean(failed, TrialResult::testMse),
                mean(failed, TrialResult::testWrong));
    }

    /** Sequences to success; a solved line written before that field existed counts what it saw. */
    private static long sequencesToSuccess(TrialResult r) {
        return r.sequencesToSuccess() != null ? r.sequencesToSuccess() : r.sequencesSeen();
    }

    private static Double mean(List<TrialResult> trials, ToDoubleFunction<TrialResult> value) {
        return trials.isEmpty() ? null : trials.stream().mapToDouble(value).sum() / trials.size();
    }
}
