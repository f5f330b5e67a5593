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
    }
}
