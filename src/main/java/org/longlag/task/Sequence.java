package org.longlag.task;

import java.util.Arrays;
import java.util.Objects;

/**
 * One sequence of a task: an input vector at every step and a target vector at the steps that
 * have one.
 *
 * <p>{@code targets[t]} is what the network is trained towards at step {@code t}, or {@code null}
 * when step {@code t} carries no target. {@code references[t]} is what an output is judged against
 * (correctness, absolute error); it equals {@code targets[t]} except for tasks with noisy targets
 * (Exp. 3c), where it is the noise-free target. The arrays are shared, not copied: treat a sequence
 * as immutable.
 */
public final class Sequence {
    private final double[][] inputs;
    private final double[][] targets;
    private final double[][] references;
    private final int targetCount;

    /** A sequence whose targets are also its references. */
    public Sequence(double[][] inputs, double[][] targets) {
        this(inputs, targets, targets);
    }

    /** A sequence with separate training targets and judging references (same null pattern). */
    public Sequence(double[][] inputs, double[][] targets, double[][] references) {
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.references = Objects.requireNonNull(references, "references");
        if (inputs.length == 0) {
            throw new IllegalArgumentException("a sequence needs at least one step");
        }
        if (targets.length != inputs.length || references.length != inputs.length) {
            throw new IllegalArgumentException("inputs, targets and references differ in length: "
                    + inputs.length + ", " + targets.length + ", " + references.length);
        }
        int count = 0;
        for (int t = 0; t < targets.length; t++) {
            if ((targets[t] == null) != (references[t] == null)) {
                throw new IllegalArgumentException("target and reference disagree on step " + t);
            }
            if (targets[t] != null) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("a sequence needs at least one target step");
        }
        this.targetCount = count;
    }

    /** Number of time steps. */
    public int length() {
        return inputs.length;
    }

    /** Input vector at step {@code t}. */
    public double[] input(int t) {
        return inputs[t];
    }

    /** Training target at step {@code t}, or {@code null} if the step has none. */
    public double[] target(int t) {
        return targets[t];
    }

    /** Judging reference at step {@code t}, or {@code null} if the step has none. */
    public double[] reference(int t) {
        return references[t];
    }

    /** Whether step {@code t} carries a target. */
    public boolean hasTarget(int t) {
        return targets[t] != null;
    }

    /** Number of steps that carry a target. */
    public int targetCount() {
        return targetCount;
    }

    @Override
    public String toString() {
        return "Sequence[length=" + inputs.length + ", targetSteps=" + targetCount
                + ", first=" + Arrays.toString(inputs[0]) + "]";
    }
}
