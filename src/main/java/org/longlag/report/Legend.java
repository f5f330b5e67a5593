package org.longlag.report;

import java.util.List;

/**
 * A legend in columns, drawn in a band of its own (above or below the plots, never over data),
 * filled column by column so that related entries listed together stay together.
 */
final class Legend {
    /** Height of one legend row in pixels. */
    static final int ROW = 20;

    /** What an entry's sample looks like. */
    enum Swatch {
        /** A line over a shaded band: a median and its spread. */
        LINE_BAND,
        /** A line alone. */
        LINE,
        /** A point marker alone. */
        MARKER,
        /** A point marker on a line. */
        LINE_MARKER,
        /** A short vertical bar, e.g. a mean among trial points. */
        BAR
    }

    /**
     * One entry.
     *
     * @param text what the sample stands for
     * @param color its colour
     * @param swatch its kind
     * @param dashed whether its line is dashed
     * @param marker its marker, for marker swatches
     * @param filled whether the marker is filled (an open marker is an outline)
     */
    record Entry(String text, String color, Swatch swatch, boolean dashed, Svg.Marker marker, boolean filled) {
        static Entry line(String text, String color, boolean dashed, boolean band) {
            return new Entry(text, color, band ? Swatch.LINE_BAND : Swatch.LINE, dashed, null, true);
        }

        static Entry marker(String text, String color, Svg.Marker marker, boolean filled) {
            return new Entry(text, color, Swatch.MARKER, false, marker, filled);
        }

        static Entry lineMarker(String text, String color, boolean dashed, Svg.Marker marker) {
            return new Entry(text, color, Swatch.LINE_MARKER, dashed, marker, true);
        }

        static Entry bar(String text, String color) {
            return new Entry(text, color, Swatch.BAR, false, null, true);
        }
    }

    private Legend() {
    }

    /** Rows the legend takes. */
    static int rows(int entries, int columns) {
        return (entries + columns - 1) / columns;
    }

    /** Height in pixels, from the first baseline's row top to below the last row. */
    static int height(int entries, int columns) {
        return rows(entries, columns) * ROW;
    }

    /**
     * Draws the entries in {@code columns} columns between {@code left} and {@code right}, the first
     * row's text baseline at {@code top}.
     */
    static void draw(Svg svg, double left, double right, double top, List<Entry> entries, int columns) {
        int rows = rows(entries.size(), columns);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            double x = left + (i / rows) * ((right - left) / columns);
            double y = top + (i % rows) * ROW;
            switch (e.swatch()) {
                case LINE_BAND -> SvgChart.lineSwatch(svg, x, y, e.color(), e.dashed(), true);
                case LINE -> SvgChart.lineSwatch(svg, x, y, e.color(), e.dashed(), false);
                case MARKER -> svg.marker(e.marker(), x + 14, y - 4, 9, e.color(), e.filled(), null);
                case LINE_MARKER -> {
                    SvgChart.lineSwatch(svg, x, y, e.color(), e.dashed(), false);
                    svg.marker(e.marker(), x + 14, y - 4, 8, e.color(), e.filled(), null);
                }
                case BAR -> svg.line(x + 14, y - 11, x + 14, y + 3, e.color(), 3, 1, false);
            }
            svg.text(x + 36, y, 12.5, "start", "normal", "#000000", e.text());
        }
    }
}
