package org.longlag.train;

import java.util.ArrayList;
import java.util.List;

/**
 * A short learning curve: the mean training MSE of the sequences in each successive block of
 * {@code every} sequences. Kept to about {@value #TARGET_POINTS} points whatever the budget, so
 * result lines stay small.
 */
public final class LearningCurve {
    static final int TARGET_POINTS = 50;

    private final long every;
    private final List<Double> points = new ArrayList<>();
    private double blockSum;
    private long blockCount;
    private long nextBoundary;

    /** A curve sized for a run of at most {@code budget} sequences. */
    public LearningCurve(long budget) {
        long raw = Math.max(1, (budget + TARGET_POINTS - 1) / TARGET_POINTS);
        this.every = roundUpToNiceStep(raw);
        this.nextBoundary = every;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}, so the x axis reads well. */
    private static long roundUpToNiceStep(long raw) {
        long power = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (factor * power >= raw) {
                    return factor * power;
                }
            }
            power *= 10;
        }
    }

    /** Adds the MSE of one training sequence; {@code seen} counts it. */
    public void add(long seen, double mse) {
        blockSum += mse;
        blockCount++;
        if (seen >= nextBoundary) {
            points.add(blockSum / blockCount);
            blockSum = 0;
            blockCount = 0;
            nextBoundary += every;
        }
    }

    /** Sequences per point. */
    public long every() {
        return every;
    }

    /** Mean training MSE per block; point i covers sequences (i*every, (i+1)*every]. */
    public List<Double> points() {
        return List.copyOf(points);
    }
}
