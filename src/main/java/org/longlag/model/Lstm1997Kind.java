package org.longlag.model;

import java.util.Map;

/**
 * Model kind {@code lstm1997}: the paper's LSTM (see {@link Lstm1997Settings} for the settings
 * and their defaults), trained with the paper's on-line protocol by {@link Lstm1997OnlineModel}.
 */
public final class Lstm1997Kind implements ModelKind {

    @Override
    public String kind() {
        return Lstm1997Settings.KIND;
    }

    @Override
    public void validate(Map<String, Object> settings, int inputSize, int outputSize) {
        parse(settings, inputSize, outputSize);
    }

    private static Lstm1997Settings parse(Map<String, Object> settings, int inputSize, int outputSize) {
        if (inputSize < 1) {
            throw new IllegalArgumentException("lstm1997 input width must be >= 1, got " + inputSize);
        }
        if (outputSize < 1) {
            throw new IllegalArgumentException("lstm1997 output width must be >= 1, got " + outputSize);
        }
        return Lstm1997Settings.parse(settings);
    }

    @Override
    public long parameterCount(Map<String, Object> settings, int inputSize, int outputSize) {
        return parse(settings, inputSize, outputSize).parameterCount(inputSize, outputSize);
    }

    @Override
    public String protocol(Map<String, Object> settings) {
        return Lstm1997Settings.parse(settings).protocol();
    }

    @Override
    public SequenceModel create(Map<String, Object> settings, int inputSize, int outputSize, long seed) {
        return new Lstm1997OnlineModel(parse(settings, inputSize, outputSize), inputSize, outputSize, seed);
    }

    @Override
    public String toString() {
        return "ModelKind[lstm1997]";
    }
}
