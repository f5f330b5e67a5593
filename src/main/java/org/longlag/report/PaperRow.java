package org.longlag.report;

import java.util.List;
import java.util.Map;

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
 */
public record PaperRow(String id, String family, int paperTable, String title, int paperTrials, List<String> models,
        List<Map<String, Object>> paper, Map<String, Object> task) {

    public PaperRow {
        task = task == null ? Map.of() : task;
    }

    /** A row whose task parameters are not known. */
    public PaperRow(String id, String family, int paperTable, String title, int paperTrials, List<String> models,
            List<Map<String, Object>> paper) {
        this(id, family, paperTable, title, paperTrials, models, paper, Map.of());
    }
}
