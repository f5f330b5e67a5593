package org.longlag.task;

import java.util.SplittableRandom;

/**
 * Exp. 2c, very long time lags without local regularities.
 *
 * <p>Inputs: {@code p + 4} one-hot symbols in the paper's order {@code a_1 ... a_p, e, b, x, y}
 * ({@code a_i} index {@code i - 1}, e index {@code p}, b {@code p + 1}, x {@code p + 2}, y
 * {@code p + 3}). Outputs: two units, x = (1, 0) and y = (0, 1).
 *
 * <p>The paper's sequence is b, then x or y (probability 0.5), then {@code q} distractors drawn
 * uniformly from {@code a_1 ... a_p}, then {@code K} further distractors where each time another
 * one follows with probability 9/10 and the run stops with probability 1/10, then the trigger e,
 * then the same x or y as the second element. As in {@link SymbolLagTask}, that final element is
 * only a target: a sequence has {@code q + 3 + K} steps, the last shows e and is the only step
 * with a target, the one-hot class of the second element. The minimal lag is {@code q + 1}.
 *
 * <p>The paper's length counts the final element, {@code q + 4 + K}, and it says the expected
 * length is {@code q + 14}. Its own formula, {@code 4 + sum_k (1/10)(9/10)^k (q + k)}, equals
 * {@code q + 13}, since {@code K} has mean 9: the printed {@code q + 14} is an arithmetic slip.
 * This generator follows the construction (stop probability 1/10, minimal length {@code q + 4}),
 * so its paper length averages {@code q + 13} and its step count {@code q + 12}.
 *
 * <p>Correct: both outputs within 0.2 of the target at the last step.
 */
public final class VeryLongLagTask extends GeneratedTask {

    /** The kind name used by {@link Tasks#create}. */
    public static final String KIND = "very-long-lag";
    /** Largest admissible {@code q}: a thousand times the paper's largest; keeps lengths far from overflowing. */
    public static final int MAX_Q = 1_000_000;
    /** Largest admissible {@code p}: twice the paper's 1000; bounds the one-hot table. */
    public static final int MAX_P = 2000;
    /** Correct when both outputs' absolute errors at the end are below this. */
    public static final double TOLERANCE = 0.2;

    private static final double[] TARGET_X = {1.0, 0.0};
    private static final double[] TARGET_Y = {0.0, 1.0};

    private final int q;
    private final int p;
    /** One shared one-hot row per symbol; sequences reference these rows and never change them. */
    private final double[][] oneHot;

    /**
     * @param q number of distractors that always follow the second element, in {@code 0..1000000}
     * @param p number of distinct distractor symbols, in {@code 1..2000}
     */
    public VeryLongLagTask(int q, int p) {
        this.q = Params.inRange(KIND, "q", q, 0, MAX_Q);
        this.p = Params.inRange(KIND, "p", p, 1, MAX_P);
        this.oneHot = new double[p + 4][];
        for (int i = 0; i < p + 4; i++) {
            oneHot[i] = Params.oneHot(p + 4, i);
        }
    }

    /** Number of distractors that always follow the second element. */
    public int q() {
        return q;
    }

    /** Number of distinct distractor symbols. */
    public int p() {
        return p;
    }

    /** One-hot index of the trigger e. */
    public int indexOfE() {
        return p;
    }

    /** One-hot index of b. */
    public int indexOfB() {
        return p + 1;
    }

    /** One-hot index of x. */
    public int indexOfX() {
        return p + 2;
    }

    /** One-hot index of y. */
    public int indexOfY() {
        return p + 3;
    }

    @Override
    public int inputSize() {
        return p + 4;
    }

    @Override
    public int outputSize() {
        return 2;
    }

    @Override
    public Sequence sample(SplittableRandom rng) {
        boolean isX = rng.nextBoolean();
        int extra = 0;
        // K: another distractor with probability 9/10, stop with probability 1/10.
        while (rng.nextInt(10) != 0) {
            extra++;
        }
        int length = q + extra + 3;
        double[][] inputs = new double[length][];
        inputs[0] = oneHot[indexOfB()];
        inputs[1] = oneHot[isX ? indexOfX() : indexOfY()];
        for (int t = 2; t < length - 1; t++) {
            inputs[t] = oneHot[rng.nextInt(p)];
        }
        inputs[length - 1] = oneHot[indexOfE()];
        double[][] targets = new double[length][];
        targets[length - 1] = isX ? TARGET_X : TARGET_Y;
        return new Sequence(inputs, targets);
    }

    @Override
    public boolean isCorrect(Sequence sequence, double[][] outputs) {
        return allWithin(sequence, outputs, TOLERANCE);
    }

    @Override
    public String toString() {
        return "VeryLongLagTask[q=" + q + ", p=" + p + "]";
    }
}
