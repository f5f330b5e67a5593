package org.longlag.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Checks shared by the task tests. */
final class TaskTesting {

    private TaskTesting() {
    }

    /** {@code n} sequences from a fixed seed. */
    static List<Sequence> sample(GeneratedTask task, long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Sequence> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(task.sample(rng));
        }
        return out;
    }

    /** Outputs equal to the references (0 where a step has none). */
    static double[][] exactOutputs(Sequence s, int outputSize) {
        double[][] out = new double[s.length()][];
        for (int t = 0; t < s.length(); t++) {
            out[t] = s.reference(t) == null ? new double[outputSize] : s.reference(t).clone();
        }
        return out;
    }

    /** Exact outputs with {@code delta} added to output {@code k} at the last target step. */
    static double[][] perturbed(Sequence s, int outputSize, int k, double delta) {
        double[][] out = exactOutputs(s, outputSize);
        out[lastTargetStep(s)][k] += delta;
        return out;
    }

    static int lastTargetStep(Sequence s) {
        for (int t = s.length() - 1; t >= 0; t--) {
            if (s.hasTarget(t)) {
                return t;
            }
        }
        throw new AssertionError("no target step");
    }

    /** Index of the single 1 of a one-hot vector, failing if it is not one. */
    static int oneHotIndex(double[] v) {
        int index = -1;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 1.0) {
                assertEquals(-1, index, "two ones in a one-hot vector");
                index = i;
            } else {
                assertEquals(0.0, v[i], "one-hot vector entry");
            }
        }
        assertTrue(index >= 0, "no one in a one-hot vector");
        return index;
    }

    /** Same seed, same sequences; a trial's test set does not depend on training draws. */
    static void assertDeterministic(SequenceTask task) {
        TrialData a = task.newTrial(new SplittableRandom(7));
        TrialData b = task.newTrial(new SplittableRandom(7));
        for (int i = 0; i < 20; i++) {
            assertSameSequence(a.nextTraining(), b.nextTraining());
        }
        List<Sequence> testA = a.testSet(10);
        List<Sequence> testB = task.newTrial(new SplittableRandom(7)).testSet(10);
        assertEquals(testA.size(), testB.size());
        for (int i = 0; i < testA.size(); i++) {
            assertSameSequence(testA.get(i), testB.get(i));
        }
    }

    static void assertSameSequence(Sequence x, Sequence y) {
        assertEquals(x.length(), y.length());
        for (int t = 0; t < x.length(); t++) {
            assertArrayEquals(x.input(t), y.input(t));
            assertArrayEquals(x.target(t), y.target(t));
            assertArrayEquals(x.reference(t), y.reference(t));
        }
    }

    /** The constructor call fails with a message naming the parameter and the value. */
    static void assertRejected(String parameter, String value, Supplier<Object> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().contains("parameter " + parameter), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }
}
