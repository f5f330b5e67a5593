package org.longlag.task;

import java.util.SplittableRandom;

/**
 * A benchmark task of the paper: a source of sequences plus the task's own notion of a correct
 * answer.
 */
public interface SequenceTask {

    /** Width of the input vector at each step. */
    int inputSize();

    /** Width of the output (target) vector at each target step. */
    int outputSize();

    /**
     * Prepares the data of one trial. Everything random about the trial's data (the training
     * stream, a finite training set, test sets) comes from {@code rng}.
     */
    TrialData newTrial(SplittableRandom rng);

    /**
     * Whether a network's outputs count as a correct answer to {@code sequence}, by the task's rule
     * (for most tasks: every output within a tolerance of its reference at every target step).
     *
     * @param outputs {@code outputs[t]} is the output vector at step {@code t}; rows of steps
     *     without a target may be {@code null}
     */
    boolean isCorrect(Sequence sequence, double[][] outputs);
}
