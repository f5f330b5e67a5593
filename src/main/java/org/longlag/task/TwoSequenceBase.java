package org.longlag.task;

import java.util.SplittableRandom;

/**
 * The common generator of Exp. 3a, 3b and 3c, Bengio et al.'s 2-sequence problem: one input
 * line, two classes at probability 0.5, a class signal in the first {@code N} elements and
 * Gaussian noise after them; the class is to be told at the end.
 *
 * <p>Class 1 shows +1.0 and class 2 shows -1.0 in steps {@code 0..N-1}; every later step is
 * Gaussian noise with mean 0 and variance 0.2 (standard deviation {@code sqrt(0.2)}). The length
 * is uniform in {@code [T, T + T/10]} (integer division, both ends inclusive). Only the last step
 * carries a target. What the subclasses change: whether the signal is noisy too (3b), and the
 * targets and correctness rule (3c).
 *
 * <p>Random draws, in order: the class, the length, the inputs step by step, then (3c only) the
 * target noise.
 */
public abstract sealed class TwoSequenceBase extends GeneratedTask
        permits TwoSequenceTask, ContinuousTwoSequenceTask {

    /** Variance of the input noise. */
    public static final double NOISE_VARIANCE = 0.2;
    /** Largest admissible {@code T}: far above the paper's 1000, and keeps lengths from overflowing. */
    public static final int MAX_T = 1_000_000;

    private static final double NOISE_SD = Math.sqrt(NOISE_VARIANCE);

    private final int t;
    private final int n;

    TwoSequenceBase(String kind, int T, int N) {
        this.t = Params.inRange(kind, "T", T, 2, MAX_T);
        // N < T keeps at least one noise element between the class signal and the end.
        this.n = Params.inRange(kind, "N", N, 1, T - 1);
    }

    /** The minimal sequence length {@code T}. */
    public int T() {
        return t;
    }

    /** The number {@code N} of leading elements that carry the class. */
    public int N() {
        return n;
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    /** Whether the class signal in the first {@code N} steps gets noise added too (3b). */
    abstract boolean noisySignal();

    /** The noise-free target of a class, judged against. */
    abstract double reference(boolean classOne);

    /** The training target of a class; draws from {@code rng} only where the target is noisy. */
    double target(boolean classOne, SplittableRandom rng) {
        return reference(classOne);
    }

    @Override
    public Sequence sample(SplittableRandom rng) {
        boolean classOne = rng.nextBoolean();
        int length = t + rng.nextInt(t / 10 + 1);
        double[][] inputs = new double[length][];
        for (int s = 0; s < length; s++) {
            double x;
            if (s < n) {
                x = classOne ? 1.0 : -1.0;
                if (noisySignal()) {
                    x += NOISE_SD * rng.nextGaussian();
                }
            } else {
                x = NOISE_SD * rng.nextGaussian();
            }
            inputs[s] = new double[] {x};
        }
        double[][] targets = new double[length][];
        double[][] references = new double[length][];
        references[length - 1] = new double[] {reference(classOne)};
        targets[length - 1] = new double[] {target(classOne, rng)};
        return new Sequence(inputs, targets, references);
    }

    /** The class name and parameters, e.g. {@code TwoSequenceTask[T=100, N=3]}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[T=" + t + ", N=" + n + "]";
    }
}
