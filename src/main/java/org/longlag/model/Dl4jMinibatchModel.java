package org.longlag.model;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.longlag.task.Sequence;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A {@link MultiLayerNetwork} trained the ordinary DL4J way: one {@code fit} per minibatch.
 *
 * <p>To judge each training sequence before the update learns from it, as the on-line protocol
 * does, {@link #train} runs an inference pass over the batch first; that costs about a third of a
 * training step and keeps the stopping rules identical across protocols.
 */
public final class Dl4jMinibatchModel implements SequenceModel {
    private final MultiLayerNetwork network;
    private final int batchSize;
    private final int inputSize;
    private final int outputSize;

    /** Wraps an initialised network; {@code batchSize} sequences make one update. */
    public Dl4jMinibatchModel(MultiLayerNetwork network, int batchSize) {
        this.network = network;
        this.batchSize = batchSize;
        this.inputSize = (int) network.layerInputSize(0);
        this.outputSize = (int) network.layerSize(network.getnLayers() - 1);
    }

    /** The wrapped network (its parameters change as the model trains). */
    public MultiLayerNetwork network() {
        return network;
    }

    @Override
    public List<double[][]> train(List<Sequence> batch) {
        SequenceArrays arrays = new SequenceArrays(batch, inputSize, outputSize);
        List<double[][]> before = arrays.unpack(output(arrays), batch);
        network.fit(new DataSet(arrays.features(), arrays.labels(), arrays.featureMask(), arrays.labelMask()));
        return before;
    }

    @Override
    public List<double[][]> predict(List<Sequence> sequences) {
        SequenceArrays arrays = new SequenceArrays(sequences, inputSize, outputSize);
        return arrays.unpack(output(arrays), sequences);
    }

    private INDArray output(SequenceArrays arrays) {
        return network.output(arrays.features(), false, arrays.featureMask(), arrays.labelMask());
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public long parameterCount() {
        return network.numParams();
    }
}
