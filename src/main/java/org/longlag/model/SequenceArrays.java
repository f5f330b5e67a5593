package org.longlag.model;

import java.util.ArrayList;
import java.util.List;
import org.longlag.task.Sequence;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Packs sequences of different lengths into DL4J's recurrent layout: features
 * {@code [batch, inputs, time]}, labels {@code [batch, outputs, time]}, and masks
 * {@code [batch, time]}. Shorter sequences are padded at the end; the feature mask marks real
 * steps and the label mask marks steps with a target, so the loss counts target steps only.
 */
public final class SequenceArrays {
    private final INDArray features;
    private final INDArray labels;
    private final INDArray featureMask;
    private final INDArray labelMask;
    private final int maxLength;

    /** Packs {@code batch}; all sequences must have the same input and output widths. */
    public SequenceArrays(List<Sequence> batch, int inputSize, int outputSize) {
        int n = batch.size();
        int length = 0;
        for (Sequence s : batch) {
            length = Math.max(length, s.length());
        }
        this.maxLength = length;
        float[] in = new float[n * inputSize * length];
        float[] out = new float[n * outputSize * length];
        float[] fMask = new float[n * length];
        float[] lMask = new float[n * length];
        for (int b = 0; b < n; b++) {
            Sequence s = batch.get(b);
            for (int t = 0; t < s.length(); t++) {
                fMask[b * length + t] = 1f;
                double[] x = s.input(t);
                for (int i = 0; i < inputSize; i++) {
                    in[(b * inputSize + i) * length + t] = (float) x[i];
                }
                double[] y = s.target(t);
                if (y != null) {
                    lMask[b * length + t] = 1f;
                    for (int k = 0; k < outputSize; k++) {
                        out[(b * outputSize + k) * length + t] = (float) y[k];
                    }
                }
            }
        }
        features = Nd4j.create(in, new long[] {n, inputSize, length}, 'c');
        labels = Nd4j.create(out, new long[] {n, outputSize, length}, 'c');
        featureMask = Nd4j.create(fMask, new long[] {n, length}, 'c');
        labelMask = Nd4j.create(lMask, new long[] {n, length}, 'c');
    }

    public INDArray features() {
        return features;
    }

    public INDArray labels() {
        return labels;
    }

    public INDArray featureMask() {
        return featureMask;
    }

    public INDArray labelMask() {
        return labelMask;
    }

    /**
     * Unpacks a network output {@code [batch, outputs, time]} into one {@code double[time][outputs]}
     * per sequence, filled at the sequence's target steps only.
     */
    public List<double[][]> unpack(INDArray output, List<Sequence> batch) {
        int outputSize = (int) output.size(1);
        float[] flat = output.dup('c').data().asFloat();
        List<double[][]> result = new ArrayList<>(batch.size());
        for (int b = 0; b < batch.size(); b++) {
            Sequence s = batch.get(b);
            double[][] rows = new double[s.length()][];
            for (int t = 0; t < s.length(); t++) {
                if (s.hasTarget(t)) {
                    rows[t] = new double[outputSize];
                    for (int k = 0; k < outputSize; k++) {
                        rows[t][k] = flat[(b * outputSize + k) * maxLength + t];
                    }
                }
            }
            result.add(rows);
        }
        return result;
    }
}
