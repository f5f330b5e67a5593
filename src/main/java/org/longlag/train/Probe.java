package org.longlag.train;

import java.util.List;
import org.longlag.task.Sequence;

/**
 * What a stopping rule may ask of the trial in progress: score the current network on sequences,
 * and get the trial's test and training sets.
 */
public interface Probe {

    /** Scores the current network on each sequence, without learning. */
    List<SequenceScore> evaluate(List<Sequence> sequences);

    /** A fresh test set of {@code n} sequences (the fixed test set for finite tasks). */
    List<Sequence> testSet(int n);

    /** The finite training set, or empty for on-line generators. */
    List<Sequence> trainingSet();
}
