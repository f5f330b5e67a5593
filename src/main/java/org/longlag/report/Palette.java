package org.longlag.report;

import java.util.List;
import java.util.Map;

/**
 * Colours shared by every figure: each model keeps its colour everywhere (LSTMs drawn solid, RNNs
 * dashed), the paper's figures are black, and rows of a family take the colours of a fixed list in
 * the family's order, so the same row has the same colour in every figure of its family.
 */
final class Palette {
    /** The four models every row has, in the order figures list them. */
    static final List<String> MODELS = List.of("lstm", "rnn", "lstm1997", "rnn1997");

    private static final Map<String, String> MODEL_COLORS = Map.of("lstm", "#1f77b4", "rnn", "#ff7f0e",
            "lstm1997", "#2ca02c", "rnn1997", "#d62728");

    /** Row colours, chosen to stay apart from one another on white and in grey print. */
    private static final List<String> ROW_COLORS = List.of("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
            "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22");

    private static final Map<String, String> DARK_COLORS = Map.of("lstm", "#174f77", "rnn", "#b35900",
            "lstm1997", "#1a661a", "rnn1997", "#8b1a1a");

    /** The paper's figures. */
    static final String PAPER = "#000000";
    /** The paper's baselines (RTRL, BPTT). */
    static final String PAPER_BASELINE = "#666666";

    private Palette() {
    }

    /** The colour of {@code model}; other models grey. */
    static String model(String model) {
        return MODEL_COLORS.getOrDefault(model, "#555555");
    }

    /** A darker shade of {@code model}'s colour, for a summary drawn among its points (a mean). */
    static String dark(String model) {
        return DARK_COLORS.getOrDefault(model, "#333333");
    }

    /** Whether {@code model} is drawn dashed: the RNNs. */
    static boolean dashed(String model) {
        return model.startsWith("rnn");
    }

    /** The colour of the {@code index}-th row of a family. */
    static String row(int index) {
        return ROW_COLORS.get(index % ROW_COLORS.size());
    }
}
