package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.longlag.model.RnnKernel.Topology;
import org.longlag.task.Sequence;

/**
 * {@link RnnKernel} loops only over the non-zero inputs of each step; these tests hold it to the
 * dense loops over all inputs it replaced, bit for bit: outputs, gradients and the weights after a
 * run of on-line updates, for every topology, with and without biases, on one-hot, sparse
 * real-valued and dense real-valued inputs, over lengths from 1 step up (short and long sequences
 * mixed, so the kernel's buffers grow and are then reused by shorter sequences).
 */
class RnnKernelSparseInputTest {

    /** How the inputs of a random sequence are drawn. */
    enum Inputs {
        /** One 1.0 per step, as in the symbol tasks; about one step in eight all zero. */
        ONE_HOT,
        /** About a third of the entries non-zero (values in (−2, 2)), the others +0.0 or −0.0. */
        SPARSE_REAL,
        /** Every entry real-valued in (−1, 1). */
        DENSE
    }

    /** Lengths of the sequences of one run, in order: growing, shrinking, and T = 1 in between. */
    private static final int[] LENGTHS = {1, 2, 5, 1, 17, 40, 3, 1, 64, 9, 2, 33};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Object[][] nets = {{Topology.LAYERED, false}, {Topology.LAYERED, true}, {Topology.FULLY_RECURRENT, false}};
        for (Object[] net : nets) {
            for (boolean biases : new boolean[] {true, false}) {
                for (Inputs inputs : Inputs.values()) {
                    out.add(Arguments.of(net[0], net[1], biases, inputs));
                }
            }
        }
        return out.stream();
    }

    /**
     * A random sequence: inputs of the given kind; each step has a target with probability 0.4,
     * and at least one step has; some sequences end in steps after the last target.
     */
    static Sequence sequence(SplittableRandom rng, Inputs kind, int length, int nIn, int nOut) {
        double[][] in = new double[length][];
        double[][] target = new double[length][];
        for (int t = 0; t < length; t++) {
            double[] x = new double[nIn];
            switch (kind) {
                case ONE_HOT -> {
                    if (rng.nextInt(8) != 0) {
                        x[rng.nextInt(nIn)] = 1.0;
                    }
                }
                case SPARSE_REAL -> {
                    for (int i = 0; i < nIn; i++) {
                        x[i] = rng.nextInt(3) == 0 ? rng.nextDouble(-2, 2) : rng.nextBoolean() ? 0.0 : -0.0;
                    }
                }
                case DENSE -> {
                    for (int i = 0; i < nIn; i++) {
                        x[i] = rng.nextDouble(-1, 1);
                    }
                }
            }
            in[t] = x;
            if (rng.nextInt(5) < 2) {
                target[t] = targetRow(rng, nOut);
            }
        }
        boolean any = false;
        for (double[] row : target) {
            any |= row != null;
        }
        if (!any) {
            target[rng.nextInt(length)] = targetRow(rng, nOut);
        }
        return new Sequence(in, target);
    }

    private static double[] targetRow(SplittableRandom rng, int nOut) {
        double[] row = new double[nOut];
        for (int k = 0; k < nOut; k++) {
            row[k] = rng.nextDouble(0.05, 0.95);
        }
        return row;
    }

    /** Random trainable weights in (−1.5, 1.5), one in ten of them −0.0; the same in both kernels. */
    private static void initialize(RnnKernel kernel, DenseRnnKernel dense, SplittableRandom rng) {
        double[] p = kernel.params();
        assertArrayEquals(p, dense.params, "fixed entries of the layout");
        for (int i = 0; i < p.length; i++) {
            if (kernel.isTrainable(i)) {
                p[i] = rng.nextInt(10) == 0 ? -0.0 : rng.nextDouble(-1.5, 1.5);
            }
        }
        System.arraycopy(p, 0, dense.params, 0, p.length);
    }

    private static void assertSameRows(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int t = 0; t < expected.length; t++) {
            if (expected[t] == null) {
                assertNull(actual[t], what + ": step " + t);
            } else {
                assertArrayEquals(expected[t], actual[t], what + ": step " + t);
            }
        }
    }

    @ParameterizedTest(name = "{0}, inputToOutput={1}, biases={2}, {3}")
    @MethodSource("cases")
    void onLineTrainingMatchesDenseLoopsBitForBit(Topology topology, boolean inputToOutput, boolean biases,
            Inputs inputs) {
        int nIn = 13;
        int hidden = topology == Topology.LAYERED ? 4 : 2;
        int nOut = 3;
        SplittableRandom rng = new SplittableRandom(97 + topology.ordinal() * 8 + (inputToOutput ? 4 : 0)
                + (biases ? 2 : 0) + inputs.ordinal() * 16);
        RnnKernel kernel = new RnnKernel(nIn, hidden, nOut, biases, topology, inputToOutput);
        DenseRnnKernel dense = new DenseRnnKernel(nIn, hidden, nOut, biases, topology, inputToOutput);
        initialize(kernel, dense, rng);
        double[] start = kernel.params().clone();
        // Two passes over the lengths: the second reuses buffers grown in the first.
        for (int pass = 0; pass < 2; pass++) {
            for (int length : LENGTHS) {
                Sequence s = sequence(rng, inputs, length, nIn, nOut);
                String what = "pass " + pass + ", T = " + length;
                assertSameRows(dense.predict(s), kernel.predict(s), what + ", predict");
                double[] gDense = new double[dense.size];
                double[] gSparse = new double[kernel.layoutSize()];
                assertEquals(dense.gradient(s, gDense), kernel.gradient(s, gSparse), 0.0, what + ", error");
                assertArrayEquals(gDense, gSparse, what + ", gradient");
                double rate = 0.3 + rng.nextDouble();
                assertSameRows(dense.train(s, rate), kernel.train(s, rate), what + ", outputs of train");
                assertArrayEquals(dense.params, kernel.params(), what + ", weights after the update");
            }
        }
        assertNotEquals(Arrays.toString(start), Arrays.toString(kernel.params()), "the weights were trained");
    }

    /** A wide one-hot input as in Exp. 2c (p + 4 = 1,004 symbols) with long sequences, T = 1 included. */
    @Test
    void wideOneHotInputMatchesDenseLoopsBitForBit() {
        int nIn = 1004;
        SplittableRandom rng = new SplittableRandom(2024);
        RnnKernel kernel = new RnnKernel(nIn, 6, 2, false);
        DenseRnnKernel dense = new DenseRnnKernel(nIn, 6, 2, false, Topology.LAYERED, false);
        initialize(kernel, dense, rng);
        for (int length : new int[] {1, 1013, 300, 1, 1100}) {
            Sequence s = sequence(rng, Inputs.ONE_HOT, length, nIn, 2);
            double[] gDense = new double[dense.size];
            double[] gSparse = new double[kernel.layoutSize()];
            assertEquals(dense.gradient(s, gDense), kernel.gradient(s, gSparse), 0.0, "error, T = " + length);
            assertArrayEquals(gDense, gSparse, "gradient, T = " + length);
            assertSameRows(dense.train(s, 0.5), kernel.train(s, 0.5), "outputs, T = " + length);
            assertArrayEquals(dense.params, kernel.params(), "weights, T = " + length);
        }
    }

    /** One input unit (nIn = 1), on, off and negative: the index list is empty or holds index 0. */
    @Test
    void singleInputMatchesDenseLoopsBitForBit() {
        SplittableRandom rng = new SplittableRandom(5);
        for (Topology topology : Topology.values()) {
            RnnKernel kernel = new RnnKernel(1, 2, 1, true, topology, false);
            DenseRnnKernel dense = new DenseRnnKernel(1, 2, 1, true, topology, false);
            initialize(kernel, dense, rng);
            for (int length : LENGTHS) {
                double[][] in = new double[length][];
                double[][] target = new double[length][];
                for (int t = 0; t < length; t++) {
                    in[t] = new double[] {new double[] {0.0, 1.0, -0.7, -0.0}[rng.nextInt(4)]};
                }
                target[length - 1] = new double[] {0.8};
                Sequence s = new Sequence(in, target);
                assertSameRows(dense.train(s, 1.0), kernel.train(s, 1.0), topology + ", T = " + length);
                assertArrayEquals(dense.params, kernel.params(), topology + ", T = " + length);
            }
        }
    }

    /**
     * The dense loops over all inputs that {@link RnnKernel} used before it skipped zero inputs:
     * forward pass, full BPTT and on-line update, kept here unchanged as the reference.
     */
    private static final class DenseRnnKernel {
        private final int nIn;
        private final int units;
        private final int nOut;
        private final boolean biases;
        private final Topology topology;
        private final boolean inputToOutput;
        private final int sources;
        private final int offW;
        private final int offRW;
        private final int offB;
        private final int offWo;
        private final int offBo;
        private final int size;
        private final int firstOutputUnit;
        private final double[] params;
        private final double[] grad;
        private double[] h = new double[0];
        private double[] y = new double[0];
        private final double[] dh;
        private final double[] delta;
        private final double[] deltaNext;

        DenseRnnKernel(int nIn, int hidden, int nOut, boolean biases, Topology topology, boolean inputToOutput) {
            this.nIn = nIn;
            this.nOut = nOut;
            this.biases = biases;
            this.topology = topology;
            this.inputToOutput = inputToOutput;
            this.units = topology == Topology.LAYERED ? hidden : hidden + nOut;
            this.sources = inputToOutput ? nIn + units : units;
            this.firstOutputUnit = units - nOut;
            this.offW = 0;
            this.offRW = offW + nIn * units;
            this.offB = offRW + units * units;
            this.offWo = offB + units;
            this.offBo = offWo + sources * nOut;
            this.size = offBo + nOut;
            this.params = new double[size];
            this.grad = new double[size];
            this.dh = new double[units];
            this.delta = new double[units];
            this.deltaNext = new double[units];
            if (topology == Topology.FULLY_RECURRENT) {
                for (int k = 0; k < nOut; k++) {
                    params[offWo + k * units + firstOutputUnit + k] = 1.0;
                }
            }
        }

        double[][] predict(Sequence s) {
            int last = forward(s);
            return collectOutputs(s, last);
        }

        double[][] train(Sequence s, double learningRate) {
            int last = forward(s);
            double[][] outputs = collectOutputs(s, last);
            backward(s, last);
            for (int i = 0; i < size; i++) {
                params[i] -= learningRate * grad[i];
            }
            return outputs;
        }

        double gradient(Sequence s, double[] out) {
            int last = forward(s);
            double error = 0;
            for (int t = 0; t <= last; t++) {
                double[] target = s.target(t);
                if (target != null) {
                    for (int k = 0; k < nOut; k++) {
                        double e = target[k] - y[t * nOut + k];
                        error += 0.5 * e * e;
                    }
                }
            }
            backward(s, last);
            System.arraycopy(grad, 0, out, 0, size);
            return error;
        }

        private static double sigmoid(double x) {
            return 1.0 / (1.0 + Math.exp(-x));
        }

        private void ensureCapacity(int steps) {
            if (h.length < steps * units || y.length < steps * nOut) {
                int capacity = Math.max(steps, 2 * (y.length / nOut));
                h = new double[capacity * units];
                y = new double[capacity * nOut];
            }
        }

        private int forward(Sequence s) {
            int last = s.length() - 1;
            while (!s.hasTarget(last)) {
                last--;
            }
            ensureCapacity(last + 1);
            final double[] p = params;
            final double[] act = h;
            final int n = units;
            for (int t = 0; t <= last; t++) {
                double[] x = s.input(t);
                int base = t * n;
                int prev = base - n;
                for (int j = 0; j < n; j++) {
                    double net = p[offB + j];
                    int w = offW + j * nIn;
                    for (int i = 0; i < nIn; i++) {
                        net += p[w + i] * x[i];
                    }
                    if (t > 0) {
                        int r = offRW + j * n;
                        for (int k = 0; k < n; k++) {
                            net += p[r + k] * act[prev + k];
                        }
                    }
                    act[base + j] = sigmoid(net);
                }
                if (s.hasTarget(t)) {
                    if (topology == Topology.FULLY_RECURRENT) {
                        System.arraycopy(act, base + firstOutputUnit, y, t * nOut, nOut);
                        continue;
                    }
                    for (int k = 0; k < nOut; k++) {
                        double net = p[offBo + k];
                        int w = offWo + k * sources;
                        if (inputToOutput) {
                            for (int i = 0; i < nIn; i++) {
                                net += p[w + i] * x[i];
                            }
                            w += nIn;
                        }
                        for (int i = 0; i < n; i++) {
                            net += p[w + i] * act[base + i];
                        }
                        y[t * nOut + k] = sigmoid(net);
                    }
                }
            }
            return last;
        }

        private double[][] collectOutputs(Sequence s, int last) {
            double[][] rows = new double[s.length()][];
            for (int t = 0; t <= last; t++) {
                if (s.hasTarget(t)) {
                    rows[t] = Arrays.copyOfRange(y, t * nOut, (t + 1) * nOut);
                }
            }
            return rows;
        }

        private void backward(Sequence s, int last) {
            final double[] p = params;
            final double[] g = grad;
            final double[] act = h;
            final int n = units;
            Arrays.fill(g, 0.0);
            Arrays.fill(deltaNext, 0.0);
            for (int t = last; t >= 0; t--) {
                int base = t * n;
                double[] x = s.input(t);
                Arrays.fill(dh, 0.0);
                double[] target = s.target(t);
                if (target != null) {
                    if (topology == Topology.FULLY_RECURRENT) {
                        for (int k = 0; k < nOut; k++) {
                            dh[firstOutputUnit + k] += y[t * nOut + k] - target[k];
                        }
                    } else {
                        for (int k = 0; k < nOut; k++) {
                            double out = y[t * nOut + k];
                            double d = (out - target[k]) * out * (1.0 - out);
                            if (biases) {
                                g[offBo + k] += d;
                            }
                            int w = offWo + k * sources;
                            if (inputToOutput) {
                                for (int i = 0; i < nIn; i++) {
                                    g[w + i] += d * x[i];
                                }
                                w += nIn;
                            }
                            for (int i = 0; i < n; i++) {
                                g[w + i] += d * act[base + i];
                                dh[i] += p[w + i] * d;
                            }
                        }
                    }
                }
                if (t < last) {
                    for (int j = 0; j < n; j++) {
                        double d = deltaNext[j];
                        int r = offRW + j * n;
                        for (int k = 0; k < n; k++) {
                            dh[k] += p[r + k] * d;
                            g[r + k] += d * act[base + k];
                        }
                    }
                }
                for (int j = 0; j < n; j++) {
                    double a = act[base + j];
                    double d = dh[j] * a * (1.0 - a);
                    delta[j] = d;
                    int w = offW + j * nIn;
                    for (int i = 0; i < nIn; i++) {
                        g[w + i] += d * x[i];
                    }
                    if (biases) {
                        g[offB + j] += d;
                    }
                }
                System.arraycopy(delta, 0, deltaNext, 0, n);
            }
        }
    }
}
