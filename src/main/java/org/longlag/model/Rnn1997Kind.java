package org.longlag.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/**
 * Kind {@code rnn1997}: the paper's gradient baseline, a conventional fully recurrent net of
 * logistic units trained on-line with the exact gradient (RTRL and BPTT compute the same one; this
 * is full BPTT), one sequence per update, activations reset per sequence.
 *
 * <p>Architecture: {@code hidden} sigmoid units, each seeing the inputs, all hidden units at
 * {@code t-1} and a bias; sigmoid outputs seeing the hidden units at {@code t} and a bias. As a DL4J
 * network this is exactly a {@code SimpleRnn} (sigmoid) followed by a sigmoid
 * {@code RnnOutputLayer}, which is how the model is represented (configuration JSON, serialization,
 * listeners); it is trained by the plain-Java {@link RnnKernel} on a copy of that network's
 * parameters, because DL4J's per-call and per-step overheads dominate such tiny nets.
 *
 * <p>Settings:
 * <ul>
 *   <li>{@code hidden} (integer, default 8): number of hidden units;</li>
 *   <li>{@code biases} (boolean, default true): hidden and output units biased;</li>
 *   <li>{@code initRange} (number &gt; 0, default 0.1): every trainable weight drawn uniformly from
 *       [−initRange, initRange];</li>
 *   <li>{@code learningRate} (number &gt; 0, default 1.0): α in Δw = α Σ_t Σ_k (t_k − y_k) ∂y_k/∂w.</li>
 * </ul>
 *
 * <p>Weights: {@code hidden*(in+hidden+b) + out*(hidden+b)} with b = 1 when biased. DL4J's
 * {@code SimpleRnn} has no bias-free variant in 1.0.0-M2.1, so without biases the network keeps a
 * hidden bias vector fixed at zero (never trained, not counted); its DL4J bias updater is then
 * SGD with learning rate 0, so even {@code network.fit} leaves it at zero.
 *
 * <p>The configuration's loss is DL4J's {@code LossL2} (sum of squared errors, gradient
 * {@code 2(y − t)}) with plain SGD at α/2, so that one {@code network.fit} on one sequence makes the
 * same update as the kernel; the kernel is what trains it.
 */
public final class Rnn1997Kind implements ModelKind {
    /** The name used as {@code kind:} in experiment files. */
    public static final String KIND = "rnn1997";

    private static final Set<String> KEYS = Set.of("hidden", "biases", "initRange", "learningRate");

    /** The parsed, checked settings. */
    public record Config(int hidden, boolean biases, double initRange, double learningRate) {
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Parses and checks {@code settings}; messages name the field and the value. */
    public Config parse(Map<String, Object> settings) {
        Settings s = new Settings(KIND, settings);
        s.allowOnly(KEYS);
        return new Config(
                s.integer("hidden", 8, 1, 10_000),
                bool(settings, "biases", true),
                s.number("initRange", 0.1, 0),
                s.number("learningRate", 1.0, 0));
    }

    private static boolean bool(Map<String, Object> settings, String key, boolean defaultValue) {
        Object raw = settings.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (!(raw instanceof Boolean b)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s.%s must be true or false, got %s", KIND, key, raw));
        }
        return b;
    }

    private static void checkSizes(int inputSize, int outputSize) {
        if (inputSize < 1) {
            throw new IllegalArgumentException(KIND + ": inputSize must be positive, got " + inputSize);
        }
        if (outputSize < 1) {
            throw new IllegalArgumentException(KIND + ": outputSize must be positive, got " + outputSize);
        }
    }

    @Override
    public void validate(Map<String, Object> settings, int inputSize, int outputSize) {
        checkSizes(inputSize, outputSize);
        parse(settings);
    }

    @Override
    public long parameterCount(Map<String, Object> settings, int inputSize, int outputSize) {
        Config c = parse(settings);
        return RnnKernel.trainableCount(inputSize, c.hidden(), outputSize, c.biases());
    }

    @Override
    public String protocol(Map<String, Object> settings) {
        Config c = parse(settings);
        return String.format(Locale.ROOT, "RNN %d sigmoid units%s, online SGD, lr %s, batch 1, full BPTT",
                c.hidden(), c.biases() ? "" : " no biases", c.learningRate());
    }

    @Override
    public Rnn1997Model create(Map<String, Object> settings, int inputSize, int outputSize, long seed) {
        checkSizes(inputSize, outputSize);
        Config c = parse(settings);
        MultiLayerNetwork network = network(c, inputSize, outputSize, seed);
        RnnKernel kernel = new RnnKernel(inputSize, c.hidden(), outputSize, c.biases());
        double[] p = kernel.params();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < p.length; i++) {
            p[i] = kernel.isTrainable(i) ? rng.nextDouble(-c.initRange(), c.initRange()) : 0.0;
        }
        return new Rnn1997Model(network, kernel, c.learningRate());
    }

    /**
     * The DL4J network of these settings, in double precision, with DL4J's own initial weights
     * (the model overwrites them with its seeded uniform draw).
     */
    public static MultiLayerNetwork network(Config c, int inputSize, int outputSize, long seed) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(c, inputSize, outputSize, seed));
        network.init();
        return network;
    }

    /** The DL4J configuration: sigmoid {@code SimpleRnn} + sigmoid {@code RnnOutputLayer}, L2 loss, SGD α/2. */
    public static MultiLayerConfiguration configuration(Config c, int inputSize, int outputSize, long seed) {
        SimpleRnn.Builder recurrent = new SimpleRnn.Builder()
                .nIn(inputSize).nOut(c.hidden())
                .activation(Activation.SIGMOID)
                .biasInit(0.0);
        if (!c.biases()) {
            // NoOp would apply the raw gradient (it only skips the transformation); SGD at 0 freezes.
            recurrent.biasUpdater(new Sgd(0.0));
        }
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.UNIFORM)
                .updater(new Sgd(c.learningRate() / 2))
                .list()
                .layer(recurrent.build())
                .layer(new RnnOutputLayer.Builder(new LossL2())
                        .activation(Activation.SIGMOID)
                        .hasBias(c.biases())
                        .nIn(c.hidden()).nOut(outputSize)
                        .build())
                .build();
    }

    /** Copies {@code params} (DL4J layout) into {@code network}. */
    static void copyInto(double[] params, MultiLayerNetwork network) {
        network.setParams(Nd4j.createFromArray(params).reshape(1, params.length));
    }
}
