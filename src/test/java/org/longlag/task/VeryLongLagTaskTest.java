package org.longlag.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VeryLongLagTaskTest {

    /** Checks the rules on one sequence; returns the symbol at step 1 (x or y index). */
    private static int check(VeryLongLagTask task, Sequence s, int[] distractorCounts) {
        int q = task.q();
        int p = task.p();
        int length = s.length();
        assertTrue(length >= q + 3, "length " + length);
        assertEquals(p + 1, TaskTesting.oneHotIndex(s.input(0)), "b first");
        int second = TaskTesting.oneHotIndex(s.input(1));
        assertTrue(second == p + 2 || second == p + 3, "x or y second");
        for (int t = 2; t < length - 1; t++) {
            double[] in = s.input(t);
            int index = -1;
            for (int k = 0; k < in.length; k++) {
                if (in[k] == 1.0 && index < 0) {
                    index = k;
                } else if (in[k] != 0.0) {
                    fail("not one-hot at step " + t);
                }
            }
            if (index < 0 || index >= p) {
                fail("distractor expected at step " + t + ", got " + index);
            }
            distractorCounts[index]++;
        }
        assertEquals(p, TaskTesting.oneHotIndex(s.input(length - 1)), "e last");
        assertEquals(1, s.targetCount());
        double[] expected = second == p + 2 ? new double[] {1, 0} : new double[] {0, 1};
        assertArrayEquals(expected, s.target(length - 1));
        return second;
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "50, 50", "100, 10", "1000, 50"})
    void rulesAndStatistics(int q, int p) {
        VeryLongLagTask task = new VeryLongLagTask(q, p);
        int n = q >= 1000 ? 2000 : 20000;
        int[] counts = new int[p];
        long paperLengthSum = 0;
        int xs = 0;
        int minimal = 0;
        for (Sequence s : TaskTesting.sample(task, 31, n)) {
            if (check(task, s, counts) == p + 2) {
                xs++;
            }
            // The paper's length also counts the final x/y, which is a target here, not a step.
            paperLengthSum += s.length() + 1;
            if (s.length() == q + 3) {
                minimal++;
            }
        }
        assertEquals(0.5, (double) xs / n, 4 * Math.sqrt(0.25 / n));
        // K extra distractors, P(K = k) = 0.1 * 0.9^k: mean 9, variance 90. The paper's construction
        // gives q + 4 + 9 = q + 13 (its printed q + 14 is an arithmetic slip; see the class comment).
        assertEquals(q + 13, (double) paperLengthSum / n, 4 * Math.sqrt(90.0 / n));
        assertEquals(0.1, (double) minimal / n, 4 * Math.sqrt(0.09 / n));
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        double expected = (double) total / p;
        for (int i = 0; i < p; i++) {
            assertEquals(expected, counts[i], 5 * Math.sqrt(expected) + 1, "distractor " + i);
        }
    }

    @Test
    void pinnedAndDeterministic() {
        TaskTesting.assertDeterministic(new VeryLongLagTask(50, 50));
        Sequence s = TaskTesting.sample(new VeryLongLagTask(50, 50), 42, 1).get(0);
        assertEquals(71, s.length());
        assertEquals(52, TaskTesting.oneHotIndex(s.input(1)));
        assertEquals(8, TaskTesting.oneHotIndex(s.input(2)));
    }

    @Test
    void correctnessRule() {
        VeryLongLagTask task = new VeryLongLagTask(20, 10);
        for (Sequence s : TaskTesting.sample(task, 5, 50)) {
            assertTrue(task.isCorrect(s, TaskTesting.exactOutputs(s, 2)));
            for (int k = 0; k < 2; k++) {
                assertTrue(task.isCorrect(s, TaskTesting.perturbed(s, 2, k, 0.199)));
                assertTrue(task.isCorrect(s, TaskTesting.perturbed(s, 2, k, -0.199)));
                assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, 2, k, 0.201)));
                assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, 2, k, -0.201)));
            }
        }
    }

    @Test
    void sizesAndToString() {
        VeryLongLagTask task = new VeryLongLagTask(1000, 50);
        assertEquals(54, task.inputSize());
        assertEquals(2, task.outputSize());
        assertEquals(List.of(50, 51, 52, 53),
                List.of(task.indexOfE(), task.indexOfB(), task.indexOfX(), task.indexOfY()));
        assertEquals("VeryLongLagTask[q=1000, p=50]", task.toString());
    }

    @Test
    void badParameters() {
        TaskTesting.assertRejected("q", "-1", () -> new VeryLongLagTask(-1, 50));
        TaskTesting.assertRejected("p", "0", () -> new VeryLongLagTask(50, 0));
        TaskTesting.assertRejected("p", "2001", () -> new VeryLongLagTask(50, 2001));
        TaskTesting.assertRejected("q", "1000001", () -> new VeryLongLagTask(1_000_001, 5));
    }
}
