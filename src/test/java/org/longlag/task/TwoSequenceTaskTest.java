package org.longlag.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwoSequenceTaskTest {

    /** Running mean and variance. */
    private static final class Moments {
        long n;
        double sum;
        double sumSq;

        void add(double x) {
            n++;
            sum += x;
            sumSq += x * x;
        }

        double mean() {
            return sum / n;
        }

        double variance() {
            return sumSq / n - mean() * mean();
        }
    }

    private static void checkShape(TwoSequenceBase task, Sequence s) {
        int t = task.T();
        assertTrue(s.length() >= t && s.length() <= t + t / 10, "length " + s.length());
        assertEquals(1, s.targetCount());
        assertTrue(s.hasTarget(s.length() - 1));
        for (int step = 0; step < s.length(); step++) {
            if (s.input(step).length != 1) {
                fail("input width at step " + step);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"100, 3", "100, 1", "1000, 3", "2, 1"})
    void twoSequenceRules(int t, int n) {
        TwoSequenceTask task = new TwoSequenceTask(t, n);
        int count = t >= 1000 ? 500 : 4000;
        int classOne = 0;
        Moments noise = new Moments();
        for (Sequence s : TaskTesting.sample(task, 41, count)) {
            checkShape(task, s);
            double signal = s.input(0)[0];
            assertTrue(signal == 1.0 || signal == -1.0);
            for (int step = 0; step < n; step++) {
                assertEquals(signal, s.input(step)[0], "noise-free signal");
            }
            for (int step = n; step < s.length(); step++) {
                noise.add(s.input(step)[0]);
            }
            double expected = signal == 1.0 ? 1.0 : 0.0;
            assertEquals(expected, s.target(s.length() - 1)[0]);
            assertEquals(expected, s.reference(s.length() - 1)[0]);
            if (signal == 1.0) {
                classOne++;
            }
        }
        assertEquals(0.5, (double) classOne / count, 4 * Math.sqrt(0.25 / count));
        if (noise.n > 100_000) {
            assertEquals(0.0, noise.mean(), 4 * Math.sqrt(0.2 / noise.n));
            // The variance estimate has standard error about 0.2 * sqrt(2 / n).
            assertEquals(0.2, noise.variance(), 4 * 0.2 * Math.sqrt(2.0 / noise.n));
        }
    }

    @Test
    void noisySignal() {
        NoisyTwoSequenceTask task = new NoisyTwoSequenceTask(100, 3);
        int count = 4000;
        Moments signalNoise = new Moments();
        Moments noise = new Moments();
        int classOne = 0;
        for (Sequence s : TaskTesting.sample(task, 42, count)) {
            checkShape(task, s);
            double target = s.target(s.length() - 1)[0];
            assertTrue(target == 1.0 || target == 0.0);
            assertEquals(target, s.reference(s.length() - 1)[0]);
            double sign = target == 1.0 ? 1.0 : -1.0;
            for (int step = 0; step < 3; step++) {
                assertNotEquals(sign, s.input(step)[0], "signal carries noise");
                signalNoise.add(s.input(step)[0] - sign);
            }
            for (int step = 3; step < s.length(); step++) {
                noise.add(s.input(step)[0]);
            }
            if (target == 1.0) {
                classOne++;
            }
        }
        assertEquals(0.5, (double) classOne / count, 4 * Math.sqrt(0.25 / count));
        assertEquals(0.0, signalNoise.mean(), 4 * Math.sqrt(0.2 / signalNoise.n));
        assertEquals(0.2, signalNoise.variance(), 4 * 0.2 * Math.sqrt(2.0 / signalNoise.n));
        assertEquals(0.2, noise.variance(), 4 * 0.2 * Math.sqrt(2.0 / noise.n));
    }

    @Test
    void continuousTargets() {
        ContinuousTwoSequenceTask task = new ContinuousTwoSequenceTask(100, 3);
        int count = 20000;
        Moments targetNoise = new Moments();
        int classOne = 0;
        for (Sequence s : TaskTesting.sample(task, 43, count)) {
            checkShape(task, s);
            double signal = s.input(0)[0];
            assertTrue(signal == 1.0 || signal == -1.0);
            assertEquals(signal, s.input(2)[0]);
            double reference = s.reference(s.length() - 1)[0];
            assertEquals(signal == 1.0 ? 0.2 : 0.8, reference);
            targetNoise.add(s.target(s.length() - 1)[0] - reference);
            if (signal == 1.0) {
                classOne++;
            }
        }
        assertEquals(0.5, (double) classOne / count, 4 * Math.sqrt(0.25 / count));
        assertEquals(0.0, targetNoise.mean(), 4 * Math.sqrt(0.1 / count));
        assertEquals(0.1, targetNoise.variance(), 4 * 0.1 * Math.sqrt(2.0 / count));
    }

    @Test
    void correctnessRules() {
        for (TwoSequenceBase task : List.of(new TwoSequenceTask(100, 3), new NoisyTwoSequenceTask(100, 3))) {
            for (Sequence s : TaskTesting.sample(task, 5, 50)) {
                assertTrue(task.isCorrect(s, TaskTesting.exactOutputs(s, 1)));
                assertTrue(task.isCorrect(s, TaskTesting.perturbed(s, 1, 0, 0.199)));
                assertTrue(task.isCorrect(s, TaskTesting.perturbed(s, 1, 0, -0.199)));
                assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, 1, 0, 0.201)));
                assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, 1, 0, -0.201)));
            }
        }
        ContinuousTwoSequenceTask continuous = new ContinuousTwoSequenceTask(100, 3);
        for (Sequence s : TaskTesting.sample(continuous, 5, 50)) {
            // Judged against the noise-free reference, not the noisy training target.
            assertTrue(continuous.isCorrect(s, TaskTesting.exactOutputs(s, 1)));
            assertTrue(continuous.isCorrect(s, TaskTesting.perturbed(s, 1, 0, 0.0999)));
            assertTrue(continuous.isCorrect(s, TaskTesting.perturbed(s, 1, 0, -0.0999)));
            assertFalse(continuous.isCorrect(s, TaskTesting.perturbed(s, 1, 0, 0.1001)));
            assertFalse(continuous.isCorrect(s, TaskTesting.perturbed(s, 1, 0, -0.1001)));
            assertFalse(continuous.isCorrect(s, TaskTesting.perturbed(s, 1, 0, Double.NaN)));
        }
        // The bound is inclusive: a difference of exactly 0.1 is not "> 0.1".
        Sequence exact = new Sequence(new double[][] {{1.0}}, new double[][] {{0.05}}, new double[][] {{0.0}});
        assertTrue(continuous.isCorrect(exact, new double[][] {{0.1}}));
        assertFalse(continuous.isCorrect(exact, new double[][] {{Math.nextUp(0.1)}}));
    }

    @Test
    void pinnedAndDeterministic() {
        TaskTesting.assertDeterministic(new TwoSequenceTask(100, 3));
        TaskTesting.assertDeterministic(new NoisyTwoSequenceTask(100, 3));
        TaskTesting.assertDeterministic(new ContinuousTwoSequenceTask(100, 3));
        Sequence s = TaskTesting.sample(new ContinuousTwoSequenceTask(100, 3), 42, 1).get(0);
        assertEquals(105, s.length());
        assertEquals(-0.01722603362278504, s.input(50)[0]);
        assertEquals(0.42780128794171823, s.target(s.length() - 1)[0]);
    }

    @Test
    void sizesAndToString() {
        assertEquals("TwoSequenceTask[T=100, N=3]", new TwoSequenceTask(100, 3).toString());
        assertEquals("NoisyTwoSequenceTask[T=1000, N=1]", new NoisyTwoSequenceTask(1000, 1).toString());
        assertEquals("ContinuousTwoSequenceTask[T=100, N=1]", new ContinuousTwoSequenceTask(100, 1).toString());
        TwoSequenceTask task = new TwoSequenceTask(100, 3);
        assertEquals(1, task.inputSize());
        assertEquals(1, task.outputSize());
    }

    @Test
    void badParameters() {
        TaskTesting.assertRejected("T", "1", () -> new TwoSequenceTask(1, 1));
        TaskTesting.assertRejected("T", "-100", () -> new NoisyTwoSequenceTask(-100, 3));
        TaskTesting.assertRejected("N", "0", () -> new TwoSequenceTask(100, 0));
        TaskTesting.assertRejected("N", "100", () -> new ContinuousTwoSequenceTask(100, 100));
    }
}
