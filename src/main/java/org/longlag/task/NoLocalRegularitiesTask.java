package org.longlag.task;

import java.util.SplittableRandom;

/**
 * Exp. 2b, no local regularities: as {@link NoiseFreeTask}, but the {@code p - 1} middle symbols
 * are drawn independently and uniformly from {@code a_1 ... a_{p-1}}.
 *
 * <p>Only the last step carries a target (the one-hot final x or y, over all {@code p + 1}
 * outputs). Inside the random middle the next symbol cannot be predicted; a target there could
 * only teach the net the uniform mean {@code 1/(p-1)}, which the paper's 2b does not judge and
 * which would put error unrelated to the long-lag problem into every step. The paper judges 2b at
 * the sequence end only, so that is where the target is.
 */
public final class NoLocalRegularitiesTask extends SymbolLagTask {

    /** The kind name used by {@link Tasks#create}. */
    public static final String KIND = "no-local-regularities";

    /** @param p number of symbols minus one, in {@code 2..2000} (the paper: 100) */
    public NoLocalRegularitiesTask(int p) {
        super(KIND, p);
    }

    @Override
    boolean targetsEveryStep() {
        return false;
    }

    @Override
    int middle(int i, SplittableRandom rng) {
        return indexOfA(1 + rng.nextInt(p() - 1));
    }

    @Override
    public String toString() {
        return "NoLocalRegularitiesTask[p=" + p() + "]";
    }
}
