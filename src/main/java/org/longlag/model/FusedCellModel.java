package org.longlag.model;

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
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The {@code lstm} and {@code rnn} models trained through DL4J's fused LSTM cell ops instead of
 * {@link MultiLayerNetwork}'s layers: the same network, loss, initial weights and updater as
 * {@link Dl4jMinibatchModel}, but each time step of the forward pass is one native op
 * ({@code lstmLayerCell}) and each step of the backward pass another ({@code lstmLayerCellBp}, which
 * also accumulates the weight gradients and carries the gradients of the previous output and cell
 * state), where the layer issues a few dozen small ND4J ops per step from Java. The two ops are the
 * cell that libnd4j's whole-sequence {@code lstmLayer} op loops over; the per-step loop here gives
 * the same gradients bit for bit ({@code Dl4jEngineAgreementTest}).
 *
 * <p>Why not the whole-sequence ops ({@code lstmLayer}, {@code gru}) through SameDiff, which were
 * the first choice: in 1.0.0-M2.1 their backward ops {@code lstmLayer_bp} and {@code gru_bp} leak
 * their internal buffers on every call (measured: 31 MB per update at the adding row's 128
 * sequences x 110 steps x 64 units, about time x batch x units x 40 bytes; the garbage collector
 * cannot reclaim it), so a trial of a few thousand updates would run out of memory. The cell ops
 * do not leak, and called through reused op contexts they cost about 25 microseconds each, so
 * the per-step loop is about as fast as the whole-sequence op. (The contexts are renewed every
 * pass: a context keeps a handle for every array set on it until it is deleted.)
 *
 * <p>The output layer and the loss are DL4J's own: {@code out = act(h W_o + b_o)} at every step
 * (sigmoid or identity), DL4J's {@link LossMSE} with the target steps as its mask, its gradient
 * divided by the number of sequences as DL4J's updater does; gradient clipping (if any) is
 * element-wise after that division; the updater ({@code Adam}, {@code RmsProp}, {@code Sgd}) is
 * DL4J's {@link GradientUpdater}, one per parameter array (all three are element-wise, so this
 * equals the layer path's single flattened updater).
 *
 * <p>Recurrent layers:
 * <ul>
 * <li>{@link Cell#LSTM}: sigmoid gates, tanh cell input and output, forget gate, no peepholes:
 * DL4J's {@code LSTM} layer. Only the gate order differs: the op stores the four blocks of its
 * weights as input, forget, cell input, output gate, the layer as cell input, forget, output, input
 * gate; {@link #fromNetwork} maps one to the other.</li>
 * <li>{@link Cell#TANH_RNN}: {@code h_t = tanh(x_t W + h_{t-1} R + b)}, DL4J's {@code SimpleRnn}.
 * libnd4j has no simple-RNN op with a backward op in 1.0.0-M2.1 ({@code static_rnn} and
 * {@code dynamic_rnn} are forward-only), so it runs as the LSTM cell with its gates held open
 * (input and output gate 1, forget gate 0: zero weights, constant biases +100, -100, +100, not
 * trained) and an identity output activation: {@code c_t = tanh(z)} and {@code h_t = c_t}. That is
 * exactly the tanh RNN in single precision (sigmoid(100) rounds to 1, sigmoid(-100) to 0; in double
 * precision they miss by 4e-44). The held gates still cost their products, four times the RNN's
 * arithmetic, so the gain is smallest for large layers.</li>
 * </ul>
 *
 * <p>Inputs wider than the cell's input width for a projection (4 x hidden for the LSTM, hidden for
 * the RNN) are fed sparsely: the rows of the input weights for the non-zero inputs of every step
 * are gathered for all steps at once (ND4J's {@code gather} op) and passed to the cell as its
 * input, whose own input weights are then a constant identity, so a one-hot input costs one row
 * per step instead of a product with the whole input vector, and inference on long one-hot test
 * sets costs almost nothing per input. The input weights' gradient is then {@code X^T dP} over all
 * steps at once, one dense product (ND4J's index-adding ops, which would make it cheaper,
 * {@code unsorted_segment_sum}, {@code segment_sum} and {@code scatter_add}, leak 0.25 to 1.3 MB per
 * call in 1.0.0-M2.1, and {@code scatter_add} also drops repeated indices). Narrow inputs go to the
 * cell as they are.
 *
 * <p>Each {@link #train} call is one update; its pre-update outputs come from the same forward
 * pass that computes the gradient. A model is used by one thread at a time.
 */
public final class FusedCellModel implements SequenceModel {

    /** Which recurrent layer. */
    public enum Cell {
        /** DL4J's {@code LSTM} layer. */
        LSTM,
        /** DL4J's {@code SimpleRnn} (tanh), as an LSTM cell with open gates. */
        TANH_RNN
    }

    /** Pre-activation that holds a gate open or shut (sigmoid(+-100) is 1 or 0 in single precision). */
    private static final double PIN = 100;
    /** Activation codes of the cell ops. */
    private static final int SIGMOID = 2;
    private static final int TANH = 0;
    private static final int AFFINE = 3;

    private final Cell cell;
    private final int inputSize;
    private final int hidden;
    private final int outputSize;
    private final int batchSize;
    private final DataType dataType;
    private final boolean sparseInput;
    private final IActivation outputActivation;
    private final LossMSE loss = new LossMSE();

    /** The trainable arrays (views into the op's arrays where they are part of them). */
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final ArrayUpdaters updaters;
    /** The cell op's weights: input (or identity on the sparse route), recurrent, biases. */
    private final INDArray opWx;
    private final INDArray opWr;
    private final INDArray opB;
    /** Gradient accumulators of the cell's backward op, same shapes as the op's weights. */
    private final INDArray gradWx;
    private final INDArray gradWr;
    private final INDArray gradB;

    private final DynamicCustomOp forwardOp;
    private final DynamicCustomOp backwardOp;
    private OpContext forward;
    private OpContext backward;

    private FusedCellModel(Cell cell, Map<String, INDArray> initial, boolean sigmoidOutput, int batchSize,
            IUpdater updater, double clip) {
        this.cell = cell;
        INDArray wx = initial.get("Wx");
        this.dataType = wx.dataType();
        this.inputSize = (int) wx.size(0);
        this.hidden = (int) initial.get("Wr").size(0);
        this.outputSize = (int) initial.get("Wo").size(1);
        this.batchSize = batchSize;
        this.outputActivation = sigmoidOutput ? new ActivationSigmoid() : new ActivationIdentity();
        int gates = 4 * hidden;
        int projected = cell == Cell.LSTM ? gates : hidden; // width of one step's input projection
        this.sparseInput = inputSize > projected;
        int xWidth = sparseInput ? projected : inputSize;

        opWx = Nd4j.zeros(dataType, xWidth, gates);
        opWr = Nd4j.zeros(dataType, hidden, gates);
        opB = Nd4j.zeros(dataType, gates);
        if (cell == Cell.LSTM) {
            if (sparseInput) {
                opWx.assign(Nd4j.eye(gates).castTo(dataType));
                params.put("Wx", wx.dup('c'));
            } else {
                opWx.assign(wx);
                params.put("Wx", opWx);
            }
            opWr.assign(initial.get("Wr"));
            opB.assign(initial.get("b"));
            params.put("Wr", opWr);
            params.put("b", opB);
        } else {
            // gate blocks: input, forget, cell input, output; only the cell input block is trained
            if (sparseInput) {
                cellBlock(opWx).assign(Nd4j.eye(hidden).castTo(dataType));
                params.put("Wx", wx.dup('c'));
            } else {
                cellBlock(opWx).assign(wx);
                params.put("Wx", cellBlock(opWx));
            }
            cellBlock(opWr).assign(initial.get("Wr"));
            params.put("Wr", cellBlock(opWr));
            opB.get(NDArrayIndex.interval(0, hidden)).assign(PIN);
            opB.get(NDArrayIndex.interval(hidden, 2L * hidden)).assign(-PIN);
            opB.get(NDArrayIndex.interval(3L * hidden, 4L * hidden)).assign(PIN);
            INDArray b = opB.get(NDArrayIndex.interval(2L * hidden, 3L * hidden));
            b.assign(initial.get("b"));
            params.put("b", b);
        }
        params.put("Wo", initial.get("Wo").dup('c'));
        params.put("bo", initial.get("bo").dup('c').reshape(1, outputSize));
        updaters = new ArrayUpdaters(params, updater, dataType, clip);
        gradWx = Nd4j.zeros(dataType, xWidth, gates);
        gradWr = Nd4j.zeros(dataType, hidden, gates);
        gradB = Nd4j.zeros(dataType, gates);

        // Activation codes and their extra arguments: the RNN's output activation is affine(1, 0).
        int outAct = cell == Cell.LSTM ? TANH : AFFINE;
        Double[] tArgs = cell == Cell.LSTM ? new Double[] {0.0} : new Double[] {0.0, 1.0, 0.0};
        forwardOp = DynamicCustomOp.builder("lstmLayerCell").addIntegerArguments(SIGMOID, TANH, outAct)
                .addBooleanArguments(true, false).addFloatingPointArguments(tArgs).build();
        backwardOp = DynamicCustomOp.builder("lstmLayerCellBp").addIntegerArguments(SIGMOID, TANH, outAct)
                .addBooleanArguments(true, false).addFloatingPointArguments(tArgs).build();
    }

    private INDArray cellBlock(INDArray gateColumns) {
        return gateColumns.get(NDArrayIndex.all(), NDArrayIndex.interval(2L * hidden, 3L * hidden));
    }

    /**
     * The twin of an initialised layer network (one {@code LSTM} or {@code SimpleRnn} layer, then an
     * {@code RnnOutputLayer}): same weights, copied and, for the LSTM, reordered.
     *
     * @param network the layer network; only its parameters are read
     * @param cell which recurrent layer the network has
     * @param sigmoidOutput sigmoid output units (else identity)
     * @param batchSize sequences per update
     * @param updater the updater configuration (a fresh state is kept per parameter)
     * @param clip element-wise gradient clipping threshold, 0 for none
     */
    public static FusedCellModel fromNetwork(MultiLayerNetwork network, Cell cell, boolean sigmoidOutput,
            int batchSize, IUpdater updater, double clip) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        INDArray w = network.getParam("0_W");
        INDArray rw = network.getParam("0_RW");
        INDArray b = network.getParam("0_b");
        if (cell == Cell.LSTM) {
            p.put("Wx", layerToOpGateOrder(w));
            p.put("Wr", layerToOpGateOrder(rw));
            p.put("b", layerToOpGateOrder(b.reshape(1, -1)).reshape(-1));
        } else {
            p.put("Wx", w.dup());
            p.put("Wr", rw.dup());
            p.put("b", b.dup().reshape(-1));
        }
        p.put("Wo", network.getParam("1_W").dup());
        p.put("bo", network.getParam("1_b").dup());
        return new FusedCellModel(cell, p, sigmoidOutput, batchSize, updater, clip);
    }

    /**
     * Reorders the four column blocks of LSTM weights from the layer's order (cell input, forget,
     * output, input gate) to the cell op's (input, forget, cell input, output gate).
     */
    static INDArray layerToOpGateOrder(INDArray layerOrder) {
        return permuteBlocks(layerOrder, new int[] {3, 1, 0, 2});
    }

    /** The inverse of {@link #layerToOpGateOrder}. */
    static INDArray opToLayerGateOrder(INDArray opOrder) {
        return permuteBlocks(opOrder, new int[] {2, 1, 3, 0});
    }

    private static INDArray permuteBlocks(INDArray weights, int[] from) {
        long n = weights.size(1) / 4;
        INDArray[] blocks = new INDArray[4];
        for (int i = 0; i < 4; i++) {
            blocks[i] = weights.get(NDArrayIndex.all(), NDArrayIndex.interval(from[i] * n, (from[i] + 1) * n));
        }
        return Nd4j.hstack(blocks).dup('c');
    }

    /** The arrays of one pass, freed together when it is done. */
    static final class Pass implements AutoCloseable {
        private final List<INDArray> arrays = new ArrayList<>();

        INDArray keep(INDArray a) {
            arrays.add(a);
            return a;
        }

        @Override
        public void close() {
            for (INDArray a : arrays) {
                if (!a.wasClosed() && a.closeable()) {
                    a.close();
                }
            }
        }
    }

    /** The forward pass: hidden states {@code [time + 1, batch, hidden]} (slot 0 the zero state) and cell states. */
    private record States(INDArray h, INDArray c, INDArray x, Map<String, INDArray> packed) {
    }

    private States forwardPass(TimeMajorBatch arrays, Pass pass) {
        int time = arrays.maxLength();
        int n = arrays.size();
        Map<String, INDArray> packed = arrays.inputs(sparseInput);
        packed.values().forEach(pass::keep);
        INDArray x = sparseInput ? pass.keep(project(packed.get("idx"), packed.get("val"), time, n, pass))
                : packed.get("x");
        INDArray h = pass.keep(Nd4j.zeros(dataType, time + 1, n, hidden));
        INDArray c = pass.keep(Nd4j.zeros(dataType, time + 1, n, hidden));
        forward = renewed(forward, forwardOp);
        forward.setInputArray(1, opWx);
        forward.setInputArray(2, opWr);
        forward.setInputArray(3, opB);
        for (int t = 0; t < time; t++) {
            forward.setInputArray(0, x.slice(t));
            forward.setInputArray(4, h.slice(t));
            forward.setInputArray(5, c.slice(t));
            forward.setOutputArray(0, h.slice(t + 1));
            forward.setOutputArray(1, c.slice(t + 1));
            Nd4j.getExecutioner().exec(forwardOp, forward);
        }
        return new States(h, c, x, packed);
    }

    /** Hidden states of the real steps as rows {@code [time x batch, hidden]}. */
    private static INDArray stepRows(States s, Pass pass) {
        long time = s.h().size(0) - 1;
        INDArray steps = s.h().get(NDArrayIndex.interval(1, time + 1), NDArrayIndex.all(), NDArrayIndex.all());
        return pass.keep(steps.dup('c')).reshape(time * s.h().size(1), s.h().size(2));
    }

    /**
     * The projected inputs {@code [time, batch, width]} of the sparse route: the sum over each
     * step's slots of value times the input-weight row of its index.
     */
    private INDArray project(INDArray idx, INDArray val, int time, int batch, Pass pass) {
        return gatherRows(params.get("Wx"), idx, val, (long) time * batch, pass).reshape(time, batch, -1).dup('c');
    }

    /**
     * The sparse product of {@link TimeMajorBatch}'s packed inputs ({@code idx}, {@code val}, the
     * same number of slots per row) with {@code weights}: per row, the sum over its slots of value
     * times the row of {@code weights} at its index, {@code [rows, weights.size(1)]}.
     */
    static INDArray gatherRows(INDArray weights, INDArray idx, INDArray val, long rows, Pass pass) {
        long width = weights.size(1);
        long k = idx.length() / rows;
        INDArray gathered = pass.keep(Nd4j.exec(new Gather(weights, idx, 0))[0]).muliColumnVector(val);
        return k == 1 ? gathered : pass.keep(gathered.reshape(rows, k, width).sum(1));
    }

    @Override
    public List<double[][]> train(List<Sequence> batch) {
        try (Pass pass = new Pass()) {
            TimeMajorBatch arrays = new TimeMajorBatch(batch, inputSize, outputSize, dataType);
            int time = arrays.maxLength();
            int n = arrays.size();
            States s = forwardPass(arrays, pass);
            INDArray rows = stepRows(s, pass);
            INDArray wo = params.get("Wo");
            INDArray pre = pass.keep(rows.mmul(wo)).addiRowVector(params.get("bo"));
            INDArray out = pass.keep(outputActivation.getActivation(pre.dup(), true));
            List<double[][]> outputs = arrays.unpack(out);

            // DL4J's MSE gradient at the output layer's pre-activations, masked to the target steps
            // and divided by the number of sequences, as the layer network's updater does.
            Map<String, INDArray> targets = arrays.targets();
            targets.values().forEach(pass::keep);
            INDArray dPre = pass.keep(loss.computeGradient(targets.get("y"), pre, outputActivation, targets.get("mask")));
            dPre.divi(n);
            Map<String, INDArray> grads = new LinkedHashMap<>();
            grads.put("Wo", pass.keep(rows.transpose().mmul(dPre)));
            grads.put("bo", pass.keep(dPre.sum(true, 0)));
            INDArray dH = pass.keep(dPre.mmul(wo.transpose())).reshape(time, n, hidden);

            INDArray dx = backwardPass(s, dH, time, n, pass);
            if (sparseInput) {
                // The input weights' gradient, X^T dP, as one product over all steps (see the class
                // comment for why not an index-add op).
                INDArray dense = pass.keep(arrays.inputs(false).get("x")).reshape((long) time * n, inputSize);
                grads.put("Wx", pass.keep(dense.transpose().mmul(dx.reshape((long) time * n, dx.size(2)))));
            } else {
                grads.put("Wx", cell == Cell.LSTM ? gradWx : cellBlock(gradWx));
            }
            grads.put("Wr", cell == Cell.LSTM ? gradWr : cellBlock(gradWr));
            grads.put("b", cell == Cell.LSTM ? gradB : gradB.get(NDArrayIndex.interval(2L * hidden, 3L * hidden)));
            updaters.apply(grads, pass);
            return outputs;
        }
    }

    /**
     * Backpropagates through time, one {@code lstmLayerCellBp} per step from the last: the op adds
     * the step's weight gradients to the accumulators and turns the gradients of the step's output
     * and cell state into those of the previous step's, in place. Returns the gradient of the
     * cell's inputs per step, {@code [time, batch, width]}.
     */
    private INDArray backwardPass(States s, INDArray dH, int time, int n, Pass pass) {
        gradWx.assign(0);
        gradWr.assign(0);
        gradB.assign(0);
        INDArray dh = pass.keep(Nd4j.zeros(dataType, n, hidden));
        INDArray dc = pass.keep(Nd4j.zeros(dataType, n, hidden));
        INDArray dx = pass.keep(Nd4j.zeros(dataType, time, n, s.x().size(2)));
        backward = renewed(backward, backwardOp);
        backward.setInputArray(1, opWx);
        backward.setInputArray(2, opWr);
        backward.setInputArray(3, opB);
        backward.setOutputArray(1, gradWx);
        backward.setOutputArray(2, gradWr);
        backward.setOutputArray(3, gradB);
        backward.setOutputArray(4, dh);
        backward.setOutputArray(5, dc);
        for (int t = time - 1; t >= 0; t--) {
            backward.setInputArray(0, s.x().slice(t));
            backward.setInputArray(4, s.h().slice(t));
            backward.setInputArray(5, s.c().slice(t));
            backward.setInputArray(6, dH.slice(t));
            backward.setOutputArray(0, dx.slice(t));
            Nd4j.getExecutioner().exec(backwardOp, backward);
        }
        return dx;
    }

    @Override
    public List<double[][]> predict(List<Sequence> sequences) {
        try (Pass pass = new Pass()) {
            TimeMajorBatch arrays = new TimeMajorBatch(sequences, inputSize, outputSize, dataType);
            States s = forwardPass(arrays, pass);
            INDArray pre = pass.keep(stepRows(s, pass).mmul(params.get("Wo"))).addiRowVector(params.get("bo"));
            return arrays.unpack(pass.keep(outputActivation.getActivation(pre, false)));
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

    /** Which recurrent layer this model has. */
    public Cell cell() {
        return cell;
    }

    /** Whether inputs are fed as the indices and values of their non-zero entries. */
    public boolean sparseInput() {
        return sparseInput;
    }

    /**
     * The current trainable arrays by name ({@code Wx}, {@code Wr}, {@code b}: the recurrent layer,
     * LSTM blocks in the op's gate order; {@code Wo}, {@code bo}: the output layer), live views.
     */
    public Map<String, INDArray> parameters() {
        return new LinkedHashMap<>(params);
    }

    /** Copies of the trainable arrays as DL4J's layer network names and orders them. */
    public Map<String, INDArray> layerParameters() {
        Map<String, INDArray> map = new LinkedHashMap<>();
        boolean lstm = cell == Cell.LSTM;
        map.put("0_W", lstm ? opToLayerGateOrder(params.get("Wx")) : params.get("Wx").dup());
        map.put("0_RW", lstm ? opToLayerGateOrder(params.get("Wr")) : params.get("Wr").dup());
        map.put("0_b", lstm ? opToLayerGateOrder(params.get("b").reshape(1, -1)) : params.get("b").dup().reshape(1, -1));
        map.put("1_W", params.get("Wo").dup());
        map.put("1_b", params.get("bo").dup());
        return map;
    }

    /**
     * A fresh context for {@code op} in place of {@code old} (freed; may be null). A pass reuses one
     * context for all its steps, but not beyond: in 1.0.0-M2.1 a context keeps a native handle for
     * every array set on it until it is deleted (about 300 bytes a call), so a context kept for the
     * model's life grew without bound (measured 0.2 MB an update at 8 units, batch 32).
     */
    private static OpContext renewed(OpContext old, DynamicCustomOp op) {
        if (old != null) {
            try {
                old.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot free the op context of " + op.opName(), e);
            }
        }
        return contextOf(op);
    }

    /** A reusable native context holding {@code op}'s fixed arguments; arrays are set per call. */
    private static OpContext contextOf(DynamicCustomOp op) {
        OpContext context = Nd4j.getExecutioner().buildContext();
        context.setIArguments(op.iArgs());
        context.setBArguments(op.bArgs());
        context.setTArguments(op.tArgs());
        return context;
    }
}
