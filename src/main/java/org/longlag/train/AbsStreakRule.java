package org.longlag.train;

import java.util.Map;

/**
 * ABS(β) over a streak: met once the last {@code window} consecutive training sequences each had
 * every output within β of its reference, i.e. {@link SequenceScore#maxAbsError()} &lt; β. The
 * paper's success criterion for Exp. 2a, 2b and 2c ("for 10,000 successive random sequences, the
 * maximum absolute error stays below 0.25", 0.25 and 0.2 respectively).
 *
 * <p>The sequences are the training sequences themselves, each judged before the update that
 * learns from it (see {@link StoppingRule#recordTraining}). The paper tests on "successive random
 * sequences" without saying whether learning continues meanwhile; on-line generators draw every
 * training sequence fresh, so the training stream is such a sequence of random sequences, and
 * judging it costs nothing. A single sequence at or above β starts the streak over; a score whose
 * error is NaN (a diverged network) counts as a failure.
 *
 * <p>What counts as "sequences to success" is a reading. By default ({@code streak-end}) it is
 * the count at which the rule is met, the end of the streak. With {@code streak-start} it is the
 * count before the streak began, i.e. the training that the 10,000 verified sequences followed:
 * the paper's own figures for Exp. 2a and 2b (5,040 and 5,680 sequences) are shorter than the
 * streak itself, so its tables cannot count the streak.
 */
public final class AbsStreakRule implements StoppingRule {

    /** The paper's streak length for Exp. 2a-2c. */
    public static final int PAPER_WINDOW = 10_000;

    private final double beta;
    private final int window;
    private final boolean countFromStreakStart;
    private int streak;

    /**
     * @param beta the bound on every output's absolute error, finite and &gt; 0
     * @param window how many successive sequences must stay below it, in [1, 1,000,000]
     */
    public AbsStreakRule(double beta, int window) {
        this(beta, window, false);
    }

    /**
     * @param beta the bound on every output's absolute error, finite and &gt; 0
     * @param window how many successive sequences must stay below it, in [1, 1,000,000]
     * @param countFromStreakStart report the sequences before the streak as sequences to success
     */
    public AbsStreakRule(double beta, int window, boolean countFromStreakStart) {
        this.beta = RuleChecks.positive("beta", beta);
        this.window = RuleChecks.size("window", window);
        this.countFromStreakStart = countFromStreakStart;
    }

    @Override
    public long sequencesToSuccess(long sequencesSeen) {
        return countFromStreakStart ? Math.max(0, sequencesSeen - window) : sequencesSeen;
    }

    @Override
    public void recordTraining(SequenceScore score) {
        // Written as "< beta" so that NaN fails; capped so the counter cannot overflow on runs
        // longer than two billion sequences.
        if (score.maxAbsError() < beta) {
            streak = Math.min(streak + 1, window);
        } else {
            streak = 0;
        }
    }

    @Override
    public boolean isMet(long sequencesSeen, Probe probe) {
        return streak >= window;
    }

    @Override
    public Map<String, Long> milestones() {
        return Map.of();
    }

    /** The current number of successive sequences below β, capped at {@code window}. */
    public int streak() {
        return streak;
    }

    /** The bound β on the absolute error. */
    public double beta() {
        return beta;
    }

    /** The required streak length. */
    public int window() {
        return window;
    }

    @Override
    public String describe() {
        return "ABS(" + RuleChecks.format(beta) + ") over " + window
                + (countFromStreakStart ? ", sequences to success counted to the streak's start" : "");
    }

    @Override
    public String toString() {
        return "AbsStreakRule[beta=" + RuleChecks.format(beta) + ", window=" + window
                + (countFromStreakStart ? ", count=streak-start" : "") + "]";
    }
}
