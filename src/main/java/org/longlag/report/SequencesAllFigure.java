package org.longlag.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The headline figure: sequences to success of every experiment row, ours against the paper's, one
 * lane per row in paper order, grouped by paper table. Each lane shows the paper's LSTM mean (a
 * black diamond, as in {@link SequencesFigure}), the line that {@code TABLES.md} judges ({@code
 * lstm1997}'s, or a reading's where the row adopts one: marked, see {@link JudgedLines}) as its mean over solved trials with their min–max range, or an open triangle at the
 * line's budget where no trial solved, and right of the plot the share solved and the row's verdict.
 *
 * <p>Nothing is judged here: the line, its share and mean, the paper's mean and the verdict are
 * those of {@link Verdicts} (the rows' {@link RowVerdict}s that {@code TABLES.md} prints); only the
 * range and the budget are read from the same line ({@link ModelLine}). The per-table figures show
 * every trial and the gradient baseline; this one gives the whole catalog at a glance.
 */
final class SequencesAllFigure {
    /** The file name inside the figures directory. */
    static final String FILE = "sequences-all.svg";

    private static final int LEFT = 238;
    private static final int RIGHT = SvgChart.WIDTH - 182;
    /** Right edge of the "solved" column. */
    private static final int SOLVED_END = RIGHT + 50;
    /** Left edge of the verdict column. */
    private static final int VERDICT_X = RIGHT + 58;
    private static final int HEADER = 22;
    private static final int LANE = 20;
    private static final int GAP = 6;

    private SequencesAllFigure() {
    }

    /** Whether any row has a trial of its judged line, i.e. whether there is anything to draw. */
    static boolean hasResults(List<RowVerdict> verdicts) {
        return verdicts.stream().anyMatch(v -> v.verdict() != RowVerdict.Verdict.NOT_RUN);
    }

    /** One lane: a row, its verdict and the line it was reached on. */
    private record Lane(PaperRow row, RowVerdict verdict, ModelSummary ours) {
        /** Whether the line ran but solved no trial: drawn at its budget. */
        boolean noneSolved() {
            return verdict.trials() > 0 && verdict.solved() == 0 && ours.budget() != null;
        }

        /** Whether the line has a mean (and a range) to draw. */
        boolean anySolved() {
            return verdict.meanSequences() != null && ours.minSequencesToSuccess() != null;
        }
    }

    /**
     * The SVG.
     *
     * @param rows every row of the catalog, in catalog order
     * @param verdicts the rows' verdicts, as {@code TABLES.md} prints them
     * @param byRow the trials of each row
     */
    static String svg(List<PaperRow> rows, List<RowVerdict> verdicts, Map<String, List<TrialResult>> byRow) {
        Map<String, RowVerdict> verdictOf = new LinkedHashMap<>();
        verdicts.forEach(v -> verdictOf.put(v.row(), v));
        Map<Integer, List<Lane>> tables = new TreeMap<>();
        List<Double> values = new ArrayList<>();
        for (PaperRow row : rows) {
            RowVerdict verdict = verdictOf.get(row.id());
            ModelSummary ours = ModelSummary.of(JudgedLines.of(row, byRow.getOrDefault(row.id(), List.of())));
            Lane lane = new Lane(row, verdict, ours);
            tables.computeIfAbsent(row.paperTable(), k -> new ArrayList<>()).add(lane);
            if (verdict.paperSequences() != null) {
                values.add(verdict.paperSequences());
            }
            if (lane.anySolved()) {
                values.add(verdict.meanSequences());
                values.add((double) ours.minSequencesToSuccess());
                values.add((double) ours.maxSequencesToSuccess());
            } else if (lane.noneSolved()) {
                values.add((double) Math.max(1, ours.budget()));
            }
        }
        AxisScale x = AxisScale.logarithmic(values.stream().mapToDouble(Double::doubleValue).min().orElse(1000),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(10_000), AxisScale::compact);

        List<Legend.Entry> legend = List.of(
                Legend.Entry.marker("the paper's LSTM: its mean", Palette.PAPER, Svg.Marker.DIAMOND, true),
                Legend.Entry.marker("lstm1997 (ours): mean over solved trials", Palette.model(Verdicts.LSTM),
                        Svg.Marker.CIRCLE, true),
                Legend.Entry.line("its range, fewest to most, over solved trials", Palette.model(Verdicts.LSTM), false, false),
                Legend.Entry.marker("no trial solved: drawn at the budget", Palette.model(Verdicts.LSTM),
                        Svg.Marker.TRIANGLE_RIGHT, false));
        List<String> notes = new ArrayList<>();
        notes.add("Our line is the one TABLES.md judges: the row's lstm1997 line (a reading where the row adopts "
                + "one, marked " + JudgedLines.MARK + ") with the most trials. "
                + "solved: its solved/trials. A row where none solved needed more than its budget, by an unknown "
                + "amount. The verdict is TABLES.md's: the share solved and the test error against the paper's "
                + "LSTM line, and the mean within 3 times the paper's (Tables 4 and 5: its ST2 column).");
        notes.add("Every trial, and the rnn1997 baseline, are drawn in the per-table figures (sequences-tableN.svg).");
        notes.addAll(JudgedLines.note(rows));
        List<String> noteLines = notes.stream().flatMap(n -> Svg.wrap(n, 118).stream()).toList();

        int legendTop = 112;
        int plotTop = legendTop + Legend.height(legend.size(), 2) + 30;
        int bodyHeight = 0;
        for (List<Lane> lanes : tables.values()) {
            bodyHeight += HEADER + lanes.size() * LANE + GAP;
        }
        int bottom = plotTop + bodyHeight;
        int height = bottom + 50 + noteLines.size() * 16 + 12;

        Svg svg = new Svg(SvgChart.WIDTH, height);
        svg.text(18, 28, 17, "start", "bold", "#000000", "Sequences to success on every row: lstm1997 against the "
                + "paper's LSTM");
        svg.text(18, 50, 12.5, "start", "normal", "#444444", "All " + rows.size() + " rows of the catalog in paper "
                + "order, by paper table; ours trained on-line, as the paper's.");
        // The count on one line and its breakdown on the next: together they are wider than the figure.
        // Rows judged on a reading are marked on their lanes and named in a note.
        svg.runs(18, 70, 12.5, "#000000", List.of(new Svg.Run(TablesRenderer.countHead(verdicts), true),
                new Svg.Run(" by lstm1997:", false)));
        svg.text(18, 86, 12.5, "start", "normal", "#000000", TablesRenderer.countRest(verdicts) + ".");
        Legend.draw(svg, 40, SvgChart.WIDTH - 22, legendTop, legend, 2);

        Plot plot = new Plot(LEFT, plotTop, RIGHT, bottom, x, null, 12);
        SequencesFigure.shadeBands(svg, plotTop, tables.values().stream().map(lanes -> HEADER + lanes.size() * LANE
                + GAP).toList());
        plot.axes(svg, "training sequences until the stopping rule was met (log scale)", null, 20, 42);
        plot.topTickLabels(svg);
        svg.text(SOLVED_END, plotTop - 6, 12, "end", "bold", "#000000", "solved");
        svg.text(VERDICT_X, plotTop - 6, 12, "start", "bold", "#000000", "verdict");
        int groupTop = plotTop;
        for (Map.Entry<Integer, List<Lane>> table : tables.entrySet()) {
            List<Lane> lanes = table.getValue();
            String titles = String.join("; ", lanes.stream().map(l -> l.row().title()).distinct().toList());
            svg.text(18, groupTop + 16, 12.5, "start", "bold", "#000000", "Table " + table.getKey() + " — " + titles);
            for (int l = 0; l < lanes.size(); l++) {
                drawLane(svg, plot, lanes.get(l), groupTop + HEADER + LANE * l + LANE / 2.0);
            }
            groupTop += HEADER + lanes.size() * LANE + GAP;
        }
        svg.notes(18, bottom + 68, noteLines);
        return svg.finish();
    }

    private static void drawLane(Svg svg, Plot plot, Lane lane, double y) {
        RowVerdict v = lane.verdict();
        String id = lane.row().id();
        String color = Palette.model(Verdicts.LSTM);
        svg.text(LEFT - 8, y + 4, 12, "end", "normal", "#000000", JudgedLines.marked(lane.row(), id));
        svg.line(LEFT, y, RIGHT, y, "#e4e4e4");
        double oursX = Double.NaN;
        if (v.paperSequences() != null) {
            SequencesFigure.paperMark(svg, plot.px(v.paperSequences()), y, 10, Palette.PAPER,
                    new SequencesFigure.PaperValue(v.paperSequences(), false), "paper, " + id + ", LSTM: mean "
                            + Numbers.count(v.paperSequences()) + " sequences");
        }
        if (lane.anySolved()) {
            ModelSummary ours = lane.ours();
            double low = plot.px(ours.minSequencesToSuccess());
            double high = plot.px(ours.maxSequencesToSuccess());
            svg.line(low, y, high, y, color, 2.2, 1, false);
            svg.line(low, y - 5, low, y + 5, color, 1.6, 1, false);
            svg.line(high, y - 5, high, y + 5, color, 1.6, 1, false);
            oursX = plot.px(v.meanSequences());
            svg.raw(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\" stroke=\"#ffffff\" "
                    + "stroke-width=\"1.2\"><title>%s</title></circle>\n", oursX, y, color, Svg.escape(id
                    + ", " + v.model() + ": mean " + Numbers.count(v.meanSequences()) + " sequences over " + v.solved()
                    + " solved of " + v.trials() + " (" + Numbers.format(ours.minSequencesToSuccess()) + "–"
                    + Numbers.format(ours.maxSequencesToSuccess()) + ")" + (v.ratio() == null ? ""
                    : ", " + Verdicts.ratio(v.ratio()).replace("x", "×") + " the paper's"))));
        } else if (lane.noneSolved()) {
            oursX = plot.px(Math.max(1, lane.ours().budget()));
            SequencesFigure.budgetMark(svg, oursX, y, 10, color, id + ", " + v.model() + ": 0 of " + v.trials()
                    + " solved within the budget of " + Numbers.format(lane.ours().budget()) + " sequences");
        }
        if (v.paperSequences() == null) {
            // Said where no mark of ours is: at the left of the lane, or right of it when ours stands there.
            boolean left = Double.isNaN(oursX) || oursX > LEFT + 170;
            svg.text(left ? LEFT + 6 : RIGHT - 6, y + 4, 11.5, left ? "start" : "end", "normal", "#666666",
                    "no paper LSTM figure");
        }
        boolean run = v.verdict() != RowVerdict.Verdict.NOT_RUN;
        svg.text(SOLVED_END, y + 4, 12, "end", "normal", run ? "#000000" : "#777777", run ? v.solved() + "/"
                + v.trials() : "–");
        svg.text(VERDICT_X, y + 4, 12, "start", run ? "bold" : "normal", verdictColor(v.verdict()),
                v.verdict().shortLabel());
    }

    /** The colour a verdict is printed in. */
    static String verdictColor(RowVerdict.Verdict verdict) {
        return switch (verdict) {
            case REPRODUCED -> "#1a7f37";
            case SLOWER -> "#b35900";
            case NOT_REPRODUCED -> "#c62828";
            case NO_PAPER_FIGURE, NOT_RUN -> "#777777";
        };
    }
}
