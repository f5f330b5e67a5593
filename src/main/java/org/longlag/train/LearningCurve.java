package org.longlag.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A short learning curve: the mean training MSE of the sequences in each successive block of
 * {@code every} sequences. Kept to about {@value #TARGET_POINTS} points whatever the budget, so
 * result lines stay small.
 */
public final class LearningCurve {
    static final int TARGET_POINTS = 50;

    private final long every;
    private final List<Double> points = new ArrayList<>();
    private final Map<String, List<Double>> diagnostics = new LinkedHashMap<>();
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

    /**
     * Adds the MSE of one training sequence; {@code seen} counts it.
     *
     * @return whether this sequence closed a point (then the caller may {@link #addDiagnostics})
     */
    public boolean add(long seen, double mse) {
        blockSum += mse;
        blockCount++;
        if (seen >= nextBoundary) {
            points.add(blockSum / blockCount);
            blockSum = 0;
            blockCount = 0;
            nextBoundary += every;
            return true;
        }
        return false;
    }

    /**
     * Attaches the model's diagnostics to the point just closed. A series that starts late is
     * padded with {@code null} in front, so index i of every series belongs to point i.
     */
    public void addDiagnostics(Map<String, Double> snapshot) {
        snapshot.forEach((name, value) -> {
            List<Double> series = diagnostics.computeIfAbsent(name, k -> new ArrayList<>());
            while (series.size() < points.size() - 1) {
                series.add(null);
            }
            series.add(value);
        });
    }

    /** Diagnostics per point, by name (empty for models that record none). */
    public Map<String, List<Double>> diagnostics() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        diagnostics.forEach((name, series) -> copy.put(name, Collections.unmodifiableList(new ArrayList<>(series))));
        return copy;
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
