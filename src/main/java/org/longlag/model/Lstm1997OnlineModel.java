package org.longlag.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.longlag.model.layer.Lstm1997;
import org.longlag.model.layer.Lstm1997Kernel;
import org.longlag.model.layer.Lstm1997ParamInitializer;
import org.longlag.model.layer.RnnOutputLayerNoBias;
import org.longlag.task.Sequence;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/**
 * The paper's network trained with the paper's protocol: on-line, one sequence at a time, plain
 * gradient descent with learning rate α, one update per sequence summing the contributions of
 * all its steps, activations reset to 0 before each sequence. With {@code update: per-step} the
 * weights change after every target step instead ({@link Lstm1997RealTimeLearner}); the outputs
 * it reports for a step are then those before that step's own change.
 *
 * <p>The model holds a {@link MultiLayerNetwork} ({@link Lstm1997} layer, then a sigmoid
 * {@link RnnOutputLayer} with {@link LossL2}) for its configuration, serialisation and any DL4J
 * tooling, but trains and predicts on a Java copy of the network's parameters through
 * {@link Lstm1997Kernel} plus a few lines for the output layer: a {@code fit} call per sequence
 * would cost about 1.3 ms of fixed overhead, more than a whole 1000-step sequence takes here.
 * {@link #network()} writes the Java copy back first.
 *
 * <h2>α in DL4J terms</h2>
 *
 * <p>The paper's update is {@code Δw = α Σ_t Σ_k (t_k − y_k) ∂y_k/∂w}, gradient descent on
 * {@code E = ½ Σ_t Σ_k (t_k − y_k)²}. DL4J's {@code LossL2} is {@code Σ_k (t_k − y_k)²} per step
 * (no mean over outputs, unlike {@code LossMSE}), i.e. {@code 2E}; so the network's updater is
 * {@code Sgd(α/2)}, and {@code net.fit} on one sequence makes exactly the paper's update (DL4J
 * divides by the minibatch size, 1). The Java path uses α on {@code ∂E/∂w} directly; a test pins
 * that both paths make the same update.
 *
 * <p>Initial parameters come from {@code SplittableRandom(seed)}: all weights and biases of both
 * layers uniform in {@code [−initRange, initRange]} (the paper treats a bias as a weight), then
 * the gate biases the settings fix. Not thread-safe.
 */
public final class Lstm1997OnlineModel implements SequenceModel {

    private final Lstm1997Settings settings;
    private final int inputSize;
    private final int outputSize;
    private final MultiLayerNetwork net;
    private final Lstm1997Kernel kernel;
    private final boolean truncated;
    private final double alpha;
    private final int cells;
    private final int hiddenUnits;
    private final Lstm1997Outputs out;
    private final double[] params;
    private final double[] grad;
    private double[] dyc = new double[0];
    private double[][] rows = new double[0][];
    private final Lstm1997RealTimeLearner realTime;
    private final Lstm1997Diagnostics diagnostics;
    private final CellSchedule schedule;
    private boolean networkStale;

    /** A fresh network for tasks of these widths, every random choice from {@code seed}. */
    public Lstm1997OnlineModel(Lstm1997Settings settings, int inputSize, int outputSize, long seed) {
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("lstm1997 needs input and output widths >= 1, got "
                    + inputSize + " and " + outputSize);
        }
        this.settings = settings;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.net = new MultiLayerNetwork(configuration(settings, inputSize, outputSize, seed));
        net.init();
        Lstm1997 layer = (Lstm1997) net.getLayerWiseConfigurations().getConf(0).getLayer();
        this.kernel = new Lstm1997Kernel(layer);
        this.truncated = settings.gradient() == Lstm1997.GradientMode.TRUNCATED;
        this.alpha = settings.learningRate();
        this.cells = kernel.cells();
        this.hiddenUnits = kernel.hiddenUnits();
        this.out = Lstm1997Outputs.after(kernel.numParams(), cells, inputSize, outputSize, settings.outputBias(),
                settings.inputToOutput(), settings.linearOutput());
        int n = out.end();
        if (n != net.numParams() || n != settings.parameterCount(inputSize, outputSize)) {
            throw new IllegalStateException("parameter layout mismatch: " + n + " vs network " + net.numParams()
                    + " vs formula " + settings.parameterCount(inputSize, outputSize));
        }
        this.params = new double[n];
        this.grad = new double[n];
        SplittableRandom rng = new SplittableRandom(seed);
        double r = settings.initRange();
        for (int i = 0; i < n; i++) {
            params[i] = r == 0 ? 0.0 : rng.nextDouble(-r, r);
        }
        Lstm1997ParamInitializer.applyGateInitialisation(layer, params, 0);
        this.diagnostics = new Lstm1997Diagnostics(cells, kernel.blocks(), kernel.hasOutputGates());
        this.schedule = settings.cellsOnPlateau() ? new CellSchedule(out, params, settings.addedCellsSilent())
                : null;
        this.realTime = settings.perStepUpdates()
                ? new Lstm1997RealTimeLearner(kernel, out, alpha, diagnostics)
                : null;
        networkStale = true;
        network();
    }

    /**
     * The DL4J configuration: the {@link Lstm1997} layer, a sigmoid {@link RnnOutputLayer} with
     * {@link LossL2} ({@link RnnOutputLayerNoBias} when outputs are unbiased, working around a
     * DL4J bug), double precision, {@code Sgd(α/2)} (see the class comment).
     */
    public static MultiLayerConfiguration configuration(Lstm1997Settings s, int inputSize, int outputSize,
            long seed) {
        Lstm1997 layer = s.layer(inputSize);
        double r = s.initRange();
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(new LossL2())
                .activation(s.linearOutput() ? Activation.IDENTITY : Activation.SIGMOID)
                .nIn(layer.getNOut())
                .nOut(outputSize)
                .hasBias(s.outputBias());
        if (r > 0) {
            out.weightInit(new UniformDistribution(-r, r));
        } else {
            out.weightInit(WeightInit.ZERO);
        }
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(s.learningRate() / 2))
                .list()
                .layer(layer)
                .layer(s.outputBias() ? out.build() : RnnOutputLayerNoBias.of(out.build()))
                .setInputType(InputType.recurrent(inputSize))
                .build();
    }

    /** The settings this model was built from. */
    public Lstm1997Settings settings() {
        return settings;
    }

    /** The DL4J network, with the parameters of the latest update. */
    public MultiLayerNetwork network() {
        if (networkStale) {
            INDArray p = net.params();
            p.assign(Nd4j.createFromArray(params).reshape(p.shape()));
            networkStale = false;
        }
        return net;
    }

    /** Reloads the Java copy of the parameters from the network (after changing it through DL4J). */
    public void reloadFromNetwork() {
        double[] p = net.params().dup().reshape(net.numParams()).toDoubleVector();
        System.arraycopy(p, 0, params, 0, params.length);
        networkStale = false;
    }

    /** A copy of the current parameters in the network's flat order. */
    public double[] parameters() {
        return params.clone();
    }

    @Override
    public List<double[][]> train(List<Sequence> batch) {
        List<double[][]> outputs = new ArrayList<>(batch.size());
        networkStale = true;
        if (realTime != null) {
            Runnable afterStep = schedule == null ? null : () -> schedule.holdOut(params);
            for (Sequence s : batch) {
                checkWidths(s);
                double[][] o = realTime.train(s, params, afterStep);
                outputs.add(o);
                followSchedule(s, o);
            }
            return outputs;
        }
        for (Sequence s : batch) {
            outputs.add(run(s, true));
        }
        final double[] p = params;
        final double[] g = grad;
        final double a = alpha;
        for (int i = 0; i < p.length; i++) {
            p[i] -= a * g[i];
            g[i] = 0.0;
        }
        for (int i = 0; i < batch.size(); i++) {
            followSchedule(batch.get(i), outputs.get(i));
        }
        return outputs;
    }

    /** With {@code cellsAdded: on-plateau}: keeps the cells out until the error stops decreasing. */
    private void followSchedule(Sequence s, double[][] outputs) {
        if (schedule == null || schedule.added()) {
            return;
        }
        double sum = 0;
        int n = 0;
        for (int t = 0; t < s.length(); t++) {
            double[] target = s.target(t);
            if (target != null) {
                for (int k = 0; k < target.length; k++) {
                    double d = outputs[t][k] - target[k];
                    sum += d * d;
                    n++;
                }
            }
        }
        schedule.afterUpdate(n == 0 ? 0.0 : sum / n, params);
    }

    /** Cell-state size, gate activity and largest weight since the last call ({@link Lstm1997Diagnostics}). */
    @Override
    public Map<String, Double> takeDiagnostics() {
        Map<String, Double> snapshot = diagnostics.take(params);
        if (schedule != null) {
            snapshot.put("cellsAdded", schedule.added() ? 1.0 : 0.0);
        }
        return snapshot;
    }

    @Override
    public List<double[][]> predict(List<Sequence> sequences) {
        List<double[][]> outputs = new ArrayList<>(sequences.size());
        for (Sequence s : sequences) {
            outputs.add(run(s, false));
        }
        return outputs;
    }

    @Override
    public int batchSize() {
        return 1;
    }

    @Override
    public long parameterCount() {
        return params.length;
    }

    private void checkWidths(Sequence seq) {
        for (int t = 0; t < seq.length(); t++) {
            if (seq.input(t).length != inputSize) {
                throw new IllegalArgumentException("step " + t + " has " + seq.input(t).length
                        + " inputs, the network " + inputSize);
            }
        }
    }

    /** Forward pass, outputs at the target steps, and (if learning) ∂E/∂w accumulated into grad. */
    private double[][] run(Sequence seq, boolean learn) {
        final int len = seq.length();
        if (rows.length < len) {
            rows = new double[Math.max(len, rows.length + rows.length / 2)][];
            dyc = new double[rows.length * cells];
        }
        checkWidths(seq);
        for (int t = 0; t < len; t++) {
            rows[t] = seq.input(t);
        }
        final double[] p = params;
        final double[] g = grad;
        kernel.forward(p, 0, rows, len, null, 0);
        final double[] y = kernel.activations();
        if (learn) {
            record(len);
        }
        final int[] nz = kernel.nonZeroInputIndices();
        final int C = cells;
        final int H = hiddenUnits;
        if (learn) {
            Arrays.fill(dyc, 0, len * C, 0.0);
        }
        double[][] outputs = new double[len][];
        int last = -1;
        for (int t = 0; t < len; t++) {
            double[] target = seq.target(t);
            if (target == null) {
                continue;
            }
            last = t;
            double[] o = new double[outputSize];
            final int yRow = (t + 1) * H;
            final double[] x = rows[t];
            final int nzFrom = kernel.nonZeroStart(t);
            final int nzTo = kernel.nonZeroStart(t + 1);
            final int e = t * C;
            for (int k = 0; k < outputSize; k++) {
                final double ok = out.activation(p, k, y, yRow, x, nz, nzFrom, nzTo);
                o[k] = ok;
                if (learn) {
                    final double d = out.delta(ok, target[k]);
                    if (d == 0.0) {
                        continue;
                    }
                    out.addScaledInputs(g, k, d, y, yRow, x, nz, nzFrom, nzTo);
                    for (int c = 0; c < C; c++) {
                        dyc[e + c] += p[out.cellWeight(k, c)] * d;
                    }
                }
            }
            outputs[t] = o;
        }
        if (learn && last >= 0) {
            kernel.backward(p, 0, dyc, 0, C, g, 0, null, 0, last, truncated);
        }
        return outputs;
    }

    /** Adds the sequence just run forward to the diagnostics. */
    private void record(int len) {
        for (int t = 0; t < len; t++) {
            diagnostics.addStep(kernel.activations(), (t + 1) * hiddenUnits);
        }
        diagnostics.addFinalState(kernel.states(), len * cells);
    }

    @Override
    public String toString() {
        return "Lstm1997OnlineModel[" + settings + ", inputs=" + inputSize + ", outputs=" + outputSize
                + ", parameters=" + params.length + "]";
    }
}
