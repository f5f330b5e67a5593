package org.longlag.train;

import java.util.Map;

/**
 * The multiplication problem's rule (Exp. 5): met when fewer than n_seq of the last 2000 training
 * sequences had an absolute error above 0.04 (the paper runs n_seq = 140 and n_seq = 13).
 *
 * <p>A sequence counts as wrong when its {@link SequenceScore#maxAbsError()} is above {@code
 * tolerance}, or is NaN (a diverged network). This is deliberately not the task's {@link
 * SequenceScore#correct()} verdict: the paper states the tolerance in the rule itself, and a rule
 * that owns its tolerance stays right if a task's correctness test changes. The rule is never met
 * before {@code window} sequences have been recorded. Each recorded score costs O(1) (a ring
 * buffer of verdicts and a count of the wrong ones in it; integers, so nothing drifts).
 */
public final class WrongOfRecentRule implements StoppingRule {

    /** The paper's window: "the last 2000 training sequences". */
    public static final int PAPER_WINDOW = 2000;

    /** The paper's tolerance on the absolute error. */
    public static final double PAPER_TOLERANCE = 0.04;

    private final int fewerThan;
    private final double tolerance;
    private final int window;
    private final boolean[] wrong;
    private int next;
    private long recorded;
    private int wrongCount;

    /**
     * @param fewerThan the paper's n_seq: the rule is met when the wrong count is strictly below
     *     it; in [1, window]
     * @param tolerance absolute errors above this make a sequence wrong; finite and &gt;= 0
     * @param window how many recent training sequences to count over, in [1, 1,000,000]
     */
    public WrongOfRecentRule(int fewerThan, double tolerance, int window) {
        this.window = RuleChecks.size("window", window);
        this.fewerThan = RuleChecks.inRange("fewerThan", fewerThan, 1, window);
        this.tolerance = RuleChecks.nonNegative("tolerance", tolerance);
        this.wrong = new boolean[window];
    }

    @Override
    public void recordTraining(SequenceScore score) {
        if (recorded >= window && wrong[next]) {
            wrongCount--;
        }
        // Negated "<=" so that NaN counts as wrong.
        boolean isWrong = !(score.maxAbsError() <= tolerance);
        wrong[next] = isWrong;
        if (isWrong) {
            wrongCount++;
        }
        recorded++;
        next = next + 1 == window ? 0 : next + 1;
    }

    @Override
    public boolean isMet(long sequencesSeen, Probe probe) {
        return recorded >= window && wrongCount < fewerThan;
    }

    /** How many of the sequences in the window were wrong (of fewer, before the window fills). */
    public int wrongInWindow() {
        return wrongCount;
    }

    /** The paper's n_seq: the wrong count must be strictly below it. */
    public int fewerThan() {
        return fewerThan;
    }

    /** The tolerance on the absolute error. */
    public double tolerance() {
        return tolerance;
    }

    /** How many recent sequences the rule counts over. */
    public int window() {
        return window;
    }

    @Override
    public Map<String, Long> milestones() {
        return Map.of();
    }

    @Override
    public String describe() {
        return "fewer than " + fewerThan + " of the last " + window + " with |error| > "
                + RuleChecks.format(tolerance);
    }

    @Override
    public String toString() {
        return "WrongOfRecentRule[fewerThan=" + fewerThan + ", tolerance="
                + RuleChecks.format(tolerance) + ", window=" + window + "]";
    }
}
