package org.longlag.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.longlag.task.Sequence;

/**
 * Quick timing of one on-line {@code rnn1997} training step ({@link RnnKernel#train}) on sequences
 * shaped like Exp. 2c's q1000-p1000 row: 1,004-wide one-hot inputs, 1,013 steps, one target at the
 * last step; 6 hidden units without biases, 2 outputs. Run:
 * {@code java -cp <test classpath> org.longlag.model.RnnKernelSpeed [inputs steps hidden seconds]}.
 * Not a benchmark with error bars; a check that the kernel is in the expected range.
 */
public final class RnnKernelSpeed {

    private RnnKernelSpeed() {
    }

    /** {@code count} sequences of {@code steps} one-hot steps of width {@code nIn}, target at the end. */
    static Sequence[] oneHotSequences(SplittableRandom rng, int count, int nIn, int steps) {
        double[][] oneHot = new double[nIn][nIn];
        for (int i = 0; i < nIn; i++) {
            oneHot[i][i] = 1.0;
        }
        Sequence[] out = new Sequence[count];
        for (int n = 0; n < count; n++) {
            double[][] x = new double[steps][];
            double[][] y = new double[steps][];
            for (int t = 0; t < steps; t++) {
                x[t] = oneHot[rng.nextInt(nIn)];
            }
            y[steps - 1] = rng.nextBoolean() ? new double[] {0.8, 0.2} : new double[] {0.2, 0.8};
            out[n] = new Sequence(x, y);
        }
        return out;
    }

    public static void main(String[] args) {
        int nIn = args.length > 0 ? Integer.parseInt(args[0]) : 1004;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1013;
        int hidden = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        RnnKernel kernel = new RnnKernel(nIn, hidden, 2, false);
        SplittableRandom rng = new SplittableRandom(1);
        double[] p = kernel.params();
        for (int i = 0; i < p.length; i++) {
            if (kernel.isTrainable(i)) {
                p[i] = rng.nextDouble(-0.2, 0.2);
            }
        }
        Sequence[] data = oneHotSequences(rng, 50, nIn, steps);
        // Warm-up, then rounds of the whole set; the median round gives the time per sequence.
        long warmEnd = System.nanoTime() + (long) (seconds * 0.2e9);
        while (System.nanoTime() < warmEnd) {
            for (Sequence s : data) {
                kernel.train(s, 0.01);
            }
        }
        double[] rounds = new double[64];
        int r = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (r < rounds.length && (r < 3 || System.nanoTime() < end)) {
            long t0 = System.nanoTime();
            for (Sequence s : data) {
                kernel.train(s, 0.01);
            }
            rounds[r++] = (System.nanoTime() - t0) / 1e6 / data.length;
        }
        double[] done = Arrays.copyOf(rounds, r);
        Arrays.sort(done);
        System.out.printf(Locale.ROOT, "nIn=%d steps=%d hidden=%d: %d rounds of %d sequences, ms/sequence"
                + " min %.3f median %.3f max %.3f (checksum %.6f)%n", nIn, steps, hidden, r, data.length,
                done[0], done[r / 2], done[r - 1], p[0] + p[p.length - 3]);
    }
}
