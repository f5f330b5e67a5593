package org.longlag.task;

/**
 * Exp. 3a, the 2-sequence problem: noise-free class signal in the first {@code N} elements,
 * target 1.0 (class 1) or 0.0 (class 2) at the end, correct when the absolute error there is
 * below 0.2. The sequence rules are those of {@link TwoSequenceBase}. Exp. 3b
 * ({@link NoisyTwoSequenceTask}) differs only in the noise on the class signal.
 */
public sealed class TwoSequenceTask extends TwoSequenceBase permits NoisyTwoSequenceTask {

    /** The kind name used by {@link Tasks#create}. */
    public static final String KIND = "two-sequence";
    /** Correct when the absolute error at the end is below this. */
    public static final double TOLERANCE = 0.2;

    /**
     * @param T minimal sequence length, in {@code 2..1000000} (the paper: 100, 1000)
     * @param N number of leading elements carrying the class, in {@code 1..T-1} (the paper: 1, 3)
     */
    public TwoSequenceTask(int T, int N) {
        this(KIND, T, N);
    }

    TwoSequenceTask(String kind, int T, int N) {
        super(kind, T, N);
    }

    @Override
    boolean noisySignal() {
        return false;
    }

    @Override
    double reference(boolean classOne) {
        return classOne ? 1.0 : 0.0;
    }

    @Override
    public boolean isCorrect(Sequence sequence, double[][] outputs) {
        return allWithin(sequence, outputs, TOLERANCE);
    }
}
