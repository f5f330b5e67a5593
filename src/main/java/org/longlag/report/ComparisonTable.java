package org.longlag.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code longlag compare} as aligned text: per row, one table with the two LSTM/RNN pairs one
 * model a line, then the models outside the pairs, then what was left out. One table per row
 * (rather than one for a whole family) keeps each row's pairs together when a family is long.
 */
public final class ComparisonTable {
    private static final String[] HEADER = {"pair", "model", "trials", "solved", "sequences to success",
        "time to success", "wrong of test", "test MSE (failed)", "wrong (failed)"};

    /** What the columns mean, printed once under the tables. */
    static final String LEGEND = "sequences and time to success: mean (min–max) over solved trials, time with the "
            + "final test;\nwrong of test: mean over all trials; (failed): means over the trials that did not solve "
            + "the task within the budget.";

    private ComparisonTable() {
    }

    /**
     * The text for {@code rows}; {@code figures} maps a row id to the path of its figure as it
     * should be printed (rows without one have none).
     */
    public static String render(List<RowComparison> rows, Map<String, String> figures) {
        StringBuilder out = new StringBuilder();
        for (RowComparison row : rows) {
            if (out.length() > 0) {
                out.append('\n');
            }
            PaperRow paper = row.row();
            out.append(paper.id()).append(" — ").append(paper.title()).append(" (").append(paper.source())
                    .append(")\n\n");
            List<String[]> lines = new ArrayList<>();
            lines.add(HEADER);
            for (RowComparison.Pair pair : row.pairs()) {
                lines.add(cells(pair.spec().name(), pair.lstm()));
                lines.add(cells("", pair.rnn()));
            }
            for (ModelSummary other : row.others()) {
                lines.add(cells(other.model().contains(".") ? "reading" : "other", other));
            }
            out.append(align(lines));
            List<ModelSummary> all = new ArrayList<>(row.pairedModels());
            all.addAll(row.others());
            for (ModelSummary m : all) {
                ModelLine line = m.line();
                if (line.leftOutTrials() > 0) {
                    out.append(String.format(Locale.ROOT, "left out: %s: %d trial(s) in %d other line(s) (another "
                            + "budget or protocol; shown: the line of the experiment file's settings, else the one "
                            + "with the most trials)\n", m.model(), line.leftOutTrials(), line.otherLines()));
                }
            }
            String figure = figures.get(paper.id());
            out.append("figure: ").append(figure != null ? figure : "none (no trials)").append('\n');
        }
        out.append('\n').append(LEGEND).append('\n');
        return out.toString();
    }

    private static String[] cells(String pair, ModelSummary m) {
        if (!m.run()) {
            return new String[] {pair, m.model(), "not run", "", "", "", "", "", ""};
        }
        String sequences = m.meanSequencesToSuccess() == null ? "– (" + m.line().trials().get(0).budgetLabel() + ")"
                : Numbers.count(m.meanSequencesToSuccess()) + (m.solved() > 1 ? " (" + Numbers.format(
                        m.minSequencesToSuccess()) + "–" + Numbers.format(m.maxSequencesToSuccess()) + ")" : "");
        return new String[] {pair, m.model(), String.valueOf(m.trials()), m.solved() + "/" + m.trials(), sequences,
            m.meanWallSecondsSolved() == null ? "–" : duration(m.meanWallSecondsSolved()),
            wrong(m.meanTestWrong(), m.testSize()),
            m.failedMeanTestMse() == null ? "–" : Numbers.decimal(m.failedMeanTestMse()),
            m.failedMeanTestWrong() == null ? "–" : wrong(m.failedMeanTestWrong(), m.testSize())};
    }

    private static String wrong(double mean, Integer testSize) {
        return Numbers.decimal(mean) + (testSize != null ? " of " + testSize : " (mixed test sizes)");
    }

    /** Seconds, minutes or hours, as {@code TABLES.md} prints times. */
    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /** Left-aligned columns two spaces apart, trailing blanks trimmed. */
    private static String align(List<String[]> lines) {
        int[] widths = new int[HEADER.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(line[i]).append(" ".repeat(widths[i] - line[i].length() + (i < line.length - 1 ? 2 : 0)));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
