package org.longlag.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Exp. 1, the embedded Reber grammar: predict the set of legal next symbols of a string
 * {@code B c R c E}, where {@code c} is T or P (probability 0.5 each) and {@code R} is a string of
 * the Reber grammar (which itself starts with B and ends with E).
 *
 * <p>The 7 symbols are one-hot coded in the order {@link #SYMBOLS} = {@code B, T, P, S, X, V, E}
 * (index 0 to 6), for inputs and outputs alike. Step {@code t} shows symbol {@code t}; its target
 * is the multi-hot set of symbols that may legally come next: {T, P} after the first B, {B} after
 * {@code c}, the Reber graph's successors inside {@code R}, only the matching {@code c} after
 * {@code R}'s final E (the long-lag prediction), and {E} after the second {@code c}. The final E
 * has nothing after it, so the last step carries no target.
 *
 * <p>A trial draws 256 training strings and 256 test strings from the grammar. The strings of a
 * set are distinct, and no test string is a training string ("256 other test strings"): the
 * paper's success criterion counts strings, and repeats would only weight the very common short
 * strings (the shortest ones have probability 1/16 each) without adding anything to learn or to
 * check. Distinctness is obtained by rejection, so a set leans towards longer strings compared
 * with the grammar's own distribution. Training samples the 256 training strings uniformly with
 * replacement; {@link TrialData#testSet(int)} returns the fixed 256 test strings whatever the
 * requested size.
 *
 * <p>Correct, as in the paper's practice: at every target step, the output of every legal next
 * symbol is strictly above the output of every illegal one.
 */
public final class EmbeddedReberTask implements SequenceTask {

    /** The kind name used by {@link Tasks#create}. */
    public static final String KIND = "reber";
    /** The symbols in the order of their one-hot index. */
    public static final String SYMBOLS = "BTPSXVE";
    /** Number of strings in the training set and in the test set. */
    public static final int SET_SIZE = 256;

    /** Symbols leaving each state of the Reber graph, each taken with equal probability. */
    private static final String[] OUT_SYMBOLS = {"B", "TP", "SX", "TV", "XS", "PV", "E"};
    /** The state each of those symbols leads to; -1 is the end of the string. */
    private static final int[][] OUT_STATES = {{1}, {2, 3}, {2, 4}, {3, 5}, {3, 6}, {4, 6}, {-1}};

    private static final double[][] ONE_HOT = new double[SYMBOLS.length()][];

    static {
        for (int i = 0; i < ONE_HOT.length; i++) {
            ONE_HOT[i] = Params.oneHot(SYMBOLS.length(), i);
        }
    }

    /** The task has no parameters: the paper's grammar, set sizes and rule are fixed. */
    public EmbeddedReberTask() {
    }

    @Override
    public int inputSize() {
        return SYMBOLS.length();
    }

    @Override
    public int outputSize() {
        return SYMBOLS.length();
    }

    /** Draws one embedded Reber string, e.g. {@code BTBTXSETE}. */
    public static String randomString(SplittableRandom rng) {
        char c = rng.nextBoolean() ? 'T' : 'P';
        StringBuilder s = new StringBuilder().append('B').append(c);
        int state = 0;
        while (state >= 0) {
            String out = OUT_SYMBOLS[state];
            int choice = out.length() == 1 ? 0 : rng.nextInt(out.length());
            s.append(out.charAt(choice));
            state = OUT_STATES[state][choice];
        }
        return s.append(c).append('E').toString();
    }

    /**
     * Encodes an embedded Reber string as a sequence: one-hot symbols in, legal successor sets as
     * targets.
     *
     * @throws IllegalArgumentException if {@code string} is not in the embedded grammar
     */
    public static Sequence toSequence(String string) {
        int length = string.length();
        double[][] inputs = new double[length][];
        double[][] targets = new double[length][];
        for (int t = 0; t < length; t++) {
            inputs[t] = ONE_HOT[symbolIndex(string, t)];
        }
        if (length < 7 || string.charAt(0) != 'B' || string.charAt(length - 1) != 'E') {
            throw notInGrammar(string);
        }
        char c = string.charAt(1);
        if ((c != 'T' && c != 'P') || string.charAt(length - 2) != c) {
            throw notInGrammar(string);
        }
        targets[0] = multiHot("TP");
        targets[1] = multiHot("B");
        // The inner Reber string occupies steps 2 .. length-3.
        int state = 0;
        for (int t = 2; t <= length - 3; t++) {
            if (state < 0) {
                throw notInGrammar(string);
            }
            int choice = OUT_SYMBOLS[state].indexOf(string.charAt(t));
            if (choice < 0) {
                throw notInGrammar(string);
            }
            state = OUT_STATES[state][choice];
            targets[t] = state >= 0 ? multiHot(OUT_SYMBOLS[state]) : multiHot(String.valueOf(c));
        }
        if (state >= 0) {
            throw notInGrammar(string);
        }
        targets[length - 2] = multiHot("E");
        return new Sequence(inputs, targets);
    }

    /** Reads the symbols back from a sequence's one-hot inputs. */
    public static String decode(Sequence sequence) {
        StringBuilder s = new StringBuilder(sequence.length());
        for (int t = 0; t < sequence.length(); t++) {
            double[] in = sequence.input(t);
            int index = -1;
            for (int k = 0; k < in.length; k++) {
                if (in[k] == 1.0) {
                    index = k;
                }
            }
            s.append(index < 0 ? '?' : SYMBOLS.charAt(index));
        }
        return s.toString();
    }

    private static int symbolIndex(String string, int t) {
        int index = SYMBOLS.indexOf(string.charAt(t));
        if (index < 0) {
            throw new IllegalArgumentException("not a Reber symbol: '" + string.charAt(t) + "' in " + string);
        }
        return index;
    }

    private static IllegalArgumentException notInGrammar(String string) {
        return new IllegalArgumentException("not an embedded Reber string: " + string);
    }

    private static double[] multiHot(String symbols) {
        double[] v = new double[SYMBOLS.length()];
        for (int i = 0; i < symbols.length(); i++) {
            v[SYMBOLS.indexOf(symbols.charAt(i))] = 1.0;
        }
        return v;
    }

    @Override
    public TrialData newTrial(SplittableRandom rng) {
        SplittableRandom sets = rng.split();
        SplittableRandom picks = rng.split();
        Set<String> training = new LinkedHashSet<>();
        while (training.size() < SET_SIZE) {
            training.add(randomString(sets));
        }
        Set<String> test = new LinkedHashSet<>();
        while (test.size() < SET_SIZE) {
            String s = randomString(sets);
            if (!training.contains(s)) {
                test.add(s);
            }
        }
        List<Sequence> trainingSet = encode(training);
        List<Sequence> testSet = encode(test);
        return new TrialData() {
            @Override
            public Sequence nextTraining() {
                return trainingSet.get(picks.nextInt(trainingSet.size()));
            }

            @Override
            public List<Sequence> testSet(int n) {
                return testSet;
            }

            @Override
            public List<Sequence> trainingSet() {
                return trainingSet;
            }
        };
    }

    private static List<Sequence> encode(Set<String> strings) {
        List<Sequence> out = new ArrayList<>(strings.size());
        for (String s : strings) {
            out.add(toSequence(s));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean isCorrect(Sequence sequence, double[][] outputs) {
        for (int t = 0; t < sequence.length(); t++) {
            double[] reference = sequence.reference(t);
            if (reference == null) {
                continue;
            }
            double lowestLegal = Double.POSITIVE_INFINITY;
            double highestIllegal = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < reference.length; k++) {
                double y = outputs[t][k];
                if (Double.isNaN(y)) {
                    return false;
                }
                if (reference[k] > 0.5) {
                    lowestLegal = Math.min(lowestLegal, y);
                } else {
                    highestIllegal = Math.max(highestIllegal, y);
                }
            }
            if (!(lowestLegal > highestIllegal)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "EmbeddedReberTask[symbols=" + SYMBOLS + ", trainingStrings=" + SET_SIZE
                + ", testStrings=" + SET_SIZE + "]";
    }
}
