package org.longlag.model.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's gradient check of the full-BPTT mode, in double precision, over the layer's variants. */
class Lstm1997GradientCheckTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static Stream<Arguments> cases() {
        // name, T, minibatch, masks, outputGates, biases, logistic g, identity h, recurrent, inputToOutput
        return Stream.of(
                Arguments.of("paper default", 4, 1, false, true, true, false, false, true, false),
                Arguments.of("T=1", 1, 1, false, true, true, false, false, true, false),
                Arguments.of("T=1 batch 3", 1, 3, false, true, true, false, false, true, false),
                Arguments.of("batch 3", 5, 3, false, true, true, false, false, true, false),
                Arguments.of("masks", 6, 3, true, true, true, false, false, true, false),
                Arguments.of("no output gate", 4, 2, false, false, true, false, false, true, false),
                Arguments.of("no biases", 4, 2, false, true, false, false, false, true, false),
                Arguments.of("exp 2a units", 5, 2, true, false, false, true, true, true, false),
                Arguments.of("exp 2a connectivity", 5, 2, true, false, false, true, true, false, true),
                Arguments.of("logistic g", 4, 2, false, true, true, true, false, true, false),
                Arguments.of("identity h", 4, 2, false, true, true, false, true, true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fullGradientMatchesFiniteDifferences(String name, int len, int mb, boolean masks, boolean outputGates,
            boolean biases, boolean logisticG, boolean identityH, boolean recurrent, boolean inputToOutput) {
        int nIn = 3;
        int nOut = 2;
        Lstm1997.Builder layer = new Lstm1997.Builder()
                .nIn(nIn)
                .blocks(2)
                .cellsPerBlock(2)
                .outputGates(outputGates)
                .biases(biases, biases, biases)
                .cellInput(logisticG ? Lstm1997.CellInput.LOGISTIC : Lstm1997.CellInput.SCALED_SIGMOID)
                .cellOutput(identityH ? Lstm1997.CellOutput.IDENTITY : Lstm1997.CellOutput.SCALED_SIGMOID)
                .recurrent(recurrent)
                .inputToOutput(inputToOutput)
                .gradientMode(Lstm1997.GradientMode.FULL);
        MultiLayerNetwork net = Lstm1997TestNets.network(layer, nOut, biases, null, 12345 + len * 7L + mb);
        SplittableRandom rng = new SplittableRandom(42 + len);
        INDArray in = Lstm1997TestNets.random(rng, mb, nIn, len);
        INDArray labels = Lstm1997TestNets.uniform01(rng, mb, nOut, len);
        INDArray featureMask = null;
        INDArray labelMask = null;
        if (masks) {
            featureMask = Nd4j.ones(DataType.DOUBLE, mb, len);
            labelMask = Nd4j.zeros(DataType.DOUBLE, mb, len);
            for (int m = 0; m < mb; m++) {
                // example m: m leading padded steps, targets on the last step and one in the middle
                for (int t = 0; t < Math.min(m, len - 2); t++) {
                    featureMask.putScalar(m, t, 0.0);
                }
                labelMask.putScalar(m, len - 1, 1.0);
                labelMask.putScalar(m, len - 2 - (m % 2), 1.0);
            }
        }
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net)
                .input(in)
                .labels(labels)
                .inputMask(featureMask)
                .labelMask(labelMask)
                .epsilon(1e-6)
                .maxRelError(1e-3)
                .minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .exitOnFirstError(false));
        assertTrue(ok, name);
    }
}
