package org.longlag.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * ST1 and ST2, the paper's rules for the two-sequence problems (Exp. 3a-3c), judged on fresh test
 * sets at a fixed cadence.
 *
 * <ul>
 *   <li><b>ST1</b>: at most {@code maxWrong} of {@code testSize} fresh test sequences are wrong
 *       (not {@link SequenceScore#correct()}). Exp. 3a and 3c: none of 256; Exp. 3b: "fewer than 6
 *       of 256", i.e. {@code maxWrong} = 5.
 *   <li><b>ST2</b>: ST1 holds and the mean absolute test error is below {@code maxMeanAbsError}
 *       (Exp. 3a 0.01, 3b 0.04, 3c 0.015), on the same test set.
 * </ul>
 *
 * <p><b>Mean absolute test error</b> is the mean over the test sequences of each sequence's {@link
 * SequenceScore#meanAbsError()}, so every sequence weighs the same whatever its number of target
 * outputs. For Exp. 3 (one output at one step) it equals the pooled mean over all outputs. It is
 * measured against the judging references, which for Exp. 3c are the noise-free targets, as the
 * paper asks.
 *
 * <p><b>Cadence.</b> The paper does not say how often it tested. Testing 256 sequences after every
 * training sequence would cost far more than the training itself, so the rule tests whenever the
 * sequence count crosses a multiple of {@code checkEvery}: the trainer may report counts in jumps
 * (a minibatch of 32 takes 990 to 1022), and the check due at 1000 then runs at 1022. Several
 * multiples crossed in one jump still give one check. The milestones and the stopping point are
 * the count at which the check ran, which overstates the paper's "sequences to ST1/ST2" by up to
 * {@code checkEvery} (half that on average) plus one batch; a cadence of 1000 is 0.2-4 % of the
 * paper's numbers (27,380 to 485,080). Each check draws a fresh test set through {@link
 * Probe#testSet}.
 *
 * <p>Milestones {@code ST1} and {@code ST2} hold the first count at which each held (ST1 first;
 * both the same count when one check met both). The rule is met at ST2, or at ST1 when no ST2
 * threshold is given. Once met it stays met.
 */
public final class TestSetRule implements StoppingRule {

    /** The paper's test-set size for ST1 and ST2. */
    public static final int PAPER_TEST_SIZE = 256;

    /** The default cadence of checks, in training sequences (the paper gives none). */
    public static final int DEFAULT_CHECK_EVERY = 1000;

    /** Milestone name of ST1. */
    public static final String ST1 = "ST1";

    /** Milestone name of ST2. */
    public static final String ST2 = "ST2";

    private final int testSize;
    private final int checkEvery;
    private final int maxWrong;
    private final double maxMeanAbsError; // NaN: no ST2
    private final Map<String, Long> milestones = new LinkedHashMap<>();
    private long lastSeen;
    private long checks;
    private int lastWrong = -1;
    private double lastMeanAbsError = Double.NaN;
    private boolean met;

    /**
     * ST1 and ST2.
     *
     * @param testSize sequences per test set, in [1, 1,000,000]
     * @param checkEvery training sequences between checks, in [1, 1,000,000]
     * @param maxWrong ST1 allows at most this many wrong, in [0, testSize - 1]
     * @param maxMeanAbsError ST2's strict bound on the mean absolute test error, finite and &gt; 0
     */
    public TestSetRule(int testSize, int checkEvery, int maxWrong, double maxMeanAbsError) {
        this(testSize, checkEvery, maxWrong, OptionalDouble.of(maxMeanAbsError));
    }

    /**
     * ST1, and ST2 if {@code maxMeanAbsError} is present.
     *
     * @param testSize sequences per test set, in [1, 1,000,000]
     * @param checkEvery training sequences between checks, in [1, 1,000,000]
     * @param maxWrong ST1 allows at most this many wrong, in [0, testSize - 1]
     * @param maxMeanAbsError ST2's strict bound on the mean absolute test error, finite and &gt; 0;
     *     empty to stop at ST1
     */
    public TestSetRule(int testSize, int checkEvery, int maxWrong, OptionalDouble maxMeanAbsError) {
        this.testSize = RuleChecks.size("testSize", testSize);
        this.checkEvery = RuleChecks.size("checkEvery", checkEvery);
        // maxWrong = testSize would let an untrained network pass ST1.
        this.maxWrong = RuleChecks.inRange("maxWrong", maxWrong, 0, testSize - 1);
        this.maxMeanAbsError = maxMeanAbsError.isPresent()
                ? RuleChecks.positive("maxMeanAbsError", maxMeanAbsError.getAsDouble())
                : Double.NaN;
    }

    @Override
    public void recordTraining(SequenceScore score) {
        // Judged on test sets only.
    }

    @Override
    public boolean isMet(long sequencesSeen, Probe probe) {
        long previous = lastSeen;
        lastSeen = RuleChecks.advance(lastSeen, sequencesSeen);
        if (met || sequencesSeen / checkEvery == previous / checkEvery) {
            return met;
        }
        check(sequencesSeen, probe);
        return met;
    }

    private void check(long sequencesSeen, Probe probe) {
        List<SequenceScore> scores = probe.evaluate(probe.testSet(testSize));
        if (scores.isEmpty()) {
            throw new IllegalStateException("the probe returned no scores for a test set of " + testSize);
        }
        checks++;
        int wrong = 0;
        double sumMeanAbs = 0;
        for (SequenceScore score : scores) {
            if (!score.correct()) {
                wrong++;
            }
            sumMeanAbs += score.meanAbsError();
        }
        lastWrong = wrong;
        lastMeanAbsError = sumMeanAbs / scores.size();
        boolean st1 = wrong <= maxWrong;
        if (st1) {
            milestones.putIfAbsent(ST1, sequencesSeen);
        }
        // "<" so that a NaN error never passes.
        boolean st2 = st1 && hasSt2() && lastMeanAbsError < maxMeanAbsError;
        if (st2) {
            milestones.putIfAbsent(ST2, sequencesSeen);
        }
        met = hasSt2() ? st2 : st1;
    }

    /** Whether the rule goes on to ST2 after ST1. */
    public boolean hasSt2() {
        return !Double.isNaN(maxMeanAbsError);
    }

    /** How many test sets have been evaluated so far. */
    public long checks() {
        return checks;
    }

    /** Wrong count on the latest test set, or -1 before the first check. */
    public int lastWrong() {
        return lastWrong;
    }

    /** Mean absolute error on the latest test set, or NaN before the first check. */
    public double lastMeanAbsError() {
        return lastMeanAbsError;
    }

    /** Sequences per test set. */
    public int testSize() {
        return testSize;
    }

    /** Training sequences between checks. */
    public int checkEvery() {
        return checkEvery;
    }

    /** The most wrong test sequences ST1 allows. */
    public int maxWrong() {
        return maxWrong;
    }

    /** ST2's bound on the mean absolute test error, if any. */
    public OptionalDouble maxMeanAbsError() {
        return hasSt2() ? OptionalDouble.of(maxMeanAbsError) : OptionalDouble.empty();
    }

    @Override
    public Map<String, Long> milestones() {
        return Collections.unmodifiableMap(milestones);
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("ST1 (≤").append(maxWrong).append(" of ").append(testSize)
                .append(" wrong)");
        if (hasSt2()) {
            s.append(", ST2 (mean |error| < ").append(RuleChecks.format(maxMeanAbsError)).append(')');
        }
        return s.append(", checked every ").append(checkEvery).toString();
    }

    @Override
    public String toString() {
        return "TestSetRule[testSize=" + testSize + ", checkEvery=" + checkEvery + ", maxWrong="
                + maxWrong + ", maxMeanAbsError="
                + (hasSt2() ? RuleChecks.format(maxMeanAbsError) : "none") + "]";
    }
}
