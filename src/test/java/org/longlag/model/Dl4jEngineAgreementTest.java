package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longlag.task.Sequence;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engines of the {@code lstm} and {@code rnn} kinds compute the same network: in double
 * precision, from the same seed, the fused and the composed model start from the layer network's
 * weights, give the same outputs, and one training step changes every parameter by the same amount
 * (to rounding). Batches of three sequences of different lengths (5, 3 and 4 steps) with targets at
 * some steps only, so padding and target masking are part of what is compared. Every check runs
 * for both engines against the layer network.
 */
class Dl4jEngineAgreementTest {

    /** Largest difference allowed between outputs and between parameter changes (double precision). */
    static final double TOLERANCE = 1e-12;

    /** The engines compared with {@code layers}. */
    static final List<String> ENGINES = List.of("fused", "composed");

    /** The layer network and the same model on another engine. */
    private record Pair(Dl4jMinibatchModel layers, SequenceModel other) {

        /** The other model's trainable arrays as the layer network names them. */
        Map<String, INDArray> otherLayerParameters() {
            return other instanceof FusedCellModel f ? f.layerParameters()
                    : ((ComposedRecurrentModel) other).layerParameters();
        }

        boolean otherSparseInput() {
            return other instanceof FusedCellModel f ? f.sparseInput() : ((ComposedRecurrentModel) other).sparseInput();
        }
    }

    private static Pair pair(String kind, String engine, Map<String, Object> settings, int inputs, int outputs,
            long seed) {
        return pair(kind, engine, settings, inputs, outputs, seed, DataType.DOUBLE);
    }

    private static Pair pair(String kind, String engine, Map<String, Object> settings, int inputs, int outputs,
            long seed, DataType dataType) {
        Dl4jRecurrentKind k = (Dl4jRecurrentKind) ModelKinds.get(kind);
        Map<String, Object> layers = new HashMap<>(settings);
        layers.put("engine", "layers");
        Map<String, Object> other = new HashMap<>(settings);
        other.put("engine", engine);
        SequenceModel a = k.create(layers, inputs, outputs, seed, dataType);
        SequenceModel b = k.create(other, inputs, outputs, seed, dataType);
        assertInstanceOf(Dl4jMinibatchModel.class, a);
        Class<?> expected = engine.equals("fused") ? FusedCellModel.class : ComposedRecurrentModel.class;
        assertInstanceOf(expected, b);
        return new Pair((Dl4jMinibatchModel) a, b);
    }

    /** Three sequences of lengths 5, 3, 4; targets at a few steps of each; dense random inputs. */
    private static List<Sequence> denseBatch(int inputs, int outputs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] lengths = {5, 3, 4};
        boolean[][] targetAt = {{false, true, false, true, true}, {false, false, true}, {true, false, false, true}};
        List<Sequence> batch = new ArrayList<>();
        for (int s = 0; s < lengths.length; s++) {
            double[][] x = new double[lengths[s]][inputs];
            double[][] y = new double[lengths[s]][];
            for (int t = 0; t < lengths[s]; t++) {
                for (int i = 0; i < inputs; i++) {
                    x[t][i] = r.nextDouble(-1, 1);
                }
                if (targetAt[s][t]) {
                    y[t] = new double[outputs];
                    for (int k = 0; k < outputs; k++) {
                        y[t][k] = r.nextDouble();
                    }
                }
            }
            batch.add(new Sequence(x, y));
        }
        return batch;
    }

    /** As {@link #denseBatch}, but every input step one-hot. */
    private static List<Sequence> oneHotBatch(int inputs, int outputs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> batch = new ArrayList<>();
        for (Sequence s : denseBatch(inputs, outputs, seed)) {
            double[][] x = new double[s.length()][inputs];
            double[][] y = new double[s.length()][];
            for (int t = 0; t < s.length(); t++) {
                x[t][r.nextInt(inputs)] = 1;
                y[t] = s.target(t);
            }
            batch.add(new Sequence(x, y));
        }
        return batch;
    }

    private static Map<String, INDArray> layerParams(Dl4jMinibatchModel m) {
        Map<String, INDArray> map = new LinkedHashMap<>();
        for (String key : List.of("0_W", "0_RW", "0_b", "1_W", "1_b")) {
            map.put(key, m.network().getParam(key).dup());
        }
        return map;
    }

    private static Map<String, INDArray> otherParams(Pair p) {
        Map<String, INDArray> map = new LinkedHashMap<>();
        p.otherLayerParameters().forEach((k, v) -> map.put(k, v.dup()));
        return map;
    }

    private static double maxDifference(List<double[][]> a, List<double[][]> b) {
        double max = 0;
        assertEquals(a.size(), b.size());
        for (int s = 0; s < a.size(); s++) {
            assertEquals(a.get(s).length, b.get(s).length);
            for (int t = 0; t < a.get(s).length; t++) {
                if (a.get(s)[t] == null) {
                    assertNull(b.get(s)[t], "step without target");
                    continue;
                }
                for (int k = 0; k < a.get(s)[t].length; k++) {
                    max = Math.max(max, Math.abs(a.get(s)[t][k] - b.get(s)[t][k]));
                }
            }
        }
        return max;
    }

    /**
     * Checks equal initial weights, equal outputs, and equal parameter changes over {@code steps}
     * training steps; returns the largest difference seen in the parameter changes.
     */
    private static double agree(String kind, String engine, Map<String, Object> settings, List<Sequence> batch,
            int inputs, int outputs, int steps) {
        return agreeInTurn(kind, engine, settings, List.of(batch), inputs, outputs, steps);
    }

    /**
     * As {@link #agree}, training on the given batches in
     * turn, {@code steps} updates in all (batches of other sizes and lengths test the reuse of
     * buffers between updates).
     */
    private static double agreeInTurn(String kind, String engine, Map<String, Object> settings,
            List<List<Sequence>> batches,
            int inputs, int outputs, int steps) {
        String what = kind + "/" + engine;
        Pair p = pair(kind, engine, settings, inputs, outputs, 42);
        Map<String, INDArray> before = layerParams(p.layers());
        Map<String, INDArray> otherBefore = otherParams(p);
        for (String key : before.keySet()) {
            assertEquals(before.get(key), otherBefore.get(key).reshape(before.get(key).shape()),
                    what + ": initial " + key);
        }
        assertEquals(p.layers().parameterCount(), p.other().parameterCount(), what + ": parameters");

        double outputs0 = 0;
        for (List<Sequence> batch : batches) {
            outputs0 = Math.max(outputs0, maxDifference(p.layers().predict(batch), p.other().predict(batch)));
        }
        assertTrue(outputs0 < TOLERANCE, what + ": outputs differ by " + outputs0);

        double worst = 0;
        for (int step = 0; step < steps; step++) {
            List<Sequence> batch = batches.get(step % batches.size());
            Map<String, INDArray> a0 = layerParams(p.layers());
            Map<String, INDArray> b0 = otherParams(p);
            double trainOutputs = maxDifference(p.layers().train(batch), p.other().train(batch));
            assertTrue(trainOutputs < TOLERANCE, what + ": pre-update outputs differ by " + trainOutputs);
            Map<String, INDArray> a1 = layerParams(p.layers());
            Map<String, INDArray> b1 = otherParams(p);
            double largestChange = 0;
            for (String key : a0.keySet()) {
                INDArray changeA = a1.get(key).sub(a0.get(key));
                INDArray changeB = b1.get(key).sub(b0.get(key)).reshape(changeA.shape());
                double diff = changeA.sub(changeB).amaxNumber().doubleValue();
                largestChange = Math.max(largestChange, changeA.amaxNumber().doubleValue());
                assertTrue(diff < TOLERANCE, what + " step " + step + ": change of " + key + " differs by " + diff
                        + "\nlayers   " + changeA + "\n" + engine + " " + changeB);
                worst = Math.max(worst, diff);
            }
            assertTrue(largestChange > 1e-4, what + ": the step changed the weights (" + largestChange + ")");
        }
        double after = 0;
        for (List<Sequence> batch : batches) {
            after = Math.max(after, maxDifference(p.layers().predict(batch), p.other().predict(batch)));
        }
        assertTrue(after < TOLERANCE, what + ": outputs after training differ by " + after);
        System.out.printf(java.util.Locale.ROOT, "engine agreement %s %s: outputs %.1e, parameter changes %.1e, "
                + "outputs after %d steps %.1e%n", what, settings, outputs0, worst, steps, after);
        return worst;
    }

    @Test
    void sgdStepsAgreeForBothKinds() {
        for (String engine : ENGINES) {
            for (String kind : List.of("lstm", "rnn")) {
                Map<String, Object> settings = Map.of("hidden", 3, "batch", 3, "optimizer", "sgd", "learningRate", 0.5);
                agree(kind, engine, settings, denseBatch(2, 2, 7), 2, 2, 3);
            }
        }
    }

    @Test
    void adamStepsAgreeForBothKinds() {
        for (String engine : ENGINES) {
            for (String kind : List.of("lstm", "rnn")) {
                Map<String, Object> settings = Map.of("hidden", 3, "batch", 3, "optimizer", "adam", "learningRate", 0.05);
                agree(kind, engine, settings, denseBatch(2, 1, 8), 2, 1, 3);
            }
        }
    }

    @Test
    void rmspropClippingAndIdentityOutputAgree() {
        for (String engine : ENGINES) {
            for (String kind : List.of("lstm", "rnn")) {
                Map<String, Object> settings = Map.of("hidden", 4, "batch", 3, "optimizer", "rmsprop",
                        "learningRate", 0.01, "clip", 0.01, "outputActivation", "identity");
                agree(kind, engine, settings, denseBatch(3, 2, 9), 3, 2, 2);
            }
        }
    }

    @Test
    void wideOneHotInputsTakeTheSparseRouteAndAgree() {
        // lstm: 13 inputs > 4 x 3 gate columns; rnn: 5 inputs > 3 units
        Map<String, Object> settings = Map.of("hidden", 3, "batch", 3, "optimizer", "sgd", "learningRate", 0.5);
        for (String engine : ENGINES) {
            assertTrue(pair("lstm", engine, settings, 13, 2, 1).otherSparseInput());
            agree("lstm", engine, settings, oneHotBatch(13, 2, 10), 13, 2, 2);
            assertTrue(pair("rnn", engine, settings, 5, 2, 1).otherSparseInput());
            agree("rnn", engine, settings, oneHotBatch(5, 2, 11), 5, 2, 2);
            // narrow inputs go to the op as they are
            assertFalse(pair("lstm", engine, settings, 12, 2, 1).otherSparseInput());
            assertFalse(pair("rnn", engine, settings, 3, 2, 1).otherSparseInput());
            // a sparse model still takes inputs that are not one-hot
            agree("rnn", engine, settings, denseBatch(5, 2, 12), 5, 2, 1);
        }
    }

    @Test
    void batchesOfOtherSizesAndLengthsAgreeInTurn() {
        // The composed engine keeps its buffers between updates: a longer batch (9 steps) grows
        // them, a batch of another size gets its own, and the state before the first step must
        // stay zero throughout. Alternate three batches, dense and one-hot.
        for (String engine : ENGINES) {
            for (String kind : List.of("lstm", "rnn")) {
                Map<String, Object> settings = Map.of("hidden", 3, "batch", 3, "optimizer", "adam", "learningRate", 0.05,
                        "clip", 0.5);
                List<Sequence> longer = new ArrayList<>(denseBatch(2, 1, 14));
                longer.addAll(longSequences(2, 1, 15));
                agreeInTurn(kind, engine, settings, List.of(denseBatch(2, 1, 13), longer, longSequences(2, 1, 16)), 2, 1,
                        6);
                List<Sequence> oneHotLonger = new ArrayList<>(oneHotBatch(13, 1, 17));
                oneHotLonger.addAll(oneHotBatch(13, 1, 18).subList(0, 1));
                agreeInTurn(kind, engine, settings, List.of(oneHotBatch(13, 1, 19), oneHotLonger), 13, 1, 4);
            }
        }
    }

    /** Two sequences of 9 and 2 steps, dense inputs, a target at the last step of each and at step 4 of the first. */
    private static List<Sequence> longSequences(int inputs, int outputs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> batch = new ArrayList<>();
        for (int length : new int[] {9, 2}) {
            double[][] x = new double[length][inputs];
            double[][] y = new double[length][];
            for (int t = 0; t < length; t++) {
                for (int i = 0; i < inputs; i++) {
                    x[t][i] = r.nextDouble(-1, 1);
                }
                if (t == length - 1 || t == 4) {
                    y[t] = new double[outputs];
                    for (int k = 0; k < outputs; k++) {
                        y[t][k] = r.nextDouble();
                    }
                }
            }
            batch.add(new Sequence(x, y));
        }
        return batch;
    }

    @Test
    void singlePrecisionEnginesStayCloseOverTenAdamSteps() {
        for (String engine : ENGINES) {
            for (String kind : List.of("lstm", "rnn")) {
                Pair p = pair(kind, engine, Map.of("hidden", 8, "batch", 3, "optimizer", "adam", "learningRate", 0.01),
                        2, 1, 3, DataType.FLOAT);
                List<Sequence> batch = denseBatch(2, 1, 13);
                for (int step = 0; step < 10; step++) {
                    double d = maxDifference(p.layers().train(batch), p.other().train(batch));
                    assertTrue(d < 1e-5, kind + "/" + engine + " step " + step + ": outputs differ by " + d);
                }
                Map<String, INDArray> a = layerParams(p.layers());
                Map<String, INDArray> b = otherParams(p);
                for (String key : a.keySet()) {
                    double d = a.get(key).sub(b.get(key).reshape(a.get(key).shape())).amaxNumber().doubleValue();
                    assertTrue(d < 1e-5, kind + "/" + engine + ": " + key + " differs by " + d + " after 10 steps");
                }
            }
        }
    }

    @Test
    void gateOrderMappingIsAPermutationAndItsInverse() {
        INDArray layer = org.nd4j.linalg.factory.Nd4j.linspace(1, 16, 16, DataType.DOUBLE).reshape(2, 8);
        INDArray op = FusedCellModel.layerToOpGateOrder(layer);
        // layer blocks (2 columns each): cell input, forget, output, input; op: input, forget, cell input, output
        assertEquals(layer.getDouble(0, 6), op.getDouble(0, 0));
        assertEquals(layer.getDouble(0, 2), op.getDouble(0, 2));
        assertEquals(layer.getDouble(0, 0), op.getDouble(0, 4));
        assertEquals(layer.getDouble(0, 4), op.getDouble(0, 6));
        assertEquals(layer, FusedCellModel.opToLayerGateOrder(op));
    }

    @Test
    void defaultEngineIsComposedAndEachEngineIsNamedInTheProtocol() {
        SequenceModel m = ModelKinds.get("lstm").create(Map.of("hidden", 2, "batch", 2), 1, 1, 1);
        assertInstanceOf(ComposedRecurrentModel.class, m);
        assertTrue(ModelKinds.get("lstm").protocol(Map.of()).endsWith(", composed ND4J ops"));
        assertInstanceOf(FusedCellModel.class,
                ModelKinds.get("lstm").create(Map.of("hidden", 2, "batch", 2, "engine", "fused"), 1, 1, 1));
        assertTrue(ModelKinds.get("lstm").protocol(Map.of("engine", "fused")).contains("fused LSTM cell ops"));
        assertTrue(ModelKinds.get("rnn").protocol(Map.of("engine", "fused")).contains("fused LSTM cell ops as tanh RNN"));
        // the layer engine keeps the protocol its recorded trials carry
        assertEquals("DL4J LSTM 8 units, adam lr 0.01, batch 32",
                ModelKinds.get("lstm").protocol(Map.of("engine", "layers")));
        assertNotNull(ModelKinds.get("rnn").create(Map.of("engine", "layers"), 1, 1, 1));
    }

    @Test
    void theComposedEngineIsChosenBySettingAndNamedInTheProtocol() {
        for (String kind : List.of("lstm", "rnn")) {
            SequenceModel m = ModelKinds.get(kind).create(Map.of("hidden", 2, "batch", 2, "engine", "composed"), 1, 1, 1);
            assertInstanceOf(ComposedRecurrentModel.class, m);
            String protocol = ModelKinds.get(kind).protocol(Map.of("engine", "composed"));
            assertTrue(protocol.endsWith(", composed ND4J ops"), protocol);
            assertEquals("composed", ModelKinds.get(kind).effectiveSettings(Map.of("engine", "composed")).get("engine"));
        }
        assertEquals("composed", Dl4jRecurrentKind.DEFAULT_ENGINE, "the fastest engine is the default");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelKinds.get("lstm").validate(Map.of("engine", "tensor"), 1, 1));
        assertTrue(e.getMessage().contains("tensor"), e.getMessage());
    }

    @Test
    void theForgetGateBiasReachesBothEnginesAndTheyAgree() {
        Map<String, Object> settings = Map.of("hidden", 3, "batch", 3, "optimizer", "adam", "learningRate", 0.05,
                "forgetGateBias", 3.0);
        for (String engine : ENGINES) {
            Pair p = pair("lstm", engine, settings, 2, 1, 11);
            // the layer's gate blocks are cell input, forget, output, input gate: the forget block is units 3..5
            INDArray layerBias = p.layers().network().getParam("0_b");
            INDArray otherBias = p.otherLayerParameters().get("0_b");
            for (int unit = 3; unit < 6; unit++) {
                assertEquals(3.0, layerBias.getDouble(unit), 0, "layers, forget unit " + unit);
                assertEquals(3.0, otherBias.getDouble(unit), 0, engine + ", forget unit " + unit);
            }
            agree("lstm", engine, settings, denseBatch(2, 1, 12), 2, 1, 3);
        }
        INDArray defaultBias = pair("lstm", "fused", Map.of("hidden", 3), 2, 1, 11).otherLayerParameters().get("0_b");
        assertEquals(Dl4jRecurrentKind.DEFAULT_FORGET_GATE_BIAS, defaultBias.getDouble(4), 0, "DL4J's default");
        assertTrue(((Dl4jRecurrentKind) ModelKinds.get("lstm")).protocol(settings).contains("forget-gate bias 3.0"));
        IllegalArgumentException rnn = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelKinds.get("rnn").validate(Map.of("forgetGateBias", 1.0), 2, 1));
        assertTrue(rnn.getMessage().contains("unknown setting 'forgetGateBias'"), rnn.getMessage());
    }

    @Test
    void theProtocolNamesANonDefaultOutputActivationSoThatSearchPointsDiffer() {
        Dl4jRecurrentKind lstm = (Dl4jRecurrentKind) ModelKinds.get("lstm");
        assertTrue(lstm.protocol(Map.of("hidden", 3, "outputActivation", "identity")).contains(", identity output"));
        assertTrue(!lstm.protocol(Map.of("hidden", 3)).contains("output"), "the default says nothing, as before");
    }
}
