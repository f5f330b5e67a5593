package org.longlag.model.layer;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the LSTM layer of Hochreiter and Schmidhuber (1997): memory-cell blocks with a
 * shared input gate and output gate per block, no forget gate, cell state
 * {@code s(t) = s(t−1) + y_in(t)·g(net_c(t))}, cell output {@code y_c(t) = y_out(t)·h(s(t))}.
 * Cells and gates see the layer input and all hidden units (cells and gates) at {@code t−1};
 * the layer's output is the cells at {@code t} (followed, for the paper's networks, by a sigmoid
 * {@link org.deeplearning4j.nn.conf.layers.RnnOutputLayer}).
 *
 * <p>Options beyond the defaults: no output gates, logistic {@code g}, identity {@code h} (Exp.
 * 2a), which unit types carry biases, explicit initial gate biases per block, the paper's
 * truncated gradient or full BPTT ({@link #getGradientMode()}), and two connectivity options that
 * reproduce the paper's weight count for Exp. 2a: {@code recurrent=false} (cells and gates see
 * only the input) and {@code inputToOutput=true} (the layer passes its input through next to the
 * cells, so the output layer also sees the input units, as in the paper's comparison nets whose
 * counts 36/144/10404 imply input-to-output connections).
 *
 * <p>Layer output size: {@code blocks·cellsPerBlock}, plus {@code nIn} with {@code inputToOutput}.
 * Parameters: see {@link Lstm1997Kernel}; initialisation uniform in {@code [−initRange,
 * initRange]} (biases too, as the paper treats a bias as a weight from a unit that is always 1),
 * then gate biases set per block where given. The DL4J activation function and weight-init
 * settings are not used; dropout and weight noise are not supported. Input format NCW only.
 *
 * <p>Custom DL4J layers need no registration: DL4J serialises layer configurations with their
 * class name ({@code @class}), so this class round-trips through JSON and {@code ModelSerializer}
 * as long as it is on the classpath.
 */
public class Lstm1997 extends BaseRecurrentLayer {

    /** Cell input squashing {@code g}. */
    public enum CellInput {
        /** {@code g(x) = 4σ(x) − 2}, range [−2, 2] (the paper's default). */
        SCALED_SIGMOID,
        /** {@code g(x) = σ(x)}, range [0, 1] (Exp. 2a). */
        LOGISTIC
    }

    /** Cell output squashing {@code h}. */
    public enum CellOutput {
        /** {@code h(x) = 2σ(x) − 1}, range [−1, 1] (the paper's default). */
        SCALED_SIGMOID,
        /** {@code h(x) = x} (Exp. 2a). */
        IDENTITY
    }

    /** Which gradient the layer's backward pass computes. */
    public enum GradientMode {
        /** The paper's: error reaching net_c, net_in, net_out is not propagated back in time. */
        TRUNCATED,
        /** Exact backpropagation through time. */
        FULL
    }

    private int blocks;
    private int cellsPerBlock;
    private boolean outputGates = true;
    private CellInput cellInput = CellInput.SCALED_SIGMOID;
    private CellOutput cellOutput = CellOutput.SCALED_SIGMOID;
    private boolean cellBias = true;
    private boolean inputGateBias = true;
    private boolean outputGateBias = true;
    private boolean recurrent = true;
    private boolean inputToOutput;
    private double initRange = 0.1;
    private double[] inputGateBiasInit;
    private double[] outputGateBiasInit;
    private double inputGateWeightShift;
    private GradientMode gradientMode = GradientMode.TRUNCATED;

    /** For JSON deserialisation. */
    private Lstm1997() {
    }

    private Lstm1997(Builder b) {
        super(b);
        this.blocks = b.blocks;
        this.cellsPerBlock = b.cellsPerBlock;
        this.outputGates = b.outputGates;
        this.cellInput = b.cellInput;
        this.cellOutput = b.cellOutput;
        this.cellBias = b.cellBias;
        this.inputGateBias = b.inputGateBias;
        this.outputGateBias = b.outputGateBias;
        this.recurrent = b.recurrent;
        this.inputToOutput = b.inputToOutput;
        this.initRange = b.initRange;
        this.inputGateBiasInit = b.inputGateBiasInit == null ? null : b.inputGateBiasInit.clone();
        this.outputGateBiasInit = b.outputGateBiasInit == null ? null : b.outputGateBiasInit.clone();
        this.inputGateWeightShift = b.inputGateWeightShift;
        this.gradientMode = b.gradientMode;
        check();
        updateNOut();
    }

    private void check() {
        if (blocks < 1) {
            throw new IllegalArgumentException("Lstm1997 blocks must be positive, got " + blocks);
        }
        if (cellsPerBlock < 1) {
            throw new IllegalArgumentException("Lstm1997 cellsPerBlock must be positive, got " + cellsPerBlock);
        }
        if (!(initRange >= 0) || Double.isInfinite(initRange)) {
            throw new IllegalArgumentException("Lstm1997 initRange must be finite and >= 0, got " + initRange);
        }
        if (!Double.isFinite(inputGateWeightShift)) {
            throw new IllegalArgumentException("Lstm1997 inputGateWeightShift must be finite, got "
                    + inputGateWeightShift);
        }
        checkGateBias("inputGateBiasInit", inputGateBiasInit, inputGateBias);
        checkGateBias("outputGateBiasInit", outputGateBiasInit, outputGates && outputGateBias);
        Objects.requireNonNull(cellInput, "cellInput");
        Objects.requireNonNull(cellOutput, "cellOutput");
        Objects.requireNonNull(gradientMode, "gradientMode");
        if (rnnDataFormat != null && rnnDataFormat != RNNFormat.NCW) {
            throw new IllegalArgumentException("Lstm1997 supports only the NCW data format, got " + rnnDataFormat);
        }
    }

    private void checkGateBias(String name, double[] values, boolean gateHasBias) {
        if (values == null) {
            return;
        }
        if (!gateHasBias) {
            throw new IllegalArgumentException("Lstm1997 " + name + " is given but that gate has no bias");
        }
        if (values.length != blocks) {
            throw new IllegalArgumentException("Lstm1997 " + name + " has " + values.length
                    + " values but blocks is " + blocks);
        }
    }

    private void updateNOut() {
        this.nOut = (long) blocks * cellsPerBlock + (inputToOutput ? Math.max(nIn, 0) : 0);
    }

    /** The layer's output width: the cells, plus the passed-through input with {@code inputToOutput}. */
    @Override
    public long getNOut() {
        return (long) blocks * cellsPerBlock + (inputToOutput ? Math.max(nIn, 0) : 0);
    }

    /** Number of memory cells. */
    public int cells() {
        return blocks * cellsPerBlock;
    }

    /** Number of hidden units: cells, input gates, output gates. */
    public int hiddenUnits() {
        return cells() + blocks + (outputGates ? blocks : 0);
    }

    /** Number of biased hidden units. */
    public int biasCount() {
        return (cellBias ? cells() : 0) + (inputGateBias ? blocks : 0)
                + (outputGates && outputGateBias ? blocks : 0);
    }

    /** Number of parameters for input width {@code nIn}. */
    public long parameterCount(long inputWidth) {
        long h = hiddenUnits();
        return h * inputWidth + (recurrent ? h * h : 0) + biasCount();
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        super.setNIn(inputType, override);
        updateNOut();
    }

    @Override
    public void setNIn(long nIn) {
        super.setNIn(nIn);
        updateNOut();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null || inputType.getType() != InputType.Type.RNN) {
            throw new IllegalStateException("Lstm1997 (layer " + layerIndex + ") needs recurrent input, got "
                    + inputType);
        }
        InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) inputType;
        long out = (long) cells() + (inputToOutput ? r.getSize() : 0);
        return InputType.recurrent(out, r.getTimeSeriesLength(), RNNFormat.NCW);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        if (getIDropout() != null || getWeightNoise() != null) {
            // The kernel computes the paper's network exactly; silently ignoring these would mislead.
            throw new UnsupportedOperationException("Lstm1997 (layer " + layerIndex
                    + ") supports neither dropout nor weight noise");
        }
        Lstm1997Layer layer = new Lstm1997Layer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return Lstm1997ParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = parameterCount(nIn);
        // Working memory is Java-side: per example and step, H activations and 3 values per cell.
        long perStep = (hiddenUnits() + 3L * cells()) * 8L;
        return new LayerMemoryReport.Builder(layerName, Lstm1997.class, inputType, out)
                .standardMemory(params, 0)
                .workingMemory(0, perStep, 0, perStep)
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public Lstm1997 clone() {
        Lstm1997 c = (Lstm1997) super.clone();
        c.inputGateBiasInit = inputGateBiasInit == null ? null : inputGateBiasInit.clone();
        c.outputGateBiasInit = outputGateBiasInit == null ? null : outputGateBiasInit.clone();
        return c;
    }

    public int getBlocks() {
        return blocks;
    }

    public void setBlocks(int blocks) {
        this.blocks = blocks;
    }

    public int getCellsPerBlock() {
        return cellsPerBlock;
    }

    public void setCellsPerBlock(int cellsPerBlock) {
        this.cellsPerBlock = cellsPerBlock;
    }

    public boolean isOutputGates() {
        return outputGates;
    }

    public void setOutputGates(boolean outputGates) {
        this.outputGates = outputGates;
    }

    public CellInput getCellInput() {
        return cellInput;
    }

    public void setCellInput(CellInput cellInput) {
        this.cellInput = cellInput;
    }

    public CellOutput getCellOutput() {
        return cellOutput;
    }

    public void setCellOutput(CellOutput cellOutput) {
        this.cellOutput = cellOutput;
    }

    public boolean isCellBias() {
        return cellBias;
    }

    public void setCellBias(boolean cellBias) {
        this.cellBias = cellBias;
    }

    public boolean isInputGateBias() {
        return inputGateBias;
    }

    public void setInputGateBias(boolean inputGateBias) {
        this.inputGateBias = inputGateBias;
    }

    public boolean isOutputGateBias() {
        return outputGateBias;
    }

    public void setOutputGateBias(boolean outputGateBias) {
        this.outputGateBias = outputGateBias;
    }

    public boolean isRecurrent() {
        return recurrent;
    }

    public void setRecurrent(boolean recurrent) {
        this.recurrent = recurrent;
    }

    public boolean isInputToOutput() {
        return inputToOutput;
    }

    public void setInputToOutput(boolean inputToOutput) {
        this.inputToOutput = inputToOutput;
    }

    public double getInitRange() {
        return initRange;
    }

    public void setInitRange(double initRange) {
        this.initRange = initRange;
    }

    /** Initial input-gate bias per block, or {@code null} for random like other weights. */
    public double[] getInputGateBiasInit() {
        return inputGateBiasInit == null ? null : inputGateBiasInit.clone();
    }

    public void setInputGateBiasInit(double[] inputGateBiasInit) {
        this.inputGateBiasInit = inputGateBiasInit == null ? null : inputGateBiasInit.clone();
    }

    /** Initial output-gate bias per block, or {@code null} for random like other weights. */
    public double[] getOutputGateBiasInit() {
        return outputGateBiasInit == null ? null : outputGateBiasInit.clone();
    }

    public void setOutputGateBiasInit(double[] outputGateBiasInit) {
        this.outputGateBiasInit = outputGateBiasInit == null ? null : outputGateBiasInit.clone();
    }

    /**
     * Added to every initial weight from an input unit to an input gate (default 0): with one-hot
     * inputs and no bias unit, this biases the gates as an initial gate bias would.
     */
    public double getInputGateWeightShift() {
        return inputGateWeightShift;
    }

    public void setInputGateWeightShift(double inputGateWeightShift) {
        this.inputGateWeightShift = inputGateWeightShift;
    }

    public GradientMode getGradientMode() {
        return gradientMode;
    }

    public void setGradientMode(GradientMode gradientMode) {
        this.gradientMode = gradientMode;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Lstm1997) || !super.equals(o)) {
            return false;
        }
        Lstm1997 l = (Lstm1997) o;
        return blocks == l.blocks && cellsPerBlock == l.cellsPerBlock && outputGates == l.outputGates
                && cellInput == l.cellInput && cellOutput == l.cellOutput && cellBias == l.cellBias
                && inputGateBias == l.inputGateBias && outputGateBias == l.outputGateBias
                && recurrent == l.recurrent && inputToOutput == l.inputToOutput
                && Double.compare(initRange, l.initRange) == 0
                && Arrays.equals(inputGateBiasInit, l.inputGateBiasInit)
                && Arrays.equals(outputGateBiasInit, l.outputGateBiasInit)
                && Double.compare(inputGateWeightShift, l.inputGateWeightShift) == 0 && gradientMode == l.gradientMode;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof Lstm1997;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(super.hashCode(), blocks, cellsPerBlock, outputGates, cellInput, cellOutput,
                cellBias, inputGateBias, outputGateBias, recurrent, inputToOutput, initRange, inputGateWeightShift,
                gradientMode);
        return 31 * (31 * h + Arrays.hashCode(inputGateBiasInit)) + Arrays.hashCode(outputGateBiasInit);
    }

    @Override
    public String toString() {
        return "Lstm1997(nIn=" + nIn + ", blocks=" + blocks + ", cellsPerBlock=" + cellsPerBlock
                + ", outputGates=" + outputGates + ", cellInput=" + cellInput + ", cellOutput=" + cellOutput
                + ", biases[cells=" + cellBias + ", inputGates=" + inputGateBias + ", outputGates="
                + outputGateBias + "], recurrent=" + recurrent + ", inputToOutput=" + inputToOutput
                + ", initRange=" + initRange + ", inputGateBiasInit=" + Arrays.toString(inputGateBiasInit)
                + ", outputGateBiasInit=" + Arrays.toString(outputGateBiasInit) + ", inputGateWeightShift="
                + inputGateWeightShift + ", gradient=" + gradientMode
                + ")";
    }

    /** Builder; {@code nIn}, {@code blocks} and {@code cellsPerBlock} are required. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
        private int blocks;
        private int cellsPerBlock;
        private boolean outputGates = true;
        private CellInput cellInput = CellInput.SCALED_SIGMOID;
        private CellOutput cellOutput = CellOutput.SCALED_SIGMOID;
        private boolean cellBias = true;
        private boolean inputGateBias = true;
        private boolean outputGateBias = true;
        private boolean recurrent = true;
        private boolean inputToOutput;
        private double initRange = 0.1;
        private double[] inputGateBiasInit;
        private double[] outputGateBiasInit;
        private double inputGateWeightShift;
        private GradientMode gradientMode = GradientMode.TRUNCATED;

        /** Number of memory-cell blocks. */
        public Builder blocks(int blocks) {
            this.blocks = blocks;
            return this;
        }

        /** Cells per block (sharing one input gate and one output gate). */
        public Builder cellsPerBlock(int cellsPerBlock) {
            this.cellsPerBlock = cellsPerBlock;
            return this;
        }

        /** Whether blocks have output gates (default true). */
        public Builder outputGates(boolean outputGates) {
            this.outputGates = outputGates;
            return this;
        }

        /** Cell input squashing (default {@link CellInput#SCALED_SIGMOID}). */
        public Builder cellInput(CellInput cellInput) {
            this.cellInput = cellInput;
            return this;
        }

        /** Cell output squashing (default {@link CellOutput#SCALED_SIGMOID}). */
        public Builder cellOutput(CellOutput cellOutput) {
            this.cellOutput = cellOutput;
            return this;
        }

        /** Which hidden unit types carry a bias (default: all). */
        public Builder biases(boolean cells, boolean inputGates, boolean outputGates) {
            this.cellBias = cells;
            this.inputGateBias = inputGates;
            this.outputGateBias = outputGates;
            return this;
        }

        /** Whether cells and gates see the hidden units at t−1 (default true). */
        public Builder recurrent(boolean recurrent) {
            this.recurrent = recurrent;
            return this;
        }

        /** Whether the layer passes its input through beside the cells (default false). */
        public Builder inputToOutput(boolean inputToOutput) {
            this.inputToOutput = inputToOutput;
            return this;
        }

        /** Weights and biases start uniform in [−r, r] (default 0.1). */
        public Builder initRange(double r) {
            this.initRange = r;
            return this;
        }

        /** Initial input-gate bias per block; {@code null} (default) draws them like other weights. */
        public Builder inputGateBiasInit(double... values) {
            this.inputGateBiasInit = values;
            return this;
        }

        /** Initial output-gate bias per block; {@code null} (default) draws them like other weights. */
        public Builder outputGateBiasInit(double... values) {
            this.outputGateBiasInit = values;
            return this;
        }

        /** Added to every initial weight from an input unit to an input gate (default 0). */
        public Builder inputGateWeightShift(double shift) {
            this.inputGateWeightShift = shift;
            return this;
        }

        /** Gradient mode (default {@link GradientMode#TRUNCATED}, the paper's). */
        public Builder gradientMode(GradientMode mode) {
            this.gradientMode = mode;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Lstm1997 build() {
            return new Lstm1997(this);
        }
    }
}
