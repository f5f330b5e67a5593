package org.longlag.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmbeddedReberTaskTest {

    private static final String SYMBOLS = "BTPSXVE";

    /** The Reber graph of PAPER.md, written independently of the task: state -> symbol -> state. */
    private static final List<Map<Character, Integer>> GRAPH = List.of(
            Map.of('B', 1),
            Map.of('T', 2, 'P', 3),
            Map.of('S', 2, 'X', 4),
            Map.of('T', 3, 'V', 5),
            Map.of('X', 3, 'S', 6),
            Map.of('P', 4, 'V', 6),
            Map.of('E', 7));

    /** Whether {@code s} is a prefix of some embedded Reber string (or a whole one). */
    private static boolean viablePrefix(String s) {
        if (s.isEmpty()) {
            return true;
        }
        if (s.charAt(0) != 'B') {
            return false;
        }
        if (s.length() == 1) {
            return true;
        }
        char c = s.charAt(1);
        if (c != 'T' && c != 'P') {
            return false;
        }
        int state = 0;
        int i = 2;
        while (i < s.length() && state != 7) {
            Integer next = GRAPH.get(state).get(s.charAt(i));
            if (next == null) {
                return false;
            }
            state = next;
            i++;
        }
        String rest = s.substring(i);
        return state == 7 ? (c + "E").startsWith(rest) : rest.isEmpty();
    }

    private static boolean accepted(String s) {
        if (!viablePrefix(s)) {
            return false;
        }
        for (char ch : SYMBOLS.toCharArray()) {
            if (viablePrefix(s + ch)) {
                return false;
            }
        }
        return s.endsWith("E") && s.length() > 2;
    }

    private static void checkSequence(String string, Sequence s) {
        assertTrue(accepted(string), string);
        assertEquals(string.length(), s.length());
        for (int t = 0; t < s.length(); t++) {
            assertEquals(string.charAt(t), SYMBOLS.charAt(TaskTesting.oneHotIndex(s.input(t))));
            if (t == s.length() - 1) {
                assertNull(s.target(t));
                continue;
            }
            double[] expected = new double[7];
            for (int k = 0; k < 7; k++) {
                expected[k] = viablePrefix(string.substring(0, t + 1) + SYMBOLS.charAt(k)) ? 1.0 : 0.0;
            }
            assertArrayEquals(expected, s.target(t), string + " step " + t);
        }
        // The long-lag step: after the inner E only the matching T/P is legal.
        double[] lag = s.target(s.length() - 3);
        assertEquals(1, (int) java.util.Arrays.stream(lag).sum());
        assertEquals(1.0, lag[SYMBOLS.indexOf(string.charAt(1))]);
    }

    @Test
    void everyStringOfEveryTrialIsInTheGrammarWithLegalSuccessorTargets() {
        EmbeddedReberTask task = new EmbeddedReberTask();
        for (long seed = 1; seed <= 3; seed++) {
            TrialData trial = task.newTrial(new SplittableRandom(seed));
            List<Sequence> training = trial.trainingSet();
            List<Sequence> test = trial.testSet(2560);
            assertEquals(256, training.size());
            assertEquals(256, test.size());
            assertSame(test, trial.testSet(1));
            Set<String> trainingStrings = new HashSet<>();
            Set<String> testStrings = new HashSet<>();
            for (Sequence s : training) {
                String string = EmbeddedReberTask.decode(s);
                checkSequence(string, s);
                trainingStrings.add(string);
            }
            for (Sequence s : test) {
                String string = EmbeddedReberTask.decode(s);
                checkSequence(string, s);
                testStrings.add(string);
            }
            assertEquals(256, trainingStrings.size(), "training strings distinct");
            assertEquals(256, testStrings.size(), "test strings distinct");
            testStrings.retainAll(trainingStrings);
            assertTrue(testStrings.isEmpty(), "test and training overlap: " + testStrings);

            Set<Sequence> drawn = new HashSet<>();
            for (int i = 0; i < 5000; i++) {
                Sequence s = trial.nextTraining();
                assertTrue(training.contains(s));
                drawn.add(s);
            }
            assertTrue(drawn.size() > 250, "training draws cover the set: " + drawn.size());
        }
    }

    @Test
    void randomStringsFollowTheGrammar() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 10000;
        int t = 0;
        int shortest = 0;
        for (int i = 0; i < n; i++) {
            String s = EmbeddedReberTask.randomString(rng);
            assertTrue(accepted(s), s);
            checkSequence(s, EmbeddedReberTask.toSequence(s));
            if (s.charAt(1) == 'T') {
                t++;
            }
            if (s.equals("BTBTXSETE")) {
                shortest++;
            }
        }
        assertEquals(0.5, (double) t / n, 4 * Math.sqrt(0.25 / n));
        // c = T, then T, X, S inside: (1/2)^4.
        assertEquals(1.0 / 16, (double) shortest / n, 4 * Math.sqrt(1.0 / 16 * 15 / 16 / n));
    }

    @Test
    void rejectsStringsOutsideTheGrammar() {
        for (String bad : List.of("", "BTBTXSETE?", "BTBTXSEPE", "BTBTXSE", "BTBTXXETE", "TTBTXSETE",
                "BSBTXSESE", "BTBTXSETEE", "BTBTXSTE")) {
            assertThrows(IllegalArgumentException.class, () -> EmbeddedReberTask.toSequence(bad), bad);
        }
    }

    @Test
    void deterministicAndPinned() {
        EmbeddedReberTask task = new EmbeddedReberTask();
        TaskTesting.assertDeterministic(task);
        TrialData trial = task.newTrial(new SplittableRandom(1));
        assertEquals("BPBTXXVVEPE", EmbeddedReberTask.decode(trial.trainingSet().get(0)));
        assertEquals("BPBPTVPXTVPSEPE", EmbeddedReberTask.decode(trial.testSet(256).get(0)));
        assertEquals("BPBTSSSSSXXVPSEPE", EmbeddedReberTask.decode(trial.nextTraining()));
    }

    @Test
    void correctnessRule() {
        EmbeddedReberTask task = new EmbeddedReberTask();
        Sequence s = EmbeddedReberTask.toSequence("BPBTSXXVVEPE");
        assertTrue(task.isCorrect(s, TaskTesting.exactOutputs(s, 7)));
        double[][] scaled = TaskTesting.exactOutputs(s, 7);
        for (double[] row : scaled) {
            for (int k = 0; k < row.length; k++) {
                row[k] = 0.3 + 0.1 * row[k];
            }
        }
        assertTrue(task.isCorrect(s, scaled), "legal above illegal is enough");
        double[][] tie = TaskTesting.exactOutputs(s, 7);
        tie[0][SYMBOLS.indexOf('T')] = 0.0;
        assertFalse(task.isCorrect(s, tie), "a legal symbol tied with an illegal one");
        double[][] swapped = TaskTesting.exactOutputs(s, 7);
        swapped[9][SYMBOLS.indexOf('T')] = 0.9;
        swapped[9][SYMBOLS.indexOf('P')] = 0.8;
        assertFalse(task.isCorrect(s, swapped), "wrong long-lag prediction");
        double[][] nan = TaskTesting.exactOutputs(s, 7);
        nan[3][0] = Double.NaN;
        assertFalse(task.isCorrect(s, nan));
        double[][] lastIgnored = TaskTesting.exactOutputs(s, 7);
        lastIgnored[s.length() - 1][0] = 5.0;
        assertTrue(task.isCorrect(s, lastIgnored), "the last step has no target");
    }

    @Test
    void sizesAndToString() {
        EmbeddedReberTask task = new EmbeddedReberTask();
        assertEquals(7, task.inputSize());
        assertEquals(7, task.outputSize());
        assertEquals("BTPSXVE", EmbeddedReberTask.SYMBOLS);
        assertEquals("EmbeddedReberTask[symbols=BTPSXVE, trainingStrings=256, testStrings=256, sets=distinct, targets=successors]", task.toString());
    }

    @Test
    void sampledSetsRepeatShortStringsAndKeepTestStringsOutOfTraining() {
        EmbeddedReberTask task = new EmbeddedReberTask(EmbeddedReberTask.Sets.SAMPLED,
                EmbeddedReberTask.Targets.SUCCESSORS);
        TrialData data = task.newTrial(new SplittableRandom(11));
        List<String> training = data.trainingSet().stream().map(EmbeddedReberTask::decode).toList();
        List<String> test = data.testSet(256).stream().map(EmbeddedReberTask::decode).toList();
        assertEquals(256, training.size());
        assertEquals(256, test.size());
        // Drawn at the grammar's own frequencies, 256 strings repeat the common short ones.
        assertTrue(new HashSet<>(training).size() < 200, "distinct training strings: " + new HashSet<>(training).size());
        double meanSampled = training.stream().mapToInt(String::length).average().orElseThrow();
        double meanDistinct = new EmbeddedReberTask().newTrial(new SplittableRandom(11)).trainingSet().stream()
                .mapToInt(Sequence::length).average().orElseThrow();
        assertTrue(meanSampled < meanDistinct, meanSampled + " vs " + meanDistinct);
        assertTrue(test.stream().noneMatch(new HashSet<>(training)::contains));
    }

    @Test
    void nextSymbolTargetsAreTheActualSuccessorAndJudgingStaysOnTheLegalSet() {
        EmbeddedReberTask task = new EmbeddedReberTask(EmbeddedReberTask.Sets.DISTINCT,
                EmbeddedReberTask.Targets.NEXT_SYMBOL);
        Sequence seq = task.encode("BTBTXSETE");
        Sequence legal = EmbeddedReberTask.toSequence("BTBTXSETE");
        for (int t = 0; t < seq.length() - 1; t++) {
            double[] target = seq.target(t);
            assertEquals(1.0, target[SYMBOLS.indexOf("BTBTXSETE".charAt(t + 1))], "step " + t);
            assertEquals(1.0, java.util.Arrays.stream(target).sum(), 0.0, "one-hot at step " + t);
            assertArrayEquals(legal.reference(t), seq.reference(t), "step " + t);
        }
        assertNull(seq.target(seq.length() - 1));
        assertEquals("EmbeddedReberTask[symbols=BTPSXVE, trainingStrings=256, testStrings=256, sets=distinct, "
                + "targets=next-symbol]", task.toString());
    }

    @Test
    void unknownReadingsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tasks.create("reber", Map.of("sets", "shuffled")));
        assertTrue(e.getMessage().contains("sets") && e.getMessage().contains("shuffled"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tasks.create("reber", Map.of("targets", 3)));
        assertTrue(e.getMessage().contains("targets") && e.getMessage().contains("3"), e.getMessage());
    }
}
