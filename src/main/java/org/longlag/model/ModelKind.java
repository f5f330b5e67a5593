package org.longlag.model;

import java.util.Map;

/**
 * One kind of model an experiment file can name ({@code lstm}, {@code rnn}, {@code lstm1997},
 * {@code rnn1997}): how to check its settings, count its weights, describe its protocol and build
 * it.
 *
 * <p>{@code settings} is the model's block of the experiment file after row overrides are merged
 * in, minus the runner's own keys ({@code kind}, {@code budget}). Values are as YAML parsed them:
 * numbers, strings, booleans, lists and maps.
 */
public interface ModelKind {

    /** The name used as {@code kind:} in experiment files. */
    String kind();

    /**
     * Checks the settings for a task with these input and output widths, throwing
     * {@link IllegalArgumentException} whose message names the offending field and its value.
     */
    void validate(Map<String, Object> settings, int inputSize, int outputSize);

    /** Exact number of trainable parameters of the network these settings build. */
    long parameterCount(Map<String, Object> settings, int inputSize, int outputSize);

    /** One line on architecture and training protocol, e.g. {@code "online SGD, lr 0.5, batch 1"}. */
    String protocol(Map<String, Object> settings);

    /**
     * The settings as the run uses them: {@code settings} plus any default that decides how the
     * model trains and that results must record (so that trials recorded under another default are
     * not taken for the same experiment). By default the settings themselves.
     */
    default Map<String, Object> effectiveSettings(Map<String, Object> settings) {
        return settings;
    }

    /** Builds a fresh network; every random choice (weights) comes from {@code seed}. */
    SequenceModel create(Map<String, Object> settings, int inputSize, int outputSize, long seed);
}
