package org.longlag.train;

import java.util.ArrayList;
import java.util.List;
import org.longlag.model.SequenceModel;
import org.longlag.task.Sequence;
import org.longlag.task.SequenceTask;

/** Scores a model on sequences without learning, and summarises a final test. */
public final class Evaluation {
    /** Sequences per inference call: bounds memory on long sequences. */
    private static final int CHUNK = 256;

    private Evaluation() {
    }

    /** Per-sequence scores of {@code model} on {@code sequences}. */
    public static List<SequenceScore> score(SequenceModel model, SequenceTask task, List<Sequence> sequences) {
        List<SequenceScore> scores = new ArrayList<>(sequences.size());
        for (int from = 0; from < sequences.size(); from += CHUNK) {
            List<Sequence> chunk = sequences.subList(from, Math.min(sequences.size(), from + CHUNK));
            List<double[][]> outputs = model.predict(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                scores.add(SequenceScore.of(task, chunk.get(i), outputs.get(i)));
            }
        }
        return scores;
    }

    /** The final test: how many sequences were wrong, and the pooled errors per output. */
    public static TestReport test(SequenceModel model, SequenceTask task, List<Sequence> testSet) {
        return TestReport.of(score(model, task, testSet));
    }

    /**
     * Summary of a test set.
     *
     * @param size sequences tested
     * @param wrong sequences the task's rule judged wrong
     * @param mse squared error per output at target steps, pooled over the set
     * @param meanAbsError absolute error per output at target steps, pooled over the set
     */
    public record TestReport(int size, int wrong, double mse, double meanAbsError) {
        /** Pools a list of per-sequence scores. */
        public static TestReport of(List<SequenceScore> scores) {
            int wrong = 0;
            long outputs = 0;
            double sumSq = 0;
            double sumAbs = 0;
            for (SequenceScore s : scores) {
                wrong += s.correct() ? 0 : 1;
                outputs += s.outputCount();
                sumSq += s.sumSquaredError();
                sumAbs += s.sumAbsError();
            }
            return new TestReport(scores.size(), wrong, outputs == 0 ? 0 : sumSq / outputs,
                    outputs == 0 ? 0 : sumAbs / outputs);
        }
    }
}
