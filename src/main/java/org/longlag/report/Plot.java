package org.longlag.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One plot area of a figure: its rectangle on the page and its two axes. Draws the grid, ticks and
 * axis labels, and lines with a shaded band (a median over trials and its spread), so every figure
 * of the report has the same axes and line styles. A figure with several panels has one plot per
 * panel.
 *
 * @param left left edge in pixels
 * @param top top edge
 * @param right right edge
 * @param bottom bottom edge
 * @param x the horizontal axis
 * @param y the vertical axis; {@code null} for a plot without one (nothing to draw against it)
 * @param pad pixels between the frame and the ends of both axes, so that markers at the ends of the
 *     data are not cut in half by the frame (0 for lines, which may run along it)
 */
record Plot(int left, int top, int right, int bottom, AxisScale x, AxisScale y, int pad) {

    /** A plot whose axes run to the frame. */
    Plot(int left, int top, int right, int bottom, AxisScale x, AxisScale y) {
        this(left, top, right, bottom, x, y, 0);
    }

    /** Where {@code value} falls horizontally. */
    double px(double value) {
        return left + pad + x.fraction(value) * (right - left - 2 * pad);
    }

    /** Where {@code value} falls vertically. */
    double py(double value) {
        return bottom - pad - y.fraction(value) * (bottom - top - 2 * pad);
    }

    void frame(Svg svg) {
        svg.raw(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888888\"/>\n", left, top, right - left, bottom - top));
    }

    /**
     * Grid, frame, tick labels and axis labels. {@code xLabel} goes {@code xLabelGap} pixels below the
     * plot (null: none); tick labels go {@code tickGap} below it (the default 20 leaves room for
     * nothing else; a strip drawn under the plot needs more).
     */
    void axes(Svg svg, String xLabel, String yLabel, int tickGap, int xLabelGap) {
        svg.raw("<g stroke-width=\"1\">\n");
        for (AxisScale.Tick tick : x.ticks()) {
            double px = px(tick.value());
            if (tick.major() || !tick.text().isEmpty()) {
                svg.line(px, top, px, bottom, tick.major() ? "#dddddd" : "#eeeeee");
            }
            svg.line(px, bottom, px, bottom + (tick.major() ? 6 : 3), "#888888");
        }
        if (y != null) {
            for (AxisScale.Tick tick : y.ticks()) {
                double py = py(tick.value());
                if (tick.major() || !tick.text().isEmpty()) {
                    svg.line(left, py, right, py, tick.major() ? "#dddddd" : "#eeeeee");
                }
                svg.line(left - (tick.major() ? 6 : 3), py, left, py, "#888888");
            }
        }
        svg.raw("</g>\n");
        frame(svg);
        for (AxisScale.Tick tick : x.ticks()) {
            if (!tick.text().isEmpty()) {
                svg.text(px(tick.value()), bottom + tickGap, 12, "middle", "normal", "#333333", tick.text());
            }
        }
        if (y != null) {
            for (AxisScale.Tick tick : yLabelled()) {
                svg.text(left - 9, py(tick.value()) + 4, 12, "end", "normal", "#333333", tick.text());
            }
        }
        if (xLabel != null) {
            svg.text((left + right) / 2.0, bottom + xLabelGap, 12.5, "middle", "normal", "#000000", xLabel);
        }
        if (yLabel != null) {
            svg.verticalText(left - 60, (top + bottom) / 2.0, 12.5, "#000000", yLabel);
        }
    }

    /**
     * The y ticks that get a label: every labelled tick, except an end or in-between label that
     * would print over a neighbour's (a short plot spanning several decades puts 0.2 right above
     * 0.1); labels at powers of ten always stay.
     */
    private List<AxisScale.Tick> yLabelled() {
        List<AxisScale.Tick> labelled = y.ticks().stream().filter(t -> !t.text().isEmpty()).toList();
        List<AxisScale.Tick> kept = new ArrayList<>(labelled.stream().filter(AxisScale.Tick::major).toList());
        for (AxisScale.Tick tick : labelled) {
            if (!tick.major() && kept.stream().allMatch(k -> Math.abs(py(k.value()) - py(tick.value())) >= 14)) {
                kept.add(tick);
            }
        }
        return labelled.stream().filter(kept::contains).toList();
    }

    /** Tick labels along the top edge too, for tall plots read from the top. */
    void topTickLabels(Svg svg) {
        for (AxisScale.Tick tick : x.ticks()) {
            if (!tick.text().isEmpty()) {
                svg.text(px(tick.value()), top - 6, 12, "middle", "normal", "#333333", tick.text());
            }
        }
    }

    /** The series' band: a shaded polygon between the low and high edges of its points. */
    void band(Svg svg, SvgChart.Series s) {
        List<SvgChart.Point> points = s.points();
        if (points.size() == 1) {
            SvgChart.Point p = points.get(0);
            svg.line(px(p.x()), py(p.low()), px(p.x()), py(p.high()), s.color(), 6, 0.25, false);
            return;
        }
        if (points.isEmpty()) {
            return;
        }
        StringBuilder path = new StringBuilder();
        for (SvgChart.Point p : points) {
            path.append(path.length() == 0 ? "M" : " L").append(Svg.xy(px(p.x()), py(p.high())));
        }
        for (int i = points.size() - 1; i >= 0; i--) {
            SvgChart.Point p = points.get(i);
            path.append(" L").append(Svg.xy(px(p.x()), py(p.low())));
        }
        svg.raw(String.format(Locale.ROOT, "<path d=\"%s Z\" fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\"/>\n",
                path, s.color()));
    }

    /**
     * The series' line, in runs of the same style: a segment is faint when either end is. Points get
     * a dot when there are few of them, so a curve of one or two points is still seen.
     */
    void line(Svg svg, SvgChart.Series s) {
        List<SvgChart.Point> points = s.points();
        int i = 0;
        while (i < points.size() - 1) {
            boolean faint = points.get(i).faint() || points.get(i + 1).faint();
            StringBuilder path = new StringBuilder("M").append(Svg.xy(px(points.get(i).x()), py(points.get(i).y())));
            int j = i + 1;
            while (j < points.size()) {
                path.append(" L").append(Svg.xy(px(points.get(j).x()), py(points.get(j).y())));
                if (j + 1 < points.size() && (points.get(j).faint() || points.get(j + 1).faint()) == faint) {
                    j++;
                } else {
                    break;
                }
            }
            svg.raw(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" "
                    + "stroke-opacity=\"%s\" stroke-linejoin=\"round\"%s/>\n", path, s.color(), faint ? "1.5" : "2.2",
                    faint ? "0.45" : "1", s.dashed() ? " stroke-dasharray=\"7 4\"" : ""));
            i = j;
        }
        if (points.size() <= 12) {
            for (SvgChart.Point p : points) {
                svg.raw(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"%s/>\n",
                        px(p.x()), py(p.y()), s.color(), p.faint() ? " fill-opacity=\"0.45\"" : ""));
            }
        }
    }

    /**
     * The vertical axis for these points: logarithmic when they span a factor of ten or more
     * (errors that fall by orders of magnitude), linear otherwise; null when there are none.
     */
    static AxisScale yAxis(List<SvgChart.Point> points) {
        if (points.isEmpty()) {
            return null;
        }
        double minY = points.stream().mapToDouble(SvgChart.Point::low).filter(v -> v > 0).min().orElse(1e-6);
        double maxY = points.stream().mapToDouble(SvgChart.Point::high).max().orElse(1);
        boolean logY = maxY > 0 && maxY / minY >= 10;
        return logY ? AxisScale.logarithmic(minY, maxY, AxisScale::plain)
                : AxisScale.linear(points.stream().mapToDouble(SvgChart.Point::low).min().orElseThrow(), maxY,
                        AxisScale::plain);
    }
}
