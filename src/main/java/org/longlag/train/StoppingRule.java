package org.longlag.train;

import java.util.Map;

/**
 * A criterion of the paper for when training has succeeded. A rule is stateful and belongs to one
 * trial: the trainer feeds it the score of every training sequence, then asks after every update
 * whether it is met. Running out of the sequence budget is the trainer's business, not the rule's.
 */
public interface StoppingRule {

    /** Records the score of one training sequence, judged before the update that learnt from it. */
    void recordTraining(SequenceScore score);

    /**
     * Whether the criterion is met after {@code sequencesSeen} training sequences. Rules that test
     * the network on separate sequences do so through {@code probe}, at their own cadence.
     */
    boolean isMet(long sequencesSeen, Probe probe);

    /**
     * Sequence counts at which intermediate criteria were first met, in the order met (for
     * example ST1 on the way to ST2); empty for rules without any.
     */
    Map<String, Long> milestones();

    /**
     * The sequence count reported as "sequences to success" when the rule is met after
     * {@code sequencesSeen}: by default the count itself.
     */
    default long sequencesToSuccess(long sequencesSeen) {
        return sequencesSeen;
    }

    /** Short human-readable statement of the rule with its parameters, e.g. {@code ST3(0.01)}. */
    String describe();
}
