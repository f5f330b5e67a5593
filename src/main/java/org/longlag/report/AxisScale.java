package org.longlag.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * One axis of a figure: its range, where a value falls on it, and its ticks. Logarithmic axes have a
 * labelled tick at every power of ten and at both ends and, when the axis spans at most two
 * decades, at 2 and 5 of each decade too, so a short axis still has labels to read values by. Linear axes get about five ticks at 1, 2 or 5 times a power of ten.
 *
 * @param log whether the axis is logarithmic
 * @param low the smallest value on the axis
 * @param high the largest value on the axis
 * @param label how a tick value is printed
 */
record AxisScale(boolean log, double low, double high, DoubleFunction<String> label) {

    /**
     * A tick.
     *
     * @param value where it stands
     * @param text its label; empty for an unlabelled minor tick
     * @param major whether it marks a power of ten (log) or a step (linear), drawn as a grid line
     */
    record Tick(double value, String text, boolean major) {
    }

    /**
     * A logarithmic axis covering {@code [min, max]}, both positive, widened to the nearest 1, 2 or
     * 5 times a power of ten (not to whole decades, which could leave most of the plot empty).
     */
    static AxisScale logarithmic(double min, double max, DoubleFunction<String> label) {
        double low = oneTwoFive(min, false);
        double high = oneTwoFive(max, true);
        if (high <= low) {
            high = oneTwoFive(low * 1.5, true);
        }
        return new AxisScale(true, low, high, label);
    }

    /**
     * A logarithmic axis from exactly {@code min} to {@code max}, for a few points at known places
     * (lags of 50 to 1,001) where widening to a round end would leave half a decade empty.
     */
    static AxisScale logarithmicExact(double min, double max, DoubleFunction<String> label) {
        return max > min ? new AxisScale(true, min, max, label) : logarithmic(min, max, label);
    }

    /** The nearest value of the form 1, 2 or 5 times a power of ten at or above (or below) {@code value}. */
    private static double oneTwoFive(double value, boolean up) {
        double power = Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
        double[] steps = up ? new double[] {1, 2, 5, 10} : new double[] {5, 2, 1};
        for (double step : steps) {
            double candidate = round(step * power);
            if (up ? candidate >= value * (1 - 1e-9) : candidate <= value * (1 + 1e-9)) {
                return candidate;
            }
        }
        return power;
    }

    /** A linear axis covering {@code [min, max]}, widened to whole ticks. */
    static AxisScale linear(double min, double max, DoubleFunction<String> label) {
        if (max - min < 1e-12) {
            double pad = Math.max(Math.abs(max) * 0.05, 1e-3);
            min -= pad;
            max += pad;
        }
        double step = step(min, max);
        return new AxisScale(false, Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step, label);
    }

    /** Where {@code value} falls, from 0 at {@link #low} to 1 at {@link #high}, clamped to the axis. */
    double fraction(double value) {
        double f = log ? (Math.log10(Math.max(value, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))
                : (value - low) / (high - low);
        return Math.max(0, Math.min(1, f));
    }

    /** The ticks, from low to high. */
    List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        if (log) {
            int first = (int) Math.floor(Math.log10(low) + 1e-9);
            int last = (int) Math.floor(Math.log10(high) + 1e-9);
            boolean labelMinor = Math.log10(high / low) <= 2 + 1e-9;
            for (int decade = first; decade <= last; decade++) {
                double power = Math.pow(10, decade);
                for (int m = 1; m <= 9; m++) {
                    double value = round(m * power);
                    if (value < low * (1 - 1e-9) || value > high * (1 + 1e-9)) {
                        continue;
                    }
                    boolean end = value <= low * (1 + 1e-9) || value >= high * (1 - 1e-9);
                    boolean labelled = m == 1 || end || labelMinor && (m == 2 || m == 5);
                    ticks.add(new Tick(value, labelled ? label.apply(value) : "", m == 1));
                }
            }
        } else {
            double step = step(low, high);
            long from = Math.round(low / step);
            long to = Math.round(high / step);
            for (long i = from; i <= to; i++) {
                double value = round(i * step);
                ticks.add(new Tick(value, label.apply(value), true));
            }
        }
        return ticks;
    }

    /** A step of 1, 2 or 5 times a power of ten giving about five intervals over {@code [min, max]}. */
    private static double step(double min, double max) {
        double raw = (max - min) / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double unit = raw / power;
        return (unit < 1.5 ? 1 : unit < 3.5 ? 2 : unit < 7.5 ? 5 : 10) * power;
    }

    /** {@code value} to 6 significant digits, so 3 × 0.1 prints as 0.3. */
    static double round(double value) {
        return value == 0 ? 0 : new BigDecimal(value).round(new MathContext(6)).doubleValue();
    }

    /** A plain decimal without exponent or trailing zeros, e.g. {@code 0.002} or {@code 0.15}. */
    static String plain(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A count in compact form: {@code 500}, {@code 20k}, {@code 1M}, {@code 2.5M}. */
    static String compact(double value) {
        if (value >= 1e6) {
            return plain(value / 1e6) + "M";
        }
        if (value >= 1e3) {
            return plain(value / 1e3) + "k";
        }
        return plain(value);
    }
}
