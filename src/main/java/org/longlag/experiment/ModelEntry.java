package org.longlag.experiment;

import java.util.Map;

/**
 * One model of an experiment row, as its file gives it after row overrides are merged in.
 *
 * @param name the model's name in the row ({@code lstm}, {@code rnn}, {@code lstm1997}, ...)
 * @param kind the {@link org.longlag.model.ModelKind} that builds it
 * @param budget training sequences after which a trial that has not met the stopping rule fails
 * @param settings the kind's own settings (architecture and protocol)
 */
public record ModelEntry(String name, String kind, long budget, Map<String, Object> settings) {
    public ModelEntry {
        settings = Map.copyOf(settings);
    }
}
