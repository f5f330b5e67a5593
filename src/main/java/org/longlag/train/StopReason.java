package org.longlag.train;

import java.util.Locale;

/** Why a trial stopped training: its stopping rule was met, or one of its budgets ran out. */
public enum StopReason {
    /** The stopping rule was met. */
    SUCCESS,
    /** The sequence budget was spent. */
    SEQUENCES,
    /** The wall-clock budget was spent. */
    SECONDS;

    /** The name a result line records, e.g. {@code seconds}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
