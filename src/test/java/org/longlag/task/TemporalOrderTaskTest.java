package org.longlag.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemporalOrderTaskTest {

    private static final String SYMBOLS = "abcdXYEB";

    /** Inclusive 1-based position ranges from PAPER.md. */
    private static int[][] ranges(int relevant) {
        return relevant == 2 ? new int[][] {{10, 20}, {50, 60}} : new int[][] {{10, 20}, {33, 43}, {66, 76}};
    }

    private static String decode(Sequence s) {
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < s.length(); t++) {
            b.append(SYMBOLS.charAt(TaskTesting.oneHotIndex(s.input(t))));
        }
        return b.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void rulesOnEverySequence(int relevant) {
        TemporalOrderTask task = new TemporalOrderTask(relevant);
        int classes = 1 << relevant;
        int n = 5000;
        int[] classCounts = new int[classes];
        int[] lengthCounts = new int[11];
        int[][] ranges = ranges(relevant);
        int[][] positionCounts = new int[relevant][11];
        for (Sequence s : TaskTesting.sample(task, 51, n)) {
            String str = decode(s);
            assertTrue(str.length() >= 100 && str.length() <= 110, "length " + str.length());
            lengthCounts[str.length() - 100]++;
            assertEquals('E', str.charAt(0));
            assertEquals('B', str.charAt(str.length() - 1));
            List<Integer> positions = new ArrayList<>();
            int label = 0;
            for (int t = 1; t < str.length() - 1; t++) {
                char c = str.charAt(t);
                if (c == 'X' || c == 'Y') {
                    positions.add(t + 1); // 1-based, as in the paper
                    label = 2 * label + (c == 'Y' ? 1 : 0);
                } else if ("abcd".indexOf(c) < 0) {
                    fail("symbol " + c + " at step " + t + " of " + str);
                }
            }
            assertEquals(relevant, positions.size(), str);
            for (int i = 0; i < relevant; i++) {
                int pos = positions.get(i);
                assertTrue(pos >= ranges[i][0] && pos <= ranges[i][1], "position " + pos + " of " + str);
                positionCounts[i][pos - ranges[i][0]]++;
            }
            assertEquals(1, s.targetCount());
            assertEquals(label, TaskTesting.oneHotIndex(s.target(s.length() - 1)));
            assertEquals(classes, s.target(s.length() - 1).length);
            classCounts[label]++;
        }
        for (int c : classCounts) {
            assertEquals((double) n / classes, c, 4 * Math.sqrt((double) n / classes));
        }
        for (int c : lengthCounts) {
            assertTrue(c > 0, "every length occurs");
        }
        for (int[] counts : positionCounts) {
            for (int c : counts) {
                assertTrue(c > 0, "every position occurs");
            }
        }
    }

    @Test
    void pinnedAndDeterministic() {
        TaskTesting.assertDeterministic(new TemporalOrderTask(2));
        TaskTesting.assertDeterministic(new TemporalOrderTask(3));
        Sequence s = TaskTesting.sample(new TemporalOrderTask(2), 42, 1).get(0);
        assertEquals("EbcaddacbadYcbadbcabbdbcadaadadacdccbaccdcabacccabdacXdbadcdbdccbcccbcaaddcbacdbbbababbcbdacaddbdaacdbdbccacB", decode(s));
    }

    @Test
    void correctnessRule() {
        for (int relevant : new int[] {2, 3}) {
            TemporalOrderTask task = new TemporalOrderTask(relevant);
            int outputs = 1 << relevant;
            for (Sequence s : TaskTesting.sample(task, 5, 20)) {
                assertTrue(task.isCorrect(s, TaskTesting.exactOutputs(s, outputs)));
                for (int k = 0; k < outputs; k++) {
                    assertTrue(task.isCorrect(s, TaskTesting.perturbed(s, outputs, k, 0.299)));
                    assertTrue(task.isCorrect(s, TaskTesting.perturbed(s, outputs, k, -0.299)));
                    assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, outputs, k, 0.301)));
                    assertFalse(task.isCorrect(s, TaskTesting.perturbed(s, outputs, k, -0.301)));
                }
            }
        }
    }

    @Test
    void sizesAndToString() {
        TemporalOrderTask a = new TemporalOrderTask(2);
        assertEquals(8, a.inputSize());
        assertEquals(4, a.outputSize());
        assertEquals(8, new TemporalOrderTask(3).outputSize());
        assertEquals("TemporalOrderTask[relevant=3]", new TemporalOrderTask(3).toString());
        assertEquals(33, new TemporalOrderTask(3).positionRange(1)[0]);
    }

    @Test
    void badParameters() {
        TaskTesting.assertRejected("relevant", "1", () -> new TemporalOrderTask(1));
        TaskTesting.assertRejected("relevant", "4", () -> new TemporalOrderTask(4));
    }
}
