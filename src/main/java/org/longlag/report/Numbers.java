package org.longlag.report;

import java.util.Locale;

/** Number formatting for tables and text, always in {@link Locale#ROOT}. */
public final class Numbers {
    private Numbers() {
    }

    /** Integers with thousands separators, other numbers with up to four significant decimals. */
    public static String format(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return decimal(n.doubleValue());
        }
        return String.valueOf(value);
    }

    /** A count, e.g. {@code 74,000}. */
    public static String count(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    /** A real number with about four significant digits, without exponent for table ranges. */
    public static String decimal(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 1e-4) {
            String s = String.format(Locale.ROOT, "%.4g", value);
            return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.format(Locale.ROOT, "%.2e", value);
    }
}
