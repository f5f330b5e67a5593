package org.longlag.bench;

import java.util.Map;

/**
 * One benchmark row before it runs.
 *
 * @param name the row's model name: the kind, or {@code <kind>.layers} and {@code <kind>.composed}
 *     for a DL4J model on the layer and the composed engine (the experiment files'
 *     {@code <model>.<variant>} convention)
 * @param kind the model kind
 * @param settings the kind's settings
 * @param task what it trains on
 */
public record BenchCase(String name, String kind, Map<String, Object> settings, BenchTask task) {

    /**
     * What two rows must share to be the same model on two engines: kind, task and settings apart
     * from {@code engine}.
     */
    public String comparisonKey() {
        java.util.TreeMap<String, Object> rest = new java.util.TreeMap<>(settings);
        rest.remove("engine");
        return kind + " " + task + " " + rest;
    }

    /** The engine the settings choose for a DL4J kind ({@code lstm}, {@code rnn}); null for the others. */
    public String engine() {
        if (!BenchCases.DL4J_KINDS.contains(kind)) {
            return null;
        }
        Object engine = settings.get("engine");
        return engine == null ? org.longlag.model.Dl4jRecurrentKind.DEFAULT_ENGINE : engine.toString();
    }
}
