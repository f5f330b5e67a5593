package org.longlag.bench;

import java.util.Locale;
import org.longlag.task.AddingTask;
import org.longlag.task.GeneratedTask;
import org.longlag.task.VeryLongLagTask;

/**
 * The task a benchmark row trains on: the adding problem at minimal length {@code T} (two real
 * inputs; lengths drawn from {@code [T, T + T/10]}), or the one-hot input of Exp. 2c (very long
 * lag) at a chosen input width, with {@code q = T} distractors and {@code p = width - 4} symbols.
 *
 * @param kind {@link AddingTask#KIND} or {@link VeryLongLagTask#KIND}
 * @param T the adding task's minimal length, or the very-long-lag task's {@code q}
 * @param inputs input width
 */
public record BenchTask(String kind, int T, int inputs) {

    /** Smallest one-hot width: the very-long-lag task needs {@code p >= 1}. */
    public static final int MIN_WIDTH = 5;
    /** Largest one-hot width ({@link VeryLongLagTask#MAX_P} + 4). */
    public static final int MAX_WIDTH = VeryLongLagTask.MAX_P + 4;

    /** Checks the parameters, naming the bad one. */
    public BenchTask {
        if (!kind.equals(AddingTask.KIND) && !kind.equals(VeryLongLagTask.KIND)) {
            throw new IllegalArgumentException("bench task must be adding or very-long-lag, got " + kind);
        }
    }

    /** The adding problem at minimal length {@code T}. */
    public static BenchTask adding(int T) {
        return new BenchTask(AddingTask.KIND, T, 2);
    }

    /** Exp. 2c's one-hot sequences of {@code width} inputs and {@code q = T} distractors. */
    public static BenchTask oneHot(int width, int T) {
        if (width < MIN_WIDTH || width > MAX_WIDTH) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "one-hot width must be in [%d, %d], got %d", MIN_WIDTH, MAX_WIDTH, width));
        }
        return new BenchTask(VeryLongLagTask.KIND, T, width);
    }

    /** The generator. */
    public GeneratedTask generator() {
        return kind.equals(AddingTask.KIND) ? new AddingTask(T) : new VeryLongLagTask(T, inputs - 4);
    }

    /** Output width. */
    public int outputs() {
        return generator().outputSize();
    }
}
