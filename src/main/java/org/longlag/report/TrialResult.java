package org.longlag.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One finished trial: the schema of a line of {@code results/runs/<experiment>.jsonl}. Serializable,
 * so a trial run on a cluster's executor comes back to the driver that appends it.
 *
 * @param experiment row id
 * @param model model name within the row
 * @param kind model kind
 * @param protocol one line on architecture and training protocol
 * @param parameters trainable parameters of the network
 * @param trial trial index within the run
 * @param seed the trial seed every random stream of the trial was derived from
 * @param success whether the stopping rule was met within the budget
 * @param budget the sequence budget of the trial
 * @param sequencesSeen training sequences used
 * @param sequencesToSuccess sequences when the rule was met; {@code null} on failure
 * @param milestones intermediate criteria met on the way (e.g. ST1), by sequence count
 * @param testSize sequences in the final test set
 * @param testWrong of those, judged wrong by the task's rule
 * @param testMse squared error per output at target steps on the test set
 * @param testMeanAbsError absolute error per output at target steps on the test set
 * @param wallSeconds wall-clock time of the trial, test included
 * @param curve training MSE per block of sequences
 * @param provenance where, when and from what the result came
 * @param stoppedBy what ended training: {@code success}, {@code sequences} (the sequence budget
 *     ran out) or {@code seconds} (the wall-clock budget ran out); {@code null} in lines written
 *     before it was recorded, which stopped by success or sequences ({@link #stopReason})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrialResult(
        String experiment,
        String model,
        String kind,
        String protocol,
        long parameters,
        int trial,
        long seed,
        boolean success,
        long budget,
        long sequencesSeen,
        Long sequencesToSuccess,
        Map<String, Long> milestones,
        int testSize,
        int testWrong,
        double testMse,
        double testMeanAbsError,
        double wallSeconds,
        Curve curve,
        Provenance provenance,
        @JsonInclude(JsonInclude.Include.NON_NULL) String stoppedBy) implements Serializable {

    /** The line's fields without {@code stoppedBy}, as lines were written before it was recorded. */
    public TrialResult(String experiment, String model, String kind, String protocol, long parameters, int trial,
            long seed, boolean success, long budget, long sequencesSeen, Long sequencesToSuccess,
            Map<String, Long> milestones, int testSize, int testWrong, double testMse, double testMeanAbsError,
            double wallSeconds, Curve curve, Provenance provenance) {
        this(experiment, model, kind, protocol, parameters, trial, seed, success, budget, sequencesSeen,
                sequencesToSuccess, milestones, testSize, testWrong, testMse, testMeanAbsError, wallSeconds, curve,
                provenance, null);
    }

    /**
     * What ended training. Lines written before time budgets existed did not record it; they
     * stopped on success or at their sequence budget, so it follows from {@code success}.
     */
    @JsonIgnore
    public String stopReason() {
        if (stoppedBy != null) {
            return stoppedBy;
        }
        return success ? "success" : "sequences";
    }

    /** The trial's wall-clock budget in seconds ({@code budgetSeconds} of its configuration), or {@code null}. */
    @JsonIgnore
    public Double budgetSeconds() {
        Object seconds = provenance == null || provenance.config() == null ? null
                : provenance.config().get("budgetSeconds");
        return seconds instanceof Number n ? n.doubleValue() : null;
    }

    /**
     * The budget a failed trial ran out of, as the tables print it: the sequence budget, and the
     * wall-clock budget when the trial had one ("budget 2,000,000 or 600 s"), so that a line
     * stopped by time does not read as if it had seen every sequence of its budget.
     */
    @JsonIgnore
    public String budgetLabel() {
        Double seconds = budgetSeconds();
        return "budget " + Numbers.format(budget) + (seconds != null ? " or " + Numbers.decimal(seconds) + " s" : "");
    }

    /**
     * A short learning curve.
     *
     * @param every sequences per point
     * @param mse mean training MSE of each block of {@code every} sequences
     * @param diagnostics the model's inner-state statistics per block, by name (cell-state size,
     *     gate activity, largest weight for {@code lstm1997}); empty or absent for other models
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Curve(long every, List<Double> mse, Map<String, List<Double>> diagnostics)
            implements Serializable {

        /** A curve without diagnostics. */
        public Curve(long every, List<Double> mse) {
            this(every, mse, Map.of());
        }
    }

    /**
     * Provenance of a result.
     *
     * @param gitCommit commit of the code that produced it
     * @param gitDirty whether the work tree had uncommitted changes
     * @param configHash hash of {@code config}: trials with equal hashes are the same experiment
     * @param config the effective configuration (task, stopping rule, model, budget, run seed)
     * @param javaVersion Java runtime version
     * @param dl4jVersion Deeplearning4j version
     * @param os operating system name, version and architecture
     * @param cpu CPU model
     * @param threads ND4J threads per trial
     * @param parallel trials run at once
     * @param startedAt ISO-8601 start time
     * @param finishedAt ISO-8601 end time
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Provenance(
            String gitCommit,
            boolean gitDirty,
            String configHash,
            Map<String, Object> config,
            String javaVersion,
            String dl4jVersion,
            String os,
            String cpu,
            int threads,
            int parallel,
            String startedAt,
            String finishedAt) implements Serializable {
    }
}
