package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.deeplearning4j.util.ModelSerializer;
import org.longlag.task.Sequence;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class Rnn1997KindTest {
    private final Rnn1997Kind kind = new Rnn1997Kind();

    private static Map<String, Object> settings(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** A random sequence with targets at {@code targetSteps} (values in (0, 1)). */
    static Sequence sequence(SplittableRandom rng, int length, int nIn, int nOut, int... targetSteps) {
        double[][] in = new double[length][nIn];
        double[][] out = new double[length][];
        for (double[] row : in) {
            for (int i = 0; i < nIn; i++) {
                row[i] = rng.nextDouble(-1, 1);
            }
        }
        for (int t : targetSteps) {
            out[t] = new double[nOut];
            for (int k = 0; k < nOut; k++) {
                out[t][k] = rng.nextDouble(0.05, 0.95);
            }
        }
        return new Sequence(in, out);
    }

    /** Features, labels, feature mask, label mask of one sequence in DL4J's layout, double precision. */
    private static INDArray[] dl4jArrays(Sequence s, int nIn, int nOut) {
        int length = s.length();
        INDArray features = Nd4j.zeros(DataType.DOUBLE, 1, nIn, length);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 1, nOut, length);
        INDArray featureMask = Nd4j.ones(DataType.DOUBLE, 1, length);
        INDArray labelMask = Nd4j.zeros(DataType.DOUBLE, 1, length);
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < nIn; i++) {
                features.putScalar(new long[] {0, i, t}, s.input(t)[i]);
            }
            if (s.hasTarget(t)) {
                labelMask.putScalar(new long[] {0, t}, 1.0);
                for (int k = 0; k < nOut; k++) {
                    labels.putScalar(new long[] {0, k, t}, s.target(t)[k]);
                }
            }
        }
        return new INDArray[] {features, labels, featureMask, labelMask};
    }

    /** Sets input, labels and masks on the DL4J model and returns its flattened gradient and score. */
    private static double[] dl4jGradient(Model net, INDArray[] a, double[] score) {
        if (net instanceof ComputationGraph graph) {
            graph.setInputs(a[0]);
            graph.setLabels(a[1]);
            graph.setLayerMaskArrays(new INDArray[] {a[2]}, new INDArray[] {a[3]});
            graph.computeGradientAndScore();
        } else {
            MultiLayerNetwork mln = (MultiLayerNetwork) net;
            mln.setInput(a[0]);
            mln.setLabels(a[1]);
            mln.setLayerMaskArrays(a[2], a[3]);
            mln.computeGradientAndScore();
        }
        score[0] = net.score();
        return net.gradient().gradient().dup().data().asDouble();
    }

    private void assertKernelMatchesDl4j(Map<String, Object> extra, int length, int... targetSteps) {
        int nIn = 3;
        int nOut = 2;
        Map<String, Object> cfg = settings("hidden", 4, "initRange", 0.5, "learningRate", 0.7);
        cfg.putAll(extra);
        Rnn1997Model model = kind.create(cfg, nIn, nOut, 11);
        RnnKernel kernel = model.kernel();
        Sequence s = sequence(new SplittableRandom(5), length, nIn, nOut, targetSteps);

        double[] ours = new double[kernel.layoutSize()];
        double error = kernel.gradient(s, ours);

        double[] score = new double[1];
        double[] theirs = dl4jGradient(model.network(), dl4jArrays(s, nIn, nOut), score);

        assertEquals(kernel.layoutSize(), theirs.length);
        // DL4J's L2 loss is the plain sum of squares: score 2E, gradient 2 dE/dw.
        assertEquals(2 * error, score[0], 1e-10);
        int compared = 0;
        for (int i = 0; i < ours.length; i++) {
            if (kernel.isTrainable(i)) {
                assertEquals(theirs[i], 2 * ours[i], 1e-10 * Math.max(1, Math.abs(theirs[i])), cfg + " parameter " + i);
                compared++;
            } else {
                assertEquals(0.0, ours[i]);
            }
        }
        assertEquals(model.parameterCount(), compared);
    }

    private static final List<Map<String, Object>> TOPOLOGIES = List.of(
            settings(),
            settings("biases", false),
            settings("topology", "fully-recurrent"),
            settings("topology", "fully-recurrent", "biases", false),
            settings("inputToOutput", true),
            settings("inputToOutput", true, "biases", false));

    @Test
    void gradientEqualsDl4jSingleStep() {
        for (Map<String, Object> topology : TOPOLOGIES) {
            assertKernelMatchesDl4j(topology, 1, 0);
        }
    }

    @Test
    void gradientEqualsDl4jOverTimeWithLabelMask() {
        for (Map<String, Object> topology : TOPOLOGIES) {
            assertKernelMatchesDl4j(topology, 9, 2, 5, 8);
            // target steps not at the end: later steps carry no error at all
            assertKernelMatchesDl4j(topology, 7, 3);
        }
    }

    @Test
    void dl4jEquivalentNetworkPassesGradientCheck() {
        // SGD at α/2 = 1.0 is what GradientCheckUtil accepts as an updater.
        Rnn1997Model model = kind.create(settings("hidden", 3, "initRange", 0.5, "learningRate", 2.0), 2, 2, 3);
        Sequence s = sequence(new SplittableRandom(9), 6, 2, 2, 1, 5);
        INDArray[] a = dl4jArrays(s, 2, 2);
        DataType keepData = Nd4j.dataType();
        DataType keepFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                    .net((MultiLayerNetwork) model.network()).input(a[0]).labels(a[1]).inputMask(a[2]).labelMask(a[3])
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertTrue(ok);
        } finally {
            Nd4j.setDefaultDataTypes(keepData, keepFloat);
        }
    }

    @Test
    void kernelGradientMatchesFiniteDifferences() {
        for (Map<String, Object> topology : TOPOLOGIES) {
            Map<String, Object> cfg = settings("hidden", 5, "initRange", 1.0);
            cfg.putAll(topology);
            assertFiniteDifferences(kind.create(cfg, 2, 3, 21).kernel());
        }
    }

    private static void assertFiniteDifferences(RnnKernel kernel) {
        Sequence s = sequence(new SplittableRandom(2), 12, 2, 3, 4, 11);
        double[] g = new double[kernel.layoutSize()];
        kernel.gradient(s, g);
        double[] p = kernel.params();
        double[] scratch = new double[g.length];
        double eps = 1e-6;
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + eps;
            double plus = kernel.gradient(s, scratch);
            p[i] = keep - eps;
            double minus = kernel.gradient(s, scratch);
            p[i] = keep;
            double numeric = kernel.isTrainable(i) ? (plus - minus) / (2 * eps) : 0.0;
            assertEquals(numeric, g[i], 1e-7 + 1e-5 * Math.abs(numeric), "parameter " + i);
        }
    }

    @Test
    void oneOnlineStepIsMinusAlphaTimesGradientOfHalfSse() {
        double alpha = 0.3;
        for (boolean biases : new boolean[] {true, false}) {
            Rnn1997Model model = kind.create(settings("hidden", 4, "biases", biases, "learningRate", alpha), 2, 1, 8);
            RnnKernel kernel = model.kernel();
            Sequence s = sequence(new SplittableRandom(4), 10, 2, 1, 9);
            double[] before = kernel.params().clone();
            double[] grad = new double[before.length];
            kernel.gradient(s, grad);
            double[][] predicted = model.predict(List.of(s)).get(0);

            double[][] outputs = model.train(List.of(s)).get(0);

            assertArrayEquals(predicted[9], outputs[9], 0.0, "train returns the outputs before the update");
            double[] after = kernel.params();
            for (int i = 0; i < before.length; i++) {
                assertEquals(before[i] - alpha * grad[i], after[i], 1e-15, "parameter " + i);
            }
            if (!biases) {
                // the unused SimpleRnn bias stays zero
                for (int i = 0; i < after.length; i++) {
                    if (!kernel.isTrainable(i)) {
                        assertEquals(0.0, after[i]);
                    }
                }
            }
        }
    }

    @Test
    void dl4jFitOnOneSequenceMakesTheSameUpdate() {
        for (Map<String, Object> topology : TOPOLOGIES) {
            Map<String, Object> cfg = settings("hidden", 3, "learningRate", 0.5);
            cfg.putAll(topology);
            Rnn1997Model model = kind.create(cfg, 2, 2, 13);
            Sequence s = sequence(new SplittableRandom(6), 8, 2, 2, 3, 7);
            INDArray[] a = dl4jArrays(s, 2, 2);
            DataSet data = new DataSet(a[0], a[1], a[2], a[3]);
            Model net = model.network();
            double[] fitted;
            if (net instanceof ComputationGraph graph) {
                ComputationGraph copy = graph.clone();
                copy.fit(data);
                fitted = copy.params().data().asDouble();
            } else {
                MultiLayerNetwork copy = ((MultiLayerNetwork) net).clone();
                copy.fit(data);
                fitted = copy.params().data().asDouble();
            }
            model.train(List.of(s));
            assertArrayEquals(fitted, model.network().params().data().asDouble(), 1e-12, cfg.toString());
        }
    }

    @Test
    void dl4jForwardPassAgreesAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        for (Map<String, Object> topology : TOPOLOGIES) {
            Map<String, Object> cfg = settings("hidden", 3, "initRange", 1.0);
            cfg.putAll(topology);
            Rnn1997Model model = kind.create(cfg, 2, 2, 17);
            Sequence s = sequence(new SplittableRandom(8), 6, 2, 2, 2, 5);
            model.train(List.of(s)); // the network must see the trained weights, not the initial ones
            double[][] ours = model.predict(List.of(s)).get(0);

            File file = dir.resolve("net.zip").toFile();
            ModelSerializer.writeModel(model.network(), file, false);
            INDArray features = dl4jArrays(s, 2, 2)[0];
            INDArray out = model.network() instanceof ComputationGraph
                    ? ComputationGraph.load(file, false).outputSingle(features)
                    : MultiLayerNetwork.load(file, false).output(features);
            for (int t : new int[] {2, 5}) {
                for (int k = 0; k < 2; k++) {
                    assertEquals(out.getDouble(0, k, t), ours[t][k], 1e-12, cfg + " t=" + t + " k=" + k);
                }
            }
        }
    }

    @Test
    void outputsOnlyAtTargetSteps() {
        Rnn1997Model model = kind.create(Map.of(), 2, 1, 1);
        Sequence s = sequence(new SplittableRandom(1), 5, 2, 1, 2, 4);
        double[][] out = model.predict(List.of(s)).get(0);
        assertEquals(5, out.length);
        assertEquals(null, out[0]);
        assertEquals(null, out[3]);
        assertEquals(1, out[2].length);
        assertTrue(out[4][0] > 0 && out[4][0] < 1);
    }

    @Test
    void parameterCounts() {
        // adding task (2 in, 1 out) with 8 biased units: 8*(2+8+1) + 1*(8+1) = 97
        assertEquals(97, kind.parameterCount(Map.of(), 2, 1));
        assertEquals(8 * (2 + 8) + 8, kind.parameterCount(settings("biases", false), 2, 1));
        // embedded Reber (7 in, 7 out): 3 and 12 hidden units
        assertEquals(3 * 11 + 7 * 4, kind.parameterCount(settings("hidden", 3), 7, 7));
        assertEquals(12 * 20 + 7 * 13, kind.parameterCount(settings("hidden", 12), 7, 7));
        for (boolean biases : new boolean[] {true, false}) {
            Rnn1997Model m = kind.create(settings("hidden", 6, "biases", biases), 5, 4, 0);
            assertEquals(kind.parameterCount(settings("hidden", 6, "biases", biases), 5, 4), m.parameterCount());
            // the DL4J network additionally holds the fixed zero biases when unbiased
            assertEquals(m.parameterCount() + (biases ? 0 : 6 + 4), m.network().numParams());
        }
        assertEquals(1, kind.create(Map.of(), 2, 1, 0).batchSize());
        // Table 1's RTRL nets: fully recurrent, 7 in, 7 out, no biases
        Map<String, Object> table1 = settings("topology", "fully-recurrent", "biases", false);
        table1.put("hidden", 3);
        assertEquals(170, kind.parameterCount(table1, 7, 7));
        table1.put("hidden", 12);
        assertEquals(494, kind.parameterCount(table1, 7, 7));
        // Table 2's RTRL/BPTT nets: p+1 in and out, one hidden unit, input-to-output, no biases
        Map<String, Object> table2 = settings("hidden", 1, "inputToOutput", true, "biases", false);
        assertEquals(36, kind.parameterCount(table2, 5, 5));
        assertEquals(144, kind.parameterCount(table2, 11, 11));
        assertEquals(10404, kind.parameterCount(table2, 101, 101));
        for (Map<String, Object> topology : TOPOLOGIES) {
            Map<String, Object> cfg = settings("hidden", 2);
            cfg.putAll(topology);
            assertEquals(kind.parameterCount(cfg, 3, 2), kind.create(cfg, 3, 2, 0).parameterCount(), cfg.toString());
        }
    }

    @Test
    void invalidSettingsNameTheField() {
        var bad = List.<Map<String, Object>>of(
                settings("hidden", 0),
                settings("hidden", 2.5),
                settings("biases", "yes"),
                settings("initRange", -0.1),
                settings("learningRate", 0),
                settings("learningRate", "fast"),
                settings("topology", "elman"),
                settings("inputToOutput", "no"),
                settings("update", "per-epoch"),
                settings("hiden", 8));
        var fields = List.of("hidden", "hidden", "biases", "initRange", "learningRate", "learningRate", "topology",
                "inputToOutput", "update", "hiden");
        for (int i = 0; i < bad.size(); i++) {
            Map<String, Object> s = bad.get(i);
            var e = assertThrows(IllegalArgumentException.class, () -> kind.validate(s, 2, 1));
            assertTrue(e.getMessage().contains(fields.get(i)), e.getMessage());
            if (!fields.get(i).equals("hiden")) {
                assertTrue(e.getMessage().contains(String.valueOf(s.values().iterator().next())), e.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> kind.validate(Map.of(), 0, 1));
        var both = assertThrows(IllegalArgumentException.class, () -> kind.validate(
                settings("topology", "fully-recurrent", "inputToOutput", true), 2, 1));
        assertTrue(both.getMessage().contains("inputToOutput"), both.getMessage());
        // a fully recurrent net may consist of output units only; a layered one needs hidden units
        kind.validate(settings("topology", "fully-recurrent", "hidden", 0), 2, 1);
        assertThrows(IllegalArgumentException.class, () -> kind.validate(settings("hidden", 0), 2, 1));
    }

    @Test
    void protocolLine() {
        assertEquals("RNN 8 sigmoid units, online SGD, α 1.0, batch 1, full BPTT", kind.protocol(Map.of()));
        assertEquals("RNN 3 sigmoid units, no biases, online SGD, α 0.05, batch 1, full BPTT",
                kind.protocol(settings("hidden", 3, "biases", false, "learningRate", 0.05)));
        assertEquals("fully recurrent RNN, 12 hidden + output sigmoid units, no biases, online SGD, α 0.1, batch 1, "
                + "full BPTT", kind.protocol(settings("hidden", 12, "biases", false, "learningRate", 0.1,
                        "topology", "fully-recurrent")));
        assertEquals("RNN 1 sigmoid units + input-to-output, no biases, online SGD, α 4.0, batch 1, full BPTT",
                kind.protocol(settings("hidden", 1, "biases", false, "learningRate", 4.0, "inputToOutput", true)));
        assertEquals("RNN 1 sigmoid units + input-to-output, no biases, online SGD, α 1.0, batch 1, RTRL, weights "
                + "changed after every target step", kind.protocol(settings("hidden", 1, "biases", false,
                        "inputToOutput", true, "update", "per-step")));
        assertEquals(kind.protocol(Map.of()), kind.protocol(settings("update", "per-sequence")));
    }

    @Test
    void sameSeedSameNetworkAndTraining() {
        Map<String, Object> cfg = settings("hidden", 5, "learningRate", 0.5);
        Rnn1997Model a = kind.create(cfg, 2, 1, 42);
        Rnn1997Model b = kind.create(cfg, 2, 1, 42);
        Rnn1997Model c = kind.create(cfg, 2, 1, 43);
        assertArrayEquals(a.kernel().params(), b.kernel().params(), 0.0);
        assertNotEquals(a.kernel().params()[0], c.kernel().params()[0]);
        for (double w : a.kernel().params()) {
            assertTrue(Math.abs(w) <= 0.1);
        }
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 20; i++) {
            Sequence s = sequence(rng, 15, 2, 1, 14);
            assertArrayEquals(a.train(List.of(s)).get(0)[14], b.train(List.of(s)).get(0)[14], 0.0);
        }
        assertArrayEquals(a.kernel().params(), b.kernel().params(), 0.0);
    }

    @Test
    void learnsAShortDelay() {
        // target at step t: the input bit of step t-2 (a lag an RTRL/BPTT net learns easily)
        Rnn1997Model model = kind.create(settings("hidden", 6, "learningRate", 1.0, "initRange", 0.5), 1, 1, 7);
        SplittableRandom rng = new SplittableRandom(12);
        double early = 0;
        double late = 0;
        for (int n = 0; n < 6000; n++) {
            double[][] in = new double[12][1];
            double[][] out = new double[12][];
            for (int t = 0; t < 12; t++) {
                in[t][0] = rng.nextBoolean() ? 1 : 0;
                if (t >= 2) {
                    out[t] = new double[] {0.2 + 0.6 * in[t - 2][0]};
                }
            }
            Sequence s = new Sequence(in, out);
            double[][] y = model.train(List.of(s)).get(0);
            double sse = 0;
            for (int t = 2; t < 12; t++) {
                sse += Math.pow(y[t][0] - out[t][0], 2);
            }
            if (n < 200) {
                early += sse / 10 / 200;
            } else if (n >= 5800) {
                late += sse / 10 / 200;
            }
        }
        assertTrue(early > 0.05, "early mse " + early);
        assertTrue(late < 0.005, "late mse " + late);
    }

    @Test
    void registered() {
        assertTrue(ModelKinds.get("rnn1997") instanceof Rnn1997Kind);
    }
}
