package org.longlag.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.longlag.task.Sequence;

/** Synthetic scores and a scripted probe, so that rules are tested without networks. */
final class Fixtures {

    private Fixtures() {}

    /** A one-output score: squared error {@code mse}, absolute error {@code absError}. */
    static SequenceScore score(boolean correct, double mse, double absError) {
        return new SequenceScore(correct, mse, 1, absError, absError);
    }

    /** A correct one-output score with squared error {@code mse}. */
    static SequenceScore good(double mse) {
        return score(true, mse, Math.sqrt(mse));
    }

    /** A one-output score with absolute error {@code absError}, correct by the task's rule. */
    static SequenceScore abs(double absError) {
        return score(true, absError * absError, absError);
    }

    /** {@code n} test scores, the first {@code wrong} of them incorrect, each of mean |error| {@code meanAbs}. */
    static List<SequenceScore> testScores(int n, int wrong, double meanAbs) {
        List<SequenceScore> scores = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            scores.add(score(i >= wrong, meanAbs * meanAbs, meanAbs));
        }
        return scores;
    }

    /** {@code n} scores, correct or not. */
    static List<SequenceScore> all(int n, boolean correct) {
        return Collections.nCopies(n, score(correct, 0.01, 0.1));
    }

    /** A minimal valid sequence. */
    static Sequence sequence() {
        return new Sequence(new double[][] {{0}}, new double[][] {{1}});
    }

    static List<Sequence> sequences(int n) {
        List<Sequence> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(sequence());
        }
        return list;
    }

    /**
     * A probe that answers each {@link #evaluate} with the next scripted list of scores and
     * records what it was asked.
     */
    static final class ScriptedProbe implements Probe {
        final List<Sequence> training;
        final Deque<List<SequenceScore>> answers = new ArrayDeque<>();
        final List<List<Sequence>> evaluated = new ArrayList<>();
        final List<List<Sequence>> testSets = new ArrayList<>();
        final List<Integer> testSetSizes = new ArrayList<>();

        ScriptedProbe(List<Sequence> training) {
            this.training = training;
        }

        ScriptedProbe() {
            this(List.of());
        }

        /** Queues the scores of the next evaluation. */
        ScriptedProbe then(List<SequenceScore> scores) {
            answers.add(scores);
            return this;
        }

        @Override
        public List<SequenceScore> evaluate(List<Sequence> sequences) {
            evaluated.add(sequences);
            List<SequenceScore> answer = answers.poll();
            if (answer == null) {
                throw new AssertionError("unexpected evaluation #" + evaluated.size());
            }
            return answer;
        }

        @Override
        public List<Sequence> testSet(int n) {
            testSetSizes.add(n);
            List<Sequence> set = sequences(n);
            testSets.add(set);
            return set;
        }

        @Override
        public List<Sequence> trainingSet() {
            return training;
        }
    }

    /** A probe that fails the test if a rule uses it. */
    static final Probe UNUSED = new Probe() {
        @Override
        public List<SequenceScore> evaluate(List<Sequence> sequences) {
            throw new AssertionError("rule should not evaluate");
        }

        @Override
        public List<Sequence> testSet(int n) {
            throw new AssertionError("rule should not ask for a test set");
        }

        @Override
        public List<Sequence> trainingSet() {
            throw new AssertionError("rule should not ask for the training set");
        }
    };

    /** Records {@code n} copies of {@code score}. */
    static void record(StoppingRule rule, int n, SequenceScore score) {
        for (int i = 0; i < n; i++) {
            rule.recordTraining(score);
        }
    }
}
