package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.longlag.task.Sequence;

/**
 * Per-step (real-time) updates against the per-sequence truncated gradient: with a tiny α the
 * weights hardly move within a sequence, so the per-step changes must add up to the per-sequence
 * change; with a real α the two protocols must differ.
 */
class Lstm1997RealTimeLearnerTest {

    @BeforeAll
    static void doublePrecision() {
        Lstm1997OnlineModelTest.doublePrecision();
    }

    private static Map<String, Object> settings(String variant, String update, double alpha) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("blocks", 2);
        m.put("cellsPerBlock", 2);
        m.put("learningRate", alpha);
        m.put("initRange", 0.5);
        m.put("update", update);
        switch (variant) {
            case "default" -> m.put("inputGateBias", List.of(-0.5, -1.0));
            case "unbiased" -> m.put("biases", Map.of("cells", false, "outputs", false));
            case "exp2a" -> {
                m.put("blocks", 1);
                m.put("cellsPerBlock", 1);
                m.put("outputGates", false);
                m.put("cellInput", "logistic");
                m.put("cellOutput", "identity");
                m.put("biases", Map.of("cells", false, "inputGates", false, "outputGates", false, "outputs", false));
                m.put("recurrent", false);
                m.put("inputToOutput", true);
            }
            default -> throw new IllegalArgumentException(variant);
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "unbiased", "exp2a"})
    void tinyStepsAddUpToThePerSequenceUpdate(String variant) {
        double alpha = 1e-7;
        Lstm1997OnlineModel perSequence = model(settings(variant, "per-sequence", alpha));
        Lstm1997OnlineModel perStep = model(settings(variant, "per-step", alpha));
        double[] start = perSequence.parameters();
        assertArrayEquals(start, perStep.parameters(), "both start from the same weights");
        Sequence seq = Lstm1997OnlineModelTest.sequence(new SplittableRandom(5), 9, 3, 2, variant.equals("exp2a"));

        double[][] seqOut = perSequence.train(List.of(seq)).get(0);
        double[][] stepOut = perStep.train(List.of(seq)).get(0);

        double[] a = perSequence.parameters();
        double[] b = perStep.parameters();
        double largest = 0;
        for (int i = 0; i < start.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - start[i]) / alpha);
        }
        assertTrue(largest > 1e-3, "the sequence must produce a gradient");
        for (int i = 0; i < start.length; i++) {
            double gradSeq = (a[i] - start[i]) / alpha;
            double gradStep = (b[i] - start[i]) / alpha;
            assertEquals(gradSeq, gradStep, 1e-4 * largest, variant + ": parameter " + i);
        }
        for (int t = 0; t < seq.length(); t++) {
            if (seq.hasTarget(t)) {
                for (int k = 0; k < 2; k++) {
                    assertEquals(seqOut[t][k], stepOut[t][k], 1e-5, "output " + k + " at " + t);
                }
            }
        }
    }

    @Test
    void realStepsDifferFromOneUpdatePerSequence() {
        Lstm1997OnlineModel perSequence = model(settings("default", "per-sequence", 0.5));
        Lstm1997OnlineModel perStep = model(settings("default", "per-step", 0.5));
        Sequence seq = Lstm1997OnlineModelTest.sequence(new SplittableRandom(6), 9, 3, 2, false);
        perSequence.train(List.of(seq));
        perStep.train(List.of(seq));
        assertNotEquals(perSequence.parameters()[0], perStep.parameters()[0]);
        // predict() and the DL4J network see the per-step weights
        double[][] predicted = perStep.predict(List.of(seq)).get(0);
        assertEquals(perStep.network().output(Lstm1997OnlineModelTest.dataSet(seq, 3, 2).getFeatures())
                .getDouble(0, 0, seq.length() - 1), predicted[seq.length() - 1][0], 1e-12);
    }

    @Test
    void perStepNeedsTheTruncatedGradient() {
        Map<String, Object> s = settings("default", "per-step", 0.5);
        s.put("gradient", "full");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model(s));
        assertTrue(e.getMessage().contains("update") && e.getMessage().contains("full"), e.getMessage());
        Map<String, Object> t = settings("default", "every-step", 0.5);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> model(t));
        assertTrue(f.getMessage().contains("every-step"), f.getMessage());
    }

    private static Lstm1997OnlineModel model(Map<String, Object> settings) {
        return (Lstm1997OnlineModel) new Lstm1997Kind().create(settings, 3, 2, 3);
    }
}
