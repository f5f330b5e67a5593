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
 * <p>The sequence count at which the rule is met is therefore the end of the streak, as in the
 * paper's tables, which count the sequences needed until the criterion holds.
 */
public final class AbsStreakRule implements StoppingRule {

    /** The paper's streak length for Exp. 2a-2c. */
    public static final int PAPER_WINDOW = 10_000;

    private final double beta;
    private final int window;
    private int streak;

    /**
     * @param beta the bound on every output's absolute error, finite and &gt; 0
     * @param window how many successive sequences must stay below it, in [1, 1,000,000]
     */
    public AbsStreakRule(double beta, int window) {
        this.beta = RuleChecks.positive("beta", beta);
        this.window = RuleChecks.size("window", window);
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
        return "ABS(" + RuleChecks.format(beta) + ") over " + window;
    }

    @Override
    public String toString() {
        return "AbsStreakRule[beta=" + RuleChecks.format(beta) + ", window=" + window + "]";
    }
}
