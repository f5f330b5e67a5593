package org.longlag.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code lstm1997} network's hidden layer did while it trained, summed over the training
 * sequences since the last {@link #take}: the size of the cell states at the last step of each
 * sequence (state drift, PAPER.md §1's "two known fixes"), the mean activation of the input and
 * output gates over all steps (gates that never open, or never close), and, at the time of the
 * snapshot, the largest weight. The trainer stores one snapshot per learning-curve point, so a
 * result line shows drift and saturation next to the training error.
 *
 * <p>Cheap by design: a few additions per block and step, against the forward pass's
 * {@code H·(inputs + H)} multiply-adds per step.
 */
final class Lstm1997Diagnostics {

    /** Mean over sequences of the mean |s_c| over cells at the sequence's last step. */
    static final String MEAN_ABS_STATE = "meanAbsStateEnd";
    /** Largest |s_c| at the last step of any sequence of the block. */
    static final String MAX_ABS_STATE = "maxAbsStateEnd";
    /** Mean input-gate activation over all steps and blocks. */
    static final String MEAN_INPUT_GATE = "meanInputGate";
    /** Mean output-gate activation over all steps and blocks (absent without output gates). */
    static final String MEAN_OUTPUT_GATE = "meanOutputGate";
    /** Largest |w| over every weight and bias of the network at the snapshot. */
    static final String MAX_ABS_WEIGHT = "maxAbsWeight";

    private final int cells;
    private final int blocks;
    private final boolean outputGates;
    private double sumMeanAbsState;
    private double maxAbsState;
    private long sequences;
    private double sumInputGate;
    private double sumOutputGate;
    private long gateSteps;

    Lstm1997Diagnostics(int cells, int blocks, boolean outputGates) {
        this.cells = cells;
        this.blocks = blocks;
        this.outputGates = outputGates;
    }

    /** One step's hidden activations, laid out as the kernel's rows: cells, input gates, output gates. */
    void addStep(double[] y, int rowOffset) {
        final int in = rowOffset + cells;
        for (int b = 0; b < blocks; b++) {
            sumInputGate += y[in + b];
            if (outputGates) {
                sumOutputGate += y[in + blocks + b];
            }
        }
        gateSteps++;
    }

    /** The cell states at a sequence's last step ({@code cells} values from {@code offset}). */
    void addFinalState(double[] s, int offset) {
        double sum = 0;
        for (int c = 0; c < cells; c++) {
            double a = Math.abs(s[offset + c]);
            sum += a;
            maxAbsState = Math.max(maxAbsState, a);
        }
        sumMeanAbsState += sum / cells;
        sequences++;
    }

    /** The statistics since the last call (empty if no sequence was seen), then starts afresh. */
    Map<String, Double> take(double[] params) {
        Map<String, Double> snapshot = new LinkedHashMap<>();
        if (sequences > 0) {
            snapshot.put(MEAN_ABS_STATE, sumMeanAbsState / sequences);
            snapshot.put(MAX_ABS_STATE, maxAbsState);
        }
        if (gateSteps > 0) {
            snapshot.put(MEAN_INPUT_GATE, sumInputGate / (gateSteps * (double) blocks));
            if (outputGates) {
                snapshot.put(MEAN_OUTPUT_GATE, sumOutputGate / (gateSteps * (double) blocks));
            }
        }
        double maxWeight = 0;
        for (double w : params) {
            maxWeight = Math.max(maxWeight, Math.abs(w));
        }
        snapshot.put(MAX_ABS_WEIGHT, maxWeight);
        sumMeanAbsState = 0;
        maxAbsState = 0;
        sequences = 0;
        sumInputGate = 0;
        sumOutputGate = 0;
        gateSteps = 0;
        return snapshot;
    }
}
