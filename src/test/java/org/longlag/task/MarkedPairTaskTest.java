package org.longlag.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkedPairTaskTest {

    /** Checks every rule of Exp. 4/5 on one sequence and returns the step of the earlier mark. */
    private static int checkRules(MarkedPairTask task, Sequence s, boolean adding) {
        int t = task.T();
        assertTrue(s.length() >= t && s.length() <= t + t / 10, "length " + s.length());
        int early = -1;
        int late = -1;
        for (int step = 0; step < s.length(); step++) {
            double[] in = s.input(step);
            double value = in[0];
            boolean inRange = adding ? value >= -1.0 && value <= 1.0 : value >= 0.0 && value <= 1.0;
            double marker = in[1];
            boolean end = step == 0 || step == s.length() - 1;
            if (marker == 1.0) {
                if (early < 0) {
                    early = step;
                } else if (late < 0) {
                    late = step;
                } else {
                    fail("more than two marks");
                }
            } else if (marker != (end ? -1.0 : 0.0)) {
                fail("marker " + marker + " at step " + step);
            }
            if (in.length != 2 || !inRange || (step < s.length() - 1 && s.target(step) != null)) {
                fail("step " + step + ": " + java.util.Arrays.toString(in) + " target " + s.target(step));
            }
        }
        assertTrue(late > 0, "two marks");
        int secondRange = t / 2 - 1;
        // One mark among the first 10 pairs, the other among the first T/2-1.
        boolean placed = (early < 10 && late < secondRange) || (late < 10 && early < secondRange);
        assertTrue(placed, "marks at " + early + ", " + late);
        double x1 = early == 0 ? (adding ? 0.0 : 1.0) : s.input(early)[0];
        double x2 = s.input(late)[0];
        double expected = adding ? 0.5 + (x1 + x2) / 4.0 : x1 * x2;
        double[] target = s.target(s.length() - 1);
        assertEquals(1, target.length);
        assertEquals(expected, target[0], 1e-15);
        assertEquals(1, s.targetCount());
        return early;
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 13, 100, 1000})
    void addingRulesHoldOnEverySequence(int t) {
        AddingTask task = new AddingTask(t);
        int n = t == 1000 ? 1000 : 5000;
        for (Sequence s : TaskTesting.sample(task, 11, n)) {
            checkRules(task, s, true);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 100})
    void multiplicationRulesHoldOnEverySequence(int t) {
        MultiplicationTask task = new MultiplicationTask(t);
        for (Sequence s : TaskTesting.sample(task, 12, 5000)) {
            checkRules(task, s, false);
        }
    }

    @Test
    void statistics() {
        AddingTask task = new AddingTask(100);
        int n = 20000;
        int firstMarked = 0;
        int[] lengthCounts = new int[11];
        double valueSum = 0;
        int valueCount = 0;
        for (Sequence s : TaskTesting.sample(task, 3, n)) {
            if (checkRules(task, s, true) == 0) {
                firstMarked++;
            }
            lengthCounts[s.length() - 100]++;
            for (int step = 0; step < s.length(); step++) {
                valueSum += s.input(step)[0];
                valueCount++;
            }
        }
        // X1 is at step 0 with probability 1/10; X2 (uniform over the 48 other pairs of 0..48) lands there
        // with probability 9/10 * 1/48.
        double expected = 0.1 + 0.9 / 48;
        double sd = Math.sqrt(expected * (1 - expected) / n);
        assertEquals(expected, (double) firstMarked / n, 4 * sd);
        for (int c : lengthCounts) {
            assertEquals(n / 11.0, c, 4 * Math.sqrt(n / 11.0), "length histogram");
        }
        assertEquals(0.0, valueSum / valueCount, 0.01);
    }

    @Test
    void pinnedValues() {
        Sequence s = TaskTesting.sample(new AddingTask(100), 42, 1).get(0);
        assertEquals(109, s.length());
        assertEquals(-0.31161856695272494, s.input(0)[0]);
        assertEquals(0.7041951671033417, s.target(108)[0]);
        Sequence m = TaskTesting.sample(new MultiplicationTask(100), 42, 1).get(0);
        assertEquals(109, m.length());
        assertEquals(0.34419071652363753, m.input(0)[0]);
        assertEquals(0.48854409773200264, m.target(108)[0]);
    }

    @Test
    void deterministic() {
        TaskTesting.assertDeterministic(new AddingTask(100));
        TaskTesting.assertDeterministic(new MultiplicationTask(100));
    }

    @Test
    void correctnessRule() {
        for (MarkedPairTask task : List.of(new AddingTask(100), new MultiplicationTask(100))) {
            for (Sequence s : TaskTesting.sample(task, 5, 50)) {
                assertTrue(task.isCorrect(s, TaskTesting.exactOutputs(s, 1)));
                assertTrue(task.isCorrect(s, TaskTesting.perturbed(s, 1, 0, 0.039)));
                assertTrue(task.isCorrect(s, TaskTesting.perturbed(s, 1, 0, -0.039)));
                assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, 1, 0, 0.041)));
                assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, 1, 0, -0.041)));
                assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, 1, 0, Double.NaN)));
            }
        }
    }

    @Test
    void sizesAndToString() {
        AddingTask task = new AddingTask(500);
        assertEquals(2, task.inputSize());
        assertEquals(1, task.outputSize());
        assertEquals("AddingTask[T=500]", task.toString());
        assertEquals("MultiplicationTask[T=100]", new MultiplicationTask(100).toString());
    }

    @Test
    void badParameters() {
        TaskTesting.assertRejected("T", "-3", () -> new AddingTask(-3));
        TaskTesting.assertRejected("T", "11", () -> new AddingTask(11));
        TaskTesting.assertRejected("T", "1000001", () -> new AddingTask(1_000_001));
        TaskTesting.assertRejected("T", "0", () -> new MultiplicationTask(0));
    }
}
