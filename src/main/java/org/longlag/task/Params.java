package org.longlag.task;

/**
 * Parameter checks shared by the tasks, so that every message has the same shape: it names the
 * task kind, the parameter and the offending value, e.g.
 * {@code adding: parameter T must be an integer in 12..1000000, got -3}.
 */
final class Params {

    private Params() {
    }

    /** Returns {@code value} if it lies in {@code min..max} (inclusive), else throws. */
    static int inRange(String kind, String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(rangeMessage(kind, name, min, max, String.valueOf(value)));
        }
        return value;
    }

    /** The message for an integer parameter outside {@code min..max}. */
    static String rangeMessage(String kind, String name, int min, int max, String got) {
        return kind + ": parameter " + name + " must be an integer in " + min + ".." + max + ", got " + got;
    }

    /** A fresh one-hot vector. */
    static double[] oneHot(int size, int index) {
        double[] v = new double[size];
        v[index] = 1.0;
        return v;
    }
}
