package org.longlag.report;

import java.util.List;
import java.util.Map;

/**
 * What the tables need to know of an experiment row besides its results: where it sits in the
 * paper and what the paper reported. Plain data, so the report depends on no upstream package.
 *
 * @param id row id
 * @param family family name
 * @param paperTable the paper's table number
 * @param title family title
 * @param paperTrials trials the paper ran
 * @param models the row's model names, in file order
 * @param paper the paper's figures, one map per method
 */
public record PaperRow(String id, String family, int paperTable, String title, int paperTrials, List<String> models,
        List<Map<String, Object>> paper) {
}
