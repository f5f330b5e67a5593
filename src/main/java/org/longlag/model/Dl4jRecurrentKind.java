package org.longlag.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's built-in recurrent layers as a DL4J user would write them today: one {@code LSTM} (kind
 * {@code lstm}, with forget gate) or {@code SimpleRnn} (kind {@code rnn}, tanh) layer, a sigmoid
 * {@code RnnOutputLayer} with mean squared error, trained in minibatches.
 *
 * <p>Settings: {@code hidden} (units), {@code batch} (sequences per update), {@code optimizer}
 * ({@code adam}, {@code rmsprop}, {@code sgd}), {@code learningRate}, {@code clip} (element-wise
 * gradient clipping threshold, 0 for none), {@code outputActivation} ({@code sigmoid} or
 * {@code identity}), {@code engine}; for {@code lstm} also {@code forgetGateBias}, the forget
 * gate's initial bias (DL4J's {@code forgetGateBiasInit}, default 1.0: a gate that starts open
 * keeps the cell's memory and its gradient alive over long lags while the rest learns);
 * {@code denormals} ({@code keep}, the default, or {@code flush}, composed engine only): whether the
 * backward pass turns gradients below about 5e-26, denormals among them, into zero, see
 * {@link ComposedRecurrentModel}.
 *
 * <p>{@code engine} chooses how DL4J runs the same network. {@code fused}: libnd4j's
 * fused LSTM cell ops, one native op per time step of each pass ({@link FusedCellModel}).
 * {@code layers}: a {@link MultiLayerNetwork} with the {@code LSTM} or {@code SimpleRnn} layer, which
 * issues a few dozen small ND4J ops per step ({@link Dl4jMinibatchModel}). {@code composed} (the default, the fastest at every size measured): the
 * same network as ND4J's general ops on preallocated feature-major buffers, one matrix product and
 * a few element-wise ops per step forward ({@link ComposedRecurrentModel}; the {@code rnn} a real
 * tanh RNN). All start from the same weights for the same seed (the other models copy those of the
 * layer network they would have been) and compute the same outputs, loss and update:
 * {@code Dl4jEngineAgreementTest} checks outputs and training steps against each other in double
 * precision. The fused and composed engines train faster (README, "Speed"); {@code layers} stays
 * for comparison.
 */
public final class Dl4jRecurrentKind implements ModelKind {
    private static final Set<String> KEYS =
            Set.of("hidden", "batch", "optimizer", "learningRate", "clip", "outputActivation", "engine",
                    "denormals");
    private static final Set<String> LSTM_KEYS = union(KEYS, "forgetGateBias");

    /** DL4J's own initial forget-gate bias ({@code LSTM.Builder}'s default), used when none is set. */
    static final double DEFAULT_FORGET_GATE_BIAS = 1.0;

    /** The engine a model runs on when its settings name none. */
    public static final String DEFAULT_ENGINE = "composed";

    private final String name;
    private final boolean lstm;

    private Dl4jRecurrentKind(String name, boolean lstm) {
        this.name = name;
        this.lstm = lstm;
    }

    /** Kind {@code lstm}: DL4J's {@code LSTM} layer. */
    public static Dl4jRecurrentKind lstm() {
        return new Dl4jRecurrentKind("lstm", true);
    }

    /** Kind {@code rnn}: DL4J's {@code SimpleRnn} layer. */
    public static Dl4jRecurrentKind simpleRnn() {
        return new Dl4jRecurrentKind("rnn", false);
    }

    /** Settings only the composed engine has: {@link #onEngine} drops them for the other engines. */
    private static final Set<String> COMPOSED_ONLY_KEYS = Set.of("denormals");

    /**
     * {@code settings} moved to {@code engine}: the engine set, and the composed engine's own
     * settings ({@code denormals}) dropped on the other engines, which would refuse them.
     */
    public static Map<String, Object> onEngine(Map<String, Object> settings, String engine) {
        Map<String, Object> moved = new java.util.HashMap<>(settings);
        moved.put("engine", engine);
        if (!"composed".equals(engine)) {
            moved.keySet().removeAll(COMPOSED_ONLY_KEYS);
        }
        return Map.copyOf(moved);
    }

    /** The parsed settings of this kind. */
    record Config(int hidden, int batch, String optimizer, double learningRate, double clip, String outputActivation,
            String engine, double forgetGateBias, boolean flushDenormals) {
    }

    private static Set<String> union(Set<String> keys, String extra) {
        Set<String> all = new java.util.HashSet<>(keys);
        all.add(extra);
        return Set.copyOf(all);
    }

    Config parse(Map<String, Object> settings) {
        Settings s = new Settings(name, settings);
        s.allowOnly(lstm ? LSTM_KEYS : KEYS);
        Config c = new Config(
                s.integer("hidden", 8, 1, 100_000),
                s.integer("batch", 32, 1, 100_000),
                s.choice("optimizer", "adam", Set.of("adam", "rmsprop", "sgd")),
                s.number("learningRate", 0.01, 0),
                s.number("clip", 0, -Double.MIN_VALUE),
                s.choice("outputActivation", "sigmoid", Set.of("sigmoid", "identity")),
                s.choice("engine", DEFAULT_ENGINE, Set.of("fused", "layers", "composed")),
                s.number("forgetGateBias", DEFAULT_FORGET_GATE_BIAS, Double.NEGATIVE_INFINITY),
                "flush".equals(s.choice("denormals", "keep", Set.of("keep", "flush"))));
        if (c.flushDenormals() && !"composed".equals(c.engine())) {
            throw new IllegalArgumentException(name + ": denormals: flush needs engine composed, got engine "
                    + c.engine());
        }
        return c;
    }

    @Override
    public String kind() {
        return name;
    }

    /** The engine is part of the effective settings: trials of the two engines are not bit-identical. */
    @Override
    public Map<String, Object> effectiveSettings(Map<String, Object> settings) {
        if (settings.containsKey("engine")) {
            return settings;
        }
        Map<String, Object> effective = new java.util.LinkedHashMap<>(settings);
        effective.put("engine", DEFAULT_ENGINE);
        return effective;
    }

    @Override
    public void validate(Map<String, Object> settings, int inputSize, int outputSize) {
        parse(settings);
    }

    @Override
    public long parameterCount(Map<String, Object> settings, int inputSize, int outputSize) {
        long h = parse(settings).hidden();
        long gates = lstm ? 4 : 1;
        long recurrent = gates * h * (inputSize + h + 1);
        return recurrent + outputSize * (h + 1);
    }

    @Override
    public String protocol(Map<String, Object> settings) {
        Config c = parse(settings);
        // The layer engine keeps the protocol its trials were recorded under; the other engines say
        // which they are, since trials of different engines are not bit-identical in single precision.
        return String.format(Locale.ROOT, "DL4J %s %d units, %s lr %s, batch %d%s%s%s%s%s",
                lstm ? "LSTM" : "SimpleRnn", c.hidden(), c.optimizer(), c.learningRate(), c.batch(),
                c.clip() > 0 ? ", clip " + c.clip() : "",
                "sigmoid".equals(c.outputActivation()) ? "" : ", " + c.outputActivation() + " output",
                // Said only when set, so the lines recorded under DL4J's default keep their protocol.
                settings.containsKey("forgetGateBias") ? ", forget-gate bias " + c.forgetGateBias() : "",
                engineNote(c.engine()),
                c.flushDenormals() ? ", denormals flushed" : "");
    }

    private String engineNote(String engine) {
        return switch (engine) {
            case "fused" -> lstm ? ", fused LSTM cell ops" : ", fused LSTM cell ops as tanh RNN";
            case "composed" -> ", composed ND4J ops";
            default -> "";
        };
    }

    @Override
    public SequenceModel create(Map<String, Object> settings, int inputSize, int outputSize, long seed) {
        return create(settings, inputSize, outputSize, seed, DataType.FLOAT);
    }

    /** {@link #create} with parameters and activations of {@code dataType} (tests use double precision). */
    SequenceModel create(Map<String, Object> settings, int inputSize, int outputSize, long seed, DataType dataType) {
        Config c = parse(settings);
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(c, inputSize, outputSize, seed, dataType));
        network.init();
        if ("layers".equals(c.engine())) {
            return new Dl4jMinibatchModel(network, c.batch());
        }
        if ("composed".equals(c.engine())) {
            return ComposedRecurrentModel.fromNetwork(network, lstm, "sigmoid".equals(c.outputActivation()), c.batch(),
                    updater(c), c.clip(), c.flushDenormals());
        }
        return FusedCellModel.fromNetwork(network,
                lstm ? FusedCellModel.Cell.LSTM : FusedCellModel.Cell.TANH_RNN,
                "sigmoid".equals(c.outputActivation()), c.batch(), updater(c), c.clip());
    }

    private MultiLayerConfiguration configuration(Config c, int inputSize, int outputSize, long seed,
            DataType dataType) {
        BaseRecurrentLayer recurrent = lstm
                ? new LSTM.Builder().nIn(inputSize).nOut(c.hidden()).activation(Activation.TANH)
                        .forgetGateBiasInit(c.forgetGateBias()).build()
                : new SimpleRnn.Builder().nIn(inputSize).nOut(c.hidden()).activation(Activation.TANH).build();
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .weightInit(WeightInit.XAVIER)
                // Without training workspaces the activations of fit's forward pass outlive it, so the
                // model can judge each batch by them instead of a second pass (see Dl4jMinibatchModel).
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .updater(updater(c));
        if (c.clip() > 0) {
            builder.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                    .gradientNormalizationThreshold(c.clip());
        }
        return builder.list()
                .layer(recurrent)
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation("sigmoid".equals(c.outputActivation()) ? Activation.SIGMOID : Activation.IDENTITY)
                        .nIn(c.hidden()).nOut(outputSize).build())
                .build();
    }

    private static IUpdater updater(Config c) {
        return switch (c.optimizer()) {
            case "adam" -> new Adam(c.learningRate());
            case "rmsprop" -> new RmsProp(c.learningRate());
            default -> new Sgd(c.learningRate());
        };
    }
}
