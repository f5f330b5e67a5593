package org.longlag.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/**
 * Kind {@code rnn1997}: the paper's gradient baseline, a conventional recurrent net of logistic
 * units trained on-line with the exact gradient, activations reset per sequence: by default one
 * update per sequence by full BPTT (RTRL computes the same gradient when the weights stay fixed
 * for the sequence), or with {@code update: per-step} RTRL as the paper ran it, a change after
 * every target step.
 *
 * <p>Architecture (default, {@code topology: layered}): {@code hidden} sigmoid units, each seeing
 * the inputs, all hidden units at {@code t-1} and a bias; sigmoid outputs seeing the hidden units at
 * {@code t} and a bias. As a DL4J network this is exactly a {@code SimpleRnn} (sigmoid) followed by
 * a sigmoid {@code RnnOutputLayer}, which is how the model is represented (configuration JSON,
 * serialization, listeners); it is trained by the plain-Java {@link RnnKernel} on a copy of that
 * network's parameters, because DL4J's per-call and per-step overheads dominate such tiny nets.
 *
 * <p>The paper's baseline weight counts need two variants, both here:
 * <ul>
 *   <li>{@code topology: fully-recurrent}: the output units are recurrent units too (Williams and
 *       Zipser's net: every non-input unit sees the inputs and all non-input units at t−1).
 *       Table 1's RTRL nets: 7 in, 7 out, no biases, 3 hidden → 10·17 = 170 weights, 12 hidden →
 *       19·26 = 494. DL4J: a {@code SimpleRnn} of hidden+outputs units and an identity
 *       {@code RnnOutputLayer} holding a fixed selection matrix (updater SGD at 0, not counted).</li>
 *   <li>{@code inputToOutput: true} (layered only): the output units also see the inputs at
 *       {@code t}. Table 2's RTRL/BPTT nets: p+1 in and out, 1 hidden unit, no biases →
 *       (p+1)(p+2) + (p+2) = (p+2)² weights: 36 (p=4), 144 (p=10), 10,404 (p=100). DL4J: a
 *       {@code ComputationGraph} whose output layer reads the inputs merged with the hidden units
 *       (a {@code MultiLayerNetwork} cannot skip a layer).</li>
 * </ul>
 *
 * <p>Settings:
 * <ul>
 *   <li>{@code hidden} (integer, default 8): hidden units (not counting output units);</li>
 *   <li>{@code biases} (boolean, default true): every non-input unit biased;</li>
 *   <li>{@code initRange} (number &gt; 0, default 0.1): every trainable weight drawn uniformly from
 *       [−initRange, initRange];</li>
 *   <li>{@code learningRate} (number &gt; 0, default 1.0): α in Δw = α Σ_t Σ_k (t_k − y_k) ∂y_k/∂w;</li>
 *   <li>{@code topology} ({@code layered} or {@code fully-recurrent}, default layered);</li>
 *   <li>{@code inputToOutput} (boolean, default false, layered only);</li>
 *   <li>{@code update} ({@code per-sequence} or {@code per-step}, default per-sequence): one change
 *       per sequence by full BPTT, or the paper's real-time learning, a change after every target
 *       step ({@link RnnRealTimeLearner}).</li>
 * </ul>
 *
 * <p>Without biases the DL4J network still holds bias vectors, fixed at zero (never trained, not
 * counted): {@code SimpleRnn} has no bias-free variant in 1.0.0-M2.1, and an {@code RnnOutputLayer}
 * built with {@code hasBias(false)} throws a NullPointerException in {@code output()} (its
 * inference path adds the bias unconditionally). Their DL4J bias updater is SGD with learning rate
 * 0, so even a DL4J {@code fit} leaves them at zero.
 *
 * <p>The configuration's loss is DL4J's {@code LossL2} (sum of squared errors, gradient
 * {@code 2(y − t)}) with plain SGD at α/2, so that one DL4J {@code fit} on one sequence makes the
 * same update as the kernel; the kernel is what trains it.
 */
public final class Rnn1997Kind implements ModelKind {
    /** The name used as {@code kind:} in experiment files. */
    public static final String KIND = "rnn1997";

    private static final Set<String> KEYS =
            Set.of("hidden", "biases", "initRange", "learningRate", "topology", "inputToOutput", "update");
    private static final Map<String, Boolean> UPDATES = Map.of("per-sequence", false, "per-step", true);
    private static final Map<String, RnnKernel.Topology> TOPOLOGIES =
            Map.of("layered", RnnKernel.Topology.LAYERED, "fully-recurrent", RnnKernel.Topology.FULLY_RECURRENT);

    /** The parsed, checked settings. */
    public record Config(int hidden, boolean biases, double initRange, double learningRate,
            RnnKernel.Topology topology, boolean inputToOutput, boolean perStepUpdates) {

        /** A layered net without input-to-output connections, updated per sequence. */
        public Config(int hidden, boolean biases, double initRange, double learningRate) {
            this(hidden, biases, initRange, learningRate, RnnKernel.Topology.LAYERED, false, false);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Parses and checks {@code settings}; messages name the field and the value. */
    public Config parse(Map<String, Object> settings) {
        Settings s = new Settings(KIND, settings);
        s.allowOnly(KEYS);
        RnnKernel.Topology topology = TOPOLOGIES.get(s.choice("topology", "layered", TOPOLOGIES.keySet()));
        boolean layered = topology == RnnKernel.Topology.LAYERED;
        Config c = new Config(
                s.integer("hidden", 8, layered ? 1 : 0, 10_000),
                bool(settings, "biases", true),
                s.number("initRange", 0.1, 0),
                s.number("learningRate", 1.0, 0),
                topology,
                bool(settings, "inputToOutput", false),
                UPDATES.get(s.choice("update", "per-sequence", UPDATES.keySet())));
        if (c.inputToOutput() && !layered) {
            throw new IllegalArgumentException(KIND + ".inputToOutput is true but topology is fully-recurrent "
                    + "(whose outputs already see the inputs)");
        }
        return c;
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
        return RnnKernel.trainableCount(inputSize, c.hidden(), outputSize, c.biases(), c.topology(),
                c.inputToOutput());
    }

    @Override
    public String protocol(Map<String, Object> settings) {
        Config c = parse(settings);
        String net = c.topology() == RnnKernel.Topology.FULLY_RECURRENT
                ? String.format(Locale.ROOT, "fully recurrent RNN, %d hidden + output sigmoid units", c.hidden())
                : String.format(Locale.ROOT, "RNN %d sigmoid units%s", c.hidden(),
                        c.inputToOutput() ? " + input-to-output" : "");
        return String.format(Locale.ROOT, "%s%s, online SGD, α %s, batch 1, %s",
                net, c.biases() ? "" : ", no biases", c.learningRate(),
                c.perStepUpdates() ? "RTRL, weights changed after every target step" : "full BPTT");
    }

    @Override
    public Rnn1997Model create(Map<String, Object> settings, int inputSize, int outputSize, long seed) {
        checkSizes(inputSize, outputSize);
        Config c = parse(settings);
        Model network = network(c, inputSize, outputSize, seed);
        RnnKernel kernel = new RnnKernel(inputSize, c.hidden(), outputSize, c.biases(), c.topology(),
                c.inputToOutput());
        double[] p = kernel.params();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < p.length; i++) {
            if (kernel.isTrainable(i)) {
                p[i] = rng.nextDouble(-c.initRange(), c.initRange());
            }
        }
        return new Rnn1997Model(network, kernel, c.learningRate(), c.perStepUpdates());
    }

    /**
     * The initialised DL4J network of these settings, in double precision: a
     * {@code MultiLayerNetwork}, or a {@code ComputationGraph} with {@code inputToOutput}. Its
     * weights are DL4J's own; the model overwrites them with its seeded draw.
     */
    public static Model network(Config c, int inputSize, int outputSize, long seed) {
        if (c.inputToOutput()) {
            ComputationGraph graph = new ComputationGraph(graphConfiguration(c, inputSize, outputSize, seed));
            graph.init();
            return graph;
        }
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(c, inputSize, outputSize, seed));
        network.init();
        return network;
    }

    private static SimpleRnn recurrentLayer(Config c, int inputSize, int outputSize) {
        int units = c.topology() == RnnKernel.Topology.LAYERED ? c.hidden() : c.hidden() + outputSize;
        SimpleRnn.Builder recurrent = new SimpleRnn.Builder()
                .nIn(inputSize).nOut(units)
                .activation(Activation.SIGMOID)
                .biasInit(0.0);
        if (!c.biases()) {
            // NoOp would apply the raw gradient (it only skips the transformation); SGD at 0 freezes.
            recurrent.biasUpdater(new Sgd(0.0));
        }
        return recurrent.build();
    }

    private static NeuralNetConfiguration.Builder base(Config c, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.UNIFORM)
                .updater(new Sgd(c.learningRate() / 2));
    }

    /**
     * The {@code MultiLayerNetwork} configuration (not for {@code inputToOutput}): sigmoid
     * {@code SimpleRnn}, then a sigmoid {@code RnnOutputLayer} (layered) or an identity one with
     * frozen selection weights (fully recurrent); L2 loss, SGD α/2.
     */
    public static MultiLayerConfiguration configuration(Config c, int inputSize, int outputSize, long seed) {
        if (c.inputToOutput()) {
            throw new IllegalArgumentException("inputToOutput needs a ComputationGraph: use graphConfiguration");
        }
        RnnOutputLayer.Builder output = new RnnOutputLayer.Builder(new LossL2()).nOut(outputSize).biasInit(0.0);
        if (c.topology() == RnnKernel.Topology.LAYERED) {
            output.activation(Activation.SIGMOID).nIn(c.hidden());
            if (!c.biases()) {
                output.biasUpdater(new Sgd(0.0));
            }
        } else {
            output.activation(Activation.IDENTITY).nIn(c.hidden() + outputSize).updater(new Sgd(0.0));
        }
        return base(c, seed).list()
                .layer(recurrentLayer(c, inputSize, outputSize))
                .layer(output.build())
                .build();
    }

    /**
     * The {@code ComputationGraph} configuration of {@code inputToOutput}: input → sigmoid
     * {@code SimpleRnn} "rnn"; the input merged with "rnn" (inputs first) → sigmoid
     * {@code RnnOutputLayer} "out"; L2 loss, SGD α/2.
     */
    public static ComputationGraphConfiguration graphConfiguration(Config c, int inputSize, int outputSize,
            long seed) {
        RnnOutputLayer.Builder output = new RnnOutputLayer.Builder(new LossL2())
                .activation(Activation.SIGMOID)
                .biasInit(0.0)
                .nIn(inputSize + c.hidden()).nOut(outputSize);
        if (!c.biases()) {
            output.biasUpdater(new Sgd(0.0));
        }
        return base(c, seed).graphBuilder()
                .addInputs("in")
                .addLayer("rnn", recurrentLayer(c, inputSize, outputSize), "in")
                .addVertex("merge", new MergeVertex(), "in", "rnn")
                .addLayer("out", output.build(), "merge")
                .setOutputs("out")
                // without input types DL4J's shape check rejects the merged input of the output layer
                .setInputTypes(InputType.recurrent(inputSize))
                .build();
    }

    /** Copies {@code params} (DL4J layout) into {@code network}. */
    static void copyInto(double[] params, Model network) {
        network.setParams(Nd4j.createFromArray(params).reshape(1, params.length));
    }
}
