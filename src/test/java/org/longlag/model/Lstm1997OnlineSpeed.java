package org.longlag.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.longlag.task.Sequence;

/**
 * Quick timing of the on-line trainer on the 93-weight adding network (2 blocks × 2 cells), on
 * adding-problem-like sequences of length uniform in [T, T + T/10] with one target at the end.
 * Run: {@code java -cp <test classpath> org.longlag.model.Lstm1997OnlineSpeed [T ...]}. Not a
 * benchmark with error bars; a check that the kernel is in the expected range.
 */
public final class Lstm1997OnlineSpeed {

    private Lstm1997OnlineSpeed() {
    }

    static List<Sequence> addingLike(SplittableRandom rng, int count, int len) {
        List<Sequence> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            int l = len + rng.nextInt(len / 10 + 1);
            double[][] x = new double[l][2];
            double[][] y = new double[l][];
            for (int t = 0; t < l; t++) {
                x[t][0] = rng.nextDouble(-1, 1);
            }
            x[0][1] = -1;
            x[l - 1][1] = -1;
            int a = rng.nextInt(10);
            int b = a;
            while (b == a) {
                b = rng.nextInt(Math.max(2, len / 2 - 1));
            }
            x[a][1] = 1;
            x[b][1] = 1;
            y[l - 1] = new double[] {0.5 + (x[a][0] + x[b][0]) / 4};
            out.add(new Sequence(x, y));
        }
        return out;
    }

    /** Sequence-steps per second of on-line training at length T (best of a few rounds). */
    static double measure(String gradient, int len, double seconds) {
        Map<String, Object> s = Map.of("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5,
                "inputGateBias", List.of(-3.0, -6.0), "gradient", gradient);
        SequenceModel m = new Lstm1997Kind().create(s, 2, 1, 1);
        List<Sequence> data = addingLike(new SplittableRandom(2), 200, len);
        long steps = 0;
        for (Sequence q : data) {
            steps += q.length();
        }
        double best = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            for (Sequence q : data) {
                m.train(List.of(q));
            }
            double rate = steps / ((System.nanoTime() - t0) / 1e9);
            best = Math.max(best, rate);
        }
        return best;
    }

    /** One-hot sequences like Exp. 2c (p+4 symbols, target at the end) on the 6p+64-weight network. */
    static double measureVeryLongLag(int p, int len, double seconds) {
        Map<String, Object> s = Map.of("blocks", 2, "cellsPerBlock", 1, "learningRate", 0.01, "initRange", 0.2,
                "biases", Map.of("cells", false, "inputGates", false, "outputGates", false, "outputs", false));
        SequenceModel m = new Lstm1997Kind().create(s, p + 4, 2, 1);
        SplittableRandom rng = new SplittableRandom(3);
        List<Sequence> data = new ArrayList<>();
        long steps = 0;
        for (int n = 0; n < 20; n++) {
            double[][] x = new double[len][p + 4];
            double[][] y = new double[len][];
            for (int t = 0; t < len; t++) {
                x[t][rng.nextInt(p + 4)] = 1.0;
            }
            y[len - 1] = rng.nextBoolean() ? new double[] {1, 0} : new double[] {0, 1};
            data.add(new Sequence(x, y));
            steps += len;
        }
        double best = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            for (Sequence q : data) {
                m.train(List.of(q));
            }
            best = Math.max(best, steps / ((System.nanoTime() - t0) / 1e9));
        }
        return best;
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("vll")) {
            measureVeryLongLag(1000, 1014, 1.0);
            System.out.printf(Locale.ROOT, "lstm1997 6064 weights (p=1000, one-hot), truncated, T=1014: %,.0f "
                    + "sequence-steps/s%n", measureVeryLongLag(1000, 1014, 3.0));
            return;
        }
        int[] lengths = args.length == 0 ? new int[] {100, 1000} : new int[args.length];
        for (int i = 0; i < args.length; i++) {
            lengths[i] = Integer.parseInt(args[i]);
        }
        for (String g : new String[] {"truncated", "full"}) {
            for (int len : lengths) {
                measure(g, len, 1.0); // warm-up
                System.out.printf(Locale.ROOT, "lstm1997 93 weights, %s gradient, T=%d: %,.0f sequence-steps/s%n",
                        g, len, measure(g, len, 3.0));
            }
        }
    }
}
