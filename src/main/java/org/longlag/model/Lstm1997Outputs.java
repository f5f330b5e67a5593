package org.longlag.model;

/**
 * The output units of the on-line {@code lstm1997} network: logistic (or linear) units that see the cells at
 * {@code t} (and, with {@code inputToOutput}, the inputs at {@code t}), read from the flat
 * parameter array after the hidden layer's segment. One place for their arithmetic, shared by the
 * per-sequence path ({@link Lstm1997OnlineModel}) and the per-step one ({@link Lstm1997RealTimeLearner}).
 *
 * <p>Inputs are passed as the kernel gives them: the step's input vector and the indices of its
 * non-zero entries ({@code nz[from..to)}), so one-hot inputs cost one weight, not one per symbol.
 *
 * @param outputs number of output units
 * @param cells number of memory cells
 * @param weights offset of unit 0's weights; unit {@code k}'s start at {@code weights + k·fanIn}
 * @param fanIn cells, plus the inputs if {@code seesInputs}
 * @param biases offset of the biases (one per unit) if {@code biased}
 * @param biased whether the output units have biases
 * @param seesInputs whether the output units see the inputs
 * @param linear whether the units are linear (else logistic, the paper's)
 */
record Lstm1997Outputs(int outputs, int cells, int weights, int fanIn, int biases, boolean biased,
        boolean seesInputs, boolean linear) {

    /** The layout after a hidden-layer segment of {@code hiddenParams} parameters. */
    static Lstm1997Outputs after(int hiddenParams, int cells, int inputSize, int outputs, boolean biased,
            boolean seesInputs, boolean linear) {
        int fanIn = cells + (seesInputs ? inputSize : 0);
        return new Lstm1997Outputs(outputs, cells, hiddenParams, fanIn, hiddenParams + fanIn * outputs, biased,
                seesInputs, linear);
    }

    /**
     * {@code ∂E/∂net} of a unit with activation {@code o} and target {@code target}, for
     * {@code E = ½ (o − target)²}. The logistic case multiplies left to right, in the order of
     * the recorded results: a different rounding changes an on-line trial's whole course.
     */
    double delta(double o, double target) {
        return linear ? o - target : (o - target) * o * (1.0 - o);
    }

    /** Number of parameters up to and including the output units'. */
    int end() {
        return biases + (biased ? outputs : 0);
    }

    /** Index of the weight from cell {@code c} to unit {@code k}. */
    int cellWeight(int k, int c) {
        return weights + k * fanIn + c;
    }

    /** Unit {@code k}'s activation, given the cell outputs at {@code y[yOff..]} and the step's inputs. */
    double activation(double[] p, int k, double[] y, int yOff, double[] x, int[] nz, int from, int to) {
        final int wk = weights + k * fanIn;
        double v = biased ? p[biases + k] : 0.0;
        for (int c = 0; c < cells; c++) {
            v += p[wk + c] * y[yOff + c];
        }
        if (seesInputs) {
            for (int q = from; q < to; q++) {
                v += p[wk + cells + nz[q]] * x[nz[q]];
            }
        }
        return linear ? v : 1.0 / (1.0 + Math.exp(-v));
    }

    /** Adds {@code scale} times unit {@code k}'s inputs (bias, cells, inputs) to its entries of {@code dest}. */
    void addScaledInputs(double[] dest, int k, double scale, double[] y, int yOff, double[] x, int[] nz, int from,
            int to) {
        final int wk = weights + k * fanIn;
        if (biased) {
            dest[biases + k] += scale;
        }
        for (int c = 0; c < cells; c++) {
            dest[wk + c] += scale * y[yOff + c];
        }
        if (seesInputs) {
            for (int q = from; q < to; q++) {
                dest[wk + cells + nz[q]] += scale * x[nz[q]];
            }
        }
    }
}
