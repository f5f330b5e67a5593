package org.longlag.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sequences to success of one paper table, ours against the paper's: one band per row, one lane
 * per model, one mark per trial. A solved trial is a filled dot at the sequences it took; a trial
 * that did not solve the task is an open triangle at its budget (it would have needed more, by an
 * unknown amount); a bar marks our mean over solved trials, a black diamond the paper's mean.
 *
 * <p>Drawn for {@code lstm1997} on every row (the line {@code TABLES.md} judges: a reading where the
 * row's file adopts one, marked as {@link JudgedLines} says), and for {@code rnn1997} on every row of a table where
 * it was run or the paper reports RTRL/BPTT figures (grey diamonds on its lane; open where the
 * paper gives only "more than", i.e. a failure). The DL4J models have no paper counterpart and
 * count minibatch sequences, so they are not drawn here. Rows are horizontal so their ids read
 * without rotation.
 */
final class SequencesFigure {
    private static final int LEFT = 96;
    private static final int RIGHT = SvgChart.WIDTH - 176;
    private static final int HEADER = 19;
    private static final int LANE = 22;
    private static final int GAP = 6;
    /** Half the height over which a lane's trials are spread. */
    private static final double SPREAD = 6;

    private SequencesFigure() {
    }

    /** The file name of table {@code table}'s figure inside the figures directory. */
    static String fileName(int table) {
        return "sequences-table" + table + ".svg";
    }

    /** Whether any row of the table has a trial of its judged line or of {@code rnn1997}. */
    static boolean hasResults(List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        return rows.stream().anyMatch(r -> JudgedLines.hasTrials(r, byRow) || byRow.getOrDefault(r.id(), List.of())
                .stream().anyMatch(t -> Verdicts.RNN.equals(t.model())));
    }

    /** A figure of the paper: a number, and whether the paper gives it only as a lower bound (">5,000,000"). */
    record PaperValue(double value, boolean atLeast) {
        /** {@code value} read as a paper figure; null when it is neither a number nor "&gt;number". */
        static PaperValue of(Object value) {
            if (value instanceof Number n) {
                return new PaperValue(n.doubleValue(), false);
            }
            if (value instanceof String s && s.strip().startsWith(">")) {
                String digits = s.strip().substring(1).replace(",", "").strip();
                try {
                    return new PaperValue(Double.parseDouble(digits), true);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
    }

    /**
     * One lane: one model of one row, named by its role ({@code lstm1997} or {@code rnn1997}), whose
     * line may be a reading's; {@code label} is what the lane is called on the page.
     */
    private record Lane(String model, String label, ModelLine line, List<Map<String, Object>> paper) {
    }

    /** The SVG of the paper table whose rows, in catalog order, are {@code rows}. */
    static String svg(int table, List<PaperRow> rows, Map<String, List<TrialResult>> byRow) {
        boolean rnnLanes = rows.stream().anyMatch(r -> byRow.getOrDefault(r.id(), List.of()).stream()
                .anyMatch(t -> Verdicts.RNN.equals(t.model())) || !baselineEntries(r).isEmpty());
        boolean rnnRun = rows.stream().anyMatch(r -> byRow.getOrDefault(r.id(), List.of()).stream()
                .anyMatch(t -> Verdicts.RNN.equals(t.model())));
        List<List<Lane>> groups = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        boolean paperBaseline = false;
        boolean paperBound = false;
        for (PaperRow row : rows) {
            List<TrialResult> trials = byRow.getOrDefault(row.id(), List.of());
            List<Lane> lanes = new ArrayList<>();
            Map<String, Object> lstm = paperLstm(row);
            lanes.add(new Lane(Verdicts.LSTM, JudgedLines.marked(row, Verdicts.LSTM), JudgedLines.of(row, trials),
                    lstm == null ? List.of() : List.of(lstm)));
            if (rnnLanes) {
                lanes.add(new Lane(Verdicts.RNN, Verdicts.RNN, ModelLine.of(Verdicts.RNN, trials, row.currentConfigs()),
                        baselineEntries(row)));
            }
            for (Lane lane : lanes) {
                for (TrialResult t : lane.line().trials()) {
                    values.add(trialValue(t));
                }
                for (Map<String, Object> entry : lane.paper()) {
                    PaperValue v = paperValue(entry);
                    if (v != null) {
                        values.add(v.value());
                        paperBaseline |= lane.model().equals(Verdicts.RNN);
                        paperBound |= v.atLeast();
                    }
                }
            }
            groups.add(lanes);
        }
        AxisScale x = AxisScale.logarithmic(values.stream().mapToDouble(Double::doubleValue).min().orElse(1000),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(10_000), AxisScale::compact);

        List<Legend.Entry> legend = new ArrayList<>();
        legend.add(Legend.Entry.marker("lstm1997 trial, solved after this many", Palette.model(Verdicts.LSTM),
                Svg.Marker.CIRCLE, true));
        if (rnnRun) {
            legend.add(Legend.Entry.marker("rnn1997 trial, solved after this many", Palette.model(Verdicts.RNN),
                    Svg.Marker.CIRCLE, true));
        }
        legend.add(Legend.Entry.marker("trial not solved: drawn at its budget", "#555555",
                Svg.Marker.TRIANGLE_RIGHT, false));
        legend.add(Legend.Entry.bar("our mean over the solved trials", "#333333"));
        legend.add(Legend.Entry.marker("the paper's LSTM mean", Palette.PAPER, Svg.Marker.DIAMOND, true));
        if (paperBaseline) {
            legend.add(Legend.Entry.marker("the paper's RTRL/BPTT mean", Palette.PAPER_BASELINE, Svg.Marker.DIAMOND,
                    true));
        }
        if (paperBound) {
            legend.add(Legend.Entry.marker("paper: failed within this many", Palette.PAPER_BASELINE,
                    Svg.Marker.DIAMOND, false));
        }

        List<String> notes = new ArrayList<>();
        notes.add("One mark per trial of our line that TABLES.md judges (of several lines of a model, the one with "
                + "the most trials; on the lstm1997 lane a reading where the row adopts one, marked "
                + JudgedLines.MARK + "): a solved trial at the training sequences it took to meet the row's stopping "
                + "rule, a trial that did not solve the task at its budget (it needed more). Trials are spread "
                + "up and down their lane only to keep them apart.");
        notes.add("The paper: its mean sequences to success for the row" + (table == 4 || table == 5
                ? " (Tables 4 and 5: its ST2 column, where our stopping rule stops)" : "") + (paperBaseline
                ? "; on the rnn1997 lane its RTRL and BPTT figures for the row" : "") + ".");
        notes.addAll(JudgedLines.note(rows));
        List<String> noteLines = notes.stream().flatMap(n -> Svg.wrap(n, 118).stream()).toList();

        int legendTop = 92;
        int plotTop = legendTop + Legend.height(legend.size(), 2) + 26;
        int bodyHeight = 0;
        for (List<Lane> lanes : groups) {
            bodyHeight += HEADER + lanes.size() * LANE + GAP;
        }
        int bottom = plotTop + bodyHeight;
        int height = bottom + 50 + noteLines.size() * 16 + 8;

        Svg svg = new Svg(SvgChart.WIDTH, height);
        List<String> titles = rows.stream().map(PaperRow::title).distinct().toList();
        svg.text(18, 28, 17, "start", "bold", "#000000", "Table " + table + ": sequences to success, ours and the "
                + "paper's");
        List<String> subtitle = Svg.wrap(String.join("; ", titles) + " (" + String.join(", ",
                rows.stream().map(PaperRow::family).distinct().toList()) + "). lstm1997: the paper's LSTM"
                + (rnnLanes ? "; rnn1997: its gradient baseline" : "") + "; both on-line.", 112);
        for (int i = 0; i < Math.min(2, subtitle.size()); i++) {
            svg.text(18, 50 + 17 * i, 12.5, "start", "normal", "#444444", subtitle.get(i));
        }
        Legend.draw(svg, LEFT, SvgChart.WIDTH - 22, legendTop, legend, 2);

        Plot plot = new Plot(LEFT, plotTop, RIGHT, bottom, x, null, 14);
        shadeBands(svg, plotTop, groups.stream().map(lanes -> HEADER + lanes.size() * LANE + GAP).toList());
        plot.axes(svg, "training sequences until the stopping rule was met (log scale)", null, 20, 42);
        plot.topTickLabels(svg);
        int groupTop = plotTop;
        for (int g = 0; g < groups.size(); g++) {
            PaperRow row = rows.get(g);
            List<Lane> lanes = groups.get(g);
            svg.text(18, groupTop + 14, 12.5, "start", "bold", "#000000", row.id());
            Map<String, Object> lstm = paperLstm(row);
            PaperValue paper = lstm == null ? null : paperValue(lstm);
            svg.text(RIGHT + 10, groupTop + 14, 12, "start", "normal", "#000000", paper == null
                    ? "paper: no LSTM mean" : "paper " + Numbers.count(paper.value()));
            for (int l = 0; l < lanes.size(); l++) {
                double laneY = groupTop + HEADER + LANE * l + LANE / 2.0;
                drawLane(svg, plot, row, lanes.get(l), laneY, paper);
            }
            groupTop += HEADER + lanes.size() * LANE + GAP;
        }
        svg.notes(18, bottom + 68, noteLines);
        return svg.finish();
    }

    /**
     * Shades every other band of lanes across the page, starting at {@code top}, so the lanes of a
     * band read as one group; {@code heights} are the bands' heights, top to bottom.
     */
    static void shadeBands(Svg svg, int top, List<Integer> heights) {
        int bandTop = top;
        for (int g = 0; g < heights.size(); g++) {
            if (g % 2 == 1) {
                svg.rect(6, bandTop, SvgChart.WIDTH - 12, heights.get(g), "#f3f3f3", 1, null);
            }
            bandTop += heights.get(g);
        }
    }

    /** The paper's mean as a black diamond: filled, or open where the paper gives only a lower bound. */
    static void paperMark(Svg svg, double x, double y, double size, String color, PaperValue value, String title) {
        svg.marker(Svg.Marker.DIAMOND, x, y, size, color, !value.atLeast(), title);
    }

    /** A trial, or a line, that solved nothing: an open triangle at the budget it ran out of. */
    static void budgetMark(Svg svg, double x, double y, double size, String color, String title) {
        svg.marker(Svg.Marker.TRIANGLE_RIGHT, x, y, size, color, false, title);
    }

    private static void drawLane(Svg svg, Plot plot, PaperRow row, Lane lane, double laneY, PaperValue paperLstm) {
        String color = Palette.model(lane.model());
        svg.text(LEFT - 8, laneY + 4, 12, "end", "normal", color, lane.label());
        for (Map<String, Object> entry : lane.paper()) {
            PaperValue v = paperValue(entry);
            if (v == null) {
                continue;
            }
            boolean lstm = lane.model().equals(Verdicts.LSTM);
            paperMark(svg, plot.px(v.value()), laneY, 11, lstm ? Palette.PAPER : Palette.PAPER_BASELINE, v,
                    "paper, " + row.id() + ", " + entry.get("method") + ": " + (v.atLeast() ? "more than " : "mean ")
                            + Numbers.count(v.value()) + " sequences" + share(entry));
        }
        List<TrialResult> trials = lane.line().trials();
        int n = trials.size();
        for (int i = 0; i < n; i++) {
            TrialResult t = trials.get(i);
            double y = laneY + (n == 1 ? 0 : -SPREAD + 2 * SPREAD * i / (n - 1));
            double value = trialValue(t);
            String title = String.format(Locale.ROOT, "%s %s trial %d: %s", row.id(), t.model(), t.trial(),
                    t.success() ? "solved after " + Numbers.format((long) value) + " sequences"
                            : "not solved within its budget of " + Numbers.format(t.budget()) + " sequences");
            if (t.success()) {
                svg.marker(Svg.Marker.CIRCLE, plot.px(value), y, 7, color, true, title);
            } else {
                budgetMark(svg, plot.px(value), y, 9, color, title);
            }
        }
        // Failed trials share their budget, so their triangles stack; the count says how many.
        Map<Long, Long> failedAt = new TreeMap<>();
        trials.stream().filter(t -> !t.success()).forEach(t -> failedAt.merge(t.budget(), 1L, Long::sum));
        failedAt.forEach((budget, count) -> {
            if (count > 1) {
                // Right of the triangles, or left of them where the status text follows the plot.
                double px = plot.px(Math.max(1, budget));
                boolean left = px > RIGHT - 40;
                svg.text(left ? px - 8 : px + 8, laneY + 4, 11.5, left ? "end" : "start", "bold", color, "×" + count);
            }
        });
        List<TrialResult> solved = trials.stream().filter(TrialResult::success).toList();
        String status;
        if (n == 0) {
            status = "not run";
        } else {
            status = solved.size() + "/" + n + " solved";
            if (!solved.isEmpty()) {
                double mean = solved.stream().mapToDouble(SequencesFigure::trialValue).average().orElseThrow();
                svg.line(plot.px(mean), laneY - 9, plot.px(mean), laneY + 9, Palette.dark(lane.model()), 3, 1, false);
                if (paperLstm != null && lane.model().equals(Verdicts.LSTM)) {
                    status += ", " + Verdicts.ratio(mean / paperLstm.value()).replace("x", "×") + " paper";
                }
            }
        }
        svg.text(RIGHT + 10, laneY + 4, 12, "start", "normal", n == 0 ? "#777777" : color, status);
    }

    /** Where a trial is drawn: its sequences to success, or its budget when it did not solve the task. */
    private static double trialValue(TrialResult t) {
        if (!t.success()) {
            return Math.max(1, t.budget());
        }
        return Math.max(1, t.sequencesToSuccess() != null ? t.sequencesToSuccess() : t.sequencesSeen());
    }

    private static Map<String, Object> paperLstm(PaperRow row) {
        return row.paper().stream().filter(e -> "LSTM".equals(e.get("method"))).findFirst().orElse(null);
    }

    /** The paper's sequences figure of an entry (Tables 4 and 5: ST2). */
    private static PaperValue paperValue(Map<String, Object> entry) {
        PaperValue v = PaperValue.of(entry.get("sequencesToSuccess"));
        return v != null ? v : PaperValue.of(entry.get("st2"));
    }

    /** The row's own RTRL/BPTT entries with a sequences figure. */
    private static List<Map<String, Object>> baselineEntries(PaperRow row) {
        return row.paper().stream().filter(e -> {
            String method = String.valueOf(e.get("method"));
            return (method.startsWith("RTRL") || method.startsWith("BPTT")) && paperValue(e) != null;
        }).toList();
    }

    private static String share(Map<String, Object> entry) {
        Object share = entry.containsKey("successPercent") ? Numbers.format(entry.get("successPercent")) + "%"
                : entry.get("success");
        Object rate = entry.get("learningRate");
        return (share == null ? "" : ", " + share + " solved") + (rate == null ? "" : ", α " + Numbers.format(rate));
    }
}
