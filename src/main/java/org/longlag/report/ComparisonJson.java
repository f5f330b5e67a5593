package org.longlag.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code longlag compare --format json}: one object per row with its two pairs. The shape is the
 * same for every model whether it ran or not (absent figures are {@code null}, never missing
 * keys), keys come in a fixed order and lines end in {@code \n} on every platform, so scripts can
 * rely on the document and the same results always give the same bytes.
 */
public final class ComparisonJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private ComparisonJson() {
    }

    /**
     * The document for {@code rows}; {@code figures} maps a row id to its figure's path relative
     * to the results directory (rows without one get {@code null}).
     */
    public static String render(List<RowComparison> rows, Map<String, String> figures) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("rows", rows.stream().map(row -> row(row, figures.get(row.row().id()))).toList());
        try {
            return JSON.writer(PRETTY).writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the comparison as JSON", e);
        }
    }

    private static Map<String, Object> row(RowComparison row, String figure) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", row.row().id());
        json.put("family", row.row().family());
        json.put("paperTable", row.row().paperTable());
        if (row.row().study()) {
            json.put("study", true);
        }
        json.put("title", row.row().title());
        json.put("pairs", row.pairs().stream().map(pair -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("pair", pair.spec().name());
            p.put("description", pair.spec().description());
            p.put("lstm", model(pair.lstm()));
            p.put("rnn", model(pair.rnn()));
            return p;
        }).toList());
        json.put("others", row.others().stream().map(ComparisonJson::model).toList());
        json.put("figure", figure);
        return json;
    }

    private static Map<String, Object> model(ModelSummary m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", m.model());
        json.put("reading", m.model().contains("."));
        json.put("run", m.run());
        json.put("trials", m.trials());
        json.put("solved", m.solved());
        json.put("budget", m.budget());
        json.put("budgetSeconds", m.run() ? m.line().trials().get(0).budgetSeconds() : null);
        json.put("protocol", m.protocol());
        Map<String, Object> sequences = new LinkedHashMap<>();
        sequences.put("mean", finite(m.meanSequencesToSuccess()));
        sequences.put("min", m.minSequencesToSuccess());
        sequences.put("max", m.maxSequencesToSuccess());
        json.put("sequencesToSuccess", sequences);
        json.put("meanWallSecondsToSuccess", finite(m.meanWallSecondsSolved()));
        json.put("testSize", m.testSize());
        json.put("meanTestWrong", finite(m.meanTestWrong()));
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("trials", m.failed());
        failed.put("meanTestMse", finite(m.failedMeanTestMse()));
        failed.put("meanTestWrong", finite(m.failedMeanTestWrong()));
        json.put("failed", failed);
        Map<String, Object> leftOut = new LinkedHashMap<>();
        leftOut.put("trials", m.line().leftOutTrials());
        leftOut.put("lines", m.line().otherLines());
        json.put("leftOut", leftOut);
        return json;
    }

    /** JSON has no NaN or infinity; a diverged trial's error is reported as unknown. */
    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
