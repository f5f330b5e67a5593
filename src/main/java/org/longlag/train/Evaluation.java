package org.longlag.train;

import java.util.ArrayList;
import java.util.List;
import org.longlag.model.SequenceModel;
import org.longlag.task.Sequence;
import org.longlag.task.SequenceTask;

/** Scores a model on sequences without learning, and summarises a final test. */
public final class Evaluation {
    /** Most sequences per inference call. */
    private static final int MAX_CHUNK = 256;
    /**
     * Most input values (steps x width, summed over sequences) per inference call: a minibatch
     * network packs a chunk into dense arrays, and 256 sequences of 1,000 steps of 1,004 one-hot
     * inputs would take gigabytes.
     */
    private static final long MAX_CHUNK_VALUES = 4_000_000;

    private Evaluation() {
    }

    /** Per-sequence scores of {@code model} on {@code sequences}. */
    public static List<SequenceScore> score(SequenceModel model, SequenceTask task, List<Sequence> sequences) {
        List<SequenceScore> scores = new ArrayList<>(sequences.size());
        for (int from = 0, to; from < sequences.size(); from = to) {
            to = chunkEnd(sequences, from);
            List<Sequence> chunk = sequences.subList(from, to);
            List<double[][]> outputs = model.predict(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                scores.add(SequenceScore.of(task, chunk.get(i), outputs.get(i)));
            }
        }
        return scores;
    }

    /** End (exclusive) of the chunk starting at {@code from}: at least one sequence, within both limits. */
    private static int chunkEnd(List<Sequence> sequences, int from) {
        int to = from + 1;
        long values = size(sequences.get(from));
        while (to < sequences.size() && to - from < MAX_CHUNK && values + size(sequences.get(to)) <= MAX_CHUNK_VALUES) {
            values += size(sequences.get(to));
            to++;
        }
        return to;
    }

    private static long size(Sequence sequence) {
        return (long) sequence.length() * sequence.input(0).length;
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
