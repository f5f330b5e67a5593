package org.longlag.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Inside the paper's LSTM, one family at a time: the diagnostics {@code lstm1997} records with its
 * learning curve ({@code curve.diagnostics}) against sequences seen, on the line {@code TABLES.md}
 * judges (a reading where the row's file adopts one, marked as {@link JudgedLines} says), as small
 * multiples sharing the x axis: the size of the cell states at the end of a sequence, the mean gate activations, the
 * largest weight, and (where recorded) whether the cells have been added. One colour per row of
 * the family; each line the median over the row's trials still training, the first series of a
 * panel with its min–max shaded. These are what the README's deviations quote: states that grow
 * until h' is flat, input gates that never close.
 */
final class DiagnosticsFigure {
    private static final int LEFT = 78;
    private static final int RIGHT = SvgChart.WIDTH - 22;
    private static final int PLOT_HEIGHT = 165;

    private DiagnosticsFigure() {
    }

    /** The file name of {@code family}'s figure inside the figures directory. */
    static String fileName(String family) {
        return "diagnostics-" + family + ".svg";
    }

    /**
     * One panel: a heading, a y label, the series drawn (the first solid with a band, the second
     * dashed) with what each is, and whether the y axis is fixed to [0, 1].
     */
    private record PanelSpec(String heading, String yLabel, List<String> series, List<String> descriptions,
            boolean unitRange) {
    }

    private static final List<PanelSpec> PANELS = List.of(
            new PanelSpec("Cell state at the end of a sequence", "|s|", List.of("meanAbsStateEnd", "maxAbsStateEnd"),
                    List.of("mean |s| over the cells (solid)", "largest |s| (dashed)"), false),
            new PanelSpec("Gate activation, mean over the steps", "activation",
                    List.of("meanInputGate", "meanOutputGate"), List.of("input gate (solid)", "output gate (dashed)"),
                    true),
            new PanelSpec("Largest absolute weight", "|weight|", List.of("maxAbsWeight"), List.of(""),
                    false),
            new PanelSpec("Cells added", "added", List.of("cellsAdded"),
                    List.of("1 once the memory cells have joined the net"), true));

    /** The judged line of each row with diagnostics, by row in family order. */
    private record RowLine(PaperRow row, int index, ModelLine line) {
    }

    /** Whether any row's judged line records diagnostics. */
    static boolean hasDiagnostics(List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        return !rowLines(rows, byRow).isEmpty();
    }

    private static List<RowLine> rowLines(List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        List<RowLine> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ModelLine line = JudgedLines.of(rows.get(i), byRow.getOrDefault(rows.get(i).id(), List.of()));
            if (line.trials().stream().anyMatch(t -> t.curve() != null && t.curve().diagnostics() != null
                    && PANELS.stream().flatMap(p -> p.series().stream())
                            .anyMatch(name -> t.curve().diagnostics().get(name) != null
                                    && !t.curve().diagnostics().get(name).isEmpty()))) {
                lines.add(new RowLine(rows.get(i), i, line));
            }
        }
        return lines;
    }

    /** The SVG of the family whose rows, in catalog order, are {@code rows}. */
    static String svg(List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        List<RowLine> lines = rowLines(rows, byRow);
        List<PanelSpec> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<List<SvgChart.Series>> panelSeries = new ArrayList<>();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = 0;
        for (PanelSpec spec : PANELS) {
            List<SvgChart.Series> series = new ArrayList<>();
            List<String> present = new ArrayList<>();
            for (int k = 0; k < spec.series().size(); k++) {
                String name = spec.series().get(k);
                boolean primary = k == 0;
                int before = series.size();
                for (RowLine line : lines) {
                    LearningCurve curve = LearningCurve.of(line.line().trials(),
                            c -> c.diagnostics() == null ? null : c.diagnostics().get(name));
                    if (curve.points().isEmpty()) {
                        continue;
                    }
                    // The spread of the second series would cover the first's; its band is left out.
                    series.add(new SvgChart.Series(line.row().id() + " " + name, Palette.row(line.index()), !primary,
                            curve.points().stream().map(p -> new SvgChart.Point(p.sequences(), p.median(),
                                    primary ? p.min() : p.median(), primary ? p.max() : p.median(),
                                    2 * p.training() < curve.trials())).toList()));
                }
                if (series.size() > before) {
                    present.add(spec.descriptions().get(k));
                }
            }
            if (series.isEmpty()) {
                continue;
            }
            for (SvgChart.Series s : series) {
                for (SvgChart.Point p : s.points()) {
                    minX = Math.min(minX, p.x());
                    maxX = Math.max(maxX, p.x());
                }
            }
            panels.add(spec);
            String parts = String.join(", ", present.stream().filter(p -> !p.isEmpty()).toList());
            titles.add(parts.isEmpty() ? spec.heading() : spec.heading() + ": " + parts);
            panelSeries.add(series);
        }
        AxisScale x = panels.isEmpty() ? AxisScale.logarithmic(1, 10, AxisScale::compact)
                : AxisScale.logarithmic(minX, maxX, AxisScale::compact);

        PaperRow first = rows.get(0);
        List<Legend.Entry> legend = new ArrayList<>();
        for (RowLine line : lines) {
            long solved = line.line().trials().stream().filter(TrialResult::success).count();
            legend.add(Legend.Entry.line(JudgedLines.marked(line.row(), line.row().id()) + ": " + solved + "/" + line.line().trials().size()
                    + " solved", Palette.row(line.index()), false, true));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Each line: median over the row's lstm1997 trials still training (the line TABLES.md judges; a "
                + "reading where the row adopts one, marked " + JudgedLines.MARK + "), one point per block of sequences of the training curve; shade: min–max over "
                + "those trials for the solid series; faint where fewer than half of the trials still train. Trials "
                + "that solved the task stop early, so late points show the trials that did not.");
        notes.addAll(JudgedLines.note(lines.stream().map(RowLine::row).toList()));
        List<String> noteLines = notes.stream().flatMap(n -> Svg.wrap(n, 118).stream()).toList();

        int legendTop = 76;
        int top = legendTop + Legend.height(legend.size(), 2) + 12;
        int panelHeight = 26 + PLOT_HEIGHT + 30;
        int height = top + panels.size() * panelHeight + 30 + noteLines.size() * 16 + 8;
        Svg svg = new Svg(SvgChart.WIDTH, height);
        svg.text(18, 28, 17, "start", "bold", "#000000", "Inside lstm1997: " + first.title());
        svg.text(18, 50, 12.5, "start", "normal", "#444444", "Family " + first.family() + ", paper Table "
                + first.paperTable() + ". The paper's LSTM, one colour per row; all panels share the x axis.");
        Legend.draw(svg, LEFT, RIGHT, legendTop, legend, 2);
        int panelTop = top;
        for (int i = 0; i < panels.size(); i++) {
            PanelSpec spec = panels.get(i);
            List<SvgChart.Series> series = panelSeries.get(i);
            svg.text(18, panelTop + 16, 13, "start", "bold", "#000000", titles.get(i));
            int plotTop = panelTop + 26;
            List<SvgChart.Point> points = series.stream().flatMap(s -> s.points().stream()).toList();
            AxisScale y = spec.unitRange() ? AxisScale.linear(0, 1, AxisScale::plain) : Plot.yAxis(points);
            Plot plot = new Plot(LEFT, plotTop, RIGHT, plotTop + PLOT_HEIGHT, x, y);
            boolean last = i == panels.size() - 1;
            plot.axes(svg, last ? "training sequences seen (log scale)" : null, spec.yLabel()
                    + (y.log() ? " (log scale)" : ""), 20, 42);
            for (SvgChart.Series s : series) {
                if (!s.dashed()) {
                    plot.band(svg, s);
                }
            }
            for (SvgChart.Series s : series) {
                plot.line(svg, s);
            }
            panelTop += panelHeight;
        }
        svg.notes(18, panelTop + 30, noteLines);
        return svg.finish();
    }
}
