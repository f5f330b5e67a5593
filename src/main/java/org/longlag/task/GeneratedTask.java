package org.longlag.task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Base of the tasks whose sequences are generated fresh, one at a time: training and test
 * sequences come from two independent random streams split off the trial's generator, so a test
 * set does not depend on how many training sequences were drawn before it.
 */
public abstract class GeneratedTask implements SequenceTask {

    /** Draws one fresh sequence. */
    public abstract Sequence sample(SplittableRandom rng);

    @Override
    public TrialData newTrial(SplittableRandom rng) {
        SplittableRandom training = rng.split();
        SplittableRandom testing = rng.split();
        return new TrialData() {
            @Override
            public Sequence nextTraining() {
                return sample(training);
            }

            @Override
            public List<Sequence> testSet(int n) {
                List<Sequence> set = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    set.add(sample(testing));
                }
                return set;
            }

            @Override
            public List<Sequence> trainingSet() {
                return List.of();
            }
        };
    }

    /**
     * The common correctness rule: at every target step, every output lies strictly within
     * {@code tolerance} of its reference.
     */
    protected static boolean allWithin(Sequence sequence, double[][] outputs, double tolerance) {
        for (int t = 0; t < sequence.length(); t++) {
            double[] reference = sequence.reference(t);
            if (reference == null) {
                continue;
            }
            for (int k = 0; k < reference.length; k++) {
                if (!(Math.abs(outputs[t][k] - reference[k]) < tolerance)) {
                    return false;
                }
            }
        }
        return true;
    }
}
