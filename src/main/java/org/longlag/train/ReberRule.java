package org.longlag.train;

import java.util.List;
import java.util.Map;
import org.longlag.task.Sequence;

/**
 * The embedded Reber grammar's success criterion (Exp. 1): every string of the training set and
 * of the test set is predicted correctly ({@link SequenceScore#correct()}, the task's rule that
 * every legal next symbol's output is above every illegal one's).
 *
 * <p><b>When to check.</b> Scoring all 512 strings after every training sequence would cost more
 * than the training itself, so the rule checks only after a streak of {@code streak} consecutive
 * correct training sequences (each judged before its update, so the streak costs nothing to
 * keep). The reasoning:
 *
 * <ul>
 *   <li>The gate never blocks a network that meets the criterion: such a network gets every
 *       training string right, so its streak keeps growing, and the check runs at most {@code
 *       streak} sequences after the network became perfect, usually sooner because the streak may
 *       have begun before. With the default of 256 that is at most 3 % of the paper's fastest
 *       mean (8,440 sequences).
 *   <li>The gate does reject the networks that would waste a check: a network wrong on k of the
 *       256 training strings (drawn at random) completes a streak of 256 with probability about
 *       e^-k, so checks are rare until the network is nearly right.
 *   <li>A failed check starts the streak over, so there is at most one check per {@code streak}
 *       training sequences, whatever the network does.
 *   <li>The check scores the training set first and the test set only if the training set
 *       passes, since a network wrong on its own training set cannot meet the criterion.
 * </ul>
 *
 * <p>The stopping point is the count at which a check passed. The training set comes from {@link
 * Probe#trainingSet()}, which must not be empty; the test set from {@link Probe#testSet}, which for
 * this task is the trial's fixed set of 256 strings. Once met the rule stays met.
 */
public final class ReberRule implements StoppingRule {

    /** The default streak length: the size of the paper's training set. */
    public static final int DEFAULT_STREAK = 256;

    /** Size of the paper's test set (the probe returns the task's fixed set whatever is asked). */
    static final int TEST_SIZE = 256;

    private final int streak;
    private int current;
    private long lastSeen;
    private long checks;
    private boolean met;

    /**
     * @param streak consecutive correct training sequences required before each check, in [1,
     *     1,000,000]
     */
    public ReberRule(int streak) {
        this.streak = RuleChecks.size("streak", streak);
    }

    /** The rule with the {@link #DEFAULT_STREAK default} streak. */
    public ReberRule() {
        this(DEFAULT_STREAK);
    }

    @Override
    public void recordTraining(SequenceScore score) {
        current = score.correct() ? Math.min(current + 1, streak) : 0;
    }

    @Override
    public boolean isMet(long sequencesSeen, Probe probe) {
        lastSeen = RuleChecks.advance(lastSeen, sequencesSeen);
        if (met || current < streak) {
            return met;
        }
        current = 0;
        checks++;
        List<Sequence> training = probe.trainingSet();
        if (training.isEmpty()) {
            throw new IllegalStateException("the Reber rule needs a finite training set; the probe has none");
        }
        met = allCorrect(probe.evaluate(training)) && allCorrect(probe.evaluate(probe.testSet(TEST_SIZE)));
        return met;
    }

    private static boolean allCorrect(List<SequenceScore> scores) {
        if (scores.isEmpty()) {
            throw new IllegalStateException("the probe returned no scores");
        }
        for (SequenceScore score : scores) {
            if (!score.correct()) {
                return false;
            }
        }
        return true;
    }

    /** How many times the training set has been evaluated. */
    public long checks() {
        return checks;
    }

    /** The streak of correct training sequences required before a check. */
    public int streak() {
        return streak;
    }

    @Override
    public Map<String, Long> milestones() {
        return Map.of();
    }

    @Override
    public String describe() {
        return "every training and test string correct, checked after " + streak + " correct in a row";
    }

    @Override
    public String toString() {
        return "ReberRule[streak=" + streak + "]";
    }
}
