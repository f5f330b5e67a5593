package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.longlag.model.layer.Lstm1997;
import org.longlag.task.Sequence;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast on-line path against the DL4J path: same outputs, same update, and the network
 * survives JSON and ModelSerializer round trips.
 */
class Lstm1997OnlineModelTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static Map<String, Object> settings(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("blocks", 2);
        m.put("cellsPerBlock", 2);
        m.put("learningRate", 0.5);
        m.put("initRange", 0.5);
        m.put("inputGateBias", List.of(-0.5, -1.0));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A random sequence with targets at a few steps, including the last. */
    static Sequence sequence(SplittableRandom rng, int len, int in, int out, boolean sparseInputs) {
        double[][] x = new double[len][in];
        double[][] y = new double[len][];
        for (int t = 0; t < len; t++) {
            for (int i = 0; i < in; i++) {
                x[t][i] = sparseInputs ? (rng.nextInt(in) == i ? 1.0 : 0.0) : rng.nextDouble(-1, 1);
            }
            if (t == len - 1 || rng.nextInt(3) == 0) {
                y[t] = new double[out];
                for (int k = 0; k < out; k++) {
                    y[t][k] = rng.nextDouble();
                }
            }
        }
        return new Sequence(x, y);
    }

    static DataSet dataSet(Sequence s, int in, int out) {
        int len = s.length();
        INDArray f = Nd4j.create(DataType.DOUBLE, 1, in, len);
        INDArray l = Nd4j.create(DataType.DOUBLE, 1, out, len);
        INDArray lm = Nd4j.create(DataType.DOUBLE, 1, len);
        for (int t = 0; t < len; t++) {
            for (int i = 0; i < in; i++) {
                f.putScalar(0, i, t, s.input(t)[i]);
            }
            if (s.hasTarget(t)) {
                lm.putScalar(0, t, 1.0);
                for (int k = 0; k < out; k++) {
                    l.putScalar(0, k, t, s.target(t)[k]);
                }
            }
        }
        return new DataSet(f, l, null, lm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "full", "exp2a", "unbiased", "linear-output"})
    void onlineUpdateEqualsDl4jFitAndOutputsMatch(String variant) {
        int in = 3;
        int out = 2;
        Map<String, Object> s = switch (variant) {
            case "truncated" -> settings();
            case "full" -> settings("gradient", "full");
            case "exp2a" -> settings("blocks", 1, "cellsPerBlock", 1, "inputGateBias", "random",
                    "outputGates", false, "cellInput", "logistic", "cellOutput", "identity",
                    "biases", Map.of("cells", false, "inputGates", false, "outputGates", false, "outputs", false),
                    "recurrent", false, "inputToOutput", true);
            case "unbiased" -> settings("biases", Map.of("cells", false, "outputs", false));
            case "linear-output" -> settings("outputUnit", "linear");
            default -> throw new IllegalArgumentException(variant);
        };
        Lstm1997OnlineModel model = (Lstm1997OnlineModel) new Lstm1997Kind().create(s, in, out, 3);
        SplittableRandom rng = new SplittableRandom(4);
        for (int round = 0; round < 3; round++) {
            Sequence seq = sequence(rng, 7 + round, in, out, variant.equals("exp2a"));
            MultiLayerNetwork reference = model.network().clone();
            DataSet ds = dataSet(seq, in, out);

            double[][] trained = model.train(List.of(seq)).get(0);

            INDArray before = reference.output(ds.getFeatures());
            for (int t = 0; t < seq.length(); t++) {
                if (seq.hasTarget(t)) {
                    for (int k = 0; k < out; k++) {
                        assertEquals(before.getDouble(0, k, t), trained[t][k], 1e-12, "output " + k + " at " + t);
                    }
                } else {
                    assertNull(trained[t]);
                }
            }
            reference.fit(ds);
            double[] expected = reference.params().reshape(reference.numParams()).toDoubleVector();
            double[] actual = model.parameters();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-12, variant + ": parameter " + i + " after round " + round);
            }
            assertTrue(!java.util.Arrays.equals(expected, before.reshape(before.length()).toDoubleVector()));
        }
        // After the updates, predict() and the synced network still agree.
        Sequence seq = sequence(rng, 9, in, out, variant.equals("exp2a"));
        double[][] predicted = model.predict(List.of(seq)).get(0);
        INDArray net = model.network().output(dataSet(seq, in, out).getFeatures());
        for (int t = 0; t < seq.length(); t++) {
            if (seq.hasTarget(t)) {
                for (int k = 0; k < out; k++) {
                    assertEquals(net.getDouble(0, k, t), predicted[t][k], 1e-12);
                }
            }
        }
    }

    @Test
    void updateIsAlphaTimesNegativeHalfSseGradient() {
        // With LossL2 (= 2E) the DL4J gradient is 2·∂E/∂w, so the paper's step is −(α/2)·gradient.
        int in = 2;
        int out = 1;
        double alpha = 0.5;
        Lstm1997OnlineModel model = (Lstm1997OnlineModel) new Lstm1997Kind().create(settings(), in, out, 8);
        Sequence seq = sequence(new SplittableRandom(1), 12, in, out, false);
        MultiLayerNetwork net = model.network().clone();
        DataSet ds = dataSet(seq, in, out);
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.setLayerMaskArrays(null, ds.getLabelsMaskArray());
        net.computeGradientAndScore();
        double[] g = net.gradient().gradient().reshape(net.numParams()).toDoubleVector();
        double[] before = model.parameters();
        model.train(List.of(seq));
        double[] after = model.parameters();
        for (int i = 0; i < g.length; i++) {
            assertEquals(-alpha * g[i] / 2, after[i] - before[i], 1e-13, "parameter " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void configurationJsonRoundTrip(boolean outputBias) {
        Map<String, Object> s = settings("outputGateBias", List.of(-1, -2), "gradient", "full",
                "cellOutput", "identity", "inputToOutput", true,
                "biases", Map.of("cells", false, "outputs", outputBias));
        MultiLayerConfiguration conf = Lstm1997OnlineModel.configuration(Lstm1997Settings.parse(s), 3, 2, 17);
        String json = conf.toJson();
        assertTrue(json.contains(Lstm1997.class.getName()), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        Lstm1997 layer = (Lstm1997) back.getConf(0).getLayer();
        assertArrayEquals(new double[] {-1, -2}, layer.getOutputGateBiasInit());
        assertArrayEquals(new double[] {-0.5, -1}, layer.getInputGateBiasInit());
        assertEquals(Lstm1997.GradientMode.FULL, layer.getGradientMode());
        assertEquals(Lstm1997.CellOutput.IDENTITY, layer.getCellOutput());
        assertEquals(4 + 3, layer.getNOut());
        assertEquals(conf, MultiLayerConfiguration.fromYaml(conf.toYaml()));
        assertEquals(outputBias ? org.deeplearning4j.nn.conf.layers.RnnOutputLayer.class
                : org.longlag.model.layer.RnnOutputLayerNoBias.class, back.getConf(1).getLayer().getClass());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void modelSerializerRoundTrip(boolean outputBias, @TempDir Path dir) throws Exception {
        Lstm1997OnlineModel model = (Lstm1997OnlineModel) new Lstm1997Kind().create(
                settings("biases", Map.of("outputs", outputBias)), 3, 2, 21);
        SplittableRandom rng = new SplittableRandom(22);
        for (int i = 0; i < 5; i++) {
            model.train(List.of(sequence(rng, 6, 3, 2, false)));
        }
        MultiLayerNetwork net = model.network();
        File file = dir.resolve("lstm1997.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.getLayerWiseConfigurations(), loaded.getLayerWiseConfigurations());
        assertEquals(net.params(), loaded.params());
        INDArray features = dataSet(sequence(rng, 8, 3, 2, false), 3, 2).getFeatures();
        assertEquals(net.output(features), loaded.output(features));
        // The loaded network keeps training the same way.
        DataSet ds = dataSet(sequence(rng, 8, 3, 2, false), 3, 2);
        net.fit(ds);
        loaded.fit(ds);
        assertEquals(net.params(), loaded.params());
    }

    @Test
    void rnnTimeStepMatchesWholeSequence() {
        Lstm1997OnlineModel model = (Lstm1997OnlineModel) new Lstm1997Kind().create(settings(), 3, 2, 31);
        MultiLayerNetwork net = model.network();
        INDArray features = Lstm1997OnlineModelTest.dataSet(sequence(new SplittableRandom(5), 6, 3, 2, false), 3, 2)
                .getFeatures();
        INDArray whole = net.output(features);
        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray step = net.rnnTimeStep(features.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(t, t + 1)));
            for (int k = 0; k < 2; k++) {
                assertEquals(whole.getDouble(0, k, t), step.getDouble(0, k, 0), 1e-12);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"per-sequence", "per-step"})
    void diagnosticsDescribeTheStatesAndGatesOfTheTrainedSequences(String update) {
        int in = 3;
        int out = 2;
        Lstm1997OnlineModel model = (Lstm1997OnlineModel) new Lstm1997Kind().create(
                settings("update", update), in, out, 5);
        Sequence seq = sequence(new SplittableRandom(2), 9, in, out, false);
        model.train(List.of(seq));
        Map<String, Double> d = model.takeDiagnostics();

        assertEquals(List.of("meanAbsStateEnd", "maxAbsStateEnd", "meanInputGate", "meanOutputGate", "maxAbsWeight"),
                List.copyOf(d.keySet()));
        assertTrue(d.get("maxAbsStateEnd") >= d.get("meanAbsStateEnd") && d.get("meanAbsStateEnd") > 0, d.toString());
        double inputGates = d.get("meanInputGate");
        double outputGates = d.get("meanOutputGate");
        assertTrue(inputGates > 0 && inputGates < 1 && outputGates > 0 && outputGates < 1, d.toString());
        double largest = java.util.Arrays.stream(model.parameters()).map(Math::abs).max().orElseThrow();
        assertEquals(largest, d.get("maxAbsWeight"), 0.0);
        // A snapshot starts afresh: with no sequence since, only the weight remains.
        assertEquals(List.of("maxAbsWeight"), List.copyOf(model.takeDiagnostics().keySet()));
    }

    @Test
    void diagnosticsMeanAndMaxOfFinalStatesAreExact() {
        Lstm1997Diagnostics d = new Lstm1997Diagnostics(2, 1, true);
        d.addFinalState(new double[] {9, -1.0, 3.0}, 1);
        d.addFinalState(new double[] {0.5, -0.5}, 0);
        d.addStep(new double[] {0, 0, 0.2, 0.6}, 0);
        d.addStep(new double[] {9, 9, 0, 0, 0.4, 0.8}, 2);
        Map<String, Double> snapshot = d.take(new double[] {0.1, -4.0, 2.0});
        assertEquals(1.25, snapshot.get("meanAbsStateEnd"), 1e-15);
        assertEquals(3.0, snapshot.get("maxAbsStateEnd"), 0.0);
        assertEquals(0.3, snapshot.get("meanInputGate"), 1e-15);
        assertEquals(0.7, snapshot.get("meanOutputGate"), 1e-15);
        assertEquals(4.0, snapshot.get("maxAbsWeight"), 0.0);
    }
}
