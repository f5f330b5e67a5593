package org.longlag.model;

import java.util.List;
import java.util.Map;
import org.longlag.task.Sequence;

/**
 * A trainable sequence model as the trainer sees it: one call is one weight update on a batch of
 * sequences (a batch of one for the paper's on-line protocol).
 */
public interface SequenceModel {

    /**
     * Performs one update on {@code batch} and returns, per sequence, the outputs of the forward
     * pass that preceded the update ({@code outputs[t]} is {@code null} where the sequence has no
     * target). These are the "training errors" of the paper's on-line protocol: each sequence is
     * judged before the network learns from it.
     */
    List<double[][]> train(List<Sequence> batch);

    /** Outputs for each sequence, without learning; rows of steps without a target may be null. */
    List<double[][]> predict(List<Sequence> sequences);

    /** Number of sequences per update under this model's protocol. */
    int batchSize();

    /** Number of trainable parameters (weights and biases). */
    long parameterCount();

    /**
     * Named statistics of the network's inner state over the training sequences since the last
     * call (e.g. cell-state size, gate activity), then starts afresh; empty for models that keep
     * none. The trainer records one snapshot per learning-curve point.
     */
    default Map<String, Double> takeDiagnostics() {
        return Map.of();
    }
}
