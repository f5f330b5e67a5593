package org.longlag.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training error of one family, one panel per row that has results (small multiples): for
 * each of the four models the median training MSE over its trials against sequences seen, the
 * min–max over trials shaded, and under the plot a mark where each solved trial stopped.
 *
 * <p>One file per family rather than per row: a family's rows share task and models and differ in
 * one parameter (lag, learning rate, noise), so panels with shared axes show what that parameter
 * does, and the per-row view already exists as {@code compare}'s figure. Rows without results get no
 * panel (the notes name them). Readings of the paper ({@code lstm1997.per-step} and the like) are
 * not drawn: each panel header names them, and {@code TABLES.md} has their lines.
 */
final class FamilyCurvesFigure {
    private static final int LEFT = 78;
    private static final int RIGHT = SvgChart.WIDTH - 22;
    private static final int PLOT_HEIGHT = 190;
    private static final int LANE = 12;

    private FamilyCurvesFigure() {
    }

    /** The file name of {@code family}'s figure inside the figures directory. */
    static String fileName(String family) {
        return "curves-" + family + ".svg";
    }

    /** What one panel shows. */
    private record Panel(PaperRow row, List<SvgChart.Series> series, List<Stops> stops, String header,
            List<String> readings, List<TrialResult> drawn) {
    }

    /** Where the solved trials of one model stopped. */
    private record Stops(String model, List<TrialResult> trials) {
    }

    /** Whether any row of the family has a trial of one of the four models. */
    static boolean hasResults(List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        return rows.stream().anyMatch(r -> byRow.getOrDefault(r.id(), List.of()).stream()
                .anyMatch(t -> Palette.MODELS.contains(t.model())));
    }

    /** The SVG of the family whose rows, in catalog order, are {@code rows}. */
    static String svg(List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        PaperRow first = rows.get(0);
        List<Panel> panels = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (PaperRow row : rows) {
            List<TrialResult> trials = byRow.getOrDefault(row.id(), List.of());
            if (trials.stream().noneMatch(t -> Palette.MODELS.contains(t.model()))) {
                without.add(row.id());
                continue;
            }
            panels.add(panel(row, trials));
        }
        List<SvgChart.Point> points = panels.stream().flatMap(p -> p.series().stream())
                .flatMap(s -> s.points().stream()).toList();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = 0;
        for (Panel panel : panels) {
            for (SvgChart.Series s : panel.series()) {
                for (SvgChart.Point p : s.points()) {
                    minX = Math.min(minX, p.x());
                    maxX = Math.max(maxX, p.x());
                }
            }
            // Every trial's end, so stop marks, and curves that end before their first point, fit.
            for (TrialResult t : panel.drawn()) {
                minX = Math.min(minX, Math.max(1, t.sequencesSeen()));
                maxX = Math.max(maxX, Math.max(1, t.sequencesSeen()));
            }
        }
        AxisScale x = AxisScale.logarithmic(minX, maxX, AxisScale::compact);
        AxisScale y = Plot.yAxis(points);
        String yLabel = "training MSE" + (y != null && y.log() ? " (log scale)" : "");

        List<String> notes = new ArrayList<>();
        notes.add("Line: median over a model's trials still training at that point of the mean training MSE per "
                + "output over each block of sequences, drawn where the block ends; shade: min–max over those "
                + "trials. A trial's curve ends where it stopped, and a line turns faint where fewer than half of "
                + "the model's trials still train.");
        notes.add("Triangles under a plot: where each solved trial of that model stopped. Each model's line is the "
                + "one TABLES.md judges (of several, the one with the most trials); readings of the paper such as "
                + "lstm1997.per-step are not drawn.");
        if (!without.isEmpty()) {
            notes.add("No results yet: " + String.join(", ", without) + ".");
        }
        List<String> noteLines = notes.stream().flatMap(n -> Svg.wrap(n, 118).stream()).toList();

        List<Legend.Entry> legend = List.of(
                Legend.Entry.line("lstm: DL4J's LSTM", Palette.model("lstm"), false, true),
                Legend.Entry.line("rnn: DL4J's SimpleRnn", Palette.model("rnn"), true, true),
                Legend.Entry.line("lstm1997: the paper's LSTM", Palette.model("lstm1997"), false, true),
                Legend.Entry.line("rnn1997: its RNN baseline", Palette.model("rnn1997"), true, true),
                Legend.Entry.marker("a solved trial stopped", "#555555", Svg.Marker.TRIANGLE_DOWN, true),
                Legend.Entry.line("shade: min–max of trials", "#777777", false, true));
        int legendTop = 92;
        int top = legendTop + Legend.height(legend.size(), 3) + 14;
        int height = top;
        for (Panel panel : panels) {
            height += panelHeight(panel);
        }
        height += 6 + noteLines.size() * 16 + 6;

        Svg svg = new Svg(SvgChart.WIDTH, height);
        svg.text(18, 28, 17, "start", "bold", "#000000", first.title() + ": training error");
        svg.text(18, 50, 12.5, "start", "normal", "#444444", "Family " + first.family() + ", paper Table "
                + first.paperTable() + ". lstm and rnn: DL4J's built-in layers, minibatches, Adam;");
        svg.text(18, 67, 12.5, "start", "normal", "#444444",
                "lstm1997 and rnn1997: the paper's networks, on-line SGD. Axes shared by all panels.");
        Legend.draw(svg, LEFT, RIGHT, legendTop, legend, 3);
        int panelTop = top;
        for (Panel panel : panels) {
            drawPanel(svg, panel, panelTop, x, y, yLabel);
            panelTop += panelHeight(panel);
        }
        svg.notes(18, panelTop + 6, noteLines);
        return svg.finish();
    }

    private static Panel panel(PaperRow row, List<TrialResult> trials) {
        List<SvgChart.Series> series = new ArrayList<>();
        List<TrialResult> drawn = new ArrayList<>();
        List<Stops> stops = new ArrayList<>();
        List<String> status = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (String model : Palette.MODELS) {
            ModelLine line = ModelLine.of(model, trials, row.currentConfigs());
            if (!line.run()) {
                notRun.add(model);
                continue;
            }
            drawn.addAll(line.trials());
            LearningCurve curve = LearningCurve.of(line.trials());
            series.add(new SvgChart.Series(model, Palette.model(model), Palette.dashed(model), curve.points().stream()
                    .map(p -> new SvgChart.Point(p.sequences(), p.median(), p.min(), p.max(),
                            2 * p.training() < curve.trials())).toList()));
            List<TrialResult> solved = line.trials().stream().filter(TrialResult::success).toList();
            if (!solved.isEmpty()) {
                stops.add(new Stops(model, solved));
            }
            long solvedCount = solved.size();
            status.add(String.format(Locale.ROOT, "%s %d/%d", model, solvedCount, line.trials().size()));
        }
        String header = (status.isEmpty() ? "" : "solved: " + String.join(" · ", status))
                + (notRun.isEmpty() ? "" : (status.isEmpty() ? "" : " · ") + "not run: " + String.join(", ", notRun));
        List<String> readings = trials.stream().map(TrialResult::model).filter(m -> !Palette.MODELS.contains(m))
                .distinct().sorted().toList();
        return new Panel(row, series, stops, header, readings, drawn);
    }

    private static int panelHeight(Panel panel) {
        int header = panel.readings().isEmpty() ? 22 : 38;
        return header + PLOT_HEIGHT + strip(panel) + 20 + 20 + 20;
    }

    /** Height of the strip of stop marks under the plot. */
    private static int strip(Panel panel) {
        return panel.stops().isEmpty() ? 0 : 6 + panel.stops().size() * LANE;
    }

    private static void drawPanel(Svg svg, Panel panel, int panelTop, AxisScale x, AxisScale y, String yLabel) {
        svg.runs(18, panelTop + 14, 12.5, "#000000", List.of(new Svg.Run(panel.row().id(), true),
                new Svg.Run("   " + panel.header(), false)));
        int plotTop = panelTop + 22;
        if (!panel.readings().isEmpty()) {
            svg.text(18, panelTop + 31, 11.5, "start", "normal", "#555555",
                    "not drawn: " + String.join(", ", panel.readings()));
            plotTop += 16;
        }
        int bottom = plotTop + PLOT_HEIGHT;
        int strip = strip(panel);
        boolean anyPoint = panel.series().stream().anyMatch(s -> !s.points().isEmpty());
        Plot plot = new Plot(LEFT, plotTop, RIGHT, bottom, x, anyPoint ? y : null);
        plot.axes(svg, "training sequences seen (log scale)", anyPoint ? yLabel : null, strip + 20, strip + 40);
        if (anyPoint) {
            for (SvgChart.Series s : panel.series()) {
                plot.band(svg, s);
            }
            for (SvgChart.Series s : panel.series()) {
                plot.line(svg, s);
            }
        } else {
            svg.text((LEFT + RIGHT) / 2.0, (plotTop + bottom) / 2.0, 13, "middle", "normal", "#666666",
                    "no curve point: every trial stopped before its first block of sequences ended");
        }
        for (int i = 0; i < panel.stops().size(); i++) {
            Stops stops = panel.stops().get(i);
            double laneY = bottom + 6 + LANE * i + LANE / 2.0;
            String color = Palette.model(stops.model());
            svg.text(LEFT - 6, laneY + 4, 11, "end", "normal", color, stops.model());
            for (TrialResult t : stops.trials()) {
                svg.marker(Svg.Marker.TRIANGLE_DOWN, plot.px(Math.max(1, t.sequencesSeen())), laneY, 8, color, true,
                        String.format(Locale.ROOT, "%s %s trial %d: solved, stopped after %s sequences",
                                panel.row().id(), stops.model(), t.trial(), Numbers.format(t.sequencesSeen())));
            }
        }
    }
}
