package org.longlag.report;

import java.util.List;
import java.util.Map;

/**
 * The section of {@code TABLES.md} that sets LSTM beside RNN on every row at a glance: for both
 * pairs ({@link RowComparison#PAIRS}), trials solved and the mean sequences to success, from the
 * same lines {@code scripts/longlag compare} shows in full. A line recorded under settings the
 * experiment file no longer describes is marked, since it is not the comparison the file promises.
 */
final class PairsTable {
    /** Follows a cell whose line ran under earlier settings of the row's experiment file. */
    static final String EARLIER = "†";

    private PairsTable() {
    }

    /** The section, heading included; {@code byRow} holds each row's trials by row id. */
    static String render(List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        StringBuilder out = new StringBuilder();
        out.append("\n## LSTM against RNN on every row\n\n");
        out.append("Trials solved, and the mean sequences to success over the solved ones, of each model's line "
                + "at the experiment file's settings (else the line with the most trials, marked " + EARLIER
                + "). The built-in pair (DL4J's `lstm` and `rnn`, minibatches) trains for the same wall-clock "
                + "time per trial, given in *budget*; the paper's pair (`lstm1997`, `rnn1997`) on-line for the "
                + "sequence budgets of the tables below; `lstm1997` is the faithful net even where the verdict "
                + "above judges a row on a reading. `scripts/longlag compare ROW` gives the details.\n\n");
        out.append("| experiment | lstm | rnn | budget (built-in) | lstm1997 | rnn1997 |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (PaperRow row : rows) {
            RowComparison comparison = RowComparison.of(row, byRow.getOrDefault(row.id(), List.of()));
            List<ModelSummary> models = comparison.pairedModels();
            out.append("| ").append(row.id())
                    .append(" | ").append(cell(row, models.get(0)))
                    .append(" | ").append(cell(row, models.get(1)))
                    .append(" | ").append(budget(models.get(0), models.get(1)))
                    .append(" | ").append(cell(row, models.get(2)))
                    .append(" | ").append(cell(row, models.get(3)))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** "3/3 · 14,005", "0/3", or "–" when the model has no trial. */
    static String cell(PaperRow row, ModelSummary m) {
        if (!m.run()) {
            return "–";
        }
        String text = m.solved() + "/" + m.trials();
        if (m.meanSequencesToSuccess() != null) {
            text += " · " + Numbers.count(m.meanSequencesToSuccess());
        }
        return ModelLine.ofCurrentSettings(m.line().trials(), row.currentConfigs()) ? text : text + " " + EARLIER;
    }

    /** The built-in pair's time budget when both lines share one (as the experiment files set them). */
    static String budget(ModelSummary lstm, ModelSummary rnn) {
        Double seconds = seconds(lstm);
        Double other = seconds(rnn);
        if (seconds == null && other == null) {
            return "";
        }
        if (seconds == null || other == null || !seconds.equals(other)) {
            return (seconds == null ? "–" : Numbers.decimal(seconds) + " s") + " / "
                    + (other == null ? "–" : Numbers.decimal(other) + " s");
        }
        return Numbers.decimal(seconds) + " s";
    }

    private static Double seconds(ModelSummary m) {
        return m.run() ? m.line().trials().get(0).budgetSeconds() : null;
    }
}
