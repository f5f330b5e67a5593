package org.longlag.model.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The truncated gradient against an independent reference: the paper's forward-accumulated
 * partial derivatives (Appendix A.1), computed here from scratch.
 */
class Lstm1997TruncatedGradientTest {

    private static final int N_IN = 2;
    private static final int BLOCKS = 2;
    private static final int S = 2;
    private static final int C = BLOCKS * S;
    private static final int H = C + 2 * BLOCKS;
    private static final int N_OUT = 2;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static MultiLayerNetwork net(Lstm1997.GradientMode mode, boolean recurrent) {
        return Lstm1997TestNets.network(new Lstm1997.Builder().nIn(N_IN).blocks(BLOCKS).cellsPerBlock(S)
                .recurrent(recurrent).gradientMode(mode), N_OUT, true, null, 7);
    }

    private static Map<String, INDArray> gradient(MultiLayerNetwork net, INDArray in, INDArray labels,
            INDArray labelMask) {
        net.setInput(in);
        net.setLabels(labels);
        net.setLayerMaskArrays(null, labelMask);
        net.computeGradientAndScore();
        Map<String, INDArray> g = new java.util.LinkedHashMap<>();
        net.gradient().gradientForVariable().forEach((k, v) -> g.put(k, v.dup()));
        return g;
    }

    private static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * Reference gradient of E = ½ Σ (o − target)² (at steps where mask is 1), accumulated forward
     * in time as in the paper, for the network's current parameters. Returns gradients in the
     * network's logical parameter shapes: W [nIn,H], RW [H,H], b [1,H], outW [C,nOut], outB [1,nOut].
     */
    private static double[][][] reference(MultiLayerNetwork net, double[][] x, double[][] target, boolean[] mask) {
        INDArray w = net.getParam("0_W");
        INDArray rw = net.getParam("0_RW");
        INDArray b = net.getParam("0_b");
        INDArray wo = net.getParam("1_W");
        INDArray bo = net.getParam("1_b");
        int len = x.length;
        int src = N_IN + H + 1; // sources of every hidden unit: inputs, hidden(t-1), bias
        double[] yPrev = new double[H];
        double[] s = new double[C];
        double[][] dSc = new double[C][src]; // ∂s_c/∂w_{c,m}
        double[][] dSin = new double[C][src]; // ∂s_c/∂w_{in(c),m}
        double[][] gW = new double[N_IN][H];
        double[][] gRW = new double[H][H];
        double[][] gB = new double[1][H];
        double[][] gWo = new double[C][N_OUT];
        double[][] gBo = new double[1][N_OUT];
        for (int t = 0; t < len; t++) {
            double[] sources = new double[src];
            System.arraycopy(x[t], 0, sources, 0, N_IN);
            System.arraycopy(yPrev, 0, sources, N_IN, H);
            sources[src - 1] = 1;
            double[] nets = new double[H];
            for (int j = 0; j < H; j++) {
                double v = b.getDouble(j);
                for (int i = 0; i < N_IN; i++) {
                    v += w.getDouble(i, j) * x[t][i];
                }
                for (int k = 0; k < H; k++) {
                    v += rw.getDouble(k, j) * yPrev[k];
                }
                nets[j] = v;
            }
            double[] y = new double[H];
            double[] h = new double[C];
            for (int blk = 0; blk < BLOCKS; blk++) {
                double yin = sig(nets[C + blk]);
                double yout = sig(nets[C + BLOCKS + blk]);
                y[C + blk] = yin;
                y[C + BLOCKS + blk] = yout;
                for (int c = blk * S; c < blk * S + S; c++) {
                    double g = 4 * sig(nets[c]) - 2;
                    double gPrime = 4 * sig(nets[c]) * (1 - sig(nets[c]));
                    double inPrime = yin * (1 - yin);
                    for (int m = 0; m < src; m++) {
                        dSc[c][m] += gPrime * yin * sources[m];
                        dSin[c][m] += g * inPrime * sources[m];
                    }
                    s[c] += yin * g;
                    h[c] = 2 * sig(s[c]) - 1;
                    y[c] = yout * h[c];
                }
            }
            if (mask[t]) {
                double[] e = new double[C]; // error at the cells' outputs
                for (int k = 0; k < N_OUT; k++) {
                    double v = bo.getDouble(k);
                    for (int c = 0; c < C; c++) {
                        v += wo.getDouble(c, k) * y[c];
                    }
                    double o = sig(v);
                    double delta = (o - target[t][k]) * o * (1 - o);
                    gBo[0][k] += delta;
                    for (int c = 0; c < C; c++) {
                        gWo[c][k] += delta * y[c];
                        e[c] += wo.getDouble(c, k) * delta;
                    }
                }
                for (int blk = 0; blk < BLOCKS; blk++) {
                    double yout = y[C + BLOCKS + blk];
                    int gateIn = C + blk;
                    int gateOut = C + BLOCKS + blk;
                    double deltaOut = 0;
                    for (int c = blk * S; c < blk * S + S; c++) {
                        deltaOut += h[c] * e[c];
                    }
                    deltaOut *= yout * (1 - yout);
                    for (int c = blk * S; c < blk * S + S; c++) {
                        double es = yout * 0.5 * (1 + h[c]) * (1 - h[c]) * e[c];
                        addSources(gW, gRW, gB, c, es, dSc[c]);
                        addSources(gW, gRW, gB, gateIn, es, dSin[c]);
                    }
                    addSources(gW, gRW, gB, gateOut, deltaOut, sources);
                }
            }
            yPrev = y;
        }
        return new double[][][] {gW, gRW, gB, gWo, gBo};
    }

    private static void addSources(double[][] gW, double[][] gRW, double[][] gB, int unit, double factor,
            double[] partials) {
        for (int i = 0; i < N_IN; i++) {
            gW[i][unit] += factor * partials[i];
        }
        for (int k = 0; k < H; k++) {
            gRW[k][unit] += factor * partials[N_IN + k];
        }
        gB[0][unit] += factor * partials[N_IN + H];
    }

    private static void assertMatches(double[][] expectedHalfSse, INDArray l2Gradient, String name) {
        for (int r = 0; r < expectedHalfSse.length; r++) {
            for (int c = 0; c < expectedHalfSse[r].length; c++) {
                double expected = 2 * expectedHalfSse[r][c]; // LossL2 is 2E
                double actual = l2Gradient.rank() == 1 ? l2Gradient.getDouble(c) : l2Gradient.getDouble(r, c);
                assertEquals(expected, actual, 1e-12 + 1e-9 * Math.abs(expected), name + "[" + r + "," + c + "]");
            }
        }
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private record Data(double[][] x, double[][] target, boolean[] mask, INDArray in, INDArray labels,
            INDArray labelMask) {
    }

    private static Data data(int len, long seed, boolean targetsEverywhere) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[len][N_IN];
        double[][] target = new double[len][N_OUT];
        boolean[] mask = new boolean[len];
        INDArray in = Nd4j.create(DataType.DOUBLE, 1, N_IN, len);
        INDArray labels = Nd4j.create(DataType.DOUBLE, 1, N_OUT, len);
        INDArray labelMask = Nd4j.create(DataType.DOUBLE, 1, len);
        for (int t = 0; t < len; t++) {
            for (int i = 0; i < N_IN; i++) {
                x[t][i] = rng.nextDouble(-1, 1);
                in.putScalar(0, i, t, x[t][i]);
            }
            for (int k = 0; k < N_OUT; k++) {
                target[t][k] = rng.nextDouble();
                labels.putScalar(0, k, t, target[t][k]);
            }
            mask[t] = targetsEverywhere || t == len - 1 || t == 1;
            labelMask.putScalar(0, t, mask[t] ? 1 : 0);
        }
        return new Data(x, target, mask, in, labels, labelMask);
    }

    @Test
    void truncatedGradientEqualsForwardAccumulatedDerivatives() {
        for (boolean everywhere : new boolean[] {false, true}) {
            Data d = data(3, 11, everywhere);
            MultiLayerNetwork net = net(Lstm1997.GradientMode.TRUNCATED, true);
            Map<String, INDArray> g = gradient(net, d.in, d.labels, d.labelMask);
            double[][][] ref = reference(net, d.x, d.target, d.mask);
            assertMatches(ref[0], g.get("0_W"), "W");
            assertMatches(ref[1], g.get("0_RW"), "RW");
            assertMatches(ref[2], g.get("0_b"), "b");
            assertMatches(ref[3], g.get("1_W"), "output W");
            assertMatches(ref[4], g.get("1_b"), "output b");
        }
    }

    @Test
    void truncatedDiffersFromFullOnRecurrentPathsOnly() {
        Data d = data(5, 12, true);
        MultiLayerNetwork truncated = net(Lstm1997.GradientMode.TRUNCATED, true);
        MultiLayerNetwork full = net(Lstm1997.GradientMode.FULL, true);
        assertEquals(truncated.params(), full.params());
        Map<String, INDArray> gt = gradient(truncated, d.in, d.labels, d.labelMask);
        Map<String, INDArray> gf = gradient(full, d.in, d.labels, d.labelMask);
        // Output layer: the same (its gradient does not pass through time).
        assertEquals(0, maxAbsDiff(gt.get("1_W"), gf.get("1_W")), 1e-14);
        assertEquals(0, maxAbsDiff(gt.get("1_b"), gf.get("1_b")), 1e-14);
        // Hidden layer: truncation drops the error that recurrent connections carry back.
        for (String k : new String[] {"0_W", "0_RW", "0_b"}) {
            assertTrue(maxAbsDiff(gt.get(k), gf.get(k)) > 1e-6, k + " should differ");
        }
    }

    @Test
    void truncatedEqualsFullAtOneStep() {
        Data d = data(1, 13, true);
        Map<String, INDArray> gt = gradient(net(Lstm1997.GradientMode.TRUNCATED, true), d.in, d.labels, d.labelMask);
        Map<String, INDArray> gf = gradient(net(Lstm1997.GradientMode.FULL, true), d.in, d.labels, d.labelMask);
        for (String k : gt.keySet()) {
            assertEquals(0, maxAbsDiff(gt.get(k), gf.get(k)), 1e-14, k);
        }
        assertTrue(gt.get("0_W").amaxNumber().doubleValue() > 1e-6);
    }

    @Test
    void truncatedEqualsFullWithoutRecurrentConnections() {
        // Then error can only travel back in time along the cell states, which truncation keeps.
        Data d = data(6, 14, false);
        Map<String, INDArray> gt = gradient(net(Lstm1997.GradientMode.TRUNCATED, false), d.in, d.labels,
                d.labelMask);
        Map<String, INDArray> gf = gradient(net(Lstm1997.GradientMode.FULL, false), d.in, d.labels, d.labelMask);
        for (String k : gt.keySet()) {
            assertEquals(0, maxAbsDiff(gt.get(k), gf.get(k)), 1e-13, k);
        }
    }
}
