package org.longlag.task;

import java.util.SplittableRandom;

/**
 * Exp. 2a, noise-free sequences with long time lags: only the two sequences
 * {@code (y, a_1, ..., a_{p-1}, y)} and {@code (x, a_1, ..., a_{p-1}, x)}, each at probability
 * 0.5, and a next-symbol target at every step. Symbol order, step convention and correctness rule
 * are those of {@link SymbolLagTask}: {@code p} steps, each with a target, the last one predicting
 * the final x or y.
 */
public final class NoiseFreeTask extends SymbolLagTask {

    /** The kind name used by {@link Tasks#create}. */
    public static final String KIND = "noise-free";

    /** @param p number of symbols minus one, in {@code 2..2000} (the paper: 4, 10, 100) */
    public NoiseFreeTask(int p) {
        super(KIND, p);
    }

    @Override
    boolean targetsEveryStep() {
        return true;
    }

    @Override
    int middle(int i, SplittableRandom rng) {
        return indexOfA(i);
    }

    @Override
    public String toString() {
        return "NoiseFreeTask[p=" + p() + "]";
    }
}
