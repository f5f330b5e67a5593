package org.longlag.task;

import java.util.SplittableRandom;

/**
 * Exp. 3c, continuous noisy targets: inputs as {@link TwoSequenceTask} (noise-free class signal);
 * the training target is 0.2 (class 1) or 0.8 (class 2) plus Gaussian noise of mean 0 and variance
 * 0.1, and the reference is the noise-free 0.2 or 0.8.
 *
 * <p>The paper calls a sequence misclassified when {@code |output - reference| > 0.1}, so it is
 * correct when the difference is at most 0.1 (inclusive, unlike the other tasks' strict bounds).
 */
public final class ContinuousTwoSequenceTask extends TwoSequenceBase {

    /** The kind name used by {@link Tasks#create}. */
    public static final String KIND = "continuous-two-sequence";
    /** Variance of the target noise. */
    public static final double TARGET_NOISE_VARIANCE = 0.1;
    /** Correct when the absolute difference to the noise-free target is at most this. */
    public static final double TOLERANCE = 0.1;

    private static final double TARGET_NOISE_SD = Math.sqrt(TARGET_NOISE_VARIANCE);

    /**
     * @param T minimal sequence length, in {@code 2..1000000} (the paper: 100)
     * @param N number of leading elements carrying the class, in {@code 1..T-1} (the paper: 1, 3)
     */
    public ContinuousTwoSequenceTask(int T, int N) {
        super(KIND, T, N);
    }

    @Override
    boolean noisySignal() {
        return false;
    }

    @Override
    double reference(boolean classOne) {
        return classOne ? 0.2 : 0.8;
    }

    @Override
    double target(boolean classOne, SplittableRandom rng) {
        return reference(classOne) + TARGET_NOISE_SD * rng.nextGaussian();
    }

    @Override
    public boolean isCorrect(Sequence sequence, double[][] outputs) {
        for (int t = 0; t < sequence.length(); t++) {
            double[] reference = sequence.reference(t);
            if (reference == null) {
                continue;
            }
            for (int k = 0; k < reference.length; k++) {
                if (!(Math.abs(outputs[t][k] - reference[k]) <= TOLERANCE)) {
                    return false;
                }
            }
        }
        return true;
    }
}
