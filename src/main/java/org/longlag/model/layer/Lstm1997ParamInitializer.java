package org.longlag.model.layer;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parameters of {@link Lstm1997}: {@code W} (input weights, {@code [nIn, H]}), {@code RW}
 * (recurrent weights, {@code [H, H]}, absent when the layer is not recurrent) and {@code b} (one
 * bias per biased hidden unit, absent when none is). The flat layout is the one
 * {@link Lstm1997Kernel} computes on, so the kernel reads and writes the DL4J parameter and
 * gradient views as they are.
 *
 * <p>Initialisation draws every parameter uniformly from {@code [−initRange, initRange]} with a
 * {@link SplittableRandom} seeded from the network seed (not the global ND4J generator, so the
 * values do not depend on what else used it), then sets the gate biases that the configuration
 * gives per block.
 */
public final class Lstm1997ParamInitializer implements ParamInitializer {

    /** Input weights. */
    public static final String WEIGHT_KEY = "W";
    /** Recurrent weights. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    /** Biases. */
    public static final String BIAS_KEY = "b";

    private static final Lstm1997ParamInitializer INSTANCE = new Lstm1997ParamInitializer();

    private Lstm1997ParamInitializer() {
    }

    /** The shared instance. */
    public static Lstm1997ParamInitializer getInstance() {
        return INSTANCE;
    }

    private static Lstm1997 conf(Layer layer) {
        if (!(layer instanceof Lstm1997)) {
            throw new IllegalArgumentException("not an Lstm1997 layer: " + layer);
        }
        return (Lstm1997) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        Lstm1997 c = conf(layer);
        return c.parameterCount(c.getNIn());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        Lstm1997 c = conf(layer);
        List<String> keys = new ArrayList<>(3);
        keys.add(WEIGHT_KEY);
        if (c.isRecurrent()) {
            keys.add(RECURRENT_WEIGHT_KEY);
        }
        if (c.biasCount() > 0) {
            keys.add(BIAS_KEY);
        }
        return Collections.unmodifiableList(keys);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return conf(layer).isRecurrent() ? List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY) : List.of(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return conf(layer).biasCount() > 0 ? List.of(BIAS_KEY) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Lstm1997 c = conf(conf.getLayer());
        if (initializeParams) {
            double[] values = initialValues(c, new SplittableRandom(conf.getSeed() ^ 0x4c53544d31393937L));
            paramsView.assign(Nd4j.createFromArray(values).castTo(paramsView.dataType())
                    .reshape(paramsView.shape()));
        }
        Map<String, INDArray> m = subsets(c, paramsView);
        for (String k : m.keySet()) {
            conf.addVariable(k);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return subsets(conf(conf.getLayer()), gradientView);
    }

    /**
     * Fresh initial parameters in the flat layout: uniform in {@code [−initRange, initRange]} in
     * layout order, then {@link #applyGateInitialisation}.
     */
    public static double[] initialValues(Lstm1997 c, SplittableRandom rng) {
        int n = (int) c.parameterCount(c.getNIn());
        double r = c.getInitRange();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r == 0 ? 0.0 : rng.nextDouble(-r, r);
        }
        applyGateInitialisation(c, v, 0);
        return v;
    }

    /**
     * Applies, to freshly drawn parameters in a flat array, what the configuration sets beyond the
     * uniform draw: the shift of the input gates' weights from the input units, and the gate biases
     * it gives explicitly.
     */
    public static void applyGateInitialisation(Lstm1997 c, double[] params, int offset) {
        int h = c.hiddenUnits();
        int nIn = (int) c.getNIn();
        shiftInputGateWeights(c, params, offset);
        int b = offset + h * nIn + (c.isRecurrent() ? h * h : 0) + (c.isCellBias() ? c.cells() : 0);
        double[] in = c.getInputGateBiasInit();
        if (c.isInputGateBias()) {
            if (in != null) {
                System.arraycopy(in, 0, params, b, c.getBlocks());
            }
            b += c.getBlocks();
        }
        double[] out = c.getOutputGateBiasInit();
        if (out != null && c.isOutputGates() && c.isOutputGateBias()) {
            System.arraycopy(out, 0, params, b, c.getBlocks());
        }
    }

    /** Input gate k is hidden unit cells + k; its weights from the inputs are contiguous (W is [nIn, H], 'f'). */
    private static void shiftInputGateWeights(Lstm1997 c, double[] params, int offset) {
        double shift = c.getInputGateWeightShift();
        if (shift == 0) {
            return;
        }
        int nIn = (int) c.getNIn();
        for (int gate = c.cells(); gate < c.cells() + c.getBlocks(); gate++) {
            for (int i = 0; i < nIn; i++) {
                params[offset + gate * nIn + i] += shift;
            }
        }
    }

    private static Map<String, INDArray> subsets(Lstm1997 c, INDArray view) {
        long nIn = c.getNIn();
        long h = c.hiddenUnits();
        INDArray flat = view.reshape(view.length());
        Map<String, INDArray> m = new LinkedHashMap<>();
        long pos = nIn * h;
        m.put(WEIGHT_KEY, flat.get(interval(0, pos)).reshape('f', nIn, h));
        if (c.isRecurrent()) {
            m.put(RECURRENT_WEIGHT_KEY, flat.get(interval(pos, pos + h * h)).reshape('f', h, h));
            pos += h * h;
        }
        if (c.biasCount() > 0) {
            m.put(BIAS_KEY, flat.get(interval(pos, pos + c.biasCount())).reshape(1, c.biasCount()));
        }
        return m;
    }
}
