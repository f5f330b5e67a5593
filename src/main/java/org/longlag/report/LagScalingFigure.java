package org.longlag.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How the sequences to success grow with the time lag, ours ({@code lstm1997}: the line
 * {@code TABLES.md} judges, a reading where the row's file adopts one, marked as {@link JudgedLines}
 * says) and the paper's on the same axes: the paper's claim that LSTM's training time grows slowly
 * with the lag, tested.
 *
 * <p>Panel A puts Exp. 2c's rows with p = q (minimal lag q + 1, the paper's Table 3) and the adding
 * problem (minimal lag T/2, Table 7) against the minimal lag. Exp. 2c's rows at the largest q vary
 * p, the number of distractor symbols, at one lag; panel B puts them against p. Our point is the
 * mean over solved trials with their min–max as a bar; a row none of whose trials solved the task
 * is an open marker at the budget, labelled with its count of solved trials. Rows not run yet have
 * the paper's point only.
 */
final class LagScalingFigure {
    static final String FILE = "lag-scaling.svg";
    /** The families drawn, by name: Exp. 2c and the adding problem. */
    static final String VERY_LONG_LAG = "very-long-lag";
    static final String ADDING = "adding";

    private static final int LEFT = 96;
    private static final int RIGHT = SvgChart.WIDTH - 40;
    private static final int PANEL_HEIGHT = 250;

    private LagScalingFigure() {
    }

    /** Whether either family has a trial of a row's judged line. */
    static boolean hasResults(List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        return rows.stream().filter(r -> VERY_LONG_LAG.equals(r.family()) || ADDING.equals(r.family()))
                .anyMatch(r -> JudgedLines.hasTrials(r, byRow));
    }

    /**
     * One row placed on an axis.
     *
     * @param row the row
     * @param x where it stands: minimal lag or p
     * @param paper the paper's mean sequences to success, or null
     * @param line our judged line
     */
    private record RowPoint(PaperRow row, double x, Double paper, ModelLine line) {
        List<TrialResult> solved() {
            return line.trials().stream().filter(TrialResult::success).toList();
        }

        Double mean() {
            List<TrialResult> solved = solved();
            return solved.isEmpty() ? null : solved.stream().mapToDouble(LagScalingFigure::sequences).average()
                    .orElseThrow();
        }

        double budget() {
            return line.trials().stream().mapToLong(TrialResult::budget).max().orElse(0);
        }

        String count() {
            return solved().size() + "/" + line.trials().size();
        }
    }

    /** The SVG from the rows of the catalog (other families are ignored). */
    static String svg(List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        List<RowPoint> lagRows = new ArrayList<>();
        List<RowPoint> addingRows = new ArrayList<>();
        List<RowPoint> distractorRows = new ArrayList<>();
        double largestQ = rows.stream().filter(r -> VERY_LONG_LAG.equals(r.family()))
                .mapToDouble(r -> number(r.task().get("q"), -1)).max().orElse(-1);
        for (PaperRow row : rows) {
            ModelLine line = JudgedLines.of(row, byRow.getOrDefault(row.id(), List.of()));
            Double paper = Verdicts.paperSequences(row.paper().stream().filter(e -> "LSTM".equals(e.get("method")))
                    .findFirst().orElse(Map.of()));
            if (VERY_LONG_LAG.equals(row.family())) {
                double q = number(row.task().get("q"), -1);
                double p = number(row.task().get("p"), -1);
                if (q > 0 && p == q) {
                    lagRows.add(new RowPoint(row, q + 1, paper, line));
                }
                if (q > 0 && q == largestQ && p > 0) {
                    distractorRows.add(new RowPoint(row, p, paper, line));
                }
            } else if (ADDING.equals(row.family())) {
                double lag = minimalLag(row);
                if (lag > 0) {
                    addingRows.add(new RowPoint(row, lag, paper, line));
                }
            }
        }
        Comparator<RowPoint> byX = Comparator.comparingDouble(RowPoint::x);
        lagRows.sort(byX);
        addingRows.sort(byX);
        distractorRows.sort(byX);

        List<Double> ys = new ArrayList<>();
        List<Double> lags = new ArrayList<>();
        List<Double> ps = new ArrayList<>();
        for (List<RowPoint> set : List.of(lagRows, addingRows, distractorRows)) {
            for (RowPoint r : set) {
                (set == distractorRows ? ps : lags).add(r.x());
                if (r.paper() != null) {
                    ys.add(r.paper());
                }
                r.line().trials().forEach(t -> ys.add(t.success() ? sequences(t) : (double) t.budget()));
            }
        }
        AxisScale y = AxisScale.logarithmic(min(ys, 1000), max(ys, 10_000), AxisScale::compact);

        List<String> notRun = new ArrayList<>();
        for (List<RowPoint> set : List.of(lagRows, addingRows, distractorRows)) {
            for (RowPoint r : set) {
                if (!r.line().run() && !notRun.contains(r.row().id())) {
                    notRun.add(r.row().id());
                }
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("Ours: lstm1997, the line TABLES.md judges (a reading where the row adopts one, marked "
                + JudgedLines.MARK + "); a filled point is the mean over the solved trials "
                + "(bar: their min–max), an open point a row none of whose trials solved the task, drawn at the "
                + "budget; k/n: trials solved. The paper: Table 3 (Exp. 2c; minimal lag q + 1) and Table 7 "
                + "(adding; minimal lag T/2).");
        if (!notRun.isEmpty()) {
            notes.add("Not run yet (the paper's point only): " + String.join(", ", notRun) + ".");
        }
        notes.addAll(JudgedLines.note(Stream.of(lagRows, addingRows, distractorRows).flatMap(List::stream)
                .map(RowPoint::row).distinct().toList()));
        List<String> noteLines = notes.stream().flatMap(n -> Svg.wrap(n, 118).stream()).toList();

        List<Legend.Entry> legend = List.of(
                Legend.Entry.lineMarker("Exp. 2c, ours (lstm1997)", Palette.model(Verdicts.LSTM), false,
                        Svg.Marker.CIRCLE),
                Legend.Entry.lineMarker("Exp. 2c, the paper", Palette.PAPER, true, Svg.Marker.CIRCLE),
                Legend.Entry.marker("no trial solved: at the budget", Palette.model(Verdicts.LSTM),
                        Svg.Marker.CIRCLE, false),
                Legend.Entry.lineMarker("adding problem, ours (lstm1997)", Palette.model(Verdicts.LSTM), false,
                        Svg.Marker.SQUARE),
                Legend.Entry.lineMarker("adding problem, the paper", Palette.PAPER, true, Svg.Marker.SQUARE),
                Legend.Entry.bar("min–max over solved trials", Palette.model(Verdicts.LSTM)));
        int legendTop = 76;
        int panelA = legendTop + Legend.height(legend.size(), 2) + 34;
        int panelB = panelA + PANEL_HEIGHT + 90;
        boolean drawB = !distractorRows.isEmpty();
        int end = (drawB ? panelB : panelA) + PANEL_HEIGHT + 56;
        int height = end + noteLines.size() * 16 + 8;

        Svg svg = new Svg(SvgChart.WIDTH, height);
        svg.text(18, 28, 17, "start", "bold", "#000000", "Sequences to success against the time lag: "
                + "lstm1997 and the paper");
        svg.text(18, 50, 12.5, "start", "normal", "#444444", "Very long time lags (Exp. 2c, Table 3) and the adding "
                + "problem (Exp. 4, Table 7); both axes logarithmic.");
        Legend.draw(svg, LEFT, SvgChart.WIDTH - 22, legendTop, legend, 2);

        String yLabel = "sequences to success (log scale)";
        svg.text(18, panelA - 12, 13, "start", "bold", "#000000",
                "A. Against the minimal time lag (Exp. 2c at p = q; adding)");
        AxisScale lagAxis = AxisScale.logarithmicExact(min(lags, 10), max(lags, 100), AxisScale::compact);
        Plot a = new Plot(LEFT, panelA, RIGHT, panelA + PANEL_HEIGHT, lagAxis, y, 16);
        a.axes(svg, "minimal time lag (steps, log scale)", yLabel, 20, 42);
        drawSet(svg, a, lagRows, Svg.Marker.CIRCLE);
        drawSet(svg, a, addingRows, Svg.Marker.SQUARE);
        if (drawB) {
            svg.text(18, panelB - 12, 13, "start", "bold", "#000000", String.format(Locale.ROOT,
                    "B. Exp. 2c at q = %s (minimal lag %s): against p, the number of distractor symbols",
                    Numbers.count(largestQ), Numbers.count(largestQ + 1)));
            AxisScale pAxis = AxisScale.logarithmicExact(min(ps, 10), max(ps, 100), AxisScale::compact);
            Plot b = new Plot(LEFT, panelB, RIGHT, panelB + PANEL_HEIGHT, pAxis, y, 16);
            b.axes(svg, "p: distractor symbols (log scale)", yLabel, 20, 42);
            drawSet(svg, b, distractorRows, Svg.Marker.CIRCLE);
            if (distractorRows.stream().noneMatch(r -> r.line().run())) {
                svg.text((LEFT + RIGHT) / 2.0, panelB + 24, 12.5, "middle", "normal", "#666666",
                        "lstm1997 not run on these rows yet: the paper's points only");
            }
        }
        svg.notes(18, end, noteLines);
        return svg.finish();
    }

    /** The paper's points joined by a dashed line, ours by a solid one through the solved rows. */
    private static void drawSet(Svg svg, Plot plot, List<RowPoint> set, Svg.Marker marker) {
        List<double[]> paper = new ArrayList<>();
        List<double[]> ours = new ArrayList<>();
        for (RowPoint r : set) {
            if (r.paper() != null) {
                paper.add(new double[] {plot.px(r.x()), plot.py(r.paper())});
            }
            if (r.mean() != null) {
                ours.add(new double[] {plot.px(r.x()), plot.py(r.mean())});
            }
        }
        svg.polyline(paper, Palette.PAPER, 1.6, 1, true);
        svg.polyline(ours, Palette.model(Verdicts.LSTM), 2.2, 1, false);
        String green = Palette.model(Verdicts.LSTM);
        for (RowPoint r : set) {
            double px = plot.px(r.x());
            if (r.paper() != null) {
                svg.marker(marker, px, plot.py(r.paper()), 9, Palette.PAPER, true, "paper, " + r.row().id() + ": mean "
                        + Numbers.count(r.paper()) + " sequences");
            }
            if (!r.line().run()) {
                continue;
            }
            Double mean = r.mean();
            double labelY;
            if (mean != null) {
                List<TrialResult> solved = r.solved();
                double lo = solved.stream().mapToDouble(LagScalingFigure::sequences).min().orElseThrow();
                double hi = solved.stream().mapToDouble(LagScalingFigure::sequences).max().orElseThrow();
                svg.line(px, plot.py(lo), px, plot.py(hi), green, 2, 0.8, false);
                svg.marker(marker, px, plot.py(mean), 10, green, true, String.format(Locale.ROOT,
                        "ours, %s: %s solved, mean %s sequences (%s–%s)", r.row().id(), r.count(),
                        Numbers.count(mean), Numbers.count(lo), Numbers.count(hi)));
                labelY = plot.py(mean);
            } else {
                svg.marker(marker, px, plot.py(r.budget()), 10, green, false, String.format(Locale.ROOT,
                        "ours, %s: %s solved within the budget of %s sequences", r.row().id(), r.count(),
                        Numbers.count(r.budget())));
                labelY = plot.py(r.budget());
            }
            // Labels to the right of the point, or to its left near the right edge.
            boolean left = px > plot.right() - 90;
            svg.text(left ? px - 9 : px + 9, labelY - 7, 11.5, left ? "end" : "start", "bold", green,
                    JudgedLines.marked(r.row(), r.count() + (mean == null ? ", budget" : "")));
        }
    }

    /** The adding problem's minimal lag: the paper's figure, else T/2. */
    private static double minimalLag(PaperRow row) {
        for (Map<String, Object> entry : row.paper()) {
            if (entry.get("minimalLag") instanceof Number n) {
                return n.doubleValue();
            }
        }
        return number(row.task().get("T"), -2) / 2;
    }

    private static double sequences(TrialResult t) {
        return t.sequencesToSuccess() != null ? t.sequencesToSuccess() : t.sequencesSeen();
    }

    private static double number(Object value, double otherwise) {
        return value instanceof Number n ? n.doubleValue() : otherwise;
    }

    private static double min(List<Double> values, double otherwise) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(otherwise);
    }

    private static double max(List<Double> values, double otherwise) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(otherwise);
    }
}
