package org.longlag.bench;

/**
 * One measured row.
 *
 * @param name the row's model name ({@link BenchCase#name()})
 * @param engine {@code fused}, {@code layers} or {@code composed} for the DL4J kinds, else null
 * @param protocol the kind's one-line protocol
 * @param task what it trained on
 * @param batch sequences per update
 * @param parameters trainable parameters
 * @param repetitions timed repetitions
 * @param sequencesPerRepetition mean sequences per timed repetition
 * @param sequencesPerSecond one rate per repetition
 * @param seqStepsPerSecond one rate per repetition
 * @param seqStepsPerCpuSecond one rate per repetition, over the process's CPU time (NaN if unknown)
 * @param comparisonKey equal for the same model on two engines ({@link BenchCase#comparisonKey()})
 */
public record BenchResult(String name, String engine, String protocol, BenchTask task, int batch, long parameters,
        int repetitions, double sequencesPerRepetition, double[] sequencesPerSecond, double[] seqStepsPerSecond,
        double[] seqStepsPerCpuSecond, String comparisonKey) {

    /** Median sequences per second. */
    public double medianSequencesPerSecond() {
        return Stats.median(sequencesPerSecond);
    }

    /** Median sequence-steps per second. */
    public double medianSeqStepsPerSecond() {
        return Stats.median(seqStepsPerSecond);
    }

    /** Median sequence-steps per second of CPU time. */
    public double medianSeqStepsPerCpuSecond() {
        return Stats.median(seqStepsPerCpuSecond);
    }

    /** Microseconds of training per sequence-step, from the median rate. */
    public double microsPerSeqStep() {
        return 1e6 / medianSeqStepsPerSecond();
    }
}
