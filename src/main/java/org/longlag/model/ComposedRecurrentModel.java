package org.longlag.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.longlag.task.Sequence;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The {@code lstm} and {@code rnn} models composed of ND4J's general ops (matrix products,
 * {@code tanh}, {@code sigmoid}, element-wise products and sums), laid out so that each time step
 * costs one matrix product and a few element-wise ops forward, and two products and about a dozen
 * element-wise ops backward. Same network, loss, initial weights, clipping and updaters as
 * {@link FusedCellModel} and {@link Dl4jMinibatchModel}; {@code Dl4jEngineAgreementTest} checks
 * outputs and updates against the layer network in double precision.
 *
 * <p>Layout: every per-step array is feature-major, {@code [features, batch]}, so that the
 * blocks one op works on (a gate, a group of gates, a step's hidden state) are contiguous
 * memory. libnd4j's element-wise ops take a slow path on strided views (measured 4 to 28 ns
 * per element against 0.2 to 0.4 on contiguous arrays), and a batch-major layout would make
 * every gate block a strided view.
 * <ul>
 * <li>Column {@code s_t = [h_{t-1}; x_t; 1]} ({@code [K, batch]}, one slice of {@code [T + 1, K,
 * batch]}): a step's pre-activations are one product {@code W^T s_t} with {@code W = [R; W_x; b]}
 * ({@code [K, gates]}), recurrent and input weights and bias in one; the product writes its
 * result straight into the next column's hidden rows (RNN) or the step's gate block (LSTM).
 * The weight gradient is then {@code sum_t s_t dz_t^T}, one product per step, and the
 * gradients of {@code R}, {@code W_x} and {@code b} are row blocks of it.</li>
 * <li>LSTM gates in DL4J's own order {@code [g, f, o, i]} (cell input, forget, output, input
 * gate), so that the parameters are the layer's arrays as they are. A step's cell block holds the
 * rows {@code [c_{t-1}, tanh c_t, g, f, o, i]}: the partners of the sigmoid gates
 * {@code [f, o, i]} are the three blocks before them, so one product gives {@code [c_{t-1} f, -,
 * g i]} forward and one gives {@code [c_{t-1} f', tanh(c_t) o', g i']} backward.</li>
 * <li>{@code rnn}: a real tanh RNN, {@code h_t = tanh(W^T s_t)}, one {@code H x H} recurrent
 * product per step (not the LSTM cell with held gates of the fused engine).</li>
 * <li>tanh of a pre-activation (the RNN's units, the LSTM's cell input) is taken as
 * {@code 2 sigmoid(2z) - 1}: the forward product uses a copy of the weights whose tanh columns
 * are doubled, one {@code sigmoid} covers all of an LSTM step's gates, and {@code axpy} makes
 * {@code 2s - 1}. libnd4j's {@code tanh} costs 7.4 ns an element, {@code sigmoid} 2.9.</li>
 * </ul>
 * Buffers and their per-step views are made once per batch width and reused (a view costs about
 * 5 microseconds to make, and a step uses a dozen); ops run through reused native contexts
 * ({@link NativeCall}). Shorter sequences are padded at the end (see {@link TimeMajorBatch}); the
 * loss sees target steps only, and padded steps only follow real ones.
 *
 * <p>Wide one-hot inputs (wider than the gates) take {@link FusedCellModel}'s sparse route: the
 * rows of {@code W_x} for the non-zero inputs of all steps are gathered before the time loop and
 * added to each step's product, and {@code W_x}'s gradient is one dense product {@code X^T dZ} over
 * all steps after it; the column then holds {@code [h_{t-1}; 1]} only.
 *
 * <p>Only ops that do not leak in 1.0.0-M2.1 are used ({@code matmul}, {@code multiply},
 * {@code add}, {@code subtract}, {@code axpy}, {@code tanh}, {@code sigmoid}, {@code permute},
 * {@code gather}); not {@code scatter_add}, {@code segment_sum} or the whole-sequence recurrent
 * ops' backward ops. The op contexts themselves are freed after every pass ({@link NativeCall}:
 * a context holds a handle for every array set on it). A model is used by one thread at a time.
 */
public final class ComposedRecurrentModel implements SequenceModel {

    private final boolean lstm;
    private final int inputSize;
    private final int hidden;
    private final int outputSize;
    private final int batchSize;
    /** Pre-activations per step: 4 x hidden (LSTM) or hidden. */
    private final int gates;
    /** Rows of a step's column {@code [h_{t-1}; x_t; 1]} ({@code x_t} left out on the sparse route). */
    private final int columnRows;
    private final DataType dataType;
    private final boolean sparseInput;
    private final IActivation outputActivation;
    private final LossMSE loss = new LossMSE();

    /** {@code [R; W_x; b]} ({@code [R; b]} on the sparse route), {@code [columnRows, gates]}. */
    private final INDArray weights;
    private final INDArray weightGradient;
    /**
     * What the forward pass multiplies by: {@link #weights} with the columns of the tanh units
     * doubled (the LSTM's cell input, all of the RNN's), so that their tanh can be taken as
     * {@code 2 sigmoid(2z) - 1} (see {@link #tanhFromDoubled}); refreshed after every update.
     * On the sparse route {@link #forwardInputWeights} is the same for {@code W_x}.
     */
    private final INDArray forwardWeights;
    private final INDArray forwardInputWeights;
    /** The trainable arrays (row blocks of {@link #weights} where they are part of it), and gradients. */
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final Map<String, INDArray> grads = new LinkedHashMap<>();
    private final ArrayUpdaters updaters;

    /** Every op this model calls, to free their contexts after each pass (see {@link NativeCall}). */
    private final List<NativeCall> calls = new ArrayList<>();
    private final NativeCall gatesOfColumn = register(NativeCall.matmul(true, false, 0)); // z = W^T s_t
    private final NativeCall backThroughR = register(NativeCall.matmul(false, false, 1)); // dh_{t-1} += R dz_t
    private final NativeCall addWeightGradient = register(NativeCall.matmul(false, true, 1)); // dW += s_t dz_t^T
    private final NativeCall product = register(NativeCall.matmul(false, false, 0)); // per step, on [T, ., .]
    private final NativeCall productTransposingB = register(NativeCall.matmul(false, true, 0));
    private final NativeCall mul = register(NativeCall.of("multiply"));
    private final NativeCall add = register(NativeCall.of("add"));
    private final NativeCall sub = register(NativeCall.of("subtract"));
    private final NativeCall tanh = register(NativeCall.of("tanh"));
    private final NativeCall sigmoid = register(NativeCall.of("sigmoid"));
    private final NativeCall twiceMinusOne = register(NativeCall.axpy(2)); // minusOne + 2 x
    private final NativeCall swapLastTwo = register(NativeCall.permute(0, 2, 1));

    /**
     * Whether the backward pass flushes tiny gradients to zero (setting {@code denormals: flush}).
     * Why: when a tanh RNN's gradient vanishes back through time it passes through single
     * precision's denormal range (below about 1.2e-38), where this CPU's arithmetic is about a hundred
     * times slower (a 128 x 128 float product: 0.47 ms, with denormal inputs 44.7 ms); an adding-problem
     * rnn trial fell from about 1,800 to about 100 sequences a second on the plateau. Adding and
     * subtracting {@link #FLUSH_OFFSET} turns tiny gradients into zero with two element-wise ops a
     * step: in single precision values above 2^-36 (about 1.5e-11) come back exactly, smaller ones
     * within 2^-84 (about 5e-26), and those below 2^-84 vanish. The margin above the denormal range
     * is wide on purpose: flushing only denormals (an offset of 2^-100) still left the rnn at a
     * third of its speed, since products of the remaining tiny values with weights underflow in turn.
     */
    private final boolean flushDenormals;
    /** 2^-60: far below any gradient that moves a weight, far above the denormal range. */
    static final double FLUSH_OFFSET = Math.scalb(1.0, -60);

    private Workspace training;
    private Workspace inference;

    private ComposedRecurrentModel(boolean lstm, Map<String, INDArray> initial, boolean sigmoidOutput,
            int batchSize, IUpdater updater, double clip, boolean flushDenormals) {
        this.lstm = lstm;
        this.flushDenormals = flushDenormals;
        INDArray wx = initial.get("Wx");
        this.dataType = wx.dataType();
        this.inputSize = (int) wx.size(0);
        this.hidden = (int) initial.get("Wr").size(0);
        this.outputSize = (int) initial.get("Wo").size(1);
        this.batchSize = batchSize;
        this.outputActivation = sigmoidOutput ? new ActivationSigmoid() : new ActivationIdentity();
        this.gates = lstm ? 4 * hidden : hidden;
        this.sparseInput = inputSize > gates;
        this.columnRows = hidden + (sparseInput ? 0 : inputSize) + 1;

        weights = Nd4j.zeros(dataType, columnRows, gates);
        weightGradient = Nd4j.zeros(dataType, columnRows, gates);
        int biasRow = columnRows - 1;
        params.put("Wx", sparseInput ? wx.dup('c') : rows(weights, hidden, biasRow).assign(wx));
        params.put("Wr", rows(weights, 0, hidden).assign(initial.get("Wr")));
        params.put("b", rows(weights, biasRow, columnRows).assign(initial.get("b").reshape(1, gates)));
        params.put("Wo", initial.get("Wo").dup('c'));
        params.put("bo", initial.get("bo").dup('c').reshape(1, outputSize));
        if (!sparseInput) {
            grads.put("Wx", rows(weightGradient, hidden, biasRow));
        }
        grads.put("Wr", rows(weightGradient, 0, hidden));
        grads.put("b", rows(weightGradient, biasRow, columnRows));
        updaters = new ArrayUpdaters(params, updater, dataType, clip);
        forwardWeights = Nd4j.zeros(dataType, columnRows, gates);
        forwardInputWeights = sparseInput ? Nd4j.zeros(dataType, inputSize, gates) : null;
        refreshForwardWeights();
    }

    /** Copies the weights into {@link #forwardWeights} (and {@link #forwardInputWeights}), doubling the tanh columns. */
    private void refreshForwardWeights() {
        tanhColumns(forwardWeights.assign(weights)).muli(2);
        if (sparseInput) {
            tanhColumns(forwardInputWeights.assign(params.get("Wx"))).muli(2);
        }
    }

    /** The columns of the units with a tanh: the LSTM's cell input (its first gate block), all of the RNN's. */
    private INDArray tanhColumns(INDArray matrix) {
        return lstm ? matrix.get(all(), interval(0, hidden)) : matrix;
    }

    private NativeCall register(NativeCall call) {
        calls.add(call);
        return call;
    }

    /** Rows {@code [from, to)} of a matrix: a contiguous view. */
    private static INDArray rows(INDArray matrix, long from, long to) {
        return matrix.get(interval(from, to), all());
    }

    /**
     * The twin of an initialised layer network (one {@code LSTM} or {@code SimpleRnn} layer, then an
     * {@code RnnOutputLayer}): same weights, copied in the layer's own gate order.
     *
     * @param network the layer network; only its parameters are read
     * @param lstm whether the layer is an {@code LSTM} (else a tanh {@code SimpleRnn})
     * @param sigmoidOutput sigmoid output units (else identity)
     * @param batchSize sequences per update
     * @param updater the updater configuration (a fresh state is kept per parameter)
     * @param clip element-wise gradient clipping threshold, 0 for none
     * @param flushDenormals whether the backward pass flushes tiny (and denormal) gradients to zero
     */
    public static ComposedRecurrentModel fromNetwork(MultiLayerNetwork network, boolean lstm, boolean sigmoidOutput,
            int batchSize, IUpdater updater, double clip, boolean flushDenormals) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("Wx", network.getParam("0_W").dup());
        p.put("Wr", network.getParam("0_RW").dup());
        p.put("b", network.getParam("0_b").dup());
        p.put("Wo", network.getParam("1_W").dup());
        p.put("bo", network.getParam("1_b").dup());
        return new ComposedRecurrentModel(lstm, p, sigmoidOutput, batchSize, updater, clip, flushDenormals);
    }

    // ---------------------------------------------------------------- buffers

    /**
     * The buffers of one batch width for up to {@code capacity} steps, zeroed once (so the state
     * before the first step is zero and stays so), with the per-step views made once.
     */
    private final class Workspace implements AutoCloseable {
        final int capacity;
        final int width;
        /** {@code [capacity + 1, columnRows, width]}: column {@code t} is {@code [h_{t-1}; x_t; 1]}. */
        final INDArray columns;
        /** The output layer's pre-activations per step, {@code [capacity, outputs, width]}. */
        final INDArray outputs;
        /** The sparse route's gathered input products, {@code [capacity, gates, width]}; else null. */
        final INDArray projected;
        /** LSTM only: {@code [slots, 6 hidden, width]}, slot rows {@code [c_{t-1}, tanh c_t, g, f, o, i]}. */
        final INDArray cells;
        /** Training only: gradient of each step's hidden state, {@code [capacity, hidden, width]}. */
        final INDArray hiddenGrad;
        /** Training only: gradient of each step's pre-activations, {@code [capacity, gates, width]}. */
        final INDArray gateGrad;
        /** Training with {@link #flushDenormals} only: {@code [gates, width]} of {@link #FLUSH_OFFSET}. */
        final INDArray flushOffset;
        /** Per-step scratch: {@code [6 hidden, width]} (LSTM) or {@code [hidden, width]}. */
        final INDArray scratch;
        /** {@code [hidden, width]} of -1, for {@code 2 s - 1}. */
        final INDArray minusOne;
        /** Training only, LSTM: gradient of the cell state and the part carried to the step before. */
        final INDArray cellGrad;
        final INDArray carry;
        /** LSTM: named blocks of {@link #scratch}. */
        final LstmScratch lstmScratch;
        final StepViews[] steps;
        final CellViews[] slots;

        Workspace(int capacity, int width, boolean forTraining) {
            this.capacity = capacity;
            this.width = width;
            columns = Nd4j.zeros(dataType, capacity + 1, columnRows, width);
            columns.get(all(), point(columnRows - 1), all()).assign(1);
            outputs = Nd4j.zeros(dataType, capacity, outputSize, width);
            projected = sparseInput ? Nd4j.zeros(dataType, capacity, gates, width) : null;
            // Inference keeps no history of the cell: two slots, this step's and the next's.
            int slotCount = forTraining ? capacity + 1 : 2;
            cells = lstm ? Nd4j.zeros(dataType, slotCount, 6L * hidden, width) : null;
            hiddenGrad = forTraining ? Nd4j.zeros(dataType, capacity, hidden, width) : null;
            gateGrad = forTraining ? Nd4j.zeros(dataType, capacity, gates, width) : null;
            flushOffset = forTraining && flushDenormals
                    ? Nd4j.valueArrayOf(new long[] {gates, width}, FLUSH_OFFSET, dataType) : null;
            scratch = Nd4j.zeros(dataType, lstm ? 6L * hidden : hidden, width);
            minusOne = Nd4j.valueArrayOf(new long[] {hidden, width}, -1.0, dataType);
            cellGrad = forTraining && lstm ? Nd4j.zeros(dataType, hidden, width) : null;
            carry = forTraining && lstm ? Nd4j.zeros(dataType, hidden, width) : null;
            lstmScratch = lstm ? new LstmScratch(scratch, hidden) : null;
            steps = new StepViews[capacity];
            for (int t = 0; t < capacity; t++) {
                steps[t] = new StepViews(this, t);
            }
            slots = new CellViews[lstm ? slotCount : 0];
            for (int s = 0; s < slots.length; s++) {
                slots[s] = new CellViews(cells, s, (s + 1) % slotCount, hidden);
            }
        }

        /** The LSTM cell views of step {@code t}. */
        CellViews cell(int t) {
            return slots[t % slots.length];
        }

        /** Hidden states of steps {@code [0, time)}, {@code [time, hidden, width]} (strided). */
        INDArray hiddenStates(int time) {
            return columns.get(interval(1, time + 1), interval(0, hidden), all());
        }

        @Override
        public void close() {
            for (INDArray a : new INDArray[] {columns, outputs, projected, cells, hiddenGrad, gateGrad, flushOffset,
                scratch, minusOne, cellGrad, carry}) {
                if (a != null && !a.wasClosed()) {
                    a.close();
                }
            }
        }
    }

    /** The views of one time step {@code t} into a workspace's buffers. */
    private final class StepViews {
        /** Column {@code s_t = [h_{t-1}; x_t; 1]}. */
        final INDArray column;
        /** {@code h_t}: the hidden rows of column {@code t + 1}. */
        final INDArray hidden;
        final INDArray projected;
        final INDArray hiddenGrad;
        final INDArray gateGrad;
        /** LSTM: the four gate blocks of {@link #gateGrad}, in the gate order {@code [g, f, o, i]}. */
        final INDArray[] gateGradBlocks;

        StepViews(Workspace w, int t) {
            column = w.columns.get(point(t), all(), all());
            hidden = w.columns.get(point(t + 1), interval(0, ComposedRecurrentModel.this.hidden), all());
            projected = w.projected == null ? null : w.projected.get(point(t), all(), all());
            hiddenGrad = w.hiddenGrad == null ? null : w.hiddenGrad.get(point(t), all(), all());
            gateGrad = w.gateGrad == null ? null : w.gateGrad.get(point(t), all(), all());
            gateGradBlocks = gateGrad == null || !lstm ? null : blocks(gateGrad, 4, ComposedRecurrentModel.this.hidden);
        }
    }

    /** Row blocks {@code 0..count-1} of {@code size} rows each. */
    private static INDArray[] blocks(INDArray matrix, int count, int size) {
        INDArray[] b = new INDArray[count];
        for (int i = 0; i < count; i++) {
            b[i] = rows(matrix, (long) i * size, (long) (i + 1) * size);
        }
        return b;
    }

    /**
     * The views of one LSTM cell slot, rows {@code [c_{t-1}, tanh c_t, g, f, o, i]}, and of the
     * next slot's first block, where {@code c_t} goes.
     */
    private static final class CellViews {
        final INDArray previousCell;
        final INDArray tanhCell;
        final INDArray gates;      // [g, f, o, i]: pre-activations, then activations
        final INDArray cellInput;  // g
        final INDArray sigmoids;   // [f, o, i]
        final INDArray partners;   // [c_{t-1}, tanh c_t, g]: the blocks each sigmoid gate multiplies
        final INDArray forget;
        final INDArray output;
        final INDArray nextCell;   // c_t

        CellViews(INDArray cells, int slot, int nextSlot, int h) {
            INDArray rows = cells.get(point(slot), all(), all());
            previousCell = rows(rows, 0, h);
            tanhCell = rows(rows, h, 2L * h);
            gates = rows(rows, 2L * h, 6L * h);
            cellInput = rows(rows, 2L * h, 3L * h);
            sigmoids = rows(rows, 3L * h, 6L * h);
            partners = rows(rows, 0, 3L * h);
            forget = rows(rows, 3L * h, 4L * h);
            output = rows(rows, 4L * h, 5L * h);
            nextCell = cells.get(point(nextSlot), interval(0, h), all());
        }
    }

    /**
     * The LSTM's per-step scratch {@code [6 hidden, width]}: forward, the products
     * {@code [c_{t-1} f, -, g i]}; backward, the factors {@code [c_{t-1} f', tanh(c) o', g i']} of
     * the sigmoid gates and {@code [-, o (1 - tanh(c)^2), i (1 - g^2)]} of the tanh derivatives.
     */
    private static final class LstmScratch {
        final INDArray products;
        final INDArray forgetProduct;
        final INDArray inputProduct;
        final INDArray sigmoidFactors;
        final INDArray forgetFactor;
        final INDArray outputFactor;
        final INDArray inputFactor;
        final INDArray tanhFactors;
        final INDArray cellFactor;
        final INDArray cellInputFactor;

        LstmScratch(INDArray scratch, int h) {
            INDArray[] b = blocks(scratch, 6, h);
            products = rows(scratch, 0, 3L * h);
            forgetProduct = b[0];
            inputProduct = b[2];
            sigmoidFactors = products;
            forgetFactor = b[0];
            outputFactor = b[1];
            inputFactor = b[2];
            tanhFactors = rows(scratch, 3L * h, 6L * h);
            cellFactor = b[4];
            cellInputFactor = b[5];
        }
    }

    /** A workspace for {@code time} steps of {@code width} sequences, reusing the last one that fits. */
    private Workspace workspace(boolean forTraining, int time, int width) {
        Workspace w = forTraining ? training : inference;
        if (w != null && w.width == width && w.capacity >= time) {
            return w;
        }
        if (w != null) {
            w.close();
        }
        // Room for somewhat longer sequences than this batch's (the adding task's lengths vary by T/10).
        Workspace fresh = new Workspace(time + time / 8 + 1, width, forTraining);
        if (forTraining) {
            training = fresh;
        } else {
            inference = fresh;
        }
        return fresh;
    }

    // ---------------------------------------------------------------- forward

    /** Loads the batch's inputs into the workspace: the columns' input rows, or the sparse products. */
    private void loadInputs(TimeMajorBatch arrays, Workspace w, int time, FusedCellModel.Pass pass) {
        if (sparseInput) {
            Map<String, INDArray> packed = arrays.inputs(true);
            packed.values().forEach(pass::keep);
            INDArray rowsOfWx = FusedCellModel.gatherRows(forwardInputWeights, packed.get("idx"), packed.get("val"),
                    (long) time * w.width, pass);
            swapLastTwo.run(w.projected.get(interval(0, time), all(), all()), rowsOfWx.reshape(time, w.width, gates));
        } else {
            INDArray x = pass.keep(arrays.inputs(false).get("x")); // [time, width, inputs]
            swapLastTwo.run(w.columns.get(interval(0, time), interval(hidden, hidden + inputSize), all()), x);
        }
    }

    /** Runs the recurrent layer over steps {@code [0, time)}: the hidden states go into the columns. */
    private void forward(Workspace w, int time) {
        if (lstm) {
            w.slots[0].previousCell.assign(0); // inference reuses its two slots: c_{-1} may hold a past pass's state
        }
        for (int t = 0; t < time; t++) {
            if (lstm) {
                lstmStep(w, t);
            } else {
                tanhStep(w, w.steps[t]);
            }
        }
    }

    /**
     * The output layer's pre-activations {@code W_o^T h_t + b_o} of steps {@code [0, time)}, as rows
     * {@code [time x width, outputs]} in time-major order (that of {@link TimeMajorBatch}'s targets).
     * One product per step, batched over the steps in one op with {@code W_o^T} repeated per step,
     * reads the hidden states where they are in the columns; a product of all steps' hidden states
     * as rows would first need them copied into rows (measured 20 to 40 microseconds a step at 128
     * units).
     */
    private INDArray outputLayer(Workspace w, int time, FusedCellModel.Pass pass) {
        INDArray steps = w.outputs.get(interval(0, time), all(), all());
        product.run(steps, perStep(params.get("Wo").transpose(), time, pass), w.hiddenStates(time));
        return stepsToRows(steps, pass).addiRowVector(params.get("bo"));
    }

    /**
     * The output layer backward from the loss gradient {@code dPre} (rows): the gradients of
     * {@code W_o} and {@code b_o}, and the hidden states' gradient {@code W_o dPre_t} into the
     * workspace, per step as forward.
     */
    private void outputLayerBack(Workspace w, int time, INDArray dPre, FusedCellModel.Pass pass) {
        INDArray dSteps = rowsToSteps(dPre, time, w.width, pass); // [time, outputs, width]
        INDArray wo = params.get("Wo");
        product.run(w.hiddenGrad.get(interval(0, time), all(), all()), perStep(wo, time, pass), dSteps);
        INDArray woPerStep = pass.keep(Nd4j.create(dataType, time, hidden, outputSize));
        productTransposingB.run(woPerStep, w.hiddenStates(time), dSteps); // h_t dPre_t^T
        grads.put("Wo", pass.keep(woPerStep.sum(0)));
        grads.put("bo", pass.keep(dPre.sum(true, 0)));
    }

    /** {@code matrix} repeated for each of {@code time} steps, {@code [time, rows, columns]}. */
    private INDArray perStep(INDArray matrix, int time, FusedCellModel.Pass pass) {
        INDArray one = pass.keep(matrix.reshape(1, matrix.size(0), matrix.size(1)).dup('c'));
        return pass.keep(one.broadcast(time, matrix.size(0), matrix.size(1)));
    }

    /** {@code [time, k, width]} as rows {@code [time x width, k]} (a view when {@code k} is 1). */
    private INDArray stepsToRows(INDArray steps, FusedCellModel.Pass pass) {
        long time = steps.size(0);
        long k = steps.size(1);
        long width = steps.size(2);
        if (k == 1) {
            return steps.reshape(time * width, 1);
        }
        INDArray rows = pass.keep(Nd4j.create(dataType, time, width, k));
        swapLastTwo.run(rows, steps);
        return rows.reshape(time * width, k);
    }

    /** The inverse of {@link #stepsToRows}. */
    private INDArray rowsToSteps(INDArray rows, int time, int width, FusedCellModel.Pass pass) {
        long k = rows.size(1);
        INDArray timeMajor = rows.reshape(time, width, k);
        if (k == 1) {
            return timeMajor.reshape(time, 1, width);
        }
        INDArray steps = pass.keep(Nd4j.create(dataType, time, k, width));
        swapLastTwo.run(steps, timeMajor);
        return steps;
    }

    /**
     * {@code out = W^T s_t}, plus the step's gathered input product on the sparse route, with the
     * tanh units' pre-activations doubled ({@link #forwardWeights}).
     */
    private void preActivations(StepViews step, INDArray out) {
        gatesOfColumn.run(out, forwardWeights, step.column);
        if (sparseInput) {
            add.run(out, out, step.projected);
        }
    }

    /**
     * {@code tanh(z) = 2 sigmoid(2z) - 1}, in place on the sigmoids of doubled pre-activations.
     * libnd4j's {@code tanh} costs 7.4 ns an element, its {@code sigmoid} 2.9 and the affine step
     * 0.3 (single precision); the two agree to 2e-7 in single and 4e-16 in double precision.
     */
    private void tanhFromDoubled(Workspace w, INDArray sigmoidsOfDoubled) {
        twiceMinusOne.run(sigmoidsOfDoubled, w.minusOne, sigmoidsOfDoubled);
    }

    /** {@code h_t = tanh(W^T s_t)}, computed in place in the next column. */
    private void tanhStep(Workspace w, StepViews step) {
        preActivations(step, step.hidden);
        sigmoid.run(step.hidden, step.hidden);
        tanhFromDoubled(w, step.hidden);
    }

    /** One LSTM step: gates, {@code c_t = f c_{t-1} + i g}, {@code h_t = o tanh(c_t)}. */
    private void lstmStep(Workspace w, int t) {
        StepViews step = w.steps[t];
        CellViews cell = w.cell(t);
        preActivations(step, cell.gates);
        sigmoid.run(cell.gates, cell.gates); // all four blocks; the cell input's was doubled for its tanh
        tanhFromDoubled(w, cell.cellInput);
        // [c_{t-1}, (last pass's tanh c_t), g] x [f, o, i]: one op for both products of c_t; the
        // middle block is not used (a third more arithmetic costs less than another op call).
        LstmScratch s = w.lstmScratch;
        mul.run(s.products, cell.partners, cell.sigmoids);
        add.run(cell.nextCell, s.forgetProduct, s.inputProduct);
        tanh.run(cell.tanhCell, cell.nextCell);
        mul.run(step.hidden, cell.output, cell.tanhCell);
    }

    // ---------------------------------------------------------------- training

    /** Frees the op contexts of a pass (see {@link NativeCall}). */
    private void endPass() {
        calls.forEach(NativeCall::release);
    }

    @Override
    public List<double[][]> train(List<Sequence> batch) {
        try (FusedCellModel.Pass pass = new FusedCellModel.Pass()) {
            TimeMajorBatch arrays = new TimeMajorBatch(batch, inputSize, outputSize, dataType);
            int time = arrays.maxLength();
            int n = arrays.size();
            Workspace w = workspace(true, time, n);
            loadInputs(arrays, w, time, pass);
            forward(w, time);
            INDArray pre = outputLayer(w, time, pass);
            INDArray out = pass.keep(outputActivation.getActivation(pre.dup(), true));
            List<double[][]> outputs = arrays.unpack(out);

            // DL4J's MSE gradient at the output layer's pre-activations, masked to the target steps
            // and divided by the number of sequences, as the layer network's updater does.
            Map<String, INDArray> targets = arrays.targets();
            targets.values().forEach(pass::keep);
            INDArray dPre = pass.keep(loss.computeGradient(targets.get("y"), pre, outputActivation, targets.get("mask")));
            dPre.divi(n);
            outputLayerBack(w, time, dPre, pass);

            backward(w, time);
            if (sparseInput) {
                grads.put("Wx", sparseInputGradient(arrays, w, time, pass));
            }
            update(pass);
            return outputs;
        } finally {
            endPass();
        }
    }

    /**
     * Backpropagation through time from the last step: per step the gradient of the hidden state
     * gets the recurrent part {@code R dz_{t+1}}, the cell turns it into the pre-activations'
     * gradient {@code dz_t}, and {@code s_t dz_t^T} adds to the weight gradient.
     */
    private void backward(Workspace w, int time) {
        weightGradient.assign(0);
        INDArray recurrent = params.get("Wr");
        for (int t = time - 1; t >= 0; t--) {
            StepViews step = w.steps[t];
            if (t < time - 1) {
                backThroughR.run(step.hiddenGrad, recurrent, w.steps[t + 1].gateGrad);
            }
            if (lstm) {
                lstmStepBack(w, t, t == time - 1);
            } else {
                tanhStepBack(w, step);
            }
            if (w.flushOffset != null) {
                flush(step.gateGrad, w.flushOffset);
            }
            addWeightGradient.run(weightGradient, step.column, step.gateGrad);
        }
    }

    /** Turns {@code values} below 2^-84 (and so every denormal) into zero, in place ({@link #flushDenormals}). */
    void flush(INDArray values, INDArray offset) {
        add.run(values, values, offset);
        sub.run(values, values, offset);
    }

    /** {@code dz = dh (1 - h^2)}, as {@code dh - dh h h} (ND4J's {@code square} is several times slower than a product). */
    private void tanhStepBack(Workspace w, StepViews step) {
        mul.run(w.scratch, step.hidden, step.hidden);
        mul.run(w.scratch, w.scratch, step.hiddenGrad);
        sub.run(step.gateGrad, step.hiddenGrad, w.scratch);
    }

    /**
     * One LSTM step backward. With {@code s' = s - s^2} for each sigmoid gate and {@code u' = u - u^2}
     * as the tanh derivative's factor {@code 1 - u^2}:
     * {@code dz_o = dh tanh(c) o'}, {@code dc = dh o (1 - tanh(c)^2) + carry},
     * {@code dz_f = dc c_{t-1} f'}, {@code dz_i = dc g i'}, {@code dz_g = dc i (1 - g^2)},
     * and {@code carry = dc f} goes to the step before.
     */
    private void lstmStepBack(Workspace w, int t, boolean last) {
        CellViews cell = w.cell(t);
        StepViews step = w.steps[t];
        LstmScratch s = w.lstmScratch;
        // [f, o, i] - [f, o, i]^2 = [f', o', i'], times [c_{t-1}, tanh c, g]
        mul.run(s.sigmoidFactors, cell.sigmoids, cell.sigmoids);
        sub.run(s.sigmoidFactors, cell.sigmoids, s.sigmoidFactors);
        mul.run(s.sigmoidFactors, s.sigmoidFactors, cell.partners);
        // [f, o, i] - [f, o, i] [c_{t-1}, tanh c, g]^2 = [-, o (1 - tanh(c)^2), i (1 - g^2)]
        mul.run(s.tanhFactors, cell.partners, cell.partners);
        mul.run(s.tanhFactors, s.tanhFactors, cell.sigmoids);
        sub.run(s.tanhFactors, cell.sigmoids, s.tanhFactors);

        INDArray[] dz = step.gateGradBlocks; // [g, f, o, i]
        INDArray dh = step.hiddenGrad;
        mul.run(dz[2], dh, s.outputFactor);
        mul.run(w.cellGrad, dh, s.cellFactor);
        if (!last) {
            add.run(w.cellGrad, w.cellGrad, w.carry);
        }
        mul.run(dz[1], w.cellGrad, s.forgetFactor);
        mul.run(dz[3], w.cellGrad, s.inputFactor);
        mul.run(dz[0], w.cellGrad, s.cellInputFactor);
        mul.run(w.carry, w.cellGrad, cell.forget);
    }

    /**
     * The sparse route's input-weight gradient {@code X^T dZ} over all steps at once, one dense
     * product (see {@link FusedCellModel} for why not an index-adding op).
     */
    private INDArray sparseInputGradient(TimeMajorBatch arrays, Workspace w, int time, FusedCellModel.Pass pass) {
        int n = w.width;
        INDArray gateRows = pass.keep(Nd4j.create(dataType, time, n, gates));
        swapLastTwo.run(gateRows, w.gateGrad.get(interval(0, time), all(), all()));
        INDArray dense = pass.keep(arrays.inputs(false).get("x")).reshape((long) time * n, inputSize);
        return pass.keep(dense.transpose().mmul(gateRows.reshape((long) time * n, gates)));
    }

    /** Clipping (element-wise, after the division by the batch) and DL4J's updater, per array. */
    private void update(FusedCellModel.Pass pass) {
        updaters.apply(grads, pass);
        refreshForwardWeights();
    }

    // ---------------------------------------------------------------- inference and accessors

    @Override
    public List<double[][]> predict(List<Sequence> sequences) {
        try (FusedCellModel.Pass pass = new FusedCellModel.Pass()) {
            TimeMajorBatch arrays = new TimeMajorBatch(sequences, inputSize, outputSize, dataType);
            int time = arrays.maxLength();
            Workspace w = workspace(false, time, arrays.size());
            loadInputs(arrays, w, time, pass);
            forward(w, time);
            INDArray pre = outputLayer(w, time, pass);
            return arrays.unpack(pass.keep(outputActivation.getActivation(pre.dup(), false)));
        } finally {
            endPass();
        }
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public long parameterCount() {
        return updaters.parameterCount();
    }

    /** Whether inputs are fed as the indices and values of their non-zero entries. */
    public boolean sparseInput() {
        return sparseInput;
    }

    /**
     * The current trainable arrays by name ({@code Wx}, {@code Wr}, {@code b}: the recurrent layer,
     * LSTM blocks in the layer's gate order; {@code Wo}, {@code bo}: the output layer), live views.
     */
    public Map<String, INDArray> parameters() {
        return new LinkedHashMap<>(params);
    }

    /** Copies of the trainable arrays as DL4J's layer network names them. */
    public Map<String, INDArray> layerParameters() {
        Map<String, INDArray> map = new LinkedHashMap<>();
        map.put("0_W", params.get("Wx").dup());
        map.put("0_RW", params.get("Wr").dup());
        map.put("0_b", params.get("b").dup().reshape(1, -1));
        map.put("1_W", params.get("Wo").dup());
        map.put("1_b", params.get("bo").dup());
        return map;
    }
}
