package org.longlag.task;

import java.util.SplittableRandom;

/**
 * The common generator of Exp. 4 (adding) and Exp. 5 (multiplication): a sequence of pairs
 * (value, marker) in which two pairs are marked and the target at the last step combines their
 * values.
 *
 * <p>Rules, with 0-based step indices: the length is uniform in {@code [T, T + T/10]} (integer
 * division, both ends inclusive). One pair among steps {@code 0..9} (the first 10 pairs) and one
 * other pair among steps {@code 0..T/2-2} (the first {@code T/2 - 1} pairs) get marker 1.0. Every
 * other marker is 0, except the first and the last pair's, which are -1 unless marked. Values are
 * drawn independently for every pair, marked or not.
 *
 * <p>The paper's "if the first pair is marked, X1 is taken as 0" (1.0 for the product) is read as:
 * a marked first pair contributes the identity of the combination whichever of the two draws
 * marked it, i.e. X1 and X2 name the marked values in sequence order. Only this reading makes the
 * target a function of the inputs: with two markers at steps 0 and 5, the network cannot tell
 * which draw marked step 0. So the first pair is marked with probability
 * {@code 1/10 + 9/10 * 1/(T/2 - 2)} (0.11875 at T = 100), not exactly 1/10.
 *
 * <p>{@code T} must be at least 12: then the length is at least 12, so the last pair is never
 * among the first 10 and keeps its marker -1, and {@code T/2 - 1 >= 5} leaves the second mark a
 * choice of pairs other than the first mark's.
 */
public abstract sealed class MarkedPairTask extends GeneratedTask permits AddingTask, MultiplicationTask {

    /** Smallest admissible {@code T}; see the class comment. */
    public static final int MIN_T = 12;
    /** Largest admissible {@code T}: far above the paper's 1000, and keeps lengths from overflowing. */
    public static final int MAX_T = 1_000_000;
    /** Number of leading pairs among which the first mark (X1) is placed. */
    public static final int FIRST_MARK_RANGE = 10;
    /** Correct when the absolute error at the end is below this (both experiments). */
    public static final double TOLERANCE = 0.04;

    private final int t;

    MarkedPairTask(String kind, int T) {
        this.t = Params.inRange(kind, "T", T, MIN_T, MAX_T);
    }

    /** The minimal sequence length {@code T}. */
    public int T() {
        return t;
    }

    @Override
    public int inputSize() {
        return 2;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    /** One value of a pair. */
    abstract double drawValue(SplittableRandom rng);

    /** What a marked first pair contributes instead of its value. */
    abstract double identity();

    /** The target from the two marked contributions, in sequence order. */
    abstract double combine(double x1, double x2);

    @Override
    public Sequence sample(SplittableRandom rng) {
        int length = t + rng.nextInt(t / 10 + 1);
        int firstMark = rng.nextInt(FIRST_MARK_RANGE);
        // Rejection keeps the second mark uniform over the other pairs of its range.
        int secondMark;
        do {
            secondMark = rng.nextInt(t / 2 - 1);
        } while (secondMark == firstMark);

        double[][] inputs = new double[length][];
        for (int s = 0; s < length; s++) {
            inputs[s] = new double[] {drawValue(rng), 0.0};
        }
        inputs[0][1] = -1.0;
        inputs[length - 1][1] = -1.0;
        inputs[firstMark][1] = 1.0;
        inputs[secondMark][1] = 1.0;

        int early = Math.min(firstMark, secondMark);
        int late = Math.max(firstMark, secondMark);
        double x1 = early == 0 ? identity() : inputs[early][0];
        double x2 = inputs[late][0];

        double[][] targets = new double[length][];
        targets[length - 1] = new double[] {combine(x1, x2)};
        return new Sequence(inputs, targets);
    }

    @Override
    public boolean isCorrect(Sequence sequence, double[][] outputs) {
        return allWithin(sequence, outputs, TOLERANCE);
    }
}
