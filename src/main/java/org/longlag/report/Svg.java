package org.longlag.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The drawing primitives every figure of the report is written with: text, lines, paths and point
 * markers, each one element per line, every number printed in {@link Locale#ROOT} with one decimal.
 * Nothing in the output depends on the platform, the time or object identities, so the same
 * drawing calls always give the same bytes.
 */
final class Svg {
    static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

    /** Shapes of point markers. */
    enum Marker {
        CIRCLE, SQUARE, DIAMOND, TRIANGLE_RIGHT, TRIANGLE_DOWN
    }

    private final StringBuilder out = new StringBuilder();

    /** A white document of this size. */
    Svg(int width, int height) {
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"%s\">\n", width, height, width, height, FONT));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height));
    }

    /** Appends an element written by the caller. */
    Svg raw(String element) {
        out.append(element);
        return this;
    }

    /** The explanatory lines under a figure, one every 16 px from {@code y} down, left-aligned at {@code x}. */
    void notes(double x, int y, List<String> lines) {
        int lineY = y;
        for (String line : lines) {
            text(x, lineY, 11.5, "start", "normal", "#444444", line);
            lineY += 16;
        }
    }

    /** The finished document. */
    String finish() {
        return out.append("</svg>\n").toString();
    }

    void text(double x, double y, double size, String anchor, String weight, String color, String text) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%s\" text-anchor=\"%s\"%s "
                + "fill=\"%s\">%s</text>\n", x, y, size, anchor, "bold".equals(weight) ? " font-weight=\"bold\"" : "",
                color, escape(text)));
    }

    /**
     * One line of text in pieces, each bold or not, placed one after the other by the renderer (so
     * no text width has to be guessed).
     */
    void runs(double x, double y, double size, String color, List<Run> runs) {
        StringBuilder spans = new StringBuilder();
        for (Run run : runs) {
            spans.append(run.bold() ? "<tspan font-weight=\"bold\">" : "<tspan>").append(escape(run.text()))
                    .append("</tspan>");
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%s\" fill=\"%s\" "
                + "xml:space=\"preserve\">%s</text>\n", x, y, size, color, spans));
    }

    /** A piece of a line of text. */
    record Run(String text, boolean bold) {
    }

    /** Text turned to read upwards, centred on {@code (x, y)}: a y axis label. */
    void verticalText(double x, double y, double size, String color, String text) {
        out.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"0\" transform=\"translate(%s %.1f) rotate(-90)\" "
                + "font-size=\"%s\" text-anchor=\"middle\" fill=\"%s\">%s</text>\n", plain(x), y, size, color,
                escape(text)));
    }

    void line(double x1, double y1, double x2, double y2, String color) {
        line(x1, y1, x2, y2, color, 1, 1, false);
    }

    void line(double x1, double y1, double x2, double y2, String color, double width, double opacity, boolean dashed) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s%s%s/>\n",
                x1, y1, x2, y2, color, width == 1 ? "" : String.format(Locale.ROOT, " stroke-width=\"%s\"", width),
                opacity == 1 ? "" : String.format(Locale.ROOT, " stroke-opacity=\"%s\"", opacity),
                dashed ? " stroke-dasharray=\"7 4\"" : ""));
    }

    void rect(double x, double y, double width, double height, String fill, double opacity, String stroke) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s%s/>\n",
                x, y, width, height, fill, opacity == 1 ? "" : String.format(Locale.ROOT, " fill-opacity=\"%s\"", opacity),
                stroke == null ? "" : " stroke=\"" + stroke + "\""));
    }

    /**
     * A point marker of about {@code size} pixels across, filled with {@code color} or drawn as an
     * outline on white; {@code title} (may be null) becomes its tooltip and says what it stands for.
     */
    void marker(Marker shape, double x, double y, double size, String color, boolean filled, String title) {
        double r = size / 2;
        String d = switch (shape) {
            case CIRCLE -> null;
            case SQUARE -> "M" + xy(x - r * 0.9, y - r * 0.9) + " L" + xy(x + r * 0.9, y - r * 0.9) + " L"
                    + xy(x + r * 0.9, y + r * 0.9) + " L" + xy(x - r * 0.9, y + r * 0.9) + " Z";
            case DIAMOND -> "M" + xy(x, y - r * 1.2) + " L" + xy(x + r * 1.2, y) + " L" + xy(x, y + r * 1.2) + " L"
                    + xy(x - r * 1.2, y) + " Z";
            case TRIANGLE_RIGHT -> "M" + xy(x - r, y - r) + " L" + xy(x + r, y) + " L" + xy(x - r, y + r) + " Z";
            case TRIANGLE_DOWN -> "M" + xy(x - r, y - r) + " L" + xy(x + r, y - r) + " L" + xy(x, y + r) + " Z";
        };
        String paint = filled ? String.format(Locale.ROOT, "fill=\"%s\"", color)
                : String.format(Locale.ROOT, "fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"1.6\"", color);
        String element = d == null
                ? String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" %s", x, y, r, paint)
                : String.format(Locale.ROOT, "<path d=\"%s\" %s", d, paint);
        out.append(element).append(title == null ? "/>\n" : "><title>" + escape(title) + "</title></" + (d == null
                ? "circle" : "path") + ">\n");
    }

    /** A polyline through the points, solid or dashed. */
    void polyline(List<double[]> points, String color, double width, double opacity, boolean dashed) {
        if (points.size() < 2) {
            return;
        }
        StringBuilder path = new StringBuilder();
        for (double[] p : points) {
            path.append(path.length() == 0 ? "M" : " L").append(xy(p[0], p[1]));
        }
        out.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s "
                + "stroke-linejoin=\"round\"%s/>\n", path, color, width,
                opacity == 1 ? "" : String.format(Locale.ROOT, " stroke-opacity=\"%s\"", opacity),
                dashed ? " stroke-dasharray=\"7 4\"" : ""));
    }

    static String xy(double x, double y) {
        return String.format(Locale.ROOT, "%.1f %.1f", x, y);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * {@code text} broken into lines of at most {@code width} characters at spaces, for notes under
     * a figure (an SVG renderer does not wrap text).
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
