package org.longlag.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TasksTest {

    private static void assertFails(String kind, Map<String, Object> params, String... fragments) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Tasks.create(kind, params));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void adding() {
        SequenceTask task = Tasks.create("adding", Map.of("T", 100));
        assertEquals("AddingTask[T=100]", task.toString());
        assertEquals("AddingTask[T=1000]", Tasks.create("adding", Map.of("T", 1000L)).toString());
        assertEquals("AddingTask[T=500]",
                Tasks.create("adding", Map.of("T", BigInteger.valueOf(500))).toString());
        assertEquals("MultiplicationTask[T=100]", Tasks.create("multiplication", Map.of("T", 100)).toString());
    }

    @Test
    void everyKind() {
        assertEquals(java.util.List.of("adding", "multiplication", "reber", "noise-free", "no-local-regularities",
                "very-long-lag", "two-sequence", "noisy-two-sequence", "continuous-two-sequence", "temporal-order"),
                Tasks.kinds());
        Map<String, Map<String, Object>> params = new java.util.LinkedHashMap<>();
        params.put("adding", Map.of("T", 100));
        params.put("multiplication", Map.of("T", 100));
        params.put("reber", Map.of());
        params.put("noise-free", Map.of("p", 100));
        params.put("no-local-regularities", Map.of("p", 100));
        params.put("very-long-lag", Map.of("q", 1000, "p", 50));
        params.put("two-sequence", Map.of("T", 100, "N", 3));
        params.put("noisy-two-sequence", Map.of("T", 1000, "N", 1));
        params.put("continuous-two-sequence", Map.of("T", 100, "N", 1));
        params.put("temporal-order", Map.of("relevant", 3));
        Map<String, String> expected = Map.of(
                "adding", "AddingTask[T=100]",
                "multiplication", "MultiplicationTask[T=100]",
                "reber", "EmbeddedReberTask[symbols=BTPSXVE, trainingStrings=256, testStrings=256, sets=distinct, targets=successors]",
                "noise-free", "NoiseFreeTask[p=100]",
                "no-local-regularities", "NoLocalRegularitiesTask[p=100]",
                "very-long-lag", "VeryLongLagTask[q=1000, p=50]",
                "two-sequence", "TwoSequenceTask[T=100, N=3]",
                "noisy-two-sequence", "NoisyTwoSequenceTask[T=1000, N=1]",
                "continuous-two-sequence", "ContinuousTwoSequenceTask[T=100, N=1]",
                "temporal-order", "TemporalOrderTask[relevant=3]");
        assertEquals(Tasks.kinds(), java.util.List.copyOf(params.keySet()));
        for (String kind : Tasks.kinds()) {
            SequenceTask task = Tasks.create(kind, params.get(kind));
            assertEquals(expected.get(kind), task.toString());
            assertEquals(java.util.List.copyOf(new java.util.TreeSet<>(params.get(kind).keySet())),
                    java.util.List.copyOf(new java.util.TreeSet<>(Tasks.parameters(kind))));
            TrialData trial = task.newTrial(new java.util.SplittableRandom(1));
            Sequence s = trial.nextTraining();
            assertEquals(task.inputSize(), s.input(0).length);
            assertEquals(task.outputSize(), s.target(TaskTesting.lastTargetStep(s)).length);
            assertTrue(task.isCorrect(s, TaskTesting.exactOutputs(s, task.outputSize())), kind);
        }
    }

    @Test
    void badRequests() {
        assertFails("adding", Map.of("T", -3), "adding", "parameter T", "-3");
        assertFails("adding", Map.of(), "adding", "missing parameter T");
        assertFails("adding", null, "adding", "missing parameter T");
        assertFails("adding", Map.of("T", 100, "N", 3), "adding", "unknown parameter N=3");
        assertFails("adding", Map.of("T", 100.0), "adding", "parameter T", "100.0", "Double");
        assertFails("adding", Map.of("T", "100"), "adding", "parameter T", "\"100\"", "String");
        assertFails("adding", Map.of("T", 1L << 40), "adding", "parameter T", String.valueOf(1L << 40));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("T", null);
        assertFails("adding", withNull, "adding", "parameter T", "null");
        assertFails("addition", Map.of("T", 100), "unknown task kind 'addition'", "adding");
        assertFails(null, Map.of(), "unknown task kind");
        assertFails("reber", Map.of("p", 3), "reber", "unknown parameter p=3", "no parameters");
        assertFails("very-long-lag", Map.of("q", 100), "very-long-lag", "missing parameter p");
        assertFails("very-long-lag", Map.of("q", 100, "p", 0), "very-long-lag", "parameter p", "got 0");
        assertFails("noise-free", Map.of("p", 1), "noise-free", "parameter p", "got 1");
        assertFails("no-local-regularities", Map.of("p", 2.5), "no-local-regularities", "parameter p", "2.5");
        assertFails("two-sequence", Map.of("T", 100, "N", 0), "two-sequence", "parameter N", "got 0");
        assertFails("noisy-two-sequence", Map.of("T", -1, "N", 1), "noisy-two-sequence", "parameter T", "got -1");
        assertFails("continuous-two-sequence", Map.of("T", 100, "N", 100), "parameter N", "got 100");
        assertFails("temporal-order", Map.of("relevant", 4), "temporal-order", "parameter relevant", "got 4");
        assertFails("temporal-order", Map.of("relevant", 2, "length", 100, "foo", "bar"),
                "unknown parameters foo=bar, length=100");
    }
}
