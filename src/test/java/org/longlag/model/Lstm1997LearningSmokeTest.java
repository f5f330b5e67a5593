package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longlag.task.Sequence;

/**
 * The paper's network and protocol learn a short version of the two-sequence problem (Exp. 3a
 * settings: 3 blocks × 1 cell, gate biases −1/−3/−5 and −2/−4/−6, α = 1), in both gradient modes.
 * A smoke test of the whole on-line path, seconds not minutes.
 */
class Lstm1997LearningSmokeTest {

    private static Sequence latch(SplittableRandom rng, int len) {
        boolean one = rng.nextBoolean();
        double[][] x = new double[len][1];
        double[][] y = new double[len][];
        for (int t = 0; t < len; t++) {
            x[t][0] = t < 1 ? (one ? 1.0 : -1.0) : rng.nextGaussian() * Math.sqrt(0.2);
        }
        y[len - 1] = new double[] {one ? 1.0 : 0.0};
        return new Sequence(x, y);
    }

    private static double meanAbsError(SequenceModel m, SplittableRandom rng) {
        List<Sequence> test = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            test.add(latch(rng, 20));
        }
        List<double[][]> out = m.predict(test);
        double sum = 0;
        for (int i = 0; i < test.size(); i++) {
            int last = test.get(i).length() - 1;
            sum += Math.abs(out.get(i)[last][0] - test.get(i).target(last)[0]);
        }
        return sum / test.size();
    }

    @Test
    void learnsToLatchOverTwentySteps() {
        for (String gradient : new String[] {"truncated", "full"}) {
            Map<String, Object> s = Map.of("blocks", 3, "cellsPerBlock", 1, "learningRate", 1.0,
                    "initRange", 0.1, "inputGateBias", List.of(-1, -3, -5), "outputGateBias", List.of(-2, -4, -6),
                    "biases", Map.of("outputs", false), "gradient", gradient);
            SequenceModel m = new Lstm1997Kind().create(s, 1, 1, 7);
            SplittableRandom rng = new SplittableRandom(8);
            double before = meanAbsError(m, new SplittableRandom(9));
            for (int i = 0; i < 20_000; i++) {
                m.train(List.of(latch(rng, 20 + rng.nextInt(3))));
            }
            double after = meanAbsError(m, new SplittableRandom(9));
            assertTrue(after < 0.1 && after < before / 3,
                    gradient + ": mean absolute error " + before + " -> " + after);
        }
    }
}
