package org.longlag.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longlag.model.SequenceModel;
import org.longlag.task.Sequence;
import org.longlag.task.SequenceTask;
import org.longlag.task.TrialData;

/**
 * Trains one model on one trial's data until its stopping rule is met or its budget (sequences,
 * and wall time if it has one: {@link TrainingBudget}) is spent, then tests it. The loop is the
 * same for every protocol: the model's batch size decides how many sequences make one update (one
 * for the paper's on-line protocol).
 */
public final class Trainer {

    /** Receives progress while a trial trains. */
    public interface Progress {
        /** {@code sequences} more were trained on; {@code recentMse} is the mean training MSE lately. */
        void advanced(int sequences, double recentMse);
    }

    /**
     * What a trial came to.
     *
     * @param sequencesSeen training sequences used
     * @param sequencesToSuccess sequences when the rule was met, {@code null} on failure
     * @param milestones intermediate criteria met on the way (e.g. ST1), by sequence count
     * @param curve the learning curve
     * @param test the final test on fresh sequences
     * @param stoppedBy what ended training: success, or which budget ran out
     */
    public record Outcome(long sequencesSeen, Long sequencesToSuccess, Map<String, Long> milestones,
            LearningCurve curve, Evaluation.TestReport test, StopReason stoppedBy) {

        /** Whether the stopping rule was met within the budget. */
        public boolean success() {
            return stoppedBy == StopReason.SUCCESS;
        }
    }

    private Trainer() {
    }

    /** Runs the trial with a sequence budget only. */
    public static Outcome train(SequenceModel model, SequenceTask task, TrialData data, StoppingRule rule,
            long budget, int testSize, Progress progress) {
        return train(model, task, data, rule, TrainingBudget.ofSequences(budget), testSize, progress);
    }

    /**
     * Runs the trial.
     *
     * @throws TrialInterruptedException if the thread is interrupted; nothing of the trial is kept
     */
    public static Outcome train(SequenceModel model, SequenceTask task, TrialData data, StoppingRule rule,
            TrainingBudget limits, int testSize, Progress progress) {
        Probe probe = probe(model, task, data);
        long budget = limits.sequences();
        LearningCurve curve = new LearningCurve(budget);
        TrainingBudget.Stopwatch stopwatch = limits.start();
        double recentMse = Double.NaN;
        long seen = 0;
        StopReason stoppedBy = StopReason.SEQUENCES;
        while (seen < budget) {
            if (Thread.currentThread().isInterrupted()) {
                throw new TrialInterruptedException();
            }
            int size = (int) Math.min(model.batchSize(), budget - seen);
            List<Sequence> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(data.nextTraining());
            }
            List<double[][]> outputs = model.train(batch);
            double batchMse = 0;
            for (int i = 0; i < size; i++) {
                SequenceScore score = SequenceScore.of(task, batch.get(i), outputs.get(i));
                rule.recordTraining(score);
                if (curve.add(seen + i + 1, score.mse())) {
                    curve.addDiagnostics(model.takeDiagnostics());
                }
                batchMse += score.mse();
            }
            seen += size;
            recentMse = Double.isNaN(recentMse) ? batchMse / size : 0.99 * recentMse + 0.01 * batchMse / size;
            progress.advanced(size, recentMse);
            if (rule.isMet(seen, probe)) {
                stoppedBy = StopReason.SUCCESS;
                break;
            }
            if (seen < budget && stopwatch.expired()) {
                stoppedBy = StopReason.SECONDS;
                break;
            }
        }
        Evaluation.TestReport test = Evaluation.test(model, task, data.testSet(testSize));
        boolean success = stoppedBy == StopReason.SUCCESS;
        return new Outcome(seen, success ? rule.sequencesToSuccess(seen) : null,
                new LinkedHashMap<>(rule.milestones()), curve, test, stoppedBy);
    }

    private static Probe probe(SequenceModel model, SequenceTask task, TrialData data) {
        return new Probe() {
            @Override
            public List<SequenceScore> evaluate(List<Sequence> sequences) {
                return Evaluation.score(model, task, sequences);
            }

            @Override
            public List<Sequence> testSet(int n) {
                return data.testSet(n);
            }

            @Override
            public List<Sequence> trainingSet() {
                return data.trainingSet();
            }
        };
    }
}
