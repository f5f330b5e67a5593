package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
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
    private static Sequence sequence(SplittableRandom rng, int length, int nIn, int nOut, int... targetSteps) {
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

    private void assertKernelMatchesDl4j(boolean biases, int length, int... targetSteps) {
        int nIn = 3;
        int nOut = 2;
        Map<String, Object> cfg = settings("hidden", 4, "biases", biases, "initRange", 0.5, "learningRate", 0.7);
        Rnn1997Model model = kind.create(cfg, nIn, nOut, 11);
        RnnKernel kernel = model.kernel();
        Sequence s = sequence(new SplittableRandom(5), length, nIn, nOut, targetSteps);

        double[] ours = new double[kernel.layoutSize()];
        double error = kernel.gradient(s, ours);

        MultiLayerNetwork net = model.network();
        INDArray[] a = dl4jArrays(s, nIn, nOut);
        net.setInput(a[0]);
        net.setLabels(a[1]);
        net.setLayerMaskArrays(a[2], a[3]);
        net.computeGradientAndScore();
        double[] theirs = net.gradient().gradient().dup().data().asDouble();

        assertEquals(kernel.layoutSize(), theirs.length);
        // DL4J's L2 loss is the plain sum of squares: score 2E, gradient 2 dE/dw.
        assertEquals(2 * error, net.score(), 1e-10);
        int compared = 0;
        for (int i = 0; i < ours.length; i++) {
            if (kernel.isTrainable(i)) {
                assertEquals(theirs[i], 2 * ours[i], 1e-10 * Math.max(1, Math.abs(theirs[i])), "parameter " + i);
                compared++;
            } else {
                assertEquals(0.0, ours[i]);
            }
        }
        assertEquals(model.parameterCount(), compared);
    }

    @Test
    void gradientEqualsDl4jSingleStep() {
        assertKernelMatchesDl4j(true, 1, 0);
        assertKernelMatchesDl4j(false, 1, 0);
    }

    @Test
    void gradientEqualsDl4jOverTimeWithLabelMask() {
        assertKernelMatchesDl4j(true, 9, 2, 5, 8);
        assertKernelMatchesDl4j(false, 9, 2, 5, 8);
        // target steps not at the end: later steps carry no error at all
        assertKernelMatchesDl4j(true, 7, 3);
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
                    .net(model.network()).input(a[0]).labels(a[1]).inputMask(a[2]).labelMask(a[3])
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertTrue(ok);
        } finally {
            Nd4j.setDefaultDataTypes(keepData, keepFloat);
        }
    }

    @Test
    void kernelGradientMatchesFiniteDifferences() {
        Rnn1997Model model = kind.create(settings("hidden", 5, "initRange", 1.0), 2, 3, 21);
        RnnKernel kernel = model.kernel();
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
            double numeric = (plus - minus) / (2 * eps);
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
        for (boolean biases : new boolean[] {true, false}) {
            Rnn1997Model model = kind.create(settings("hidden", 3, "biases", biases, "learningRate", 0.5), 2, 2, 13);
            Sequence s = sequence(new SplittableRandom(6), 8, 2, 2, 3, 7);
            MultiLayerNetwork net = model.network().clone();
            INDArray[] a = dl4jArrays(s, 2, 2);
            net.fit(new DataSet(a[0], a[1], a[2], a[3]));
            model.train(List.of(s));
            assertArrayEquals(net.params().data().asDouble(), model.network().params().data().asDouble(), 1e-12);
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
            // the DL4J network additionally holds the fixed zero hidden bias when unbiased
            assertEquals(m.parameterCount() + (biases ? 0 : 6), m.network().numParams());
        }
        assertEquals(1, kind.create(Map.of(), 2, 1, 0).batchSize());
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
                settings("hiden", 8));
        var fields = List.of("hidden", "hidden", "biases", "initRange", "learningRate", "learningRate", "hiden");
        for (int i = 0; i < bad.size(); i++) {
            Map<String, Object> s = bad.get(i);
            var e = assertThrows(IllegalArgumentException.class, () -> kind.validate(s, 2, 1));
            assertTrue(e.getMessage().contains(fields.get(i)), e.getMessage());
            if (!fields.get(i).equals("hiden")) {
                assertTrue(e.getMessage().contains(String.valueOf(s.values().iterator().next())), e.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> kind.validate(Map.of(), 0, 1));
    }

    @Test
    void protocolLine() {
        assertEquals("RNN 8 sigmoid units, online SGD, lr 1.0, batch 1, full BPTT", kind.protocol(Map.of()));
        assertEquals("RNN 3 sigmoid units no biases, online SGD, lr 0.05, batch 1, full BPTT",
                kind.protocol(settings("hidden", 3, "biases", false, "learningRate", 0.05)));
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
    void registered() {
        assertTrue(ModelKinds.get("rnn1997") instanceof Rnn1997Kind);
    }
}
