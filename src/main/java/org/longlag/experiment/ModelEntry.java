package org.longlag.experiment;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import org.longlag.model.ModelKinds;

/**
 * One model of an experiment row, as its file gives it after row overrides are merged in.
 *
 * <p>A model whose name has a dot, such as {@code lstm1997.per-step}, is a <em>reading</em>: an
 * alternative interpretation of the paper's text for the model before the dot, stated with the
 * argument for it ({@code reading}) and the settings (and, where the reading concerns the data,
 * the task parameters) that differ. Readings are run only when named ({@code --models}), so a
 * plain {@code run} trains the row's own models and every reading tried stays on record.
 *
 * @param name the model's name in the row ({@code lstm}, {@code rnn}, {@code lstm1997}, ...)
 * @param kind the {@link org.longlag.model.ModelKind} that builds it
 * @param budget training sequences after which a trial that has not met the stopping rule fails
 * @param settings the kind's own settings (architecture and protocol)
 * @param reading for a reading, why the paper's text allows it; {@code null} for a row's own model
 * @param taskOverrides task parameters this model trains and tests on instead of the row's
 * @param budgetSeconds training wall time after which a trial that has not met the stopping rule
 *     fails ({@code budgetSeconds:} in the file), or {@code null} for none: models of different
 *     speed compared at equal time get equal compute rather than equal data
 */
public record ModelEntry(String name, String kind, long budget, Map<String, Object> settings, String reading,
        Map<String, Object> taskOverrides, Double budgetSeconds) implements Serializable {
    public ModelEntry {
        settings = Map.copyOf(settings);
        taskOverrides = Map.copyOf(taskOverrides);
    }

    /** A model without a wall-clock budget. */
    public ModelEntry(String name, String kind, long budget, Map<String, Object> settings, String reading,
            Map<String, Object> taskOverrides) {
        this(name, kind, budget, settings, reading, taskOverrides, null);
    }

    /** A row's own model (not a reading), on the row's task. */
    public ModelEntry(String name, String kind, long budget, Map<String, Object> settings) {
        this(name, kind, budget, settings, null, Map.of());
    }

    /**
     * One line on architecture and training protocol: the kind's, plus the wall-clock budget if
     * the model has one, since it decides how much a trial may train.
     */
    public String protocol() {
        String protocol = ModelKinds.get(kind).protocol(settings);
        return budgetSeconds == null ? protocol
                : protocol + String.format(Locale.ROOT, ", at most %,.0f s of training", budgetSeconds);
    }

    /** Whether this is an alternative reading of the paper, run only when named. */
    public boolean isReading() {
        return reading != null;
    }

    /** The same model with another budget. */
    public ModelEntry withBudget(long newBudget) {
        return new ModelEntry(name, kind, newBudget, settings, reading, taskOverrides, budgetSeconds);
    }
}
