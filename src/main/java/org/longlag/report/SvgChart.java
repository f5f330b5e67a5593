package org.longlag.report;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG writer for line charts with a shaded band around each line: axes with ticks and
 * labels, a title, and the legend and notes below the plot so they never cover data.
 *
 * <p>Written by hand rather than through a charting library because the figures are committed
 * beside the results and must be byte-for-byte the same for the same inputs (no generated ids,
 * timestamps or platform fonts in the output), and because a band between two curves (the spread
 * over trials) is not a series type the usual Java chart libraries offer. 800 px wide, the width
 * of a rendered README, with text no smaller than 11 px.
 */
final class SvgChart {
    static final int WIDTH = 800;
    private static final int LEFT = 78;
    private static final int RIGHT = WIDTH - 22;
    private static final int TOP = 70;
    private static final int BOTTOM = 390;
    private static final int LEGEND_TOP = BOTTOM + 66;
    private static final int LEGEND_ROW = 20;

    /**
     * One line with its band.
     *
     * @param legend the legend text
     * @param color stroke and fill colour, e.g. {@code #1f77b4}
     * @param dashed whether the line is dashed
     * @param points the points, by increasing x
     */
    record Series(String legend, String color, boolean dashed, List<Point> points) {
        Series {
            points = List.copyOf(points);
        }
    }

    /**
     * A point of a series.
     *
     * @param x position on the x axis
     * @param y the line's value
     * @param low the band's lower edge
     * @param high the band's upper edge
     * @param faint whether the line is drawn faint here (less certain)
     */
    record Point(double x, double y, double low, double high, boolean faint) {
    }

    private final String title;
    private final String subtitle;
    private final String xLabel;
    private final String yLabel;
    private final List<String> notes;

    /**
     * A chart with these texts.
     *
     * @param title the title line
     * @param subtitle a smaller line under it
     * @param xLabel the x axis label; the axis is logarithmic
     * @param yLabel the y axis label; "(log scale)" is added when the data make the axis logarithmic
     * @param notes lines under the legend
     */
    SvgChart(String title, String subtitle, String xLabel, String yLabel, List<String> notes) {
        this.title = title;
        this.subtitle = subtitle;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.notes = List.copyOf(notes);
    }

    /** Total height for {@code entries} legend entries in two columns. */
    private int height(int entries) {
        int rows = (entries + 1) / 2;
        return LEGEND_TOP + rows * LEGEND_ROW + 8 + notes.size() * 16 + 10;
    }

    /**
     * The SVG document. The x axis is logarithmic; the y axis is logarithmic when the data span a
     * factor of ten or more (training errors that fall by orders of magnitude), linear otherwise.
     */
    String render(List<Series> series) {
        List<Point> all = series.stream().flatMap(s -> s.points().stream()).toList();
        int height = height(series.size());
        Svg svg = new Svg(WIDTH, height);
        svg.text(LEFT, 28, 17, "start", "bold", "#000000", title);
        svg.text(LEFT, 50, 12.5, "start", "normal", "#444444", subtitle);
        if (all.isEmpty()) {
            svg.raw(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                    + "stroke=\"#888888\"/>\n", LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP));
            svg.text((LEFT + RIGHT) / 2.0, (TOP + BOTTOM) / 2.0, 14, "middle", "normal", "#666666",
                    "no curve point recorded for these models");
            svg.text((LEFT + RIGHT) / 2.0, BOTTOM + 42, 12.5, "middle", "normal", "#000000", xLabel);
        } else {
            AxisScale x = AxisScale.logarithmic(all.stream().mapToDouble(Point::x).min().orElseThrow(),
                    all.stream().mapToDouble(Point::x).max().orElseThrow(), AxisScale::compact);
            AxisScale y = Plot.yAxis(all);
            Plot plot = new Plot(LEFT, TOP, RIGHT, BOTTOM, x, y);
            plot.axes(svg, xLabel, yLabel + (y.log() ? " (log scale)" : ""), 20, 42);
            for (Series s : series) {
                plot.band(svg, s);
            }
            for (Series s : series) {
                plot.line(svg, s);
            }
        }
        legend(svg, series);
        svg.notes(LEFT - 60, LEGEND_TOP + (series.size() + 1) / 2 * LEGEND_ROW + 14, notes);
        return svg.finish();
    }

    /** Two columns below the plot, filled column by column, so a pair of models stays in one column. */
    private static void legend(Svg svg, List<Series> series) {
        int rows = (series.size() + 1) / 2;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double left = LEFT + (i / rows) * ((RIGHT - LEFT) / 2.0);
            double top = LEGEND_TOP + (i % rows) * LEGEND_ROW;
            lineSwatch(svg, left, top, s.color(), s.dashed(), true);
            svg.text(left + 36, top, 12.5, "start", "normal", s.points().isEmpty() ? "#777777" : "#000000",
                    s.legend());
        }
    }

    /** A legend swatch for a line (and its band) whose text baseline is at {@code top}. */
    static void lineSwatch(Svg svg, double left, double top, String color, boolean dashed, boolean band) {
        if (band) {
            svg.raw(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"28\" height=\"12\" fill=\"%s\" "
                    + "fill-opacity=\"0.18\"/>\n", left, top - 10, color));
        }
        svg.line(left, top - 4, left + 28, top - 4, color, 2.2, 1, dashed);
    }

    static String escape(String text) {
        return Svg.escape(text);
    }
}
