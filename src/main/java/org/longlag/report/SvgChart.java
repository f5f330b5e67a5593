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
    private static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

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
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"%s\">\n", WIDTH, height, WIDTH, height, FONT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, height));
        text(svg, LEFT, 28, 17, "start", "bold", "#000000", title);
        text(svg, LEFT, 50, 12.5, "start", "normal", "#444444", subtitle);
        if (all.isEmpty()) {
            frame(svg);
            text(svg, (LEFT + RIGHT) / 2.0, (TOP + BOTTOM) / 2.0, 14, "middle", "normal", "#666666",
                    "no curve point recorded for these models");
            text(svg, (LEFT + RIGHT) / 2.0, BOTTOM + 42, 12.5, "middle", "normal", "#000000", xLabel);
        } else {
            double minY = all.stream().mapToDouble(Point::low).filter(v -> v > 0).min().orElse(1e-6);
            double maxY = all.stream().mapToDouble(Point::high).max().orElse(1);
            boolean logY = maxY > 0 && maxY / minY >= 10;
            AxisScale x = AxisScale.logarithmic(all.stream().mapToDouble(Point::x).min().orElseThrow(),
                    all.stream().mapToDouble(Point::x).max().orElseThrow(), AxisScale::compact);
            AxisScale y = logY ? AxisScale.logarithmic(minY, maxY, AxisScale::plain)
                    : AxisScale.linear(all.stream().mapToDouble(Point::low).min().orElseThrow(), maxY, AxisScale::plain);
            axes(svg, x, y, logY);
            for (Series s : series) {
                band(svg, s, x, y);
            }
            for (Series s : series) {
                line(svg, s, x, y);
            }
        }
        legend(svg, series);
        int noteY = LEGEND_TOP + (series.size() + 1) / 2 * LEGEND_ROW + 14;
        for (String note : notes) {
            text(svg, LEFT - 60, noteY, 11.5, "start", "normal", "#444444", note);
            noteY += 16;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void frame(StringBuilder svg) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888888\"/>\n", LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP));
    }

    private void axes(StringBuilder svg, AxisScale x, AxisScale y, boolean logY) {
        svg.append("<g stroke-width=\"1\">\n");
        for (AxisScale.Tick tick : x.ticks()) {
            double px = px(x, tick.value());
            if (tick.major() || !tick.text().isEmpty()) {
                line(svg, px, TOP, px, BOTTOM, tick.major() ? "#dddddd" : "#eeeeee");
            }
            line(svg, px, BOTTOM, px, BOTTOM + (tick.major() ? 6 : 3), "#888888");
        }
        for (AxisScale.Tick tick : y.ticks()) {
            double py = py(y, tick.value());
            if (tick.major() || !tick.text().isEmpty()) {
                line(svg, LEFT, py, RIGHT, py, tick.major() ? "#dddddd" : "#eeeeee");
            }
            line(svg, LEFT - (tick.major() ? 6 : 3), py, LEFT, py, "#888888");
        }
        svg.append("</g>\n");
        frame(svg);
        for (AxisScale.Tick tick : x.ticks()) {
            if (!tick.text().isEmpty()) {
                text(svg, px(x, tick.value()), BOTTOM + 20, 12, "middle", "normal", "#333333", tick.text());
            }
        }
        for (AxisScale.Tick tick : y.ticks()) {
            if (!tick.text().isEmpty()) {
                text(svg, LEFT - 9, py(y, tick.value()) + 4, 12, "end", "normal", "#333333", tick.text());
            }
        }
        text(svg, (LEFT + RIGHT) / 2.0, BOTTOM + 42, 12.5, "middle", "normal", "#000000", xLabel);
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"0\" transform=\"translate(18 %.1f) rotate(-90)\" "
                + "font-size=\"12.5\" text-anchor=\"middle\" fill=\"#000000\">%s</text>\n", (TOP + BOTTOM) / 2.0,
                escape(yLabel + (logY ? " (log scale)" : ""))));
    }

    private static void band(StringBuilder svg, Series s, AxisScale x, AxisScale y) {
        List<Point> points = s.points();
        if (points.size() == 1) {
            Point p = points.get(0);
            line(svg, px(x, p.x()), py(y, p.low()), px(x, p.x()), py(y, p.high()), s.color(), 6, 0.25, false);
            return;
        }
        if (points.isEmpty()) {
            return;
        }
        StringBuilder path = new StringBuilder();
        for (Point p : points) {
            path.append(path.length() == 0 ? "M" : " L").append(xy(px(x, p.x()), py(y, p.high())));
        }
        for (int i = points.size() - 1; i >= 0; i--) {
            Point p = points.get(i);
            path.append(" L").append(xy(px(x, p.x()), py(y, p.low())));
        }
        svg.append(String.format(Locale.ROOT, "<path d=\"%s Z\" fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\"/>\n",
                path, s.color()));
    }

    /** The median line, in runs of the same style: a segment is faint when either end is. */
    private static void line(StringBuilder svg, Series s, AxisScale x, AxisScale y) {
        List<Point> points = s.points();
        int i = 0;
        while (i < points.size() - 1) {
            boolean faint = points.get(i).faint() || points.get(i + 1).faint();
            StringBuilder path = new StringBuilder("M").append(xy(px(x, points.get(i).x()), py(y, points.get(i).y())));
            int j = i + 1;
            while (j < points.size()) {
                path.append(" L").append(xy(px(x, points.get(j).x()), py(y, points.get(j).y())));
                if (j + 1 < points.size() && (points.get(j).faint() || points.get(j + 1).faint()) == faint) {
                    j++;
                } else {
                    break;
                }
            }
            svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" "
                    + "stroke-opacity=\"%s\" stroke-linejoin=\"round\"%s/>\n", path, s.color(), faint ? "1.5" : "2.2",
                    faint ? "0.45" : "1", s.dashed() ? " stroke-dasharray=\"7 4\"" : ""));
            i = j;
        }
        if (points.size() <= 12) {
            for (Point p : points) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"%s/>\n",
                        px(x, p.x()), py(y, p.y()), s.color(), p.faint() ? " fill-opacity=\"0.45\"" : ""));
            }
        }
    }

    /** Two columns below the plot, filled column by column, so a pair of models stays in one column. */
    private static void legend(StringBuilder svg, List<Series> series) {
        int rows = (series.size() + 1) / 2;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double left = LEFT + (i / rows) * ((RIGHT - LEFT) / 2.0);
            double top = LEGEND_TOP + (i % rows) * LEGEND_ROW;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"28\" height=\"12\" fill=\"%s\" "
                    + "fill-opacity=\"0.18\"/>\n", left, top - 10, s.color()));
            line(svg, left, top - 4, left + 28, top - 4, s.color(), 2.2, 1, s.dashed());
            text(svg, left + 36, top, 12.5, "start", "normal", s.points().isEmpty() ? "#777777" : "#000000",
                    s.legend());
        }
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String color) {
        line(svg, x1, y1, x2, y2, color, 1, 1, false);
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String color,
            double width, double opacity, boolean dashed) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s%s%s/>\n",
                x1, y1, x2, y2, color, width == 1 ? "" : String.format(Locale.ROOT, " stroke-width=\"%s\"", width),
                opacity == 1 ? "" : String.format(Locale.ROOT, " stroke-opacity=\"%s\"", opacity),
                dashed ? " stroke-dasharray=\"7 4\"" : ""));
    }

    private static void text(StringBuilder svg, double x, double y, double size, String anchor, String weight,
            String color, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%s\" text-anchor=\"%s\"%s "
                + "fill=\"%s\">%s</text>\n", x, y, size, anchor, "bold".equals(weight) ? " font-weight=\"bold\"" : "",
                color, escape(text)));
    }

    private static double px(AxisScale x, double value) {
        return LEFT + x.fraction(value) * (RIGHT - LEFT);
    }

    private static double py(AxisScale y, double value) {
        return BOTTOM - y.fraction(value) * (BOTTOM - TOP);
    }

    private static String xy(double x, double y) {
        return String.format(Locale.ROOT, "%.1f %.1f", x, y);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
