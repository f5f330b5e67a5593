package org.longlag.cli;

import java.util.Map;
import java.util.StringJoiner;
import org.longlag.report.Numbers;

/** One line of the paper's reported figures for a method, e.g. {@code LSTM: sequencesToSuccess 74,000}. */
final class PaperFigures {
    private PaperFigures() {
    }

    static String format(Map<String, Object> entry) {
        StringJoiner parts = new StringJoiner(", ");
        entry.forEach((key, value) -> {
            if (!"method".equals(key)) {
                parts.add(key + " " + Numbers.format(value));
            }
        });
        return entry.get("method") + ": " + parts;
    }
}
