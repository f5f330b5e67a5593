package org.longlag.task;

import java.util.SplittableRandom;

/**
 * Exp. 5, the multiplication problem: values uniform in [0, 1], target {@code X1 * X2} at the
 * last step, correct when the absolute error is below 0.04. A marked first pair counts as 1.0.
 * The sequence rules are those of {@link MarkedPairTask}. Inputs: (value, marker); one output.
 */
public final class MultiplicationTask extends MarkedPairTask {

    /** The kind name used by {@link Tasks#create}. */
    public static final String KIND = "multiplication";

    /** @param T minimal sequence length, in {@code 12..1000000} (the paper: 100) */
    public MultiplicationTask(int T) {
        super(KIND, T);
    }

    @Override
    double drawValue(SplittableRandom rng) {
        return rng.nextDouble();
    }

    @Override
    double identity() {
        return 1.0;
    }

    @Override
    double combine(double x1, double x2) {
        return x1 * x2;
    }

    @Override
    public String toString() {
        return "MultiplicationTask[T=" + T() + "]";
    }
}
