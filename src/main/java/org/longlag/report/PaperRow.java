package org.longlag.report;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tables need to know of an experiment row besides its results: where it sits in the
 * paper, what the paper reported, and the task's parameters (the figures place rows by them, e.g.
 * by time lag). Plain data, so the report depends on no upstream package.
 *
 * @param id row id
 * @param family family name
 * @param paperTable the paper's table number
 * @param title family title
 * @param paperTrials trials the paper ran
 * @param models the row's model names, in file order
 * @param paper the paper's figures, one map per method
 * @param task the row's task parameters (e.g. {@code q}, {@code p}, {@code T}); empty when unknown
 * @param currentConfigs configuration hashes of the row's recorded trials that the experiment files
 *     still describe (each trial's own run seed and test size), so that a model's judged line is
 *     the one of its current settings; empty when unknown
 * @param judgedModel the model whose line stands for the paper's LSTM in the verdict and the figures:
 *     {@link Verdicts#LSTM}, or a reading {@code lstm1997.<reading>} the row's file adopts
 * @param study whether the row is a study of this suite, not a line of a paper table: shown in a
 *     section of its own, never judged, counted or drawn among the paper's rows
 */
public record PaperRow(String id, String family, int paperTable, String title, int paperTrials, List<String> models,
        List<Map<String, Object>> paper, Map<String, Object> task, Set<String> currentConfigs, String judgedModel,
        boolean study) {

    public PaperRow {
        task = task == null ? Map.of() : task;
        currentConfigs = currentConfigs == null ? Set.of() : Set.copyOf(currentConfigs);
        judgedModel = judgedModel == null ? Verdicts.LSTM : judgedModel;
    }

    /** A line of a paper table (not a study). */
    public PaperRow(String id, String family, int paperTable, String title, int paperTrials, List<String> models,
            List<Map<String, Object>> paper, Map<String, Object> task, Set<String> currentConfigs, String judgedModel) {
        this(id, family, paperTable, title, paperTrials, models, paper, task, currentConfigs, judgedModel, false);
    }

    /** Where a row comes from, for people: {@code paper Table 7}, or {@code study beside paper Table 7}. */
    public static String source(int paperTable, boolean study) {
        return (study ? "study beside paper Table " : "paper Table ") + paperTable;
    }

    /** {@link #source(int, boolean)} of this row. */
    public String source() {
        return source(paperTable, study);
    }

    /** The rows that are lines of a paper table: the only ones judged, counted and drawn against the paper. */
    public static List<PaperRow> paperTableRows(List<PaperRow> rows) {
        return rows.stream().filter(r -> !r.study()).toList();
    }

    /** A row judged on {@link Verdicts#LSTM} itself. */
    public PaperRow(String id, String family, int paperTable, String title, int paperTrials, List<String> models,
            List<Map<String, Object>> paper, Map<String, Object> task, Set<String> currentConfigs) {
        this(id, family, paperTable, title, paperTrials, models, paper, task, currentConfigs, Verdicts.LSTM);
    }

    /** A row whose current configurations are not known. */
    public PaperRow(String id, String family, int paperTable, String title, int paperTrials, List<String> models,
            List<Map<String, Object>> paper, Map<String, Object> task) {
        this(id, family, paperTable, title, paperTrials, models, paper, task, Set.of());
    }

    /** The reading the row is judged on ({@code linear-output}), or null when it is judged on {@link Verdicts#LSTM}. */
    public String judgedReading() {
        return Verdicts.reading(judgedModel);
    }

    /** A row whose task parameters are not known. */
    public PaperRow(String id, String family, int paperTable, String title, int paperTrials, List<String> models,
            List<Map<String, Object>> paper) {
        this(id, family, paperTable, title, paperTrials, models, paper, Map.of());
    }
}
