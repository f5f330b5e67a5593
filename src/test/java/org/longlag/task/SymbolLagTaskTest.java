package org.longlag.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolLagTaskTest {

    /** Decodes a sequence into the paper's p+1 symbol indices, the final one read from the last target. */
    private static int[] symbols(Sequence s, int p) {
        assertEquals(p, s.length());
        int[] out = new int[p + 1];
        for (int t = 0; t < p; t++) {
            assertEquals(p + 1, s.input(t).length);
            out[t] = TaskTesting.oneHotIndex(s.input(t));
        }
        out[p] = TaskTesting.oneHotIndex(s.target(p - 1));
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 10, 100})
    void noiseFreeRules(int p) {
        NoiseFreeTask task = new NoiseFreeTask(p);
        int x = p - 1;
        int y = p;
        int ys = 0;
        Set<String> distinct = new HashSet<>();
        int n = 2000;
        for (Sequence s : TaskTesting.sample(task, 21, n)) {
            int[] sym = symbols(s, p);
            assertTrue(sym[0] == x || sym[0] == y);
            assertEquals(sym[0], sym[p], "the final symbol repeats the first");
            for (int i = 1; i < p; i++) {
                assertEquals(i - 1, sym[i], "a_i in order");
            }
            for (int t = 0; t < p; t++) {
                assertEquals(sym[t + 1], TaskTesting.oneHotIndex(s.target(t)), "next-symbol target");
            }
            if (sym[0] == y) {
                ys++;
            }
            distinct.add(java.util.Arrays.toString(sym));
        }
        assertEquals(2, distinct.size(), "only two sequences exist");
        assertEquals(0.5, (double) ys / n, 4 * Math.sqrt(0.25 / n));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 100})
    void noLocalRegularitiesRules(int p) {
        NoLocalRegularitiesTask task = new NoLocalRegularitiesTask(p);
        int n = 4000;
        int[] middleCounts = new int[p + 1];
        int xs = 0;
        for (Sequence s : TaskTesting.sample(task, 22, n)) {
            int[] sym = symbols(s, p);
            assertTrue(sym[0] == p - 1 || sym[0] == p);
            assertEquals(sym[0], sym[p]);
            for (int i = 1; i < p; i++) {
                if (sym[i] < 0 || sym[i] > p - 2) {
                    fail("middle symbol " + sym[i]);
                }
                middleCounts[sym[i]]++;
            }
            assertEquals(1, s.targetCount());
            for (int t = 0; t < p - 1; t++) {
                assertNull(s.target(t));
            }
            if (sym[0] == p - 1) {
                xs++;
            }
        }
        assertEquals(0.5, (double) xs / n, 4 * Math.sqrt(0.25 / n));
        double expected = n; // n * (p - 1) middle symbols over p - 1 symbols
        for (int i = 0; i < p - 1; i++) {
            assertEquals(expected, middleCounts[i], 5 * Math.sqrt(expected), "middle symbol " + i);
        }
    }

    @Test
    void pinnedAndDeterministic() {
        TaskTesting.assertDeterministic(new NoiseFreeTask(10));
        TaskTesting.assertDeterministic(new NoLocalRegularitiesTask(10));
        List<Sequence> s = TaskTesting.sample(new NoLocalRegularitiesTask(10), 42, 1);
        assertEquals("[9, 6, 0, 3, 2, 8, 5, 2, 3, 6, 9]", java.util.Arrays.toString(symbols(s.get(0), 10)));
    }

    @Test
    void correctnessRule() {
        for (SymbolLagTask task : List.of(new NoiseFreeTask(10), new NoLocalRegularitiesTask(10))) {
            for (Sequence s : TaskTesting.sample(task, 5, 20)) {
                assertTrue(task.isCorrect(s, TaskTesting.exactOutputs(s, 11)));
                for (int k : new int[] {0, 9, 10}) {
                    assertTrue(task.isCorrect(s, TaskTesting.perturbed(s, 11, k, 0.249)));
                    assertTrue(task.isCorrect(s, TaskTesting.perturbed(s, 11, k, -0.249)));
                    assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, 11, k, 0.251)));
                    assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, 11, k, -0.251)));
                }
            }
        }
        NoiseFreeTask task = new NoiseFreeTask(10);
        Sequence s = task.sample(new java.util.SplittableRandom(1));
        double[][] early = TaskTesting.exactOutputs(s, 11);
        early[3][7] = 0.3;
        assertFalse(task.isCorrect(s, early), "2a judges every step");
        NoLocalRegularitiesTask local = new NoLocalRegularitiesTask(10);
        Sequence r = local.sample(new java.util.SplittableRandom(1));
        double[][] middle = TaskTesting.exactOutputs(r, 11);
        middle[3][7] = 0.9;
        assertTrue(local.isCorrect(r, middle), "2b judges the end only");
    }

    @Test
    void sizesAndToString() {
        NoiseFreeTask task = new NoiseFreeTask(100);
        assertEquals(101, task.inputSize());
        assertEquals(101, task.outputSize());
        assertEquals(99, task.indexOfX());
        assertEquals(100, task.indexOfY());
        assertEquals(0, task.indexOfA(1));
        assertEquals("NoiseFreeTask[p=100]", task.toString());
        assertEquals("NoLocalRegularitiesTask[p=4]", new NoLocalRegularitiesTask(4).toString());
    }

    @Test
    void badParameters() {
        TaskTesting.assertRejected("p", "1", () -> new NoiseFreeTask(1));
        TaskTesting.assertRejected("p", "-5", () -> new NoiseFreeTask(-5));
        TaskTesting.assertRejected("p", "2001", () -> new NoLocalRegularitiesTask(2001));
        TaskTesting.assertRejected("p", "0", () -> new NoLocalRegularitiesTask(0));
    }
}
