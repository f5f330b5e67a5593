package org.longlag.model;

import java.util.ArrayList;
import java.util.List;
import org.longlag.task.Sequence;
import org.nd4j.linalg.api.buffer.DataType;
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

    /** Packs {@code batch} in single precision; all sequences must have the same input and output widths. */
    public SequenceArrays(List<Sequence> batch, int inputSize, int outputSize) {
        this(batch, inputSize, outputSize, DataType.FLOAT);
    }

    /** Packs {@code batch} as arrays of {@code dataType} (the network's). */
    public SequenceArrays(List<Sequence> batch, int inputSize, int outputSize, DataType dataType) {
        int n = batch.size();
        int length = 0;
        for (Sequence s : batch) {
            length = Math.max(length, s.length());
        }
        this.maxLength = length;
        double[] in = new double[n * inputSize * length];
        double[] out = new double[n * outputSize * length];
        double[] fMask = new double[n * length];
        double[] lMask = new double[n * length];
        for (int b = 0; b < n; b++) {
            Sequence s = batch.get(b);
            for (int t = 0; t < s.length(); t++) {
                fMask[b * length + t] = 1f;
                double[] x = s.input(t);
                for (int i = 0; i < inputSize; i++) {
                    in[(b * inputSize + i) * length + t] = x[i];
                }
                double[] y = s.target(t);
                if (y != null) {
                    lMask[b * length + t] = 1f;
                    for (int k = 0; k < outputSize; k++) {
                        out[(b * outputSize + k) * length + t] = y[k];
                    }
                }
            }
        }
        features = array(in, dataType, n, inputSize, length);
        labels = array(out, dataType, n, outputSize, length);
        featureMask = array(fMask, dataType, n, length);
        labelMask = array(lMask, dataType, n, length);
    }

    /** {@code values} as an array of {@code dataType} (built in double or float, then cast), C order. */
    static INDArray array(double[] values, DataType dataType, long... shape) {
        if (dataType == DataType.DOUBLE) {
            return Nd4j.create(values, shape, 'c');
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Nd4j.create(f, shape, 'c').castTo(dataType);
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
        double[] flat = output.dup('c').data().asDouble();
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
