package org.longlag.model;

import java.util.Arrays;
import org.longlag.task.Sequence;

/**
 * Real-time recurrent learning (Williams and Zipser) for {@code rnn1997} ({@code update:
 * per-step}): the weights change right after every step that has a target, by the gradient of
 * that step's error, and the next step already runs with the changed weights. This is how the
 * paper's RTRL baselines learned; full BPTT over a sequence ({@link RnnKernel#train}) computes the
 * same gradient only when the weights stay fixed for the whole sequence.
 *
 * <p>The gradient of step {@code t} with respect to the weights of the recurrent units (W, RW, b)
 * comes from the sensitivities {@code P_j,q(t) = ∂h_j(t)/∂w_q}, carried forward from step to step
 * and reset to zero with the activations at the start of every sequence:
 *
 * <pre>
 *   P_j,q(t) = h_j(t)(1 − h_j(t)) · ( Σ_k RW(k, j) · P_k,q(t−1) + [w_q feeds unit j] · source_q(t) )
 * </pre>
 *
 * where {@code source_q(t)} is the input, the unit at {@code t−1} or the constant 1 that weight
 * {@code q} multiplies. With {@code e_j = ∂E(t)/∂h_j(t)} from the outputs, the step's gradient is
 * {@code Σ_j e_j P_j,q(t)}; output-layer weights get theirs directly. Summed over a sequence with
 * the weights held fixed, these are exactly BPTT's gradient (a test checks it), computed forward
 * instead of backward: an independent check of {@link RnnKernel}.
 *
 * <p>Cost per step: (units)² × (recurrent-layer weights), against BPTT's (units)² + weights; fine
 * for the paper's small nets on short sequences (Exp. 1, Exp. 2a at p = 4 and 10).
 */
final class RnnRealTimeLearner {

    private final RnnKernel kernel;
    private final int nIn;
    private final int units;
    private final int nOut;
    private final int layerSize;
    private final boolean layered;
    private double[] sensitivity;
    private double[] nextSensitivity;
    private final double[] hPrev;
    private final double[] h;
    private final double[] y;
    private final double[] e;
    private final double[] grad;

    RnnRealTimeLearner(RnnKernel kernel) {
        this.kernel = kernel;
        this.nIn = kernel.inputSize();
        this.units = kernel.recurrentUnits();
        this.nOut = kernel.outputSize();
        this.layerSize = kernel.outputLayerStart();
        this.layered = kernel.topology() == RnnKernel.Topology.LAYERED;
        this.sensitivity = new double[units * layerSize];
        this.nextSensitivity = new double[units * layerSize];
        this.hPrev = new double[units];
        this.h = new double[units];
        this.y = new double[nOut];
        this.e = new double[units];
        this.grad = new double[kernel.layoutSize()];
    }

    /**
     * Runs {@code s} once, changing every trainable weight by {@code −learningRate · ∂E(t)/∂w}
     * right after each target step {@code t}. Returns the outputs at the target steps (null rows
     * elsewhere), each computed before its own step's change.
     */
    double[][] train(Sequence s, double learningRate) {
        return run(s, learningRate, null);
    }

    /**
     * Sums the per-step gradients of {@code s} into {@code out} (layout of {@link RnnKernel#params()},
     * untrained entries 0) without changing any weight: BPTT's gradient, computed forward.
     */
    void gradient(Sequence s, double[] out) {
        Arrays.fill(out, 0.0);
        run(s, 0.0, out);
    }

    private double[][] run(Sequence s, double learningRate, double[] sum) {
        double[] p = kernel.params();
        double[][] outputs = new double[s.length()][];
        Arrays.fill(hPrev, 0.0);
        Arrays.fill(sensitivity, 0.0);
        for (int t = 0; t < s.length(); t++) {
            double[] x = s.input(t);
            step(p, x);
            double[] target = s.target(t);
            if (target != null) {
                outputs[t] = outputs(p, x);
                stepGradient(x, target, p);
                apply(p, learningRate, sum);
            }
            System.arraycopy(h, 0, hPrev, 0, units);
        }
        return outputs;
    }

    /** h(t) from x(t) and h(t−1), and the sensitivities P(t) from P(t−1), all at today's weights. */
    private void step(double[] p, double[] x) {
        for (int j = 0; j < units; j++) {
            double net = p[kernel.unitBias(j)];
            for (int i = 0; i < nIn; i++) {
                if (x[i] != 0.0) {
                    net += p[kernel.inputWeight(i, j)] * x[i];
                }
            }
            for (int k = 0; k < units; k++) {
                net += p[kernel.recurrentWeight(k, j)] * hPrev[k];
            }
            h[j] = RnnKernel.sigmoid(net);
        }
        for (int j = 0; j < units; j++) {
            int row = j * layerSize;
            Arrays.fill(nextSensitivity, row, row + layerSize, 0.0);
            for (int k = 0; k < units; k++) {
                double rw = p[kernel.recurrentWeight(k, j)];
                if (rw != 0.0) {
                    int from = k * layerSize;
                    for (int q = 0; q < layerSize; q++) {
                        nextSensitivity[row + q] += rw * sensitivity[from + q];
                    }
                }
            }
            for (int i = 0; i < nIn; i++) {
                nextSensitivity[row + kernel.inputWeight(i, j)] += x[i];
            }
            for (int k = 0; k < units; k++) {
                nextSensitivity[row + kernel.recurrentWeight(k, j)] += hPrev[k];
            }
            nextSensitivity[row + kernel.unitBias(j)] += 1.0;
            double slope = h[j] * (1.0 - h[j]);
            for (int q = 0; q < layerSize; q++) {
                nextSensitivity[row + q] *= slope;
            }
        }
        double[] swap = sensitivity;
        sensitivity = nextSensitivity;
        nextSensitivity = swap;
    }

    private double[] outputs(double[] p, double[] x) {
        for (int k = 0; k < nOut; k++) {
            if (!layered) {
                y[k] = h[kernel.outputUnit(k)];
                continue;
            }
            double net = p[kernel.outputBias(k)];
            int source = 0;
            if (kernel.inputToOutput()) {
                for (int i = 0; i < nIn; i++) {
                    net += p[kernel.outputWeight(i, k)] * x[i];
                }
                source = nIn;
            }
            for (int j = 0; j < units; j++) {
                net += p[kernel.outputWeight(source + j, k)] * h[j];
            }
            y[k] = RnnKernel.sigmoid(net);
        }
        return y.clone();
    }

    /** ∂E(t)/∂w into {@link #grad} for E(t) = ½ Σ_k (t_k − y_k)², at today's weights. */
    private void stepGradient(double[] x, double[] target, double[] p) {
        Arrays.fill(grad, 0.0);
        Arrays.fill(e, 0.0);
        for (int k = 0; k < nOut; k++) {
            double error = y[k] - target[k];
            if (!layered) {
                e[kernel.outputUnit(k)] += error;
                continue;
            }
            double d = error * y[k] * (1.0 - y[k]);
            grad[kernel.outputBias(k)] += d;
            int source = 0;
            if (kernel.inputToOutput()) {
                for (int i = 0; i < nIn; i++) {
                    grad[kernel.outputWeight(i, k)] += d * x[i];
                }
                source = nIn;
            }
            for (int j = 0; j < units; j++) {
                grad[kernel.outputWeight(source + j, k)] += d * h[j];
                e[j] += d * p[kernel.outputWeight(source + j, k)];
            }
        }
        for (int j = 0; j < units; j++) {
            if (e[j] != 0.0) {
                int row = j * layerSize;
                for (int q = 0; q < layerSize; q++) {
                    grad[q] += e[j] * sensitivity[row + q];
                }
            }
        }
    }

    /** Changes the trainable weights by −α·grad, or adds grad to {@code sum} when given. */
    private void apply(double[] p, double learningRate, double[] sum) {
        for (int q = 0; q < grad.length; q++) {
            if (!kernel.isTrainable(q)) {
                continue;
            }
            if (sum != null) {
                sum[q] += grad[q];
            } else {
                p[q] -= learningRate * grad[q];
            }
        }
    }
}
