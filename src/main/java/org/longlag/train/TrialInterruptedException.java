package org.longlag.train;

/** A trial was stopped from outside (Ctrl-C, shutdown) before it finished; it leaves no result. */
public final class TrialInterruptedException extends RuntimeException {
    public TrialInterruptedException() {
        super("trial interrupted");
    }
}
