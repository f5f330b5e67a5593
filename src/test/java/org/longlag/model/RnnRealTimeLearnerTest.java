package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longlag.task.Sequence;

/**
 * RTRL against BPTT: the forward sensitivities of {@link RnnRealTimeLearner}, summed over a
 * sequence at fixed weights, must give {@link RnnKernel}'s backward gradient; and the per-step
 * update must differ from the per-sequence one exactly where a sequence has several target steps.
 */
class RnnRealTimeLearnerTest {
    private final Rnn1997Kind kind = new Rnn1997Kind();

    /** Every shape of net the kind builds: layered with and without biases, input-to-output, fully recurrent. */
    private static final List<Map<String, Object>> NETS = List.of(
            Map.of("hidden", 3),
            Map.of("hidden", 3, "biases", false),
            Map.of("hidden", 1, "biases", false, "inputToOutput", true),
            Map.of("hidden", 2, "inputToOutput", true),
            Map.of("hidden", 2, "topology", "fully-recurrent"),
            Map.of("hidden", 2, "topology", "fully-recurrent", "biases", false));

    /** Inputs one-hot (as the symbol tasks) or dense ({@link Rnn1997KindTest}'s), targets at {@code targetSteps}. */
    private static Sequence sequence(SplittableRandom rng, boolean oneHot, int length, int nIn, int nOut,
            int... targetSteps) {
        Sequence dense = Rnn1997KindTest.sequence(rng, length, nIn, nOut, targetSteps);
        if (!oneHot) {
            return dense;
        }
        double[][] in = new double[length][nIn];
        double[][] out = new double[length][];
        for (int t = 0; t < length; t++) {
            in[t][rng.nextInt(nIn)] = 1.0;
            out[t] = dense.target(t);
        }
        return new Sequence(in, out);
    }

    private Rnn1997Model model(Map<String, Object> net, double alpha, boolean perStep, int nIn, int nOut) {
        Map<String, Object> settings = new java.util.HashMap<>(net);
        settings.put("initRange", 1.0);
        settings.put("learningRate", alpha);
        settings.put("update", perStep ? "per-step" : "per-sequence");
        return kind.create(settings, nIn, nOut, 5);
    }

    @Test
    void summedRealTimeGradientIsTheBpttGradient() {
        SplittableRandom rng = new SplittableRandom(3);
        for (Map<String, Object> net : NETS) {
            for (boolean oneHot : new boolean[] {true, false}) {
                RnnKernel kernel = model(net, 1.0, false, 4, 3).kernel();
                Sequence s = sequence(rng, oneHot, 7, 4, 3, 1, 2, 5, 6);
                double[] bptt = new double[kernel.layoutSize()];
                double[] rtrl = new double[kernel.layoutSize()];
                kernel.gradient(s, bptt);
                new RnnRealTimeLearner(kernel).gradient(s, rtrl);
                double largest = 0;
                for (double g : bptt) {
                    largest = Math.max(largest, Math.abs(g));
                }
                assertTrue(largest > 1e-3, "a gradient worth comparing, " + net);
                for (int q = 0; q < bptt.length; q++) {
                    assertEquals(bptt[q], rtrl[q], 1e-12 * largest, net + " one-hot " + oneHot + " entry " + q);
                }
            }
        }
    }

    @Test
    void oneTargetStepMakesTheSameUpdateEitherWay() {
        SplittableRandom rng = new SplittableRandom(4);
        for (Map<String, Object> net : NETS) {
            Rnn1997Model perSequence = model(net, 0.7, false, 4, 2);
            Rnn1997Model perStep = model(net, 0.7, true, 4, 2);
            Sequence s = sequence(rng, true, 6, 4, 2, 5);
            double[][] a = perSequence.train(List.of(s)).get(0);
            double[][] b = perStep.train(List.of(s)).get(0);
            for (int k = 0; k < 2; k++) {
                assertEquals(a[5][k], b[5][k], 1e-14, net + " output " + k);
            }
            double[] pa = perSequence.kernel().params();
            double[] pb = perStep.kernel().params();
            for (int q = 0; q < pa.length; q++) {
                assertEquals(pa[q], pb[q], 1e-13, net + " weight " + q);
            }
        }
    }

    @Test
    void severalTargetStepsChangeTheWeightsInBetween() {
        SplittableRandom rng = new SplittableRandom(6);
        for (Map<String, Object> net : NETS) {
            Rnn1997Model perSequence = model(net, 2.0, false, 4, 2);
            Rnn1997Model perStep = model(net, 2.0, true, 4, 2);
            Sequence s = sequence(rng, true, 6, 4, 2, 1, 3, 5);
            double[][] a = perSequence.train(List.of(s)).get(0);
            double[][] b = perStep.train(List.of(s)).get(0);
            // The first target step runs before any change; the later ones see the changed weights.
            assertEquals(a[1][0], b[1][0], 1e-14, net.toString());
            assertTrue(Math.abs(a[5][0] - b[5][0]) > 1e-6, net + ": last output should differ");
            double differs = 0;
            for (int q = 0; q < perStep.kernel().params().length; q++) {
                differs = Math.max(differs, Math.abs(perSequence.kernel().params()[q] - perStep.kernel().params()[q]));
            }
            assertTrue(differs > 1e-6, net + ": weights after the sequence should differ");
        }
    }

    @Test
    void untrainedEntriesStayFixed() {
        SplittableRandom rng = new SplittableRandom(8);
        for (Map<String, Object> net : NETS) {
            Rnn1997Model perStep = model(net, 3.0, true, 4, 2);
            RnnKernel kernel = perStep.kernel();
            double[] before = kernel.params().clone();
            for (int i = 0; i < 20; i++) {
                perStep.train(List.of(sequence(rng, true, 5, 4, 2, 2, 4)));
            }
            for (int q = 0; q < before.length; q++) {
                if (!kernel.isTrainable(q)) {
                    assertEquals(before[q], kernel.params()[q], 0.0, net + " fixed entry " + q);
                }
            }
        }
    }
}
