package org.longlag.model.layer;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link RnnOutputLayer}, with a fix for unbiased outputs: in 1.0.0-M2.1 the inference
 * path of {@code RnnOutputLayer} ({@code activate}, used by {@code output()}) adds the bias
 * unconditionally and fails with a {@code NullPointerException} under {@code hasBias(false)};
 * training and scoring are fine. This subclass computes {@code activate} without the bias when
 * the layer has none and is otherwise {@code RnnOutputLayer}. Used for the paper's networks whose
 * output units have no bias (Exp. 1, 2, 3a). Build an {@code RnnOutputLayer} as usual and pass it
 * to {@link #of}.
 */
public class RnnOutputLayerNoBias extends RnnOutputLayer {

    /** For JSON deserialisation. */
    public RnnOutputLayerNoBias() {
    }

    /** A copy of {@code built} with this class's inference path. */
    public static RnnOutputLayerNoBias of(RnnOutputLayer built) {
        RnnOutputLayerNoBias c = new RnnOutputLayerNoBias();
        c.setLayerName(built.getLayerName());
        c.setIDropout(built.getIDropout());
        c.setConstraints(built.getConstraints());
        c.setActivationFn(built.getActivationFn());
        c.setWeightInitFn(built.getWeightInitFn());
        c.setBiasInit(built.getBiasInit());
        c.setGainInit(built.getGainInit());
        c.setRegularization(built.getRegularization());
        c.setRegularizationBias(built.getRegularizationBias());
        c.setIUpdater(built.getIUpdater());
        c.setBiasUpdater(built.getBiasUpdater());
        c.setWeightNoise(built.getWeightNoise());
        c.setGradientNormalization(built.getGradientNormalization());
        c.setGradientNormalizationThreshold(built.getGradientNormalizationThreshold());
        c.setNIn(built.getNIn());
        c.setNOut(built.getNOut());
        c.setTimeDistributedFormat(built.getTimeDistributedFormat());
        c.setLossFn(built.getLossFn());
        c.setHasBias(built.hasBias());
        c.setRnnDataFormat(built.getRnnDataFormat());
        return c;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("RnnOutputLayerNoBias", getLayerName(), layerIndex, getNIn(), getNOut());
        Impl ret = new Impl(conf, networkDataType);
        ret.setListeners(listeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(params);
        ret.setConf(conf);
        return ret;
    }

    /** The layer implementation: {@code RnnOutputLayer} with a bias-free inference path. */
    public static class Impl extends org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer {

        /** Called by {@link RnnOutputLayerNoBias#instantiate}. */
        public Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (layerConf().hasBias()) {
                return super.activate(training, workspaceMgr);
            }
            assertInputSet(false);
            if (input.rank() != 3) {
                throw new UnsupportedOperationException("Input must be rank 3, got shape "
                        + Arrays.toString(input.shape()) + " " + layerId());
            }
            INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
            applyDropOutIfNecessary(training, workspaceMgr);
            boolean nwc = layerConf().getRnnDataFormat() == RNNFormat.NWC;
            INDArray in = nwc ? input.permute(0, 2, 1) : input;
            INDArray in2d = TimeSeriesUtils.reshape3dTo2d(in.castTo(w.dataType()), workspaceMgr,
                    ArrayType.FF_WORKING_MEM);
            INDArray act2d = layerConf().getActivationFn().getActivation(in2d.mmul(w), training);
            if (maskArray != null) {
                if (!maskArray.isColumnVectorOrScalar() || Arrays.equals(maskArray.shape(), act2d.shape())) {
                    act2d.muli(maskArray.castTo(act2d.dataType()));
                } else {
                    act2d.muliColumnVector(maskArray.castTo(act2d.dataType()));
                }
            }
            INDArray ret = TimeSeriesUtils.reshape2dTo3d(act2d, in.size(0), workspaceMgr, ArrayType.ACTIVATIONS);
            return nwc ? ret.permute(0, 2, 1) : ret;
        }
    }
}
