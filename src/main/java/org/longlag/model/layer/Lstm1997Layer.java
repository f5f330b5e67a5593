package org.longlag.model.layer;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J layer implementation of {@link Lstm1997}. Each call copies its inputs, parameters,
 * mask and epsilon into Java arrays once, runs {@link Lstm1997Kernel} per example, and copies the
 * results back, so it works with any backend's arrays and costs no per-step native ops.
 *
 * <p>Input {@code [minibatch, nIn, T]}; output {@code [minibatch, C (+ nIn), T]} (the cells, then
 * the input itself with {@code inputToOutput}). A feature mask {@code [minibatch, T]} removes
 * steps: state is carried over them unchanged and their outputs are 0.
 *
 * <p>Supports stateful {@code rnnTimeStep}. Truncated BPTT of DL4J ({@code tBPTT}) is not
 * supported: the paper's own truncation is the layer's gradient mode.
 */
public class Lstm1997Layer extends BaseRecurrentLayer<Lstm1997> {

    /** State key: hidden activations {@code y(t)} of the last step, {@code [minibatch, H]}. */
    public static final String STATE_ACTIVATIONS = "y";
    /** State key: cell states {@code s(t)} of the last step, {@code [minibatch, C]}. */
    public static final String STATE_CELLS = "s";

    private transient Lstm1997Kernel kernel;

    /** Called by {@link Lstm1997#instantiate}. */
    public Lstm1997Layer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private Lstm1997Kernel kernel() {
        if (kernel == null || kernel.inputSize() != layerConf().getNIn()) {
            kernel = new Lstm1997Kernel(layerConf());
        }
        return kernel;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /** Copies any array (any backend, data type, order, view) into a Java array in C order. */
    static double[] toDoubles(INDArray a) {
        INDArray d = (a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.DOUBLE)).dup('c');
        double[] v = d.data().asDouble();
        if (v.length != d.length()) {
            v = d.reshape(d.length()).toDoubleVector();
        }
        return v;
    }

    /** Input (or epsilon) {@code [mb, n, T]} as per-example, per-step rows. */
    private static double[][][] rows(INDArray a) {
        int mb = (int) a.size(0);
        int n = (int) a.size(1);
        int len = (int) a.size(2);
        double[] flat = toDoubles(a.permute(0, 2, 1));
        double[][][] r = new double[mb][len][n];
        for (int m = 0; m < mb; m++) {
            for (int t = 0; t < len; t++) {
                System.arraycopy(flat, (m * len + t) * n, r[m][t], 0, n);
            }
        }
        return r;
    }

    private void checkInput() {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalStateException("Lstm1997 expects 3d input [minibatch, nIn, T], got shape "
                    + java.util.Arrays.toString(input.shape()));
        }
        if (input.size(1) != layerConf().getNIn()) {
            throw new IllegalStateException("Lstm1997 input has " + input.size(1) + " features but nIn is "
                    + layerConf().getNIn());
        }
    }

    /** Runs the forward pass for every example; returns the layer output as {@code [mb, T, nOut]} flat. */
    private double[] forwardAll(double[] p, double[][][] xs, double[] mask, Map<String, INDArray> state,
            boolean storeState) {
        Lstm1997 c = layerConf();
        Lstm1997Kernel k = kernel();
        int mb = xs.length;
        int len = xs[0].length;
        int nIn = k.inputSize();
        int h = k.hiddenUnits();
        int cells = k.cells();
        int width = (int) c.getNOut();
        double[] y0 = null;
        double[] s0 = null;
        if (state != null && state.containsKey(STATE_ACTIVATIONS)) {
            y0 = toDoubles(state.get(STATE_ACTIVATIONS));
            s0 = toDoubles(state.get(STATE_CELLS));
            if (y0.length != (long) mb * h) {
                throw new IllegalStateException("stored state is for minibatch " + y0.length / h + ", input has " + mb);
            }
        }
        double[] out = new double[mb * len * width];
        double[] yLast = storeState ? new double[mb * h] : null;
        double[] sLast = storeState ? new double[mb * cells] : null;
        for (int m = 0; m < mb; m++) {
            k.forward(p, 0, xs[m], len, mask, m * len, y0, m * h, s0, m * cells);
            double[] y = k.activations();
            for (int t = 0; t < len; t++) {
                if (!k.isActive(t)) {
                    continue;
                }
                int o = (m * len + t) * width;
                System.arraycopy(y, (t + 1) * h, out, o, cells);
                if (c.isInputToOutput()) {
                    System.arraycopy(xs[m][t], 0, out, o + cells, nIn);
                }
            }
            if (storeState) {
                System.arraycopy(y, len * h, yLast, m * h, h);
                System.arraycopy(k.states(), len * cells, sLast, m * cells, cells);
            }
        }
        if (storeState) {
            state.put(STATE_ACTIVATIONS, Nd4j.createFromArray(yLast).reshape(mb, h).castTo(dataType));
            state.put(STATE_CELLS, Nd4j.createFromArray(sLast).reshape(mb, cells).castTo(dataType));
        }
        return out;
    }

    private INDArray activateInternal(Map<String, INDArray> state, boolean storeState, LayerWorkspaceMgr mgr) {
        checkInput();
        int mb = (int) input.size(0);
        int len = (int) input.size(2);
        int width = (int) layerConf().getNOut();
        INDArray tmp;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            double[] p = toDoubles(paramsFlattened);
            double[] mask = maskArray == null ? null : toDoubles(maskArray);
            double[] out = forwardAll(p, rows(input), mask, state, storeState);
            tmp = Nd4j.createFromArray(out).reshape('c', mb, len, width).permute(0, 2, 1).castTo(dataType);
        }
        INDArray ret = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {mb, width, len}, 'f');
        ret.assign(tmp);
        return ret;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return activateInternal(null, false, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        checkInput();
        Lstm1997 c = layerConf();
        Lstm1997Kernel k = kernel();
        int mb = (int) input.size(0);
        int len = (int) input.size(2);
        int nIn = k.inputSize();
        int cells = k.cells();
        int width = (int) c.getNOut();
        boolean truncated = c.getGradientMode() == Lstm1997.GradientMode.TRUNCATED;
        INDArray gradTmp;
        INDArray epsTmp;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            double[] p = toDoubles(paramsFlattened);
            double[] mask = maskArray == null ? null : toDoubles(maskArray);
            double[][][] xs = rows(input);
            double[] eps = toDoubles(epsilon.permute(0, 2, 1));
            double[] grad = new double[k.numParams()];
            double[] epsIn = new double[mb * len * nIn];
            for (int m = 0; m < mb; m++) {
                k.forward(p, 0, xs[m], len, mask, m * len);
                k.backward(p, 0, eps, m * len * width, width, grad, 0, epsIn, m * len * nIn, len - 1, truncated);
                if (c.isInputToOutput()) {
                    for (int t = 0; t < len; t++) {
                        if (!k.isActive(t)) {
                            continue;
                        }
                        int e = (m * len + t) * width + cells;
                        int o = (m * len + t) * nIn;
                        for (int i = 0; i < nIn; i++) {
                            epsIn[o + i] += eps[e + i];
                        }
                    }
                }
            }
            gradTmp = Nd4j.createFromArray(grad).castTo(gradientsFlattened.dataType())
                    .reshape(gradientsFlattened.shape());
            epsTmp = Nd4j.createFromArray(epsIn).reshape('c', mb, len, nIn).permute(0, 2, 1).castTo(dataType);
        }
        gradientsFlattened.assign(gradTmp);
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String key : Lstm1997ParamInitializer.getInstance().paramKeys(c)) {
            g.gradientForVariable().put(key, gradientViews.get(key));
        }
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {mb, nIn, len}, 'f');
        epsOut.assign(epsTmp);
        return new Pair<>(g, epsOut);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Map<String, INDArray> next = new HashMap<>(stateMap);
        INDArray out = activateInternal(next, true, workspaceMgr);
        stateMap = next;
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
            LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Map<String, INDArray> next = new HashMap<>(tBpttStateMap);
        INDArray out = activateInternal(next, storeLastForTBPTT, workspaceMgr);
        if (storeLastForTBPTT) {
            tBpttStateMap = next;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
            LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("Lstm1997 does not support DL4J's truncated BPTT (tBPTT); "
                + "the paper's truncated gradient is the layer's gradientMode");
    }
}
