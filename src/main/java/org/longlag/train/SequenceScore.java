package org.longlag.train;

import org.longlag.task.Sequence;
import org.longlag.task.SequenceTask;

/**
 * How a network did on one sequence.
 *
 * <p>Squared error is measured against the training targets (what the network minimises);
 * absolute errors against the judging references (the noise-free targets of Exp. 3c, the targets
 * themselves elsewhere).
 *
 * @param correct whether the task's own rule accepts the outputs
 * @param sumSquaredError sum over target steps and outputs of (target - output)^2
 * @param outputCount number of (target step, output unit) pairs summed over
 * @param maxAbsError largest |reference - output| over target steps and outputs
 * @param sumAbsError sum of |reference - output| over target steps and outputs
 */
public record SequenceScore(
        boolean correct, double sumSquaredError, int outputCount, double maxAbsError, double sumAbsError) {

    /** Scores {@code outputs} on {@code sequence} under {@code task}'s rule. */
    public static SequenceScore of(SequenceTask task, Sequence sequence, double[][] outputs) {
        double sumSq = 0;
        double sumAbs = 0;
        double maxAbs = 0;
        int count = 0;
        for (int t = 0; t < sequence.length(); t++) {
            double[] target = sequence.target(t);
            if (target == null) {
                continue;
            }
            double[] reference = sequence.reference(t);
            for (int k = 0; k < target.length; k++) {
                double y = outputs[t][k];
                sumSq += (target[k] - y) * (target[k] - y);
                double abs = Math.abs(reference[k] - y);
                sumAbs += abs;
                maxAbs = Math.max(maxAbs, abs);
                count++;
            }
        }
        return new SequenceScore(task.isCorrect(sequence, outputs), sumSq, count, maxAbs, sumAbs);
    }

    /** Mean squared error per output at the target steps. */
    public double mse() {
        return sumSquaredError / outputCount;
    }

    /** Mean absolute error per output at the target steps. */
    public double meanAbsError() {
        return sumAbsError / outputCount;
    }
}
