package org.longlag.task;

import java.util.List;

/** The data of one trial: a stream of training sequences and the trial's test sets. */
public interface TrialData {

    /** The next training sequence (fresh, or drawn from a finite training set). */
    Sequence nextTraining();

    /**
     * A test set of {@code n} sequences independent of the training stream. Tasks with a fixed,
     * finite test set (the Reber grammar) return that set whatever {@code n} is.
     */
    List<Sequence> testSet(int n);

    /** The finite training set, for tasks that train on one (empty for on-line generators). */
    List<Sequence> trainingSet();
}
