package org.longlag.task;

/**
 * Exp. 3b: as {@link TwoSequenceTask}, but the class signal of the first {@code N} elements gets
 * Gaussian noise (mean 0, variance 0.2) added too. Targets 1.0 / 0.0, correct when the absolute
 * error at the end is below 0.2, as in 3a.
 */
public final class NoisyTwoSequenceTask extends TwoSequenceTask {

    /** The kind name used by {@link Tasks#create}. */
    public static final String KIND = "noisy-two-sequence";

    /**
     * @param T minimal sequence length, in {@code 2..1000000} (the paper: 100, 1000)
     * @param N number of leading elements carrying the class, in {@code 1..T-1} (the paper: 1, 3)
     */
    public NoisyTwoSequenceTask(int T, int N) {
        super(KIND, T, N);
    }

    @Override
    boolean noisySignal() {
        return true;
    }
}
