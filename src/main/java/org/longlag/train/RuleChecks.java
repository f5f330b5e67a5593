package org.longlag.train;

import java.math.BigDecimal;

/**
 * Parameter checks and number formatting shared by the stopping rules.
 *
 * <p>Messages name the parameter by the same name the {@code stopping:} block uses for it, so that
 * {@link StoppingRules} only has to prefix them with {@code stopping.} to point at the bad line of
 * an experiment file.
 */
final class RuleChecks {

    /**
     * Largest window or test-set size a rule accepts. The windowed rules allocate a ring buffer of
     * this many entries; the paper's largest is 10,000, so a bound far above it catches typos (an
     * extra zero or three) before they become an {@link OutOfMemoryError}.
     */
    static final int MAX_SIZE = 1_000_000;

    private RuleChecks() {}

    /** {@code value}, which must be finite and greater than 0. */
    static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a number > 0, got " + format(value));
        }
        return value;
    }

    /** {@code value}, which must be finite and at least 0. */
    static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a number >= 0, got " + format(value));
        }
        return value;
    }

    /** {@code value}, which must lie in {@code [min, max]}. */
    static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be an integer in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** {@code value}, which must lie in {@code [1, MAX_SIZE]}. */
    static int size(String name, int value) {
        return inRange(name, value, 1, MAX_SIZE);
    }

    /**
     * Checks that the trainer's sequence count is sane: never negative and never going back. Rules
     * with a cadence rely on it growing, so a trainer that reset it would silently skip checks.
     *
     * @return {@code sequencesSeen}, to store as the new last count
     */
    static long advance(long lastSeen, long sequencesSeen) {
        if (sequencesSeen < 0) {
            throw new IllegalArgumentException("sequencesSeen must be >= 0, got " + sequencesSeen);
        }
        if (sequencesSeen < lastSeen) {
            throw new IllegalArgumentException(
                    "sequencesSeen went back from " + lastSeen + " to " + sequencesSeen);
        }
        return sequencesSeen;
    }

    /**
     * A number as a person would write it in an experiment file: {@code 0.01}, {@code 1}, {@code
     * 0.0001}, never {@code 1.0E-4}. Independent of the default locale.
     */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0"; // also -0.0, which BigDecimal would print as "0.0"
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
