package org.longlag.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.longlag.task.Sequence;

/**
 * A {@code rnn1997} network trained on-line by {@link RnnKernel}: each sequence of a batch is one
 * forward pass, one full BPTT and one SGD update, in order, so a batch of one is exactly the
 * paper's protocol (and a longer batch is a run of on-line steps, not a minibatch). With
 * {@code update: per-step} the weights change after every target step instead
 * ({@link RnnRealTimeLearner}).
 *
 * <p>The kernel's parameter array is the master copy while training; {@link #network()} copies it
 * into the DL4J network on demand, so DL4J-side use (saving, JSON, inspection) sees the current
 * weights without paying for a copy per sequence.
 */
public final class Rnn1997Model implements SequenceModel {
    private final Model network;
    private final RnnKernel kernel;
    private final double learningRate;
    /** The real-time learner of {@code update: per-step}, else null. */
    private final RnnRealTimeLearner realTime;
    private boolean networkStale;

    /**
     * Wraps a network of {@link Rnn1997Kind#configuration} and a kernel holding the weights to use
     * (which are copied into the network now).
     */
    Rnn1997Model(Model network, RnnKernel kernel, double learningRate, boolean perStepUpdates) {
        if (network.numParams() != kernel.layoutSize()) {
            throw new IllegalArgumentException("network has " + network.numParams() + " parameters, kernel layout "
                    + kernel.layoutSize());
        }
        this.network = network;
        this.kernel = kernel;
        this.learningRate = learningRate;
        this.realTime = perStepUpdates ? new RnnRealTimeLearner(kernel) : null;
        Rnn1997Kind.copyInto(kernel.params(), network);
    }

    /**
     * The DL4J network holding the current weights: a {@code MultiLayerNetwork}, or a
     * {@code ComputationGraph} for {@code inputToOutput}.
     */
    public Model network() {
        if (networkStale) {
            Rnn1997Kind.copyInto(kernel.params(), network);
            networkStale = false;
        }
        return network;
    }

    /** The training kernel (its parameter array is live). */
    public RnnKernel kernel() {
        return kernel;
    }

    /** α of the on-line update. */
    public double learningRate() {
        return learningRate;
    }

    @Override
    public List<double[][]> train(List<Sequence> batch) {
        List<double[][]> outputs = new ArrayList<>(batch.size());
        for (Sequence s : batch) {
            outputs.add(realTime == null ? kernel.train(s, learningRate) : realTime.train(s, learningRate));
        }
        networkStale = true;
        return outputs;
    }

    @Override
    public List<double[][]> predict(List<Sequence> sequences) {
        List<double[][]> outputs = new ArrayList<>(sequences.size());
        for (Sequence s : sequences) {
            outputs.add(kernel.predict(s));
        }
        return outputs;
    }

    @Override
    public int batchSize() {
        return 1;
    }

    @Override
    public long parameterCount() {
        return kernel.trainableCount();
    }
}
