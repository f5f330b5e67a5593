package org.longlag.model;

import java.util.List;
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
}
