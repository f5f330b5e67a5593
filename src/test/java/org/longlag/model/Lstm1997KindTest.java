package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings of kind lstm1997: the paper's weight counts, defaults, protocol line, rejections. */
class Lstm1997KindTest {

    private final Lstm1997Kind kind = new Lstm1997Kind();

    private static Map<String, Object> settings(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> biases(boolean cells, boolean inputGates, boolean outputGates,
            boolean outputs) {
        return settings("cells", cells, "inputGates", inputGates, "outputGates", outputGates, "outputs", outputs);
    }

    private long count(Map<String, Object> s, int in, int out) {
        kind.validate(s, in, out);
        return kind.parameterCount(s, in, out);
    }

    @Test
    void paperWeightCounts() {
        // Adding and multiplication: 2 blocks x 2, 2 inputs, 1 output, all non-input units biased.
        assertEquals(93, count(settings("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5), 2, 1));
        // Two-sequence: 3 x 1, output unbiased.
        assertEquals(102, count(settings("blocks", 3, "cellsPerBlock", 1, "learningRate", 1.0,
                "biases", biases(true, true, true, false)), 1, 1));
        // Temporal order.
        assertEquals(156, count(settings("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5), 8, 4));
        assertEquals(308, count(settings("blocks", 3, "cellsPerBlock", 2, "learningRate", 0.1), 8, 8));
        // Reber: only gates biased.
        Map<String, Object> gatesOnly = biases(false, true, true, false);
        assertEquals(264, count(settings("blocks", 4, "cellsPerBlock", 1, "learningRate", 0.1,
                "biases", gatesOnly), 7, 7));
        assertEquals(276, count(settings("blocks", 3, "cellsPerBlock", 2, "learningRate", 0.1,
                "biases", gatesOnly), 7, 7));
        // Very long lag: 2 x 1, no biases, p+4 inputs, 2 outputs: 6p + 64.
        for (int p : new int[] {50, 100, 200, 500, 1000}) {
            assertEquals(6L * p + 64, count(settings("blocks", 2, "cellsPerBlock", 1, "learningRate", 0.01,
                    "biases", biases(false, false, false, false)), p + 4, 2), "p=" + p);
        }
        // Noise-free, p = 100: one cell with an input gate, no output gate, no biases; cell and gate
        // see the inputs only, the outputs see the inputs and the cell.
        assertEquals(10504, count(settings("blocks", 1, "cellsPerBlock", 1, "learningRate", 1.0,
                "outputGates", false, "cellInput", "logistic", "cellOutput", "identity",
                "biases", biases(false, false, false, false), "recurrent", false, "inputToOutput", true),
                101, 101));
    }

    @ParameterizedTest
    @CsvSource({"2, 2, 2, 1, true", "3, 1, 1, 1, false", "1, 1, 101, 101, false", "3, 2, 7, 7, true"})
    void builtNetworkHasTheCountedParameters(int blocks, int cellsPerBlock, int in, int out, boolean recurrent) {
        Map<String, Object> s = settings("blocks", blocks, "cellsPerBlock", cellsPerBlock, "learningRate", 0.1,
                "recurrent", recurrent, "inputToOutput", !recurrent, "outputGates", recurrent);
        Lstm1997OnlineModel m = (Lstm1997OnlineModel) kind.create(s, in, out, 1);
        assertEquals(kind.parameterCount(s, in, out), m.parameterCount());
        assertEquals(m.parameterCount(), m.network().numParams());
        assertEquals(1, m.batchSize());
    }

    @Test
    void defaults() {
        Lstm1997Settings s = Lstm1997Settings.parse(settings("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5));
        assertTrue(s.outputGates());
        assertEquals(org.longlag.model.layer.Lstm1997.CellInput.SCALED_SIGMOID, s.cellInput());
        assertEquals(org.longlag.model.layer.Lstm1997.CellOutput.SCALED_SIGMOID, s.cellOutput());
        assertTrue(s.cellBias() && s.inputGateBiased() && s.outputGateBiased() && s.outputBias());
        assertEquals(0.1, s.initRange());
        assertEquals(null, s.inputGateBias());
        assertEquals(null, s.outputGateBias());
        assertEquals(org.longlag.model.layer.Lstm1997.GradientMode.TRUNCATED, s.gradient());
        assertTrue(s.recurrent());
        assertEquals(false, s.inputToOutput());
    }

    @Test
    void protocolLine() {
        assertEquals("online SGD, α 0.5, batch 1, truncated gradient",
                kind.protocol(settings("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5)));
        assertEquals("online SGD, α 1, batch 1, full gradient",
                kind.protocol(settings("blocks", 2, "cellsPerBlock", 2, "learningRate", 1.0, "gradient", "full")));
        assertEquals("lstm1997", kind.kind());
    }

    @Test
    void gateBiasesAreSetPerBlock() {
        Map<String, Object> s = settings("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5,
                "inputGateBias", List.of(-3.0, -6), "outputGateBias", List.of(-1, -2.5));
        Lstm1997OnlineModel m = (Lstm1997OnlineModel) kind.create(s, 2, 1, 5);
        var b = m.network().getParam("0_b");
        // biases: 4 cells, 2 input gates, 2 output gates
        assertEquals(-3.0, b.getDouble(4));
        assertEquals(-6.0, b.getDouble(5));
        assertEquals(-1.0, b.getDouble(6));
        assertEquals(-2.5, b.getDouble(7));
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(b.getDouble(i)) <= 0.1);
        }
    }

    @Test
    void inputGateWeightShiftMovesOnlyTheInputGatesWeightsFromTheInputs() {
        Map<String, Object> plain = settings("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5);
        Map<String, Object> shifted = new LinkedHashMap<>(plain);
        shifted.put("inputGateWeightShift", -3);
        double[] a = ((Lstm1997OnlineModel) kind.create(plain, 3, 1, 7)).parameters();
        double[] b = ((Lstm1997OnlineModel) kind.create(shifted, 3, 1, 7)).parameters();
        // W is [3 inputs, 8 hidden] in Fortran order: 4 cells, then input gates 4 and 5, then output gates
        for (int i = 0; i < a.length; i++) {
            boolean inputGateWeight = i >= 4 * 3 && i < 6 * 3;
            assertEquals(a[i] + (inputGateWeight ? -3.0 : 0.0), b[i], 1e-12, "parameter " + i);
        }
        assertTrue(kind.protocol(shifted).endsWith("input gates' weights from the inputs shifted by -3"));
        rejects(base("inputGateWeightShift", "low"), "lstm1997.inputGateWeightShift must be a number, got 'low'");
    }

    @Test
    void sameSeedSameWeightsOtherSeedOther() {
        Map<String, Object> s = settings("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5);
        double[] a = ((Lstm1997OnlineModel) kind.create(s, 2, 1, 9)).parameters();
        double[] b = ((Lstm1997OnlineModel) kind.create(s, 2, 1, 9)).parameters();
        double[] c = ((Lstm1997OnlineModel) kind.create(s, 2, 1, 10)).parameters();
        assertTrue(java.util.Arrays.equals(a, b));
        assertTrue(!java.util.Arrays.equals(a, c));
        for (double v : a) {
            assertTrue(Math.abs(v) <= 0.1);
        }
    }

    private void rejects(Map<String, Object> s, String expectedMessagePart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kind.validate(s, 2, 1));
        assertTrue(e.getMessage().contains(expectedMessagePart),
                "message '" + e.getMessage() + "' should contain '" + expectedMessagePart + "'");
    }

    private static Map<String, Object> base(Object... overrides) {
        Map<String, Object> m = new HashMap<>(settings("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5));
        m.putAll(settings(overrides));
        return m;
    }

    @Test
    void invalidSettingsAreRejectedNamingTheField() {
        rejects(base("blocks", 0), "lstm1997.blocks must be at least 1, got 0");
        rejects(base("cellsPerBlock", -1), "lstm1997.cellsPerBlock");
        rejects(base("blocks", "two"), "lstm1997.blocks must be an integer, got 'two'");
        rejects(base("blocks", 2.5), "lstm1997.blocks must be an integer, got 2.5");
        rejects(base("initRange", -0.1), "lstm1997.initRange must be a finite number >= 0, got -0.1");
        rejects(base("learningRate", 0), "lstm1997.learningRate");
        rejects(base("learningRate", "fast"), "lstm1997.learningRate must be a number, got 'fast'");
        rejects(base("inputGateBias", List.of(-1, -2, -3)), "lstm1997.inputGateBias has 3 values but blocks is 2");
        rejects(base("outputGateBias", List.of(-1)), "lstm1997.outputGateBias has 1 values but blocks is 2");
        rejects(base("inputGateBias", "randm"), "lstm1997.inputGateBias must be a list of numbers");
        rejects(base("inputGateBias", List.of(-1, "x")), "lstm1997.inputGateBias");
        rejects(base("outputGates", false, "outputGateBias", List.of(-1, -2)), "outputGates is false");
        rejects(base("biases", biases(true, false, true, true), "inputGateBias", List.of(-1, -2)),
                "biases.inputGates is false");
        rejects(base("gradient", "partial"), "lstm1997.gradient must be one of full, truncated, got 'partial'");
        rejects(base("cellInput", "tanh"), "lstm1997.cellInput");
        rejects(base("cellOutput", 3), "lstm1997.cellOutput");
        rejects(base("outputGates", "yes"), "lstm1997.outputGates must be true or false, got 'yes'");
        rejects(base("biases", settings("cell", true)), "lstm1997.biases has unknown key 'cell'");
        rejects(base("biases", true), "lstm1997.biases must be a map");
        rejects(base("biases", settings("outputs", 1)), "lstm1997.biases.outputs must be true or false, got 1");
        rejects(base("blokcs", 2), "unknown setting 'blokcs'");
        Map<String, Object> missing = base();
        missing.remove("learningRate");
        rejects(missing, "lstm1997.learningRate is required");
        assertThrows(IllegalArgumentException.class,
                () -> kind.validate(base(), 0, 1));
    }

    @Test
    void registered() {
        assertTrue(ModelKinds.get("lstm1997") instanceof Lstm1997Kind);
    }

    @Test
    void validSettingsPass() {
        kind.validate(base("inputGateBias", "random", "outputGateBias", List.of(-2, -4), "gradient", "full",
                "initRange", 0.2, "biases", biases(false, true, true, false)), 2, 1);
    }
}
