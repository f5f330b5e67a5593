package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longlag.task.Sequence;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The composed engine's {@code denormals: flush}: what it flushes, what it keeps, where it is allowed. */
class DenormalFlushTest {
    private static final Map<String, Object> RNN = Map.of("hidden", 6, "batch", 3, "optimizer", "adam",
            "learningRate", 0.01, "engine", "composed");

    private static Map<String, Object> with(Map<String, Object> settings, String key, Object value) {
        Map<String, Object> s = new HashMap<>(settings);
        s.put(key, value);
        return s;
    }

    private static ComposedRecurrentModel composed(String kind, Map<String, Object> settings) {
        return (ComposedRecurrentModel) ((Dl4jRecurrentKind) ModelKinds.get(kind)).create(settings, 2, 1, 7,
                DataType.FLOAT);
    }

    @Test
    void denormalsBecomeZeroAndNormalValuesComeBackExactly() {
        float[] values = {1e-40f, -3e-39f, Float.MIN_VALUE, 1e-27f, 0.5f, -2.25f, 1e-10f, -7e-11f};
        INDArray a = Nd4j.createFromArray(values);
        INDArray offset = Nd4j.valueArrayOf(new long[] {values.length}, ComposedRecurrentModel.FLUSH_OFFSET,
                DataType.FLOAT);
        composed("rnn", with(RNN, "denormals", "flush")).flush(a, offset);
        float[] got = a.toFloatVector();
        for (int i = 0; i < 4; i++) {
            assertEquals(0f, Math.abs(got[i]), values[i] + " (below 2^-84) flushed to zero");
        }
        for (int i = 4; i < values.length; i++) {
            assertEquals(values[i], got[i], values[i] + " (above 2^-36) kept bit for bit");
        }
    }

    @Test
    void flushingLeavesOrdinaryTrainingAsItWas() {
        for (String kind : List.of("rnn", "lstm")) {
            ComposedRecurrentModel plain = composed(kind, RNN);
            ComposedRecurrentModel flushed = composed(kind, with(RNN, "denormals", "flush"));
            List<Sequence> batch = batch();
            for (int step = 0; step < 10; step++) {
                List<double[][]> a = plain.train(batch);
                List<double[][]> b = flushed.train(batch);
                for (int s = 0; s < a.size(); s++) {
                    for (int t = 0; t < a.get(s).length; t++) {
                        if (a.get(s)[t] != null) {
                            assertEquals(a.get(s)[t][0], b.get(s)[t][0], 1e-6, kind + " step " + step);
                        }
                    }
                }
            }
        }
    }

    @Test
    void flushNeedsTheComposedEngineAndIsNamedInTheProtocol() {
        ModelKind rnn = ModelKinds.get("rnn");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rnn.validate(with(with(RNN, "engine", "fused"), "denormals", "flush"), 2, 1));
        assertTrue(e.getMessage().contains("denormals: flush needs engine composed, got engine fused"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rnn.validate(with(RNN, "denormals", "zero"), 2, 1));
        assertTrue(rnn.protocol(with(RNN, "denormals", "flush")).endsWith(", composed ND4J ops, denormals flushed"));
        assertTrue(rnn.protocol(RNN).endsWith(", composed ND4J ops"));
    }

    @Test
    void movingAFlushingModelToAnotherEngineDropsTheFlushAndValidates() {
        Map<String, Object> flushing = with(RNN, "denormals", "flush");
        Map<String, Object> fused = Dl4jRecurrentKind.onEngine(flushing, "fused");
        assertEquals("fused", fused.get("engine"));
        assertTrue(!fused.containsKey("denormals"), fused.toString());
        ModelKinds.get("rnn").validate(fused, 2, 1);
        assertEquals("flush", Dl4jRecurrentKind.onEngine(flushing, "composed").get("denormals"));
    }

    /** Three sequences of 6 steps with a target at the last. */
    private static List<Sequence> batch() {
        SplittableRandom r = new SplittableRandom(5);
        List<Sequence> batch = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            double[][] x = new double[6][2];
            double[][] y = new double[6][];
            for (double[] step : x) {
                step[0] = r.nextDouble(-1, 1);
                step[1] = r.nextDouble(-1, 1);
            }
            y[5] = new double[] {r.nextDouble()};
            batch.add(new Sequence(x, y));
        }
        return batch;
    }
}
