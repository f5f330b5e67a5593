package org.longlag.model;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.longlag.task.Sequence;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A {@link MultiLayerNetwork} of one recurrent layer and an {@code RnnOutputLayer}, trained the
 * ordinary DL4J way: one {@code fit} per minibatch.
 *
 * <p>The trainer judges each training sequence by the outputs of the forward pass that precedes
 * its update, as the on-line protocol does. A separate inference pass would cost a third of every
 * step, so a listener takes the recurrent layer's activations from {@code fit}'s own forward pass
 * (before the update) and applies the output layer to them; if DL4J ever stops reporting that
 * pass, the model falls back to an inference pass.
 */
public final class Dl4jMinibatchModel implements SequenceModel {
    private final MultiLayerNetwork network;
    private final int batchSize;
    private final int inputSize;
    private final int outputSize;
    private final ForwardPassTap tap = new ForwardPassTap();

    /** Wraps an initialised network; {@code batchSize} sequences make one update. */
    public Dl4jMinibatchModel(MultiLayerNetwork network, int batchSize) {
        this.network = network;
        this.batchSize = batchSize;
        this.inputSize = (int) network.layerInputSize(0);
        this.outputSize = (int) network.layerSize(network.getnLayers() - 1);
        network.addListeners(tap);
    }

    /** The wrapped network (its parameters change as the model trains). */
    public MultiLayerNetwork network() {
        return network;
    }

    @Override
    public List<double[][]> train(List<Sequence> batch) {
        SequenceArrays arrays = new SequenceArrays(batch, inputSize, outputSize, network.params().dataType());
        tap.outputs = null;
        network.fit(new DataSet(arrays.features(), arrays.labels(), arrays.featureMask(), arrays.labelMask()));
        if (tap.outputs == null) {
            throw new IllegalStateException("DL4J did not report the forward pass of fit");
        }
        return arrays.unpack(tap.outputs, batch);
    }

    @Override
    public List<double[][]> predict(List<Sequence> sequences) {
        SequenceArrays arrays = new SequenceArrays(sequences, inputSize, outputSize, network.params().dataType());
        return arrays.unpack(network.output(arrays.features(), false, arrays.featureMask(), arrays.labelMask()),
                sequences);
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public long parameterCount() {
        return network.numParams();
    }

    /**
     * Receives the activations of {@code fit}'s forward pass, which DL4J reports up to the layer
     * below the output layer, and finishes the pass through the output layer with the weights as
     * they are before the update.
     */
    private final class ForwardPassTap extends BaseTrainingListener {
        private INDArray outputs;

        @Override
        public void onForwardPass(Model model, List<INDArray> activations) {
            INDArray hidden = activations.get(activations.size() - 1); // [batch, hidden, time]
            org.deeplearning4j.nn.api.Layer output = network.getLayer(network.getnLayers() - 1);
            INDArray weights = output.getParam("W"); // [hidden, outputs]
            INDArray bias = output.getParam("b"); // [1, outputs]
            long batch = hidden.size(0);
            long time = hidden.size(2);
            // [batch*time, hidden] x [hidden, outputs] -> [batch, time, outputs] -> [batch, outputs, time]
            INDArray flat = hidden.permute(0, 2, 1).dup('c').reshape(batch * time, hidden.size(1));
            INDArray pre = flat.mmul(weights).addiRowVector(bias);
            IActivation activation = ((org.deeplearning4j.nn.conf.layers.BaseLayer) output.conf().getLayer())
                    .getActivationFn();
            INDArray post = activation.getActivation(pre, false);
            outputs = post.reshape(batch, time, weights.size(1)).permute(0, 2, 1).dup('c');
        }
    }
}
