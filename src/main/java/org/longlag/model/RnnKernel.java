package org.longlag.model;

import java.util.Arrays;
import org.longlag.task.Sequence;

/**
 * Forward pass, full backpropagation through time and the on-line SGD update of a fully recurrent
 * net of logistic units, in plain Java over one {@code double[]} of parameters.
 *
 * <p>The net: {@code H} hidden units, each seeing the inputs at {@code t}, all hidden units at
 * {@code t-1} (zero before the first step) and a bias; {@code O} output units seeing the hidden
 * units at {@code t} and a bias. Every unit is a logistic sigmoid. This is DL4J's {@code SimpleRnn}
 * (sigmoid) followed by a sigmoid {@code RnnOutputLayer}, and the parameter array uses exactly
 * DL4J's flattened layout for that network, so copying it in or out of a
 * {@code MultiLayerNetwork} is a single array copy:
 *
 * <pre>
 *   W   [nIn x H]  column-major: W(i, j) at i + j*nIn   (input i -> hidden j)
 *   RW  [H x H]    column-major: RW(k, j) at k + j*H    (hidden k at t-1 -> hidden j)
 *   b   [H]
 *   Wo  [H x O]    column-major: Wo(i, k) at i + k*H    (hidden i -> output k)
 *   bo  [O]        only with biases
 * </pre>
 *
 * Column-major storage puts all incoming weights of one unit side by side, which is also the
 * order the inner loops want. DL4J's {@code SimpleRnn} always has a hidden bias vector; without
 * biases it stays zero here and is never updated (so it is not counted as trainable).
 *
 * <p>Why not DL4J itself: at batch 1 the built-in layer issues several native ops per time step and
 * {@code fit} costs about a millisecond of fixed overhead per call, which for the paper's tiny nets
 * is two orders of magnitude above the arithmetic. This kernel allocates nothing per step: its
 * buffers grow only when a longer sequence than any before arrives.
 *
 * <p>The gradient is that of E = ½ Σ_t Σ_k (t_k − y_k)² over the target steps of one sequence; the
 * update is w ← w − α ∂E/∂w, i.e. Δw = α Σ_t Σ_k (t_k − y_k) ∂y_k/∂w as in the paper.
 *
 * <p>Not thread-safe: one kernel per model, one model per trial.
 */
public final class RnnKernel {
    private final int nIn;
    private final int hidden;
    private final int nOut;
    private final boolean biases;

    private final int offW;
    private final int offRW;
    private final int offB;
    private final int offWo;
    private final int offBo;
    private final int size;

    private final double[] params;
    private final double[] grad;

    /** Hidden activations, {@code hidden} per step. */
    private double[] h = new double[0];
    /** Output activations at target steps, {@code nOut} per step (other steps unused). */
    private double[] y = new double[0];
    private final double[] dh;
    private final double[] delta;
    private final double[] deltaNext;

    /**
     * A kernel with all parameters zero.
     *
     * @param nIn input width
     * @param hidden number of hidden units
     * @param nOut output width
     * @param biases whether hidden and output units have (trainable) biases
     */
    public RnnKernel(int nIn, int hidden, int nOut, boolean biases) {
        if (nIn < 1 || hidden < 1 || nOut < 1) {
            throw new IllegalArgumentException("sizes must be positive, got nIn=" + nIn + ", hidden=" + hidden
                    + ", nOut=" + nOut);
        }
        this.nIn = nIn;
        this.hidden = hidden;
        this.nOut = nOut;
        this.biases = biases;
        this.offW = 0;
        this.offRW = offW + nIn * hidden;
        this.offB = offRW + hidden * hidden;
        this.offWo = offB + hidden;
        this.offBo = offWo + hidden * nOut;
        this.size = offBo + (biases ? nOut : 0);
        this.params = new double[size];
        this.grad = new double[size];
        this.dh = new double[hidden];
        this.delta = new double[hidden];
        this.deltaNext = new double[hidden];
    }

    /** Length of the parameter array, in DL4J's layout (includes the hidden bias even without biases). */
    public int layoutSize() {
        return size;
    }

    /** Number of trainable parameters: {@code hidden*(nIn+hidden+b) + nOut*(hidden+b)}, b = 1 with biases. */
    public long trainableCount() {
        return trainableCount(nIn, hidden, nOut, biases);
    }

    /** Trainable parameters of such a net, without building it. */
    public static long trainableCount(int nIn, int hidden, int nOut, boolean biases) {
        long b = biases ? 1 : 0;
        return (long) hidden * (nIn + hidden + b) + (long) nOut * (hidden + b);
    }

    /** Whether parameter {@code index} of the layout is trained (false only for the unused hidden bias). */
    public boolean isTrainable(int index) {
        return biases || index < offB || index >= offWo;
    }

    /** The live parameter array (DL4J layout); writes change the network. */
    public double[] params() {
        return params;
    }

    public int inputSize() {
        return nIn;
    }

    public int hiddenSize() {
        return hidden;
    }

    public int outputSize() {
        return nOut;
    }

    public boolean hasBiases() {
        return biases;
    }

    /** Outputs at the target steps of {@code s}, without learning. */
    public double[][] predict(Sequence s) {
        int last = forward(s);
        return collectOutputs(s, last);
    }

    /**
     * One on-line step: forward pass, full BPTT, then {@code w -= learningRate * dE/dw}.
     *
     * @return the outputs of the forward pass before the update, at the target steps
     */
    public double[][] train(Sequence s, double learningRate) {
        int last = forward(s);
        double[][] outputs = collectOutputs(s, last);
        backward(s, last);
        for (int i = 0; i < size; i++) {
            params[i] -= learningRate * grad[i];
        }
        return outputs;
    }

    /**
     * Writes dE/dw for {@code s} (E = ½ SSE over the target steps) into {@code out}, in the layout
     * of {@link #params()}, without changing the parameters. The untrained hidden bias gets 0.
     *
     * @return E
     */
    public double gradient(Sequence s, double[] out) {
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
        if (h.length < steps * hidden) {
            int capacity = Math.max(steps, h.length / hidden * 2);
            h = new double[capacity * hidden];
            y = new double[capacity * nOut];
        }
    }

    /**
     * Runs the net over {@code s} up to its last target step (later steps cannot influence any
     * output or the gradient) and returns that step's index.
     */
    private int forward(Sequence s) {
        int last = s.length() - 1;
        while (!s.hasTarget(last)) {
            last--;
        }
        ensureCapacity(last + 1);
        final double[] p = params;
        final double[] act = h;
        for (int t = 0; t <= last; t++) {
            double[] x = s.input(t);
            if (x.length != nIn) {
                throw new IllegalArgumentException("input width " + x.length + " at step " + t + ", expected " + nIn);
            }
            int base = t * hidden;
            int prev = base - hidden;
            for (int j = 0; j < hidden; j++) {
                double net = p[offB + j];
                int w = offW + j * nIn;
                for (int i = 0; i < nIn; i++) {
                    net += p[w + i] * x[i];
                }
                if (t > 0) {
                    int r = offRW + j * hidden;
                    for (int k = 0; k < hidden; k++) {
                        net += p[r + k] * act[prev + k];
                    }
                }
                act[base + j] = sigmoid(net);
            }
            if (s.hasTarget(t)) {
                for (int k = 0; k < nOut; k++) {
                    double net = biases ? p[offBo + k] : 0.0;
                    int w = offWo + k * hidden;
                    for (int i = 0; i < hidden; i++) {
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

    /** Full BPTT from the last target step back to step 0; leaves dE/dw in {@link #grad}. */
    private void backward(Sequence s, int last) {
        final double[] p = params;
        final double[] g = grad;
        final double[] act = h;
        Arrays.fill(g, 0.0);
        Arrays.fill(deltaNext, 0.0);
        for (int t = last; t >= 0; t--) {
            int base = t * hidden;
            // dE/dh(t): from the outputs at t ...
            Arrays.fill(dh, 0.0);
            double[] target = s.target(t);
            if (target != null) {
                for (int k = 0; k < nOut; k++) {
                    double out = y[t * nOut + k];
                    double d = (out - target[k]) * out * (1.0 - out);
                    if (biases) {
                        g[offBo + k] += d;
                    }
                    int w = offWo + k * hidden;
                    for (int i = 0; i < hidden; i++) {
                        g[w + i] += d * act[base + i];
                        dh[i] += p[w + i] * d;
                    }
                }
            }
            // ... and from the hidden units at t+1 through the recurrent weights.
            if (t < last) {
                for (int j = 0; j < hidden; j++) {
                    double d = deltaNext[j];
                    int r = offRW + j * hidden;
                    for (int k = 0; k < hidden; k++) {
                        dh[k] += p[r + k] * d;
                        g[r + k] += d * act[base + k];
                    }
                }
            }
            double[] x = s.input(t);
            for (int j = 0; j < hidden; j++) {
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
            System.arraycopy(delta, 0, deltaNext, 0, hidden);
        }
    }
}
