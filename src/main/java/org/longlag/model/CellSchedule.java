package org.longlag.model;

/**
 * Exp. 2a's sequential construction (the paper's Sec. 4 remedy (1) against the abuse problem):
 * "Memory cell and input gate are added once the error has stopped decreasing". Until then the
 * network is the cell-less one: the output units' weights from the cells are held at 0, so the
 * cells cannot affect any output and the hidden layer receives no error (its weights keep their
 * initial values). When the mean training error of a block of {@value #BLOCK} sequences is no
 * longer at least {@value #MIN_RELATIVE_DECREASE} (relative) below the best earlier block's, the
 * cells are added: their outgoing weights get the values drawn for them at initialisation, or stay
 * 0 ("silent": adding the cells then changes no output, and the first updates after it do not
 * undo what the output units had learned).
 *
 * <p>The paper does not say how it judged that the error had stopped decreasing; a 1% relative
 * criterion over blocks of 1,000 sequences is this suite's choice, stated so it can be changed.
 */
final class CellSchedule {

    /** Sequences per block of the error comparison. */
    static final int BLOCK = 1000;
    /** Relative decrease a block's mean error must show to count as still decreasing. */
    static final double MIN_RELATIVE_DECREASE = 0.01;

    private final Lstm1997Outputs out;
    private final double[] initialCellWeights;
    private final boolean silent;
    private boolean added;
    private double best = Double.POSITIVE_INFINITY;
    private double blockSum;
    private int blockCount;
    private long sequences;
    private long addedAfter = -1;

    /**
     * Removes the cells from {@code params} (outgoing weights to 0), remembering their initial values.
     *
     * @param silent add the cells with outgoing weights 0 instead of their initial values
     */
    CellSchedule(Lstm1997Outputs out, double[] params, boolean silent) {
        this.out = out;
        this.silent = silent;
        this.initialCellWeights = new double[out.outputs() * out.cells()];
        for (int k = 0; k < out.outputs(); k++) {
            for (int c = 0; c < out.cells(); c++) {
                initialCellWeights[k * out.cells() + c] = params[out.cellWeight(k, c)];
            }
        }
        hold(params);
    }

    /** Whether the cells take part yet. */
    boolean added() {
        return added;
    }

    /** Training sequences seen when the cells were added, or −1 while they are not. */
    long addedAfter() {
        return addedAfter;
    }

    /**
     * After one training sequence with mean squared error {@code mse} and its update: keeps the
     * cells out (undoing any change to their outgoing weights), or adds them once the error has
     * stopped decreasing.
     */
    void afterUpdate(double mse, double[] params) {
        if (added) {
            return;
        }
        sequences++;
        hold(params);
        blockSum += mse;
        if (++blockCount < BLOCK) {
            return;
        }
        double mean = blockSum / blockCount;
        blockSum = 0;
        blockCount = 0;
        if (mean < best * (1 - MIN_RELATIVE_DECREASE)) {
            best = mean;
            return;
        }
        added = true;
        addedAfter = sequences;
        if (silent) {
            return;
        }
        for (int k = 0; k < out.outputs(); k++) {
            for (int c = 0; c < out.cells(); c++) {
                params[out.cellWeight(k, c)] = initialCellWeights[k * out.cells() + c];
            }
        }
    }

    /**
     * Holds the cells' outgoing weights at 0 while the cells are out (a no-op once they are in);
     * per-step updates call it after every step, since a step's change to an output unit's
     * weights would otherwise let the cells act within the sequence.
     */
    void holdOut(double[] params) {
        if (!added) {
            hold(params);
        }
    }

    private void hold(double[] params) {
        for (int k = 0; k < out.outputs(); k++) {
            for (int c = 0; c < out.cells(); c++) {
                params[out.cellWeight(k, c)] = 0.0;
            }
        }
    }
}
