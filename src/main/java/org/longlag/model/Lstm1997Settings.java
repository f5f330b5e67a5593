package org.longlag.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.longlag.model.layer.Lstm1997;

/**
 * The settings of model kind {@code lstm1997}, parsed and checked. Keys of the experiment file
 * (defaults in brackets):
 *
 * <pre>
 *   blocks:         number of memory-cell blocks                       (required)
 *   cellsPerBlock:  cells per block                                    (required)
 *   learningRate:   the paper's α                                      (required)
 *   outputGates:    true | false                                       [true]
 *   cellInput:      scaled-sigmoid (4σ−2) | logistic (σ)               [scaled-sigmoid]
 *   cellOutput:     scaled-sigmoid (2σ−1) | identity                   [scaled-sigmoid]
 *   biases:         {cells, inputGates, outputGates, outputs}: booleans [all true]
 *   initRange:      r, weights and biases start uniform in [−r, r]     [0.1]
 *   inputGateBias:  list of one initial bias per block, or random      [random]
 *   outputGateBias: list of one initial bias per block, or random      [random]
 *   inputGateWeightShift: added to each initial weight from an input unit to an input gate [0]
 *   gradient:       truncated (the paper's) | full (BPTT)              [truncated]
 *   recurrent:      cells and gates see all hidden units at t−1        [true]
 *   inputToOutput:  output units also see the input units at t         [false]
 *   update:         per-sequence | per-step (truncated gradient only)  [per-sequence]
 *   outputUnit:     logistic (σ, the paper's) | linear                [logistic]
 *   cellsAdded:     at-start | on-plateau                              [at-start]
 *   addedCellWeights: initial | zero (outgoing weights when on-plateau)  [initial]
 * </pre>
 *
 * <p>{@code cellsAdded: on-plateau} is Exp. 2a's schedule: "Memory cell and input gate are added
 * once the error has stopped decreasing". Until then the output units train alone (their weights
 * from the cells held at 0, so the hidden layer gets no error and keeps its initial weights); the
 * cells then join with the outgoing weights drawn for them at initialisation, or with
 * {@code addedCellWeights: zero} with outgoing weights 0, so that adding them changes no output;
 * see {@link CellSchedule}.
 *
 * <p>{@code update: per-step} changes the weights after every step that has a target, by the
 * truncated gradient of that step's error (the paper's real-time learning, App. A.1); see
 * {@link Lstm1997RealTimeLearner}. It matters only where targets stand at many steps (Exp. 1, 2a).
 *
 * <p>{@code recurrent: false} with {@code inputToOutput: true} is the reading of Exp. 2a that
 * reproduces the paper's 10,504 weights (the gradient baselines' 36/144/10,404 imply
 * input-to-output connections there; the LSTM count then leaves no room for recurrent ones).
 *
 * <p>{@code inputGateWeightShift} biases the input gates towards zero where the net has no bias
 * unit (Exp. 2a, 2c): with one-hot inputs exactly one input unit is on at each step, so a common
 * shift of the gates' weights from the inputs starts the gates' net input there, as an initial
 * bias of that value would, while the weight count stays the paper's.
 *
 * @param inputGateBias one value per block, or {@code null} for random
 * @param outputGateBias one value per block, or {@code null} for random
 */
public record Lstm1997Settings(
        int blocks,
        int cellsPerBlock,
        double learningRate,
        boolean outputGates,
        Lstm1997.CellInput cellInput,
        Lstm1997.CellOutput cellOutput,
        boolean cellBias,
        boolean inputGateBiased,
        boolean outputGateBiased,
        boolean outputBias,
        double initRange,
        List<Double> inputGateBias,
        List<Double> outputGateBias,
        double inputGateWeightShift,
        Lstm1997.GradientMode gradient,
        boolean recurrent,
        boolean inputToOutput,
        boolean perStepUpdates,
        boolean linearOutput,
        boolean cellsOnPlateau,
        boolean addedCellsSilent) {

    static final String KIND = "lstm1997";

    /** Every key the settings map may hold. */
    public static final Set<String> KEYS = Set.of("blocks", "cellsPerBlock", "learningRate", "outputGates",
            "cellInput", "cellOutput", "biases", "initRange", "inputGateBias", "outputGateBias", "gradient",
            "inputGateWeightShift", "recurrent", "inputToOutput", "update", "outputUnit", "cellsAdded",
            "addedCellWeights");

    private static final Set<String> BIAS_KEYS = Set.of("cells", "inputGates", "outputGates", "outputs");

    /** Checks the values; messages name the field and value. */
    public Lstm1997Settings {
        if (blocks < 1) {
            throw bad("blocks", blocks, "must be at least 1");
        }
        if (cellsPerBlock < 1) {
            throw bad("cellsPerBlock", cellsPerBlock, "must be at least 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw bad("learningRate", learningRate, "must be a finite number > 0");
        }
        if (!(initRange >= 0) || Double.isInfinite(initRange)) {
            throw bad("initRange", initRange, "must be a finite number >= 0");
        }
        inputGateBias = checkGateBias("inputGateBias", inputGateBias, blocks, inputGateBiased,
                "biases.inputGates is false");
        outputGateBias = checkGateBias("outputGateBias", outputGateBias, blocks, outputGates && outputGateBiased,
                outputGates ? "biases.outputGates is false" : "outputGates is false");
        if (!Double.isFinite(inputGateWeightShift)) {
            throw bad("inputGateWeightShift", inputGateWeightShift, "must be a finite number");
        }
        if (cellInput == null || cellOutput == null || gradient == null) {
            throw new IllegalArgumentException(KIND + ": cellInput, cellOutput and gradient must not be null");
        }
        if (perStepUpdates && gradient != Lstm1997.GradientMode.TRUNCATED) {
            throw new IllegalArgumentException(KIND + ".update is per-step but gradient is "
                    + gradient.name().toLowerCase(Locale.ROOT) + " (per-step updates use the truncated gradient)");
        }
    }

    private static List<Double> checkGateBias(String field, List<Double> values, int blocks, boolean biased,
            String why) {
        if (values == null) {
            return null;
        }
        if (values.size() != blocks) {
            throw new IllegalArgumentException(KIND + "." + field + " has " + values.size()
                    + " values but blocks is " + blocks);
        }
        if (!biased) {
            throw new IllegalArgumentException(KIND + "." + field + " is " + values + " but " + why);
        }
        for (Double v : values) {
            if (v == null || !Double.isFinite(v)) {
                throw bad(field, values, "must hold finite numbers");
            }
        }
        return List.copyOf(values);
    }

    private static IllegalArgumentException bad(String field, Object value, String rule) {
        return new IllegalArgumentException(KIND + "." + field + " " + rule + ", got " + value);
    }

    /** Parses a settings map as YAML gives it; throws {@link IllegalArgumentException} naming the field. */
    public static Lstm1997Settings parse(Map<String, Object> settings) {
        if (settings == null) {
            throw new IllegalArgumentException(KIND + " needs settings (at least blocks, cellsPerBlock, learningRate)");
        }
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(KIND + " has unknown setting '" + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        Map<String, Object> biases = map(settings, "biases");
        for (String key : biases.keySet()) {
            if (!BIAS_KEYS.contains(key)) {
                throw new IllegalArgumentException(KIND + ".biases has unknown key '" + key
                        + "' (known: cells, inputGates, outputGates, outputs)");
            }
        }
        return new Lstm1997Settings(
                requiredInt(settings, "blocks"),
                requiredInt(settings, "cellsPerBlock"),
                requiredNumber(settings, "learningRate"),
                bool(settings, "outputGates", true, KIND + ".outputGates"),
                choice(settings, "cellInput", Map.of("scaled-sigmoid", Lstm1997.CellInput.SCALED_SIGMOID,
                        "logistic", Lstm1997.CellInput.LOGISTIC), Lstm1997.CellInput.SCALED_SIGMOID),
                choice(settings, "cellOutput", Map.of("scaled-sigmoid", Lstm1997.CellOutput.SCALED_SIGMOID,
                        "identity", Lstm1997.CellOutput.IDENTITY), Lstm1997.CellOutput.SCALED_SIGMOID),
                bool(biases, "cells", true, KIND + ".biases.cells"),
                bool(biases, "inputGates", true, KIND + ".biases.inputGates"),
                bool(biases, "outputGates", true, KIND + ".biases.outputGates"),
                bool(biases, "outputs", true, KIND + ".biases.outputs"),
                settings.containsKey("initRange") ? requiredNumber(settings, "initRange") : 0.1,
                gateBias(settings, "inputGateBias"),
                gateBias(settings, "outputGateBias"),
                settings.containsKey("inputGateWeightShift") ? requiredNumber(settings, "inputGateWeightShift") : 0,
                choice(settings, "gradient", Map.of("truncated", Lstm1997.GradientMode.TRUNCATED,
                        "full", Lstm1997.GradientMode.FULL), Lstm1997.GradientMode.TRUNCATED),
                bool(settings, "recurrent", true, KIND + ".recurrent"),
                bool(settings, "inputToOutput", false, KIND + ".inputToOutput"),
                choice(settings, "update", Map.of("per-sequence", false, "per-step", true), false),
                choice(settings, "outputUnit", Map.of("logistic", false, "linear", true), false),
                choice(settings, "cellsAdded", Map.of("at-start", false, "on-plateau", true), false),
                choice(settings, "addedCellWeights", Map.of("initial", false, "zero", true), false));
    }

    private static int requiredInt(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(KIND + "." + key + " is required");
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue();
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw bad(key, v, "is out of range");
            }
            return (int) l;
        }
        throw bad(key, describe(v), "must be an integer");
    }

    private static double requiredNumber(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(KIND + "." + key + " is required");
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw bad(key, describe(v), "must be a number");
    }

    private static boolean bool(Map<String, Object> m, String key, boolean dflt, String name) {
        Object v = m.get(key);
        if (v == null) {
            if (m.containsKey(key)) {
                throw new IllegalArgumentException(name + " must be true or false, got null");
            }
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(name + " must be true or false, got " + describe(v));
    }

    private static <E> E choice(Map<String, Object> m, String key, Map<String, E> options, E dflt) {
        if (!m.containsKey(key)) {
            return dflt;
        }
        Object v = m.get(key);
        if (v instanceof String s && options.containsKey(s)) {
            return options.get(s);
        }
        throw bad(key, describe(v), "must be one of " + String.join(", ", new java.util.TreeSet<>(options.keySet())));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        if (!m.containsKey(key)) {
            return Map.of();
        }
        Object v = m.get(key);
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw bad(key, describe(v), "must be a map with keys cells, inputGates, outputGates, outputs");
                }
                r.put((String) e.getKey(), e.getValue());
            }
            return r;
        }
        throw bad(key, describe(v), "must be a map with keys cells, inputGates, outputGates, outputs");
    }

    private static List<Double> gateBias(Map<String, Object> m, String key) {
        if (!m.containsKey(key)) {
            return null;
        }
        Object v = m.get(key);
        if ("random".equals(v)) {
            return null;
        }
        if (v instanceof List<?> list) {
            List<Double> r = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof Number n)) {
                    throw bad(key, describe(v), "must be a list of numbers (one per block) or random");
                }
                r.add(n.doubleValue());
            }
            return r;
        }
        throw bad(key, describe(v), "must be a list of numbers (one per block) or random");
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(v);
    }

    /** Number of memory cells. */
    public int cells() {
        return blocks * cellsPerBlock;
    }

    /** Number of hidden units: cells, input gates, output gates. */
    public int hiddenUnits() {
        return cells() + blocks + (outputGates ? blocks : 0);
    }

    /**
     * The paper's weight count, a bias counting as one more input: every hidden unit sees the
     * inputs (and, if recurrent, all hidden units); every output sees the cells (and, with
     * {@code inputToOutput}, the inputs).
     */
    public long parameterCount(int inputSize, int outputSize) {
        long h = hiddenUnits();
        long biased = (cellBias ? cells() : 0) + (inputGateBiased ? blocks : 0)
                + (outputGates && outputGateBiased ? blocks : 0);
        long hiddenParams = h * (inputSize + (recurrent ? h : 0)) + biased;
        long outputFanIn = cells() + (inputToOutput ? inputSize : 0) + (outputBias ? 1 : 0);
        return hiddenParams + (long) outputSize * outputFanIn;
    }

    /** The DL4J layer configuration for an input of width {@code inputSize}. */
    public Lstm1997 layer(int inputSize) {
        Lstm1997.Builder b = new Lstm1997.Builder()
                .nIn(inputSize)
                .blocks(blocks)
                .cellsPerBlock(cellsPerBlock)
                .outputGates(outputGates)
                .cellInput(cellInput)
                .cellOutput(cellOutput)
                .biases(cellBias, inputGateBiased, outputGateBiased)
                .recurrent(recurrent)
                .inputToOutput(inputToOutput)
                .initRange(initRange)
                .inputGateWeightShift(inputGateWeightShift)
                .gradientMode(gradient);
        if (inputGateBias != null) {
            b.inputGateBiasInit(inputGateBias.stream().mapToDouble(Double::doubleValue).toArray());
        }
        if (outputGateBias != null) {
            b.outputGateBiasInit(outputGateBias.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return b.build();
    }

    /** E.g. {@code online SGD, α 0.5, batch 1, truncated gradient}. */
    public String protocol() {
        return "online SGD, α " + number(learningRate) + ", batch 1, "
                + gradient.name().toLowerCase(Locale.ROOT) + " gradient"
                + (perStepUpdates ? ", weights changed every target step" : "")
                + (inputGateWeightShift != 0 ? ", input gates' weights from the inputs shifted by "
                        + number(inputGateWeightShift) : "")
                + (linearOutput ? ", linear output units" : "")
                + (cellsOnPlateau ? ", cells added when the error stops decreasing" : "")
                + (cellsOnPlateau && addedCellsSilent ? " with outgoing weights 0" : "");
    }

    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
