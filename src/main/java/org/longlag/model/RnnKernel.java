package org.longlag.model;

import java.util.Arrays;
import org.longlag.task.Sequence;

/**
 * Forward pass, full backpropagation through time and the on-line SGD update of a recurrent net of
 * logistic units, in plain Java over one {@code double[]} of parameters.
 *
 * <p>{@code R} recurrent units each see the inputs at {@code t}, all recurrent units at {@code t-1}
 * (zero before the first step) and a bias. Every unit is a logistic sigmoid. Two topologies:
 * <ul>
 *   <li>{@link Topology#LAYERED}: {@code O} output units see the recurrent units at {@code t} (and,
 *       with {@code inputToOutput}, the inputs at {@code t}) and a bias. As DL4J: a
 *       {@code SimpleRnn} (sigmoid) and a sigmoid {@code RnnOutputLayer}; with
 *       {@code inputToOutput}, a graph whose output layer reads the inputs merged with the
 *       recurrent activations.</li>
 *   <li>{@link Topology#FULLY_RECURRENT}: the output units are the last {@code O} of the recurrent
 *       units (Williams and Zipser's fully recurrent net). As DL4J: a {@code SimpleRnn} and an
 *       identity {@code RnnOutputLayer} whose weights are a fixed selection matrix (not trained).</li>
 * </ul>
 *
 * <p>The parameter array uses exactly DL4J's flattened layout of that network, so copying it in or
 * out of the DL4J model is one array copy:
 *
 * <pre>
 *   W   [nIn x R]  column-major: W(i, j) at i + j*nIn     (input i -> unit j)
 *   RW  [R x R]    column-major: RW(k, j) at k + j*R      (unit k at t-1 -> unit j)
 *   b   [R]
 *   Wo  [S x O]    column-major: Wo(i, k) at i + k*S      (source i -> output k); the sources are
 *                  the inputs then the units with inputToOutput (S = nIn + R), else the units
 *                  (S = R); for FULLY_RECURRENT the fixed selection matrix
 *   bo  [O]        trained in LAYERED with biases only, else fixed at zero
 * </pre>
 *
 * Column-major storage puts all incoming weights of one unit side by side, which is also the order
 * the inner loops want. Both DL4J layers always carry bias vectors here: {@code SimpleRnn} has no
 * bias-free variant in 1.0.0-M2.1, and a bias-free {@code RnnOutputLayer} fails at inference
 * ({@code output()} adds its missing bias). Without biases they stay zero and are never updated,
 * so they do not count as trainable.
 *
 * <p>Why not DL4J itself: at batch 1 the built-in layer issues several native ops per time step and
 * {@code fit} costs about a millisecond of fixed overhead per call, two orders of magnitude above
 * the arithmetic of the paper's tiny nets. This kernel allocates nothing per step (only the rows
 * it returns): its buffers grow only when a sequence longer than any before arrives (or, for the
 * index list below, one with more non-zero inputs).
 *
 * <p>Sparse inputs: the paper's symbol tasks (embedded Reber, Exp. 2, temporal order) present
 * one-hot symbols, up to 1,004 of them (Exp. 2c, p = 1000), so nearly every input is zero, and
 * dense loops over all {@code nIn} inputs would spend almost all of a step multiplying zeros (Exp.
 * 2c's budget of 5,000,000 sequences of about 1,000 steps would take hours instead of minutes).
 * The forward pass therefore records, once per step, the indices of the non-zero inputs in
 * increasing order, and every loop over the inputs (the net inputs of the recurrent units, those
 * of the output units with {@code inputToOutput}, and the gradients of the weights from the
 * inputs) runs over those indices only. A skipped term is {@code w * 0.0}, a zero, and adding a
 * zero to a double sum of finite numbers changes nothing the sigmoid or the update can see (at
 * most the sign of a zero net input, and σ(−0) = σ(+0)); the remaining terms are added in the same
 * order as by a dense loop, so outputs, gradients and updated weights are bit for bit those of the
 * dense computation. Dense real-valued inputs take the same path, with every index recorded.
 *
 * <p>The gradient is that of E = ½ Σ_t Σ_k (t_k − y_k)² over the target steps of one sequence; the
 * update is w ← w − α ∂E/∂w, i.e. Δw = α Σ_t Σ_k (t_k − y_k) ∂y_k/∂w as in the paper.
 *
 * <p>Not thread-safe: one kernel per model, one model per trial.
 */
public final class RnnKernel {

    /** How the output units are connected. */
    public enum Topology {
        /** A recurrent hidden layer, then a separate layer of output units. */
        LAYERED,
        /** The output units are recurrent units themselves. */
        FULLY_RECURRENT
    }

    private final int nIn;
    private final int units;
    private final int nOut;
    private final boolean biases;
    private final Topology topology;
    private final boolean inputToOutput;
    /** Sources of each output unit in LAYERED: nIn + units with inputToOutput, else units. */
    private final int sources;

    private final int offW;
    private final int offRW;
    private final int offB;
    private final int offWo;
    private final int offBo;
    private final int size;
    /** First unit that is an output, FULLY_RECURRENT only. */
    private final int firstOutputUnit;

    private final double[] params;
    private final double[] grad;

    /** Unit activations, {@code units} per step. */
    private double[] h = new double[0];
    /** Output activations at target steps, {@code nOut} per step (other steps unused). */
    private double[] y = new double[0];
    /**
     * Where step {@code t}'s non-zero input indices start in {@link #nzIdx} (they end where step
     * {@code t+1}'s start); written by the forward pass for steps 0 to last+1.
     */
    private int[] nzStart = new int[0];
    /** Indices of the non-zero inputs of every step of the last forward pass, step after step. */
    private int[] nzIdx;
    private final double[] dh;
    private final double[] delta;
    private final double[] deltaNext;

    /**
     * A LAYERED kernel without input-to-output connections, all parameters zero.
     *
     * @param nIn input width
     * @param hidden number of hidden units
     * @param nOut output width
     * @param biases whether hidden and output units have (trainable) biases
     */
    public RnnKernel(int nIn, int hidden, int nOut, boolean biases) {
        this(nIn, hidden, nOut, biases, Topology.LAYERED, false);
    }

    /**
     * A kernel with all parameters zero (the selection matrix of FULLY_RECURRENT already set).
     *
     * @param nIn input width
     * @param hidden number of hidden units (not counting output units)
     * @param nOut output width
     * @param biases whether units have (trainable) biases
     * @param topology how the outputs are connected
     * @param inputToOutput whether output units also see the inputs (LAYERED only)
     */
    public RnnKernel(int nIn, int hidden, int nOut, boolean biases, Topology topology, boolean inputToOutput) {
        if (nIn < 1 || nOut < 1 || hidden < (topology == Topology.LAYERED ? 1 : 0)) {
            throw new IllegalArgumentException("sizes out of range: nIn=" + nIn + ", hidden=" + hidden
                    + ", nOut=" + nOut + ", topology=" + topology);
        }
        if (inputToOutput && topology != Topology.LAYERED) {
            throw new IllegalArgumentException("inputToOutput needs the LAYERED topology");
        }
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
        this.nzIdx = new int[nIn];
        if (topology == Topology.FULLY_RECURRENT) {
            for (int k = 0; k < nOut; k++) {
                params[offWo + k * units + firstOutputUnit + k] = 1.0;
            }
        }
    }

    /** Length of the parameter array in DL4J's layout (includes fixed entries). */
    public int layoutSize() {
        return size;
    }

    /** Number of trainable parameters. */
    public long trainableCount() {
        return trainableCount(nIn, units - (topology == Topology.LAYERED ? 0 : nOut), nOut, biases, topology,
                inputToOutput);
    }

    /** Trainable parameters of a LAYERED net without input-to-output connections. */
    public static long trainableCount(int nIn, int hidden, int nOut, boolean biases) {
        return trainableCount(nIn, hidden, nOut, biases, Topology.LAYERED, false);
    }

    /**
     * Trainable parameters of such a net, without building it: with b = 1 when biased,
     * LAYERED {@code hidden*(nIn+hidden+b) + nOut*(hidden+b+(inputToOutput ? nIn : 0))},
     * FULLY_RECURRENT {@code n*(nIn+n+b)} with {@code n = hidden+nOut}.
     */
    public static long trainableCount(int nIn, int hidden, int nOut, boolean biases, Topology topology,
            boolean inputToOutput) {
        long b = biases ? 1 : 0;
        if (topology == Topology.FULLY_RECURRENT) {
            long n = (long) hidden + nOut;
            return n * (nIn + n + b);
        }
        return (long) hidden * (nIn + hidden + b) + (long) nOut * (hidden + b + (inputToOutput ? nIn : 0));
    }

    /** Whether entry {@code index} of the layout is trained (not a fixed zero bias or selection weight). */
    public boolean isTrainable(int index) {
        if (index >= offB && index < offWo) {
            return biases;
        }
        if (index >= offBo) {
            return biases && topology == Topology.LAYERED;
        }
        return index < offWo || topology == Topology.LAYERED;
    }

    /** The live parameter array (DL4J layout); writes change the network. */
    public double[] params() {
        return params;
    }

    public int inputSize() {
        return nIn;
    }

    /** Recurrent units, including the output units of FULLY_RECURRENT. */
    public int recurrentUnits() {
        return units;
    }

    public int outputSize() {
        return nOut;
    }

    public boolean hasBiases() {
        return biases;
    }

    public Topology topology() {
        return topology;
    }

    public boolean inputToOutput() {
        return inputToOutput;
    }

    /** Index of W(i, j), input i to unit j, in {@link #params()}. */
    int inputWeight(int i, int j) {
        return offW + i + j * nIn;
    }

    /** Index of RW(k, j), unit k at t-1 to unit j, in {@link #params()}. */
    int recurrentWeight(int k, int j) {
        return offRW + k + j * units;
    }

    /** Index of unit j's bias in {@link #params()}. */
    int unitBias(int j) {
        return offB + j;
    }

    /**
     * Where the output layer's entries begin: every index below is a weight or bias of the
     * recurrent units (W, RW, b), every index from here on belongs to the output layer.
     */
    int outputLayerStart() {
        return offWo;
    }

    /** Index of Wo(i, k), source i (the inputs first with inputToOutput, then the units) to output k. */
    int outputWeight(int i, int k) {
        return offWo + i + k * sources;
    }

    /** Index of output k's bias in {@link #params()}. */
    int outputBias(int k) {
        return offBo + k;
    }

    /** The recurrent unit that is output k in FULLY_RECURRENT. */
    int outputUnit(int k) {
        return firstOutputUnit + k;
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
     * of {@link #params()}, without changing the parameters. Untrained entries get 0.
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

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    private void ensureCapacity(int steps) {
        if (h.length < steps * units || y.length < steps * nOut) {
            int capacity = Math.max(steps, 2 * (y.length / nOut));
            h = new double[capacity * units];
            y = new double[capacity * nOut];
            nzStart = new int[capacity + 1];
        }
    }

    /**
     * Runs the net over {@code s} up to its last target step (later steps cannot influence any
     * output or the gradient) and returns that step's index. Records each step's non-zero inputs
     * in {@link #nzStart} and {@link #nzIdx} for the input loops here and in {@link #backward}.
     */
    private int forward(Sequence s) {
        int last = s.length() - 1;
        while (!s.hasTarget(last)) {
            last--;
        }
        ensureCapacity(last + 1);
        final double[] p = params;
        final double[] act = h;
        final int n = units;
        int nz = 0;
        for (int t = 0; t <= last; t++) {
            double[] x = s.input(t);
            if (x.length != nIn) {
                throw new IllegalArgumentException("input width " + x.length + " at step " + t + ", expected " + nIn);
            }
            // The non-zero inputs of step t, in increasing order (the only ones any input loop reads).
            nzStart[t] = nz;
            if (nzIdx.length < nz + nIn) {
                nzIdx = Arrays.copyOf(nzIdx, Math.max(nz + nIn, 2 * nzIdx.length));
            }
            final int[] idx = nzIdx;
            for (int i = 0; i < nIn; i++) {
                if (x[i] != 0.0) {
                    idx[nz++] = i;
                }
            }
            final int from = nzStart[t];
            final int to = nz;
            int base = t * n;
            int prev = base - n;
            for (int j = 0; j < n; j++) {
                double net = p[offB + j];
                int w = offW + j * nIn;
                for (int q = from; q < to; q++) {
                    int i = idx[q];
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
                        for (int q = from; q < to; q++) {
                            int i = idx[q];
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
        nzStart[last + 1] = nz;
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

    /**
     * Full BPTT from the last target step back to step 0; leaves dE/dw in {@link #grad}. Reads the
     * inputs only at the non-zero indices the forward pass recorded (the other entries of dE/dW
     * would only add zeros).
     */
    private void backward(Sequence s, int last) {
        final double[] p = params;
        final double[] g = grad;
        final double[] act = h;
        final int n = units;
        final int[] idx = nzIdx;
        Arrays.fill(g, 0.0);
        Arrays.fill(deltaNext, 0.0);
        for (int t = last; t >= 0; t--) {
            int base = t * n;
            double[] x = s.input(t);
            final int from = nzStart[t];
            final int to = nzStart[t + 1];
            // dE/dh(t): from the outputs at t ...
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
                            for (int q = from; q < to; q++) {
                                int i = idx[q];
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
            // ... and from the units at t+1 through the recurrent weights.
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
                for (int q = from; q < to; q++) {
                    int i = idx[q];
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
