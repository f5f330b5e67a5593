package org.longlag.model.layer;

import java.util.Arrays;

/**
 * The arithmetic of the 1997 LSTM hidden layer as plain Java loops over {@code double[]}: one
 * sequence forward, and its backward pass in either the paper's truncated mode or full BPTT.
 *
 * <p>Both the DL4J layer ({@link Lstm1997Layer}) and the on-line trainer run through this class,
 * so there is one implementation of the equations. It exists because the per-step cost of the
 * paper's networks (8 to 12 hidden units) is far below the fixed cost of one native ND4J op: a
 * string of small ops per time step would be two orders of magnitude slower than this loop.
 *
 * <h2>Units and parameter layout</h2>
 *
 * <p>Hidden units, in this order: the {@code C = blocks × cellsPerBlock} memory cells (block by
 * block), the {@code blocks} input gates, then (if present) the {@code blocks} output gates;
 * {@code H} units in all. The layer's parameters, in one flat segment (the order of the DL4J
 * parameter view):
 *
 * <ul>
 *   <li>{@code W}: input weights, DL4J shape {@code [nIn, H]} in Fortran order, so unit {@code j}'s
 *       weights from inputs {@code 0..nIn-1} are contiguous at {@code j·nIn};
 *   <li>{@code RW} (only if recurrent): weights from the hidden activations at {@code t−1}, shape
 *       {@code [H, H]} in Fortran order, unit {@code j}'s {@code H} weights at {@code j·H};
 *   <li>{@code b}: one bias per biased unit, in unit order (cells, input gates, output gates, each
 *       group only if that unit type is biased).
 * </ul>
 *
 * <h2>Equations (PAPER.md §1)</h2>
 *
 * <pre>
 *   net_j(t) = b_j + Σ_i W[j,i] x_i(t) + Σ_k RW[j,k] y_k(t−1)     (y(−1) = 0, s(−1) = 0)
 *   y_in(t)  = σ(net_in(t)),  y_out(t) = σ(net_out(t))  (1 without output gates)
 *   s_c(t)   = s_c(t−1) + y_in(t) · g(net_c(t))
 *   y_c(t)   = y_out(t) · h(s_c(t))
 * </pre>
 *
 * <p>A step whose mask is 0 does not exist for the network: state and activations are carried
 * over unchanged and its cell outputs are reported as 0. This makes leading and trailing padding
 * both harmless.
 *
 * <h2>Gradients</h2>
 *
 * <p>{@link #backward} takes {@code ∂E/∂y_c(t)} for every step (from whatever sits on top) and
 * accumulates {@code ∂E/∂w}. In full mode this is exact BPTT.
 * In truncated mode it is the paper's gradient: error that
 * reaches {@code net_c}, {@code net_in} or {@code net_out} at time {@code t} changes the weights
 * of those units (with their inputs {@code x(t)}, {@code y(t−1)}) but is not passed on to
 * {@code y(t−1)}; error flows back in time only along the cell states. Run backwards, this equals
 * the paper's forward-accumulated partial derivatives ({@code ∂s_c/∂w}, App. A.1) summed over
 * the target steps, at O(T) cost.
 *
 * <p>Buffers grow to the longest sequence seen and are reused; nothing is allocated per step. An
 * instance is not thread-safe.
 */
public final class Lstm1997Kernel {

    private final int nIn;
    private final int blocks;
    private final int cellsPerBlock;
    private final int cells;
    private final int hidden;
    private final boolean outputGates;
    private final boolean recurrent;
    private final boolean logisticG;
    private final boolean identityH;
    private final int[] biasOf;
    private final int wOffset;
    private final int rwOffset;
    private final int bOffset;
    private final int numParams;

    private int capacity;
    private double[] y;
    private double[] s;
    private double[] gv;
    private double[] hv;
    private boolean[] active;
    private int[] nzStart;
    private int[] nzIdx;
    private double[][] x;
    private int steps;

    private final double[] net;
    private final double[] dnet;
    private final double[] dyRec;
    private final double[] dsNext;

    /** A kernel for the architecture of {@code conf}, whose input width must be set. */
    public Lstm1997Kernel(Lstm1997 conf) {
        this((int) conf.getNIn(), conf.getBlocks(), conf.getCellsPerBlock(), conf.isOutputGates(),
                conf.isRecurrent(), conf.getCellInput() == Lstm1997.CellInput.LOGISTIC,
                conf.getCellOutput() == Lstm1997.CellOutput.IDENTITY, conf.isCellBias(),
                conf.isInputGateBias(), conf.isOutputGateBias());
    }

    /** A kernel for an explicitly given architecture. */
    public Lstm1997Kernel(int nIn, int blocks, int cellsPerBlock, boolean outputGates, boolean recurrent,
            boolean logisticG, boolean identityH, boolean cellBias, boolean inputGateBias,
            boolean outputGateBias) {
        if (nIn < 1 || blocks < 1 || cellsPerBlock < 1) {
            throw new IllegalArgumentException("nIn, blocks and cellsPerBlock must be positive: "
                    + nIn + ", " + blocks + ", " + cellsPerBlock);
        }
        this.nIn = nIn;
        this.blocks = blocks;
        this.cellsPerBlock = cellsPerBlock;
        this.cells = blocks * cellsPerBlock;
        this.hidden = cells + blocks + (outputGates ? blocks : 0);
        this.outputGates = outputGates;
        this.recurrent = recurrent;
        this.logisticG = logisticG;
        this.identityH = identityH;
        this.biasOf = new int[hidden];
        int nb = 0;
        for (int j = 0; j < hidden; j++) {
            boolean biased = j < cells ? cellBias : j < cells + blocks ? inputGateBias : outputGateBias;
            biasOf[j] = biased ? nb++ : -1;
        }
        this.wOffset = 0;
        this.rwOffset = nIn * hidden;
        this.bOffset = rwOffset + (recurrent ? hidden * hidden : 0);
        this.numParams = bOffset + nb;
        this.net = new double[hidden];
        this.dnet = new double[hidden];
        this.dyRec = new double[hidden];
        this.dsNext = new double[cells];
        this.nzIdx = new int[Math.max(16, nIn)];
        ensureCapacity(16);
    }

    /** Number of parameters of the hidden layer (the length of its flat segment). */
    public int numParams() {
        return numParams;
    }

    /** Number of hidden units {@code H} (cells and gates); the row width of {@link #activations}. */
    public int hiddenUnits() {
        return hidden;
    }

    /** Number of memory cells {@code C}; they are the first {@code C} entries of each row. */
    public int cells() {
        return cells;
    }

    /** Input width. */
    public int inputSize() {
        return nIn;
    }

    /** Offset of {@code RW} in the layer's segment (equal to {@link #biasOffset} if not recurrent). */
    public int recurrentWeightOffset() {
        return rwOffset;
    }

    /** Offset of {@code b} in the layer's segment. */
    public int biasOffset() {
        return bOffset;
    }

    /** Number of biases. */
    public int biasCount() {
        return numParams - bOffset;
    }

    /**
     * Activations of the last forward pass: row {@code t+1} (offset {@code (t+1)·H}) holds
     * {@code y(t)}, row 0 the initial zeros. Cells first. A view into the kernel's buffer.
     */
    public double[] activations() {
        return y;
    }

    /** Cell states of the last forward pass, row {@code t+1} (offset {@code (t+1)·C}) is {@code s(t)}. */
    public double[] states() {
        return s;
    }

    /** {@code g(net_c(t))} of the last forward pass, for cell {@code c} at {@code t·C + c}. */
    public double[] squashedCellInputs() {
        return gv;
    }

    /** {@code h(s_c(t))} of the last forward pass, for cell {@code c} at {@code t·C + c}. */
    public double[] squashedStates() {
        return hv;
    }

    /** Index of hidden unit {@code j}'s bias among the biases (at {@link #biasOffset}), or −1 if unbiased. */
    public int biasIndex(int j) {
        return biasOf[j];
    }

    /** Whether the cells and gates see the hidden units at {@code t−1}. */
    public boolean isRecurrent() {
        return recurrent;
    }

    /** Whether the blocks have output gates. */
    public boolean hasOutputGates() {
        return outputGates;
    }

    /** Whether {@code g} is the logistic function (else {@code 4σ−2}). */
    public boolean isLogisticCellInput() {
        return logisticG;
    }

    /** Whether {@code h} is the identity (else {@code 2σ−1}). */
    public boolean isIdentityCellOutput() {
        return identityH;
    }

    /** Number of memory-cell blocks. */
    public int blocks() {
        return blocks;
    }

    /** Whether step {@code t} of the last forward pass was unmasked. */
    public boolean isActive(int t) {
        return active[t];
    }

    /** Start, in {@link #nonZeroInputIndices()}, of step {@code t}'s non-zero inputs (end: {@code t+1}'s). */
    public int nonZeroStart(int t) {
        return nzStart[t];
    }

    /** Indices of the non-zero inputs of each step of the last forward pass (see {@link #nonZeroStart}). */
    public int[] nonZeroInputIndices() {
        return nzIdx;
    }

    private void ensureCapacity(int t) {
        if (t <= capacity) {
            return;
        }
        int c = Math.max(t, capacity + capacity / 2);
        y = new double[(c + 1) * hidden];
        s = new double[(c + 1) * cells];
        gv = new double[c * cells];
        hv = new double[c * cells];
        active = new boolean[c];
        nzStart = new int[c + 1];
        capacity = c;
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    /**
     * Runs one sequence forward from zero state.
     *
     * @param p parameters; the layer's segment starts at {@code pOff}
     * @param inputs {@code inputs[t]} is the input vector at step {@code t} (at least {@code nIn} long)
     * @param length number of steps {@code T}
     * @param mask per-step mask (0 = step absent) starting at {@code maskOff}, or {@code null}
     */
    public void forward(double[] p, int pOff, double[][] inputs, int length, double[] mask, int maskOff) {
        forward(p, pOff, inputs, length, mask, maskOff, null, 0, null, 0);
    }

    /**
     * Runs one sequence forward from a given state ({@code y(−1)}: {@code H} values at
     * {@code y0Off}; {@code s(−1)}: {@code C} values at {@code s0Off}); {@code null} means zeros.
     * Used for DL4J's stateful {@code rnnTimeStep}; the paper's protocol always starts from zero.
     */
    public void forward(double[] p, int pOff, double[][] inputs, int length, double[] mask, int maskOff,
            double[] y0, int y0Off, double[] s0, int s0Off) {
        ensureCapacity(length);
        final int H = hidden;
        final int C = cells;
        final int B = blocks;
        final int S = cellsPerBlock;
        final double[] y = this.y;
        final double[] s = this.s;
        if (y0 == null) {
            Arrays.fill(y, 0, H, 0.0);
        } else {
            System.arraycopy(y0, y0Off, y, 0, H);
        }
        if (s0 == null) {
            Arrays.fill(s, 0, C, 0.0);
        } else {
            System.arraycopy(s0, s0Off, s, 0, C);
        }
        this.x = inputs;
        this.steps = length;
        int nz = 0;
        final int wBase = pOff + wOffset;
        final int rwBase = pOff + rwOffset;
        final int bBase = pOff + bOffset;
        for (int t = 0; t < length; t++) {
            nzStart[t] = nz;
            final int prev = t * H;
            final int cur = prev + H;
            if (mask != null && mask[maskOff + t] == 0.0) {
                active[t] = false;
                System.arraycopy(y, prev, y, cur, H);
                System.arraycopy(s, t * C, s, t * C + C, C);
                continue;
            }
            active[t] = true;
            final double[] xt = inputs[t];
            if (nzIdx.length < nz + nIn) {
                nzIdx = Arrays.copyOf(nzIdx, Math.max(nz + nIn, nzIdx.length * 2));
            }
            final int[] idx = nzIdx;
            for (int i = 0; i < nIn; i++) {
                if (xt[i] != 0.0) {
                    idx[nz++] = i;
                }
            }
            final int from = nzStart[t];
            for (int j = 0; j < H; j++) {
                double v = biasOf[j] >= 0 ? p[bBase + biasOf[j]] : 0.0;
                final int wj = wBase + j * nIn;
                for (int q = from; q < nz; q++) {
                    final int i = idx[q];
                    v += p[wj + i] * xt[i];
                }
                if (recurrent) {
                    final int rj = rwBase + j * H;
                    for (int k = 0; k < H; k++) {
                        v += p[rj + k] * y[prev + k];
                    }
                }
                net[j] = v;
            }
            final int sPrev = t * C;
            final int sCur = sPrev + C;
            for (int b = 0; b < B; b++) {
                final double yin = sigmoid(net[C + b]);
                y[cur + C + b] = yin;
                double yout = 1.0;
                if (outputGates) {
                    yout = sigmoid(net[C + B + b]);
                    y[cur + C + B + b] = yout;
                }
                for (int c = b * S, end = c + S; c < end; c++) {
                    final double g = logisticG ? sigmoid(net[c]) : 4.0 * sigmoid(net[c]) - 2.0;
                    final double sv = s[sPrev + c] + yin * g;
                    s[sCur + c] = sv;
                    final double h = identityH ? sv : 2.0 * sigmoid(sv) - 1.0;
                    gv[sPrev + c] = g;
                    hv[sPrev + c] = h;
                    y[cur + c] = yout * h;
                }
            }
        }
        nzStart[length] = nz;
    }

    /**
     * Backward pass over the last forward pass, accumulating {@code ∂E/∂w} into {@code grad}.
     *
     * @param p the parameters used by the forward pass
     * @param dyc {@code ∂E/∂y_c(t)} for cell {@code c} at {@code dycOff + t·dycStride + c}; read only
     *     for unmasked steps {@code t ≤ lastStep}
     * @param grad gradient accumulator; the layer's segment starts at {@code gOff}
     * @param epsIn if not {@code null}, receives {@code ∂E/∂x_i(t)} through this layer's input
     *     weights at {@code epsOff + t·nIn + i} (overwritten, every step)
     * @param lastStep last step that can carry error (later steps are skipped as error-free)
     * @param truncated the paper's truncated gradient if true, full BPTT if false
     */
    public void backward(double[] p, int pOff, double[] dyc, int dycOff, int dycStride, double[] grad,
            int gOff, double[] epsIn, int epsOff, int lastStep, boolean truncated) {
        final int H = hidden;
        final int C = cells;
        final int B = blocks;
        final int S = cellsPerBlock;
        final double[] y = this.y;
        final boolean full = !truncated;
        Arrays.fill(dyRec, 0.0);
        Arrays.fill(dsNext, 0.0);
        if (epsIn != null) {
            Arrays.fill(epsIn, epsOff + Math.max(0, lastStep + 1) * nIn, epsOff + steps * nIn, 0.0);
        }
        final int wBase = pOff + wOffset;
        final int rwBase = pOff + rwOffset;
        final int bBase = pOff + bOffset;
        final int gwBase = gOff + wOffset;
        final int grwBase = gOff + rwOffset;
        final int gbBase = gOff + bOffset;
        for (int t = Math.min(lastStep, steps - 1); t >= 0; t--) {
            if (!active[t]) {
                if (epsIn != null) {
                    Arrays.fill(epsIn, epsOff + t * nIn, epsOff + t * nIn + nIn, 0.0);
                }
                continue;
            }
            final int cur = (t + 1) * H;
            final int prev = t * H;
            final int sRow = t * C;
            final int eRow = dycOff + t * dycStride;
            for (int b = 0; b < B; b++) {
                final double yin = y[cur + C + b];
                final double yout = outputGates ? y[cur + C + B + b] : 1.0;
                double dYin = full ? dyRec[C + b] : 0.0;
                double dYout = full && outputGates ? dyRec[C + B + b] : 0.0;
                for (int c = b * S, end = c + S; c < end; c++) {
                    final double dy = full ? dyc[eRow + c] + dyRec[c] : dyc[eRow + c];
                    final double h = hv[sRow + c];
                    dYout += dy * h;
                    final double hPrime = identityH ? 1.0 : 0.5 * (1.0 - h * h);
                    final double ds = dsNext[c] + dy * yout * hPrime;
                    dsNext[c] = ds;
                    final double g = gv[sRow + c];
                    dYin += ds * g;
                    final double gPrime = logisticG ? g * (1.0 - g) : 0.25 * (4.0 - g * g);
                    dnet[c] = ds * yin * gPrime;
                }
                dnet[C + b] = dYin * yin * (1.0 - yin);
                if (outputGates) {
                    dnet[C + B + b] = dYout * yout * (1.0 - yout);
                }
            }
            final double[] xt = x[t];
            final int from = nzStart[t];
            final int to = nzStart[t + 1];
            final int[] idx = nzIdx;
            for (int j = 0; j < H; j++) {
                final double d = dnet[j];
                if (d == 0.0) {
                    continue;
                }
                if (biasOf[j] >= 0) {
                    grad[gbBase + biasOf[j]] += d;
                }
                final int wj = gwBase + j * nIn;
                for (int q = from; q < to; q++) {
                    final int i = idx[q];
                    grad[wj + i] += d * xt[i];
                }
                if (recurrent) {
                    final int rj = grwBase + j * H;
                    for (int k = 0; k < H; k++) {
                        grad[rj + k] += d * y[prev + k];
                    }
                }
            }
            if (epsIn != null) {
                final int e = epsOff + t * nIn;
                for (int i = 0; i < nIn; i++) {
                    double v = 0.0;
                    for (int j = 0; j < H; j++) {
                        v += p[wBase + j * nIn + i] * dnet[j];
                    }
                    epsIn[e + i] = v;
                }
            }
            if (full && recurrent) {
                Arrays.fill(dyRec, 0.0);
                for (int j = 0; j < H; j++) {
                    final double d = dnet[j];
                    if (d == 0.0) {
                        continue;
                    }
                    final int rj = rwBase + j * H;
                    for (int k = 0; k < H; k++) {
                        dyRec[k] += p[rj + k] * d;
                    }
                }
            }
        }
    }
}
