package org.longlag.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The training error of a line's trials against sequences seen: per curve point, the median over
 * the trials and their min and max.
 *
 * <p>Point {@code i} of a trial's curve is the mean training MSE of its sequences {@code i·every}
 * to {@code (i+1)·every}, drawn at {@code (i+1)·every}, the sequences seen when it was complete. A
 * trial's curve ends where the trial stopped, so later points summarise only the trials still
 * training; {@link Point#training} says how many, because a median of the one trial that never
 * solved the task looks just like a median of ten.
 *
 * @param trials trials of the line
 * @param points the curve, by sequences seen
 */
public record LearningCurve(int trials, List<Point> points) {

    public LearningCurve {
        points = List.copyOf(points);
    }

    /**
     * One point of the curve.
     *
     * @param sequences training sequences seen
     * @param median median training MSE over the trials with a point here
     * @param min smallest of them
     * @param max largest of them
     * @param training how many trials have a point here
     */
    public record Point(long sequences, double median, double min, double max, int training) {
    }

    /** The curve of {@code trials}; trials without a curve, and non-finite values, contribute nothing. */
    public static LearningCurve of(List<TrialResult> trials) {
        return of(trials, TrialResult.Curve::mse);
    }

    /**
     * The same summary of another series recorded with the curve, aligned with its points (a
     * diagnostic such as {@code meanAbsStateEnd}); trials without that series contribute nothing.
     */
    public static LearningCurve of(List<TrialResult> trials, Function<TrialResult.Curve, List<Double>> series) {
        Map<Long, List<Double>> byX = new TreeMap<>();
        for (TrialResult trial : trials) {
            TrialResult.Curve curve = trial.curve();
            List<Double> values = curve == null || curve.every() <= 0 ? null : series.apply(curve);
            if (values == null) {
                continue;
            }
            for (int i = 0; i < values.size(); i++) {
                Double value = values.get(i);
                if (value != null && Double.isFinite(value)) {
                    byX.computeIfAbsent((i + 1) * curve.every(), k -> new ArrayList<>()).add(value);
                }
            }
        }
        List<Point> points = new ArrayList<>();
        byX.forEach((x, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            points.add(new Point(x, median, sorted.get(0), sorted.get(n - 1), n));
        });
        return new LearningCurve(trials.size(), points);
    }
}
