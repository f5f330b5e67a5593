package org.longlag.train;

import java.util.function.LongSupplier;

/**
 * How long a trial may train: at most {@code sequences} training sequences and, if
 * {@code seconds} is positive, at most that much training wall time (the final test is not
 * counted). The time is read between updates, so an update that starts before the limit runs to
 * its end. Models of different speed compared at equal {@code seconds} get equal compute rather
 * than equal data.
 *
 * @param sequences the sequence budget, positive
 * @param seconds the wall-clock budget in seconds, or 0 for none
 * @param clock the time source in nanoseconds ({@link System#nanoTime} except in tests, which
 *     pass a fake one so that no assertion depends on how fast the machine is)
 */
public record TrainingBudget(long sequences, double seconds, LongSupplier clock) {

    public TrainingBudget {
        if (sequences <= 0) {
            throw new IllegalArgumentException("sequences must be positive, got " + sequences);
        }
        if (!(seconds >= 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seconds must be 0 (none) or a positive number, got " + seconds);
        }
    }

    /** A budget of {@code sequences} only. */
    public static TrainingBudget ofSequences(long sequences) {
        return new TrainingBudget(sequences, 0, System::nanoTime);
    }

    /** A budget of {@code sequences} and, if {@code seconds} is not {@code null}, of wall time, on the system clock. */
    public static TrainingBudget of(long sequences, Double seconds) {
        return new TrainingBudget(sequences, seconds == null ? 0 : seconds, System::nanoTime);
    }

    /** A stopwatch started now: it tells when the wall-clock budget is spent. */
    Stopwatch start() {
        return new Stopwatch(clock.getAsLong());
    }

    /** The wall time of one trial's training, against this budget's {@code seconds}. */
    final class Stopwatch {
        private final long startNanos;

        private Stopwatch(long startNanos) {
            this.startNanos = startNanos;
        }

        /** Whether training has run past the wall-clock budget (never, without one). */
        boolean expired() {
            return seconds > 0 && (clock.getAsLong() - startNanos) / 1e9 >= seconds;
        }
    }
}
