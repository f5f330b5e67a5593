package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longlag.task.Sequence;

class Dl4jRecurrentKindTest {

    @Test
    void parameterCountFormulaMatchesTheBuiltNetwork() {
        for (String kind : List.of("lstm", "rnn")) {
            Map<String, Object> settings = Map.of("hidden", 5, "batch", 4);
            ModelKind k = ModelKinds.get(kind);
            SequenceModel model = k.create(settings, 3, 2, 1);
            assertEquals(model.parameterCount(), k.parameterCount(settings, 3, 2), kind);
        }
    }

    @Test
    void trainReturnsOutputsAtTargetStepsOnlyForVariableLengths() {
        SequenceModel model = ModelKinds.get("lstm").create(Map.of("hidden", 3, "batch", 2), 1, 1, 5);
        Sequence shorter = new Sequence(new double[][] {{1}, {0}}, new double[][] {null, {1}});
        Sequence longer = new Sequence(new double[][] {{0}, {1}, {0}}, new double[][] {{0}, null, {1}});
        List<double[][]> outputs = model.train(List.of(shorter, longer));
        assertNull(outputs.get(0)[0]);
        assertNotNull(outputs.get(0)[1]);
        assertNull(outputs.get(1)[1]);
        assertTrue(outputs.get(1)[2][0] > 0 && outputs.get(1)[2][0] < 1, "sigmoid output");
        // Inference of a sequence alone equals its inference in a padded batch.
        double alone = model.predict(List.of(shorter)).get(0)[1][0];
        double padded = model.predict(List.of(shorter, longer)).get(0)[1][0];
        assertEquals(alone, padded, 1e-6);
    }

    @Test
    void trainingOutputsAreThoseOfTheNetworkBeforeTheUpdate() {
        for (String kind : List.of("lstm", "rnn")) {
            SequenceModel model = ModelKinds.get(kind).create(Map.of("hidden", 4, "batch", 2), 2, 3, 11);
            Sequence a = new Sequence(new double[][] {{1, 0}, {0, 1}, {1, 1}},
                    new double[][] {{0, 1, 0}, null, {1, 0, 0}});
            Sequence b = new Sequence(new double[][] {{0, 1}, {1, 0}}, new double[][] {null, {0, 0, 1}});
            for (int step = 0; step < 3; step++) {
                List<double[][]> before = model.predict(List.of(a, b));
                List<double[][]> during = model.train(List.of(a, b));
                List<double[][]> after = model.predict(List.of(a, b));
                for (int k = 0; k < 3; k++) {
                    assertEquals(before.get(0)[2][k], during.get(0)[2][k], 1e-5, kind);
                    assertEquals(before.get(0)[0][k], during.get(0)[0][k], 1e-5, kind);
                    assertEquals(before.get(1)[1][k], during.get(1)[1][k], 1e-5, kind);
                }
                assertTrue(Math.abs(after.get(0)[2][0] - during.get(0)[2][0]) > 1e-7, kind + ": the update changed it");
            }
        }
    }

    @Test
    void invalidSettingsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelKinds.get("lstm").validate(Map.of("hidden", 0), 1, 1));
        assertTrue(e.getMessage().contains("lstm.hidden") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelKinds.get("rnn").validate(Map.of("optimizer", "lbfgs"), 1, 1));
        assertTrue(e.getMessage().contains("rnn.optimizer") && e.getMessage().contains("lbfgs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelKinds.get("gru"));
        assertTrue(e.getMessage().contains("gru"), e.getMessage());
    }
}
