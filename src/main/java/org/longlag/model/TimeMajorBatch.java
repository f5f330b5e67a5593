package org.longlag.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.longlag.task.Sequence;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Packs sequences of different lengths into the time-major layout of libnd4j's recurrent ops
 * ({@code [time, batch, ...]}), for {@link FusedCellModel}.
 *
 * <p>Shorter sequences are padded at the end with zero inputs. Padding needs no mask in the
 * recurrent layer: a step can only influence later steps, and no padded step is followed by a real
 * one. The loss sees target steps only, through the target mask.
 *
 * <p>Inputs come in one of two forms. Dense: {@code x} is {@code [time, batch, inputs]}.
 * Sparse (for wide one-hot inputs): {@code idx} (integers) and {@code val} ({@code [rows, 1]})
 * list, for every step of every sequence in time-major order, {@code k} slots holding the indices
 * and values of the step's non-zero inputs (index 0 and value 0 in unused slots), where {@code k}
 * is the largest number of non-zero inputs of any step of the batch (1 for one-hot inputs); a
 * step then costs {@code k} rows of the input weights rather than a product with the whole input
 * vector.
 */
final class TimeMajorBatch {
    private final List<Sequence> batch;
    private final int inputSize;
    private final int outputSize;
    private final DataType dataType;
    private final int maxLength;

    /** Packs nothing yet; {@link #inputs} and {@link #targets} build the arrays. */
    TimeMajorBatch(List<Sequence> batch, int inputSize, int outputSize, DataType dataType) {
        this.batch = batch;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.dataType = dataType;
        int length = 0;
        for (Sequence s : batch) {
            length = Math.max(length, s.length());
        }
        this.maxLength = length;
    }

    int size() {
        return batch.size();
    }

    int maxLength() {
        return maxLength;
    }

    /** The input placeholders: {@code x} when {@code sparse} is false, else {@code idx} and {@code val}. */
    Map<String, INDArray> inputs(boolean sparse) {
        Map<String, INDArray> map = new HashMap<>();
        if (sparse) {
            packSparse(map);
        } else {
            map.put("x", array(denseInputs(), maxLength, batch.size(), inputSize));
        }
        return map;
    }

    private double[] denseInputs() {
        int n = batch.size();
        double[] in = new double[maxLength * n * inputSize];
        for (int b = 0; b < n; b++) {
            Sequence s = batch.get(b);
            for (int t = 0; t < s.length(); t++) {
                System.arraycopy(s.input(t), 0, in, (t * n + b) * inputSize, inputSize);
            }
        }
        return in;
    }

    private void packSparse(Map<String, INDArray> map) {
        int n = batch.size();
        int k = 1;
        for (Sequence s : batch) {
            for (int t = 0; t < s.length(); t++) {
                int nonZero = 0;
                for (double v : s.input(t)) {
                    if (v != 0) {
                        nonZero++;
                    }
                }
                k = Math.max(k, nonZero);
            }
        }
        int[] idx = new int[maxLength * n * k];
        double[] val = new double[maxLength * n * k];
        for (int b = 0; b < n; b++) {
            Sequence s = batch.get(b);
            for (int t = 0; t < s.length(); t++) {
                double[] x = s.input(t);
                int slot = (t * n + b) * k;
                for (int i = 0; i < inputSize; i++) {
                    if (x[i] != 0) {
                        idx[slot] = i;
                        val[slot] = x[i];
                        slot++;
                    }
                }
            }
        }
        map.put("idx", Nd4j.createFromArray(idx));
        map.put("val", array(val, (long) maxLength * n * k, 1));
    }

    /**
     * The targets as rows {@code [time x batch, outputs]} ({@code y}, zero at steps without a
     * target) and the target-step mask {@code [time x batch, 1]} ({@code mask}, 1 at target steps).
     */
    Map<String, INDArray> targets() {
        int n = batch.size();
        double[] y = new double[maxLength * n * outputSize];
        double[] mask = new double[maxLength * n];
        for (int b = 0; b < n; b++) {
            Sequence s = batch.get(b);
            for (int t = 0; t < s.length(); t++) {
                double[] target = s.target(t);
                if (target != null) {
                    int row = t * n + b;
                    mask[row] = 1;
                    System.arraycopy(target, 0, y, row * outputSize, outputSize);
                }
            }
        }
        return Map.of("y", array(y, maxLength * n, outputSize), "mask", array(mask, maxLength * n, 1));
    }

    private INDArray array(double[] values, long... shape) {
        return SequenceArrays.array(values, dataType, shape);
    }

    /**
     * Unpacks the graph's output {@code [time x batch, outputs]} into one {@code double[time][outputs]}
     * per sequence, filled at the sequence's target steps only.
     */
    List<double[][]> unpack(INDArray output) {
        int n = batch.size();
        INDArray packed = output.isView() || output.ordering() != 'c' ? output.dup('c') : output;
        double[] flat = packed.data().asDouble();
        List<double[][]> result = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            Sequence s = batch.get(b);
            double[][] rows = new double[s.length()][];
            for (int t = 0; t < s.length(); t++) {
                if (s.hasTarget(t)) {
                    rows[t] = new double[outputSize];
                    System.arraycopy(flat, (t * n + b) * outputSize, rows[t], 0, outputSize);
                }
            }
            result.add(rows);
        }
        return result;
    }
}
