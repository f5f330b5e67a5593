package org.longlag.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Which figures {@code tables} draws, and under which paper table {@code TABLES.md} shows them:
 *
 * <ul>
 *   <li>{@code sequences-all.svg}: the headline, sequences to success of every row, ours against the
 *       paper's, with the verdicts ({@link SequencesAllFigure}), at the top of {@code TABLES.md} under
 *       the count of reproduced rows, when any row has a trial of its judged line ({@code lstm1997}, or
 *       the reading the row's file adopts);
 *   <li>{@code sequences-table<N>.svg}: sequences to success per row, ours against the paper's
 *       ({@link SequencesFigure}), for each table with a trial of a judged line or {@code rnn1997};
 *   <li>{@code lag-scaling.svg}: sequences to success against the time lag for Exp. 2c and the
 *       adding problem ({@link LagScalingFigure}), under Tables 3 and 7, when either has a trial of a
 *       judged line;
 *   <li>{@code curves-<family>.svg}: training error per row ({@link FamilyCurvesFigure}), for each
 *       family with a trial of one of the four models;
 *   <li>{@code diagnostics-<family>.svg}: inside {@code lstm1997} ({@link DiagnosticsFigure}), for
 *       each family whose judged lines record diagnostics.
 * </ul>
 *
 * A family or table without results gets no figure, so {@code TABLES.md} never links a file that
 * was not written. Every figure is a pure function of the rows and results.
 */
public final class Figures {
    /** The directory, relative to the results directory, that figures are written to. */
    public static final String DIRECTORY = "figures";

    private static final List<String> PREFIXES = List.of("sequences-table", "curves-", "diagnostics-");

    /**
     * One figure: its file name inside {@link #DIRECTORY}, the text a reader without images sees,
     * and how to draw it.
     */
    record Figure(String fileName, String caption, Supplier<String> svg) {
    }

    private Figures() {
    }

    /**
     * Whether {@code fileName} is a name {@code tables} writes figures under, so a stale one (of a
     * family whose results were removed) may be deleted; {@code compare}'s figures are not.
     */
    public static boolean isTablesFigure(String fileName) {
        return fileName.endsWith(".svg") && (fileName.equals(LagScalingFigure.FILE)
                || fileName.equals(SequencesAllFigure.FILE)
                || PREFIXES.stream().anyMatch(fileName::startsWith));
    }

    /**
     * The headline figure of every row of the paper's tables ({@code rows}: no study row), drawn
     * from the verdicts that {@code TABLES.md} prints; null when no row has a trial of its judged line.
     */
    static Figure headline(List<PaperRow> rows, List<RowVerdict> verdicts, Map<String, List<TrialResult>> byRow) {
        if (!SequencesAllFigure.hasResults(verdicts)) {
            return null;
        }
        return new Figure(SequencesAllFigure.FILE, "Sequences to success on every row, lstm1997 against the "
                + "paper's LSTM, with the verdicts", () -> SequencesAllFigure.svg(rows, verdicts, byRow));
    }

    /**
     * The figures of each paper table, by table number, in the order they are shown; {@code rows}
     * are the paper's rows (study rows are drawn against no paper table).
     */
    static Map<Integer, List<Figure>> plan(List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        Map<Integer, List<PaperRow>> byTable = new TreeMap<>();
        rows.forEach(r -> byTable.computeIfAbsent(r.paperTable(), k -> new ArrayList<>()).add(r));
        boolean lag = LagScalingFigure.hasResults(rows, byRow);
        Figure lagFigure = new Figure(LagScalingFigure.FILE, "Sequences to success against the minimal time lag, "
                + "lstm1997 and the paper (Exp. 2c and adding)", () -> LagScalingFigure.svg(rows, byRow));
        Map<Integer, List<Figure>> plan = new TreeMap<>();
        byTable.forEach((table, tableRows) -> {
            List<Figure> figures = new ArrayList<>();
            if (SequencesFigure.hasResults(tableRows, byRow)) {
                figures.add(new Figure(SequencesFigure.fileName(table), "Table " + table + ": sequences to success "
                        + "per row and trial, ours and the paper's", () -> SequencesFigure.svg(table, tableRows, byRow)));
            }
            if (lag && tableRows.stream().anyMatch(r -> LagScalingFigure.VERY_LONG_LAG.equals(r.family())
                    || LagScalingFigure.ADDING.equals(r.family()))) {
                figures.add(lagFigure);
            }
            Map<String, List<PaperRow>> families = new LinkedHashMap<>();
            tableRows.forEach(r -> families.computeIfAbsent(r.family(), k -> new ArrayList<>()).add(r));
            families.forEach((family, familyRows) -> {
                if (FamilyCurvesFigure.hasResults(familyRows, byRow)) {
                    figures.add(new Figure(FamilyCurvesFigure.fileName(family), "Training error per row of "
                            + family + ", median and min–max over trials", () -> FamilyCurvesFigure.svg(familyRows,
                                    byRow)));
                }
                if (DiagnosticsFigure.hasDiagnostics(familyRows, byRow)) {
                    figures.add(new Figure(DiagnosticsFigure.fileName(family), "Inside lstm1997 on " + family
                            + ": cell states, gates and weights against sequences seen",
                            () -> DiagnosticsFigure.svg(familyRows, byRow)));
                }
            });
            if (!figures.isEmpty()) {
                plan.put(table, figures);
            }
        });
        return plan;
    }

    /** Every figure of the plan drawn once, by file name. */
    static Map<String, String> draw(Map<Integer, List<Figure>> plan) {
        Map<String, String> files = new TreeMap<>();
        plan.values().forEach(figures -> figures.forEach(f -> files.computeIfAbsent(f.fileName(), k -> f.svg().get())));
        return files;
    }
}
