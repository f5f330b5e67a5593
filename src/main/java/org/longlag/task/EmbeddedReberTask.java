package org.longlag.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
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
 *
 * <h2>Readings</h2>
 *
 * <p>Two choices above are readings of the paper, each selectable:
 *
 * <ul>
 *   <li>{@code sets}: {@code distinct} (above) or {@code sampled}, the paper's words taken
 *       literally: "The training set is generated randomly; ... Test sequences are generated
 *       randomly, too, but sequences already used in the training set are not used for testing."
 *       The 256 training strings are then drawn from the grammar with repeats (so short strings
 *       come at the grammar's own frequencies), and the 256 test strings are draws that are not
 *       training strings.
 *   <li>{@code targets}: {@code successors} (above) or {@code next-symbol}: the target of a step
 *       is the symbol that actually comes next ("the task is to predict the next symbol"), so an
 *       output learns how often its symbol follows; correctness is still judged against the legal
 *       successor set.
 * </ul>
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

    /** How the training and test sets are drawn. */
    public enum Sets {
        /** 256 distinct training strings, 256 distinct test strings none of which is a training string. */
        DISTINCT,
        /** 256 draws from the grammar, repeats allowed; 256 test draws that are not training strings. */
        SAMPLED;

        /** The set reading called {@code name} ({@code distinct} or {@code sampled}). */
        public static Sets of(String name) {
            return switch (name) {
                case "distinct" -> DISTINCT;
                case "sampled" -> SAMPLED;
                default -> throw new IllegalArgumentException(KIND + ": parameter sets must be distinct or sampled, got "
                        + name);
            };
        }
    }

    /** What a step's training target is. */
    public enum Targets {
        /** Every legal next symbol is a 1. */
        SUCCESSORS,
        /** Only the symbol that actually comes next is a 1. */
        NEXT_SYMBOL;

        /** The target reading called {@code name} ({@code successors} or {@code next-symbol}). */
        public static Targets of(String name) {
            return switch (name) {
                case "successors" -> SUCCESSORS;
                case "next-symbol" -> NEXT_SYMBOL;
                default -> throw new IllegalArgumentException(KIND
                        + ": parameter targets must be successors or next-symbol, got " + name);
            };
        }
    }

    private final Sets sets;
    private final Targets targets;

    /** The task at the suite's default readings: distinct sets, legal successors as targets. */
    public EmbeddedReberTask() {
        this(Sets.DISTINCT, Targets.SUCCESSORS);
    }

    /** The task at the given readings of the paper (see the class comment). */
    public EmbeddedReberTask(Sets sets, Targets targets) {
        this.sets = java.util.Objects.requireNonNull(sets, "sets");
        this.targets = java.util.Objects.requireNonNull(targets, "targets");
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

    /** The sequence of {@code string} with this task's targets (the legal successors stay the reference). */
    Sequence encode(String string) {
        Sequence legal = toSequence(string);
        if (targets == Targets.SUCCESSORS) {
            return legal;
        }
        int length = string.length();
        double[][] inputs = new double[length][];
        double[][] next = new double[length][];
        double[][] references = new double[length][];
        for (int t = 0; t < length; t++) {
            inputs[t] = legal.input(t);
            references[t] = legal.reference(t);
            if (references[t] != null) {
                next[t] = ONE_HOT[symbolIndex(string, t + 1)];
            }
        }
        return new Sequence(inputs, next, references);
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
        SplittableRandom draws = rng.split();
        SplittableRandom picks = rng.split();
        boolean distinct = sets == Sets.DISTINCT;
        Collection<String> training = distinct ? new LinkedHashSet<>() : new ArrayList<>();
        while (training.size() < SET_SIZE) {
            String s = randomString(draws);
            if (!distinct || !training.contains(s)) {
                training.add(s);
            }
        }
        Set<String> trainingStrings = new HashSet<>(training);
        Collection<String> test = distinct ? new LinkedHashSet<>() : new ArrayList<>();
        while (test.size() < SET_SIZE) {
            String s = randomString(draws);
            if (!trainingStrings.contains(s) && (!distinct || !test.contains(s))) {
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

    private List<Sequence> encode(Collection<String> strings) {
        List<Sequence> out = new ArrayList<>(strings.size());
        for (String s : strings) {
            out.add(encode(s));
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
                + ", testStrings=" + SET_SIZE + ", sets=" + sets.name().toLowerCase(java.util.Locale.ROOT)
                + ", targets=" + targets.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "]";
    }
}
