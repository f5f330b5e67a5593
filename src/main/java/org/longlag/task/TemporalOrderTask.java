package org.longlag.task;

import java.util.SplittableRandom;

/**
 * Exp. 6, temporal order: classify a sequence by the order of 2 (6a) or 3 (6b) widely separated
 * X / Y symbols among random distractors.
 *
 * <p>Symbols, one-hot in the order {@link #SYMBOLS} = {@code a, b, c, d, X, Y, E, B} (index 0 to
 * 7). The length is uniform in 100..110 for 6a and 6b alike (the paper gives 6b no length of its
 * own; 6b's t3 ends at 76, well inside). The paper's positions are 1-based: element 1 is E,
 * element {@code length} is B, and X or Y (probability 0.5 each, independently) stands at the
 * relevant positions: 6a {@code t1 in 10..20, t2 in 50..60}; 6b {@code t1 in 10..20, t2 in 33..43,
 * t3 in 66..76}, all bounds inclusive. Step index = position - 1, so 6a's first relevant symbol
 * is at step 9..19. Every other element is drawn uniformly from {a, b, c, d}.
 *
 * <p>Target, at the last step (the one showing B) only: the one-hot class, counting X as 0 and Y
 * as 1 in binary with the first relevant symbol most significant: 6a XX=0, XY=1, YX=2, YY=3 (the
 * paper's Q, R, S, U); 6b XXX=0 ... YYY=7. Correct: every output within 0.3 at the end.
 */
public final class TemporalOrderTask extends GeneratedTask {

    /** The kind name used by {@link Tasks#create}. */
    public static final String KIND = "temporal-order";
    /** The symbols in the order of their one-hot index. */
    public static final String SYMBOLS = "abcdXYEB";
    /** Shortest sequence. */
    public static final int MIN_LENGTH = 100;
    /** Longest sequence. */
    public static final int MAX_LENGTH = 110;
    /** Correct when every output's absolute error at the end is below this. */
    public static final double TOLERANCE = 0.3;

    private static final int X = 4;
    private static final int Y = 5;
    private static final int E = 6;
    private static final int B = 7;
    /** Inclusive 1-based position ranges of the relevant symbols, for 2 and 3 of them. */
    private static final int[][][] RANGES = {
        {{10, 20}, {50, 60}},
        {{10, 20}, {33, 43}, {66, 76}},
    };

    private static final double[][] ONE_HOT = new double[SYMBOLS.length()][];

    static {
        for (int i = 0; i < ONE_HOT.length; i++) {
            ONE_HOT[i] = Params.oneHot(SYMBOLS.length(), i);
        }
    }

    private final int relevant;
    private final double[][] classTargets;

    /** @param relevant number of relevant X/Y symbols: 2 (Exp. 6a) or 3 (Exp. 6b) */
    public TemporalOrderTask(int relevant) {
        this.relevant = Params.inRange(KIND, "relevant", relevant, 2, 3);
        this.classTargets = new double[1 << relevant][];
        for (int c = 0; c < classTargets.length; c++) {
            classTargets[c] = Params.oneHot(classTargets.length, c);
        }
    }

    /** Number of relevant X/Y symbols. */
    public int relevant() {
        return relevant;
    }

    /**
     * The inclusive range of 1-based positions of relevant symbol {@code i} (0-based), as
     * {@code {first, last}}.
     */
    public int[] positionRange(int i) {
        return RANGES[relevant - 2][i].clone();
    }

    @Override
    public int inputSize() {
        return SYMBOLS.length();
    }

    @Override
    public int outputSize() {
        return 1 << relevant;
    }

    @Override
    public Sequence sample(SplittableRandom rng) {
        int length = rng.nextInt(MIN_LENGTH, MAX_LENGTH + 1);
        double[][] inputs = new double[length][];
        inputs[0] = ONE_HOT[E];
        for (int t = 1; t < length - 1; t++) {
            inputs[t] = ONE_HOT[rng.nextInt(4)];
        }
        inputs[length - 1] = ONE_HOT[B];
        int label = 0;
        for (int[] range : RANGES[relevant - 2]) {
            int position = rng.nextInt(range[0], range[1] + 1);
            boolean isY = rng.nextBoolean();
            inputs[position - 1] = ONE_HOT[isY ? Y : X];
            label = 2 * label + (isY ? 1 : 0);
        }
        double[][] targets = new double[length][];
        targets[length - 1] = classTargets[label];
        return new Sequence(inputs, targets);
    }

    @Override
    public boolean isCorrect(Sequence sequence, double[][] outputs) {
        return allWithin(sequence, outputs, TOLERANCE);
    }

    @Override
    public String toString() {
        return "TemporalOrderTask[relevant=" + relevant + "]";
    }
}
