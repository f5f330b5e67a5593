package org.longlag.train;

import java.util.Map;

/**
 * ST3(β), the paper's stopping rule for the adding (Exp. 4, β = 0.01) and temporal-order
 * (Exp. 6, β = 0.1) problems: the average training error is below β and the 2000 most recent
 * training sequences were all processed correctly.
 *
 * <p><b>Average training error</b> is read as the mean, over the {@code window} most recent
 * training sequences, of each sequence's {@link SequenceScore#mse()}: squared error against the
 * training targets, averaged over the target steps and output units of that sequence, without the
 * factor ½ of the loss. The paper does not define it further. For the adding problem (one output
 * at one step) this is the plain squared error at the end of the sequence; for temporal order it
 * averages over the 4 or 8 outputs, which makes ST3(0.1) a little easier to meet than a sum over
 * outputs would. Both conditions are judged over the same window, and the rule is never met before
 * {@code window} sequences have been recorded.
 *
 * <p>Each recorded score costs O(1): a ring buffer holds the window's errors and verdicts, with a
 * running sum of errors and a count of incorrect sequences. Subtracting the oldest error from the
 * running sum accumulates rounding error over millions of sequences, so the sum is recomputed
 * exactly each time the ring wraps (O(1) amortised). Non-finite errors (a diverged network) are
 * kept out of the sum and counted instead, since NaN or infinity in a running sum would poison it
 * long after the bad sequence has left the window.
 */
public final class St3Rule implements StoppingRule {

    /** The paper's window: "the 2000 most recent training sequences". */
    public static final int PAPER_WINDOW = 2000;

    private final double beta;
    private final int window;
    private final double[] errors;
    private final boolean[] correct;
    private int next;
    private long recorded;
    private double sum;
    private int incorrect;
    private int nonFinite;

    /**
     * @param beta the bound on the average training error, finite and &gt; 0
     * @param window how many recent training sequences both conditions cover, in [1, 1,000,000]
     */
    public St3Rule(double beta, int window) {
        this.beta = RuleChecks.positive("beta", beta);
        this.window = RuleChecks.size("window", window);
        this.errors = new double[window];
        this.correct = new boolean[window];
    }

    @Override
    public void recordTraining(SequenceScore score) {
        if (recorded >= window) {
            forget(next);
        }
        double error = score.mse();
        errors[next] = error;
        correct[next] = score.correct();
        if (Double.isFinite(error)) {
            sum += error;
        } else {
            nonFinite++;
        }
        if (!score.correct()) {
            incorrect++;
        }
        recorded++;
        next++;
        if (next == window) {
            next = 0;
            resum();
        }
    }

    private void forget(int slot) {
        if (Double.isFinite(errors[slot])) {
            sum -= errors[slot];
        } else {
            nonFinite--;
        }
        if (!correct[slot]) {
            incorrect--;
        }
    }

    private void resum() {
        double exact = 0;
        for (double error : errors) {
            if (Double.isFinite(error)) {
                exact += error;
            }
        }
        sum = exact;
    }

    @Override
    public boolean isMet(long sequencesSeen, Probe probe) {
        return recorded >= window && incorrect == 0 && nonFinite == 0 && averageError() < beta;
    }

    /**
     * The mean of {@link SequenceScore#mse()} over the recorded sequences still in the window (NaN
     * before any, or while a non-finite error is in the window). Exposed for progress reports.
     */
    public double averageError() {
        long n = Math.min(recorded, window);
        if (n == 0 || nonFinite > 0) {
            return Double.NaN;
        }
        return sum / n;
    }

    /** How many of the sequences in the window were not correct. */
    public int incorrectInWindow() {
        return incorrect;
    }

    /** The bound β on the average training error. */
    public double beta() {
        return beta;
    }

    /** How many recent sequences the rule looks at. */
    public int window() {
        return window;
    }

    @Override
    public Map<String, Long> milestones() {
        return Map.of();
    }

    @Override
    public String describe() {
        String base = "ST3(" + RuleChecks.format(beta) + ")";
        return window == PAPER_WINDOW ? base : base + " over " + window;
    }

    @Override
    public String toString() {
        return "St3Rule[beta=" + RuleChecks.format(beta) + ", window=" + window + "]";
    }
}
