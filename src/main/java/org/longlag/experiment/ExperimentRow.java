package org.longlag.experiment;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.longlag.task.SequenceTask;
import org.longlag.task.Tasks;

/**
 * One experiment: one line of a paper table, with everything needed to run and report it.
 * Serializable: a trial's plan, row included, travels to a cluster's executors.
 *
 * @param id unique id, e.g. {@code adding-t100}
 * @param family the family (one experiment file), e.g. {@code adding}
 * @param paperTable number of the paper's table the row comes from
 * @param title human title of the family
 * @param taskKind generator kind, see {@link Tasks}
 * @param taskParams generator parameters
 * @param stopping the stopping-rule block
 * @param testSize sequences in the final test set
 * @param paperTrials number of trials the paper ran for this row
 * @param models the row's models in file order
 * @param paper the paper's reported figures: one map per method (LSTM and any baselines)
 * @param notes free text about deviations or readings of the paper, may be empty
 * @param judgedModel the model whose line the row is judged on: {@link #PAPER_LSTM}, or a reading of it
 *     that the file adopts ({@code judge:}) because the paper's text allows it
 * @param study whether the row is a study of this suite ({@code study: true} in its family's file)
 *     rather than a line of a paper table: reported on its own, never judged or counted against
 *     the paper; {@code paperTable} is then the table whose task it extends
 */
public record ExperimentRow(
        String id,
        String family,
        int paperTable,
        String title,
        String taskKind,
        Map<String, Object> taskParams,
        Map<String, Object> stopping,
        int testSize,
        int paperTrials,
        List<ModelEntry> models,
        List<Map<String, Object>> paper,
        String notes,
        String judgedModel,
        boolean study) implements Serializable {

    /** A line of a paper table (not a study). */
    public ExperimentRow(String id, String family, int paperTable, String title, String taskKind,
            Map<String, Object> taskParams, Map<String, Object> stopping, int testSize, int paperTrials,
            List<ModelEntry> models, List<Map<String, Object>> paper, String notes, String judgedModel) {
        this(id, family, paperTable, title, taskKind, taskParams, stopping, testSize, paperTrials, models, paper, notes,
                judgedModel, false);
    }

    /** The paper's LSTM as a model name: what a row is judged on unless its file adopts a reading. */
    public static final String PAPER_LSTM = "lstm1997";

    /** Whether a model called {@code name} may be judged: the paper's LSTM or a reading of it. */
    static boolean judgeable(String name) {
        return name.equals(PAPER_LSTM) || name.startsWith(PAPER_LSTM + ".");
    }

    /** Whether the row is judged on a reading of the paper rather than on {@link #PAPER_LSTM} itself. */
    public boolean judgedOnReading() {
        return !PAPER_LSTM.equals(judgedModel);
    }

    /** A fresh generator for this row's task. */
    public SequenceTask task() {
        return Tasks.create(taskKind, taskParams);
    }

    /** The task parameters {@code model} trains on: the row's, with the model's task overrides put over them. */
    public Map<String, Object> taskParams(ModelEntry model) {
        return FamilyFileParser.merge(taskParams, model.taskOverrides());
    }

    /** A fresh generator for the task {@code model} trains on. */
    public SequenceTask task(ModelEntry model) {
        return Tasks.create(taskKind, taskParams(model));
    }

    /** The model called {@code name}, or {@code null} if the row has none. */
    public ModelEntry model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    /** Names of the row's models in file order. */
    public List<String> modelNames() {
        return models.stream().map(ModelEntry::name).toList();
    }
}
