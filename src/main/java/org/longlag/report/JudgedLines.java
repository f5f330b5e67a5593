package org.longlag.report;

import java.util.List;
import java.util.Map;

/**
 * How the figures find and label the line {@code TABLES.md} judges on a row: {@code lstm1997}'s,
 * or that of the reading the row's experiment file adopts ({@link PaperRow#judgedModel}). A row
 * judged on a reading is marked with {@link #MARK} and named in a note, so that no reader takes a
 * reading's trials for the faithful network's.
 */
final class JudgedLines {
    /** Follows the label of a row judged on a reading. */
    static final String MARK = "*";

    private JudgedLines() {
    }

    /** The row's judged line among {@code rowTrials}, the trials of that row. */
    static ModelLine of(PaperRow row, List<TrialResult> rowTrials) {
        return ModelLine.of(row.judgedModel(), rowTrials, row.currentConfigs());
    }

    /** Whether {@code row} has a trial of the model it is judged on. */
    static boolean hasTrials(PaperRow row, Map<String, List<TrialResult>> byRow) {
        return byRow.getOrDefault(row.id(), List.of()).stream().anyMatch(t -> row.judgedModel().equals(t.model()));
    }

    /** {@code label} followed by {@link #MARK} when {@code row} is judged on a reading. */
    static String marked(PaperRow row, String label) {
        return row.judgedReading() == null ? label : label + MARK;
    }

    /** The note that names the rows judged on a reading; empty when every row is judged on {@code lstm1997}. */
    static List<String> note(List<PaperRow> rows) {
        List<String> named = rows.stream().filter(r -> r.judgedReading() != null)
                .map(r -> r.id() + " on " + r.judgedModel()).toList();
        if (named.isEmpty()) {
            return List.of();
        }
        return List.of(MARK + " Judged on a reading of the paper that the row's experiment file adopts (the README's "
                + "\"Known deviations\" says why; the faithful line is in TABLES.md): " + String.join(", ", named)
                + ".");
    }
}
