package org.longlag.task;

import java.util.SplittableRandom;

/**
 * Exp. 4, the adding problem: values uniform in [-1, 1], target {@code 0.5 + (X1 + X2) / 4} at
 * the last step, correct when the absolute error is below 0.04. A marked first pair counts as 0.
 * The sequence rules are those of {@link MarkedPairTask}. Inputs: (value, marker); one output.
 */
public final class AddingTask extends MarkedPairTask {

    /** The kind name used by {@link Tasks#create}. */
    public static final String KIND = "adding";

    /** @param T minimal sequence length, in {@code 12..1000000} (the paper: 100, 500, 1000) */
    public AddingTask(int T) {
        super(KIND, T);
    }

    @Override
    double drawValue(SplittableRandom rng) {
        return rng.nextDouble(-1.0, 1.0);
    }

    @Override
    double identity() {
        return 0.0;
    }

    @Override
    double combine(double x1, double x2) {
        return 0.5 + (x1 + x2) / 4.0;
    }

    @Override
    public String toString() {
        return "AddingTask[T=" + T() + "]";
    }
}
