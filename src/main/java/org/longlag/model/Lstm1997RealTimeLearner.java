package org.longlag.model;

import java.util.Arrays;
import org.longlag.model.layer.Lstm1997Kernel;
import org.longlag.task.Sequence;

/**
 * The paper's real-time learning for {@code lstm1997} ({@code update: per-step}): the weights
 * change right after every step that has a target, by the truncated gradient of that step's
 * error, and the next step already runs with the changed weights.
 *
 * <p>The truncated gradient of step {@code t} needs, per cell, the partial derivatives of its
 * state {@code s_c(t)} with respect to its own input weights and its block's input-gate weights.
 * They are accumulated forward (App. A.1 of the paper), with {@code u(t) = [x(t), y(t−1), 1]} the
 * units a hidden unit sees:
 *
 * <pre>
 *   ∂s_c(t)/∂w_{c,l}  = ∂s_c(t−1)/∂w_{c,l}  + y_in(t) · g'(net_c(t)) · u_l(t)
 *   ∂s_c(t)/∂w_{in,l} = ∂s_c(t−1)/∂w_{in,l} + g(net_c(t)) · y_in(t)(1 − y_in(t)) · u_l(t)
 * </pre>
 *
 * <p>With {@code e_c = ∂E(t)/∂y_c(t)} from the output layer, a step's gradient is then
 * {@code e_c·y_out·h'(s_c)·∂s_c/∂w} for cell and input-gate weights and
 * {@code (Σ_c e_c·h(s_c))·y_out(1 − y_out)·u_l(t)} for output-gate weights: exactly what
 * {@link Lstm1997Kernel#backward} sums over a sequence in truncated mode (a test checks that the
 * two agree when α is tiny). The forward step itself is the kernel's, run one step at a time.
 */
final class Lstm1997RealTimeLearner {

    private final Lstm1997Kernel kernel;
    private final Lstm1997Outputs out;
    private final double alpha;
    private final int nIn;
    private final int hidden;
    private final int cells;
    private final int blocks;
    private final int cellsPerBlock;
    private final int fanIn;
    private final double[] u;
    private final double[] dsdCell;
    private final double[] dsdInGate;
    private final double[] yPrev;
    private final double[] sPrev;
    private final double[] e;
    private final double[][] oneStep = new double[1][];
    private final Lstm1997Diagnostics diagnostics;

    Lstm1997RealTimeLearner(Lstm1997Kernel kernel, Lstm1997Outputs out, double alpha, Lstm1997Diagnostics diagnostics) {
        this.kernel = kernel;
        this.diagnostics = diagnostics;
        this.out = out;
        this.alpha = alpha;
        this.nIn = kernel.inputSize();
        this.hidden = kernel.hiddenUnits();
        this.cells = kernel.cells();
        this.blocks = kernel.blocks();
        this.cellsPerBlock = cells / blocks;
        this.fanIn = nIn + (kernel.isRecurrent() ? hidden : 0) + 1;
        this.u = new double[fanIn];
        this.dsdCell = new double[cells * fanIn];
        this.dsdInGate = new double[cells * fanIn];
        this.yPrev = new double[hidden];
        this.sPrev = new double[cells];
        this.e = new double[cells];
    }

    /**
     * Runs {@code seq} from zero state, changing {@code p} after every target step; returns the
     * outputs. {@code afterStep} (may be null) runs after each step's change, e.g. to hold weights
     * that are not yet in the network.
     */
    double[][] train(Sequence seq, double[] p, Runnable afterStep) {
        Arrays.fill(yPrev, 0.0);
        Arrays.fill(sPrev, 0.0);
        Arrays.fill(dsdCell, 0.0);
        Arrays.fill(dsdInGate, 0.0);
        double[][] outputs = new double[seq.length()][];
        for (int t = 0; t < seq.length(); t++) {
            double[] x = seq.input(t);
            oneStep[0] = x;
            kernel.forward(p, 0, oneStep, 1, null, 0, yPrev, 0, sPrev, 0);
            diagnostics.addStep(kernel.activations(), hidden);
            fillUnitInputs(x);
            accumulatePartials();
            double[] target = seq.target(t);
            if (target != null) {
                outputs[t] = learnFromStep(p, x, target);
                if (afterStep != null) {
                    afterStep.run();
                }
            }
            System.arraycopy(kernel.activations(), hidden, yPrev, 0, hidden);
            System.arraycopy(kernel.states(), cells, sPrev, 0, cells);
        }
        diagnostics.addFinalState(sPrev, 0);
        return outputs;
    }

    /** {@code u(t) = [x(t), y(t−1), 1]}. */
    private void fillUnitInputs(double[] x) {
        System.arraycopy(x, 0, u, 0, nIn);
        if (kernel.isRecurrent()) {
            System.arraycopy(yPrev, 0, u, nIn, hidden);
        }
        u[fanIn - 1] = 1.0;
    }

    private void accumulatePartials() {
        final double[] y = kernel.activations();
        final double[] g = kernel.squashedCellInputs();
        final boolean logistic = kernel.isLogisticCellInput();
        for (int c = 0; c < cells; c++) {
            final double yin = y[hidden + cells + c / cellsPerBlock];
            final double gc = g[c];
            final double gPrime = logistic ? gc * (1.0 - gc) : 0.25 * (4.0 - gc * gc);
            final double toCell = yin * gPrime;
            final double toGate = gc * yin * (1.0 - yin);
            final int row = c * fanIn;
            for (int l = 0; l < fanIn; l++) {
                dsdCell[row + l] += toCell * u[l];
                dsdInGate[row + l] += toGate * u[l];
            }
        }
    }

    /** Outputs of this step, then one gradient step on its error (output weights first read, then changed). */
    private double[] learnFromStep(double[] p, double[] x, double[] target) {
        final double[] y = kernel.activations();
        final int[] nz = kernel.nonZeroInputIndices();
        final int from = kernel.nonZeroStart(0);
        final int to = kernel.nonZeroStart(1);
        double[] o = new double[out.outputs()];
        Arrays.fill(e, 0.0);
        for (int k = 0; k < o.length; k++) {
            final double ok = out.activation(p, k, y, hidden, x, nz, from, to);
            o[k] = ok;
            final double d = out.delta(ok, target[k]);
            for (int c = 0; c < cells; c++) {
                e[c] += p[out.cellWeight(k, c)] * d;
            }
            out.addScaledInputs(p, k, -alpha * d, y, hidden, x, nz, from, to);
        }
        updateHiddenWeights(p);
        return o;
    }

    private void updateHiddenWeights(double[] p) {
        final double[] y = kernel.activations();
        final double[] h = kernel.squashedStates();
        final boolean identity = kernel.isIdentityCellOutput();
        final boolean outputGates = kernel.hasOutputGates();
        for (int b = 0; b < blocks; b++) {
            final int inGate = cells + b;
            final int outGate = cells + blocks + b;
            final double yout = outputGates ? y[hidden + outGate] : 1.0;
            double toOutGate = 0.0;
            for (int c = b * cellsPerBlock; c < (b + 1) * cellsPerBlock; c++) {
                final double hc = h[c];
                toOutGate += e[c] * hc;
                final double es = e[c] * yout * (identity ? 1.0 : 0.5 * (1.0 - hc * hc));
                if (es != 0.0) {
                    step(p, c, dsdCell, c * fanIn, es);
                    step(p, inGate, dsdInGate, c * fanIn, es);
                }
            }
            if (outputGates && toOutGate != 0.0) {
                step(p, outGate, u, 0, toOutGate * yout * (1.0 - yout));
            }
        }
    }

    /** {@code w_{j,l} −= α · scale · v[from + l]} over hidden unit {@code j}'s inputs, recurrent weights and bias. */
    private void step(double[] p, int j, double[] v, int from, double scale) {
        final double a = alpha * scale;
        final int wj = j * nIn;
        for (int i = 0; i < nIn; i++) {
            p[wj + i] -= a * v[from + i];
        }
        if (kernel.isRecurrent()) {
            final int rj = kernel.recurrentWeightOffset() + j * hidden;
            for (int k = 0; k < hidden; k++) {
                p[rj + k] -= a * v[from + nIn + k];
            }
        }
        final int bias = kernel.biasIndex(j);
        if (bias >= 0) {
            p[kernel.biasOffset() + bias] -= a * v[from + fanIn - 1];
        }
    }
}
