package org.longlag.task;

import java.util.SplittableRandom;

/**
 * The common part of Exp. 2a and 2b: sequences {@code (s, m_1, ..., m_{p-1}, s)} over the
 * {@code p + 1} symbols {@code a_1 ... a_{p-1}, x, y}, with {@code s} x or y at probability 0.5,
 * and the task of predicting the next symbol.
 *
 * <p>Symbols are one-hot coded, inputs and outputs alike, in the order
 * {@code a_1 ... a_{p-1}, x, y}: {@code a_i} has index {@code i - 1}, x index {@code p - 1} and y
 * index {@code p}.
 *
 * <p>Step convention: the paper's sequence has {@code p + 1} elements, but its final element is
 * only ever predicted, never used to predict anything, so it is a target and not an input. A
 * sequence therefore has {@code p} steps; step {@code t} shows element {@code t} (0-based) and its
 * target, where it has one, is the one-hot element {@code t + 1}. Step {@code p - 1} shows the last
 * middle symbol and must predict the final x or y: the long-lag prediction.
 *
 * <p>Correct: every output within 0.25 of its target at every target step (the paper's maximum
 * absolute error below 0.25).
 */
public abstract sealed class SymbolLagTask extends GeneratedTask permits NoiseFreeTask, NoLocalRegularitiesTask {

    /** Largest admissible {@code p}: ten times the paper's 100; bounds the one-hot table. */
    public static final int MAX_P = 2000;
    /** Correct when every output's absolute error at the target steps is below this. */
    public static final double TOLERANCE = 0.25;

    private final int p;
    /** One shared one-hot row per symbol; sequences reference these rows and never change them. */
    private final double[][] oneHot;

    SymbolLagTask(String kind, int p) {
        this.p = Params.inRange(kind, "p", p, 2, MAX_P);
        this.oneHot = new double[p + 1][];
        for (int i = 0; i <= p; i++) {
            oneHot[i] = Params.oneHot(p + 1, i);
        }
    }

    /** The lag parameter {@code p}: the sequence holds {@code p - 1} middle symbols. */
    public int p() {
        return p;
    }

    /** One-hot index of {@code a_i}, {@code 1 <= i <= p - 1}. */
    public int indexOfA(int i) {
        return i - 1;
    }

    /** One-hot index of x. */
    public int indexOfX() {
        return p - 1;
    }

    /** One-hot index of y. */
    public int indexOfY() {
        return p;
    }

    @Override
    public int inputSize() {
        return p + 1;
    }

    @Override
    public int outputSize() {
        return p + 1;
    }

    /** Whether every step except the last carries its next-symbol target. */
    abstract boolean targetsEveryStep();

    /** The one-hot index of middle symbol {@code i} (1-based, {@code 1 <= i <= p - 1}). */
    abstract int middle(int i, SplittableRandom rng);

    @Override
    public Sequence sample(SplittableRandom rng) {
        int first = rng.nextBoolean() ? indexOfX() : indexOfY();
        int[] symbols = new int[p + 1];
        symbols[0] = first;
        for (int i = 1; i < p; i++) {
            symbols[i] = middle(i, rng);
        }
        symbols[p] = first;
        double[][] inputs = new double[p][];
        double[][] targets = new double[p][];
        for (int t = 0; t < p; t++) {
            inputs[t] = oneHot[symbols[t]];
            if (targetsEveryStep() || t == p - 1) {
                targets[t] = oneHot[symbols[t + 1]];
            }
        }
        return new Sequence(inputs, targets);
    }

    @Override
    public boolean isCorrect(Sequence sequence, double[][] outputs) {
        return allWithin(sequence, outputs, TOLERANCE);
    }
}
